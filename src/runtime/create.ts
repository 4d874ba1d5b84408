// `ctbun create`: validate the bundle, make the state dir and exec.fifo, clone the init into
// its namespaces through the C shim, answer its set-up messages, and record the state.
import { ptr } from "bun:ffi";
import { mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ContainerExistsError, CtbunError, SysError } from "../errors.ts";
import { log, logEnv, trace } from "../log.ts";
import { check, cstrArray, errno as errnoNow, libc } from "../linux/libc.ts";
import { seqpacketPair, sendFdToSocket, shim, waitGone } from "../linux/shim.ts";
import { readProcStat } from "../linux/proc.ts";
import { validateId } from "../spec/id.ts";
import { loadSpec } from "../spec/load.ts";
import type { IdMapping, NamespaceType, OciState, Spec } from "../spec/types.ts";
import { runHooks } from "./hooks.ts";
import type { CreateOptions } from "./options.ts";
import { EXEC_FIFO, ensureRoot, nowRfc3339Nano, stateDir, writeSavedState, type SavedState } from "./state.ts";
import { receive, receiveShim, send, sendByte, type InitConfig } from "./sync.ts";
import { cgroupsFor, setPidsLimit, type CgroupManager } from "./cgroup.ts";
import { lockContainer } from "./lock.ts";
import { writePidFile } from "./pid-file.ts";
import { O_CLOEXEC, O_DIRECTORY, O_PATH, O_RDONLY, O_WRONLY } from "../linux/constants.ts";

export const NS_FLAGS: Record<NamespaceType, number> = {
  mount: 0x00020000,
  cgroup: 0x02000000,
  uts: 0x04000000,
  ipc: 0x08000000,
  user: 0x10000000,
  pid: 0x20000000,
  network: 0x40000000,
  time: 0x00000080,
};
const NS_GET_NSTYPE = 0xb703;

export interface Created {
  state: SavedState;
  /** The pty master when the caller keeps the console (foreground run). */
  consoleMaster?: number;
}

export async function create(opts: CreateOptions): Promise<void> {
  const c = await createContainer(opts, { keepConsole: false });
  if (c.consoleMaster !== undefined) libc.symbols.close(c.consoleMaster);
}

/** The program to re-execute as `ctbun init`. */
function selfExec(): { exe: string; argv: string[] } {
  const exe = realpathSync(process.execPath);
  if (Bun.isStandaloneExecutable) return { exe, argv: ["ctbun", "init"] };
  return { exe, argv: [exe, Bun.main, "init"] };
}

function openNamespaces(spec: Spec): { fds: number[]; types: number[] } {
  const fds: number[] = [];
  const types: number[] = [];
  const list = (spec.linux?.namespaces ?? []).map((n, i) => ({ ...n, i })).filter((n) => n.path);
  // a user namespace must be joined first: the others are owned by it
  list.sort((a, b) => (a.type === "user" ? -1 : b.type === "user" ? 1 : 0));
  try {
    for (const n of list) {
      const fd = libc.symbols.open(n.path!, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0) throw new CtbunError(`linux.namespaces[${n.i}].path: ${new SysError("open", errnoNow(), n.path).message}`);
      fds.push(fd);
      const t = libc.symbols.ioctl(fd, NS_GET_NSTYPE, null);
      if (t !== NS_FLAGS[n.type]) {
        throw new CtbunError(`linux.namespaces[${n.i}].path: "${n.path}" is not a ${n.type} namespace`);
      }
      types.push(t);
    }
  } catch (e) {
    fds.forEach((fd) => libc.symbols.close(fd));
    throw e;
  }
  return { fds, types };
}

/** fds for the shim to join the container's cgroups at birth: the cgroup2 dir (clone3
 * CLONE_INTO_CGROUP) and each v1 hierarchy's `tasks` file; undefined when a path is missing. */
function openCgroupJoin(paths: Record<string, string>): { cg2Fd: number; taskFds: number[]; fds: number[] } | undefined {
  const fds: number[] = [];
  const close = () => fds.forEach((fd) => libc.symbols.close(fd));
  let cg2Fd = -1;
  const taskFds: number[] = [];
  for (const [ctrl, dir] of Object.entries(paths)) {
    if (ctrl === "") {
      cg2Fd = libc.symbols.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
      if (cg2Fd < 0) return void close();
      fds.push(cg2Fd);
    }
  }
  for (const dir of new Set(Object.entries(paths).filter(([c]) => c !== "").map(([, d]) => d))) {
    const fd = libc.symbols.open(`${dir}/tasks`, O_WRONLY | O_CLOEXEC, 0);
    if (fd < 0 || taskFds.length >= 16) {
      if (fd >= 0) libc.symbols.close(fd);
      return void close();
    }
    fds.push(fd);
    taskFds.push(fd);
  }
  return { cg2Fd, taskFds, fds };
}

function idMap(m: { containerID: number; hostID: number; size: number }[] | undefined): string {
  return (m ?? []).map((x) => `${x.containerID} ${x.hostID} ${x.size}\n`).join("");
}

// --- rootless id maps (as runc's nsexec): an unprivileged caller that maps only its own gid
// must write "deny" to setgroups first; a direct write refused with EPERM goes through
// newuidmap/newgidmap (shadow-utils, /etc/subuid and /etc/subgid) when they are installed.
function writeIdMaps(pid: number, spec: Spec): void {
  const gids = spec.linux?.gidMappings ?? [];
  const ownGidOnly = gids.length === 1 && gids[0]!.containerID === 0 && gids[0]!.hostID === process.getegid?.() && gids[0]!.size === 1;
  if (process.geteuid?.() !== 0 && ownGidOnly) writeFileSync(`/proc/${pid}/setgroups`, "deny");
  writeIdMap(pid, "uid", spec.linux?.uidMappings);
  writeIdMap(pid, "gid", gids);
}

function writeIdMap(pid: number, kind: "uid" | "gid", maps: IdMapping[] | undefined): void {
  if (!maps?.length) return;
  const path = `/proc/${pid}/${kind}_map`;
  try {
    writeFileSync(path, idMap(maps));
    return;
  } catch (e: any) {
    if (e?.code !== "EPERM") throw new CtbunError(`failed to update ${path}`, { cause: e });
  }
  const tool = `new${kind}map`;
  const args = maps.flatMap((x) => [x.containerID, x.hostID, x.size].map(String));
  let r: ReturnType<typeof Bun.spawnSync>;
  try {
    r = Bun.spawnSync([tool, String(pid), ...args], { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  } catch {
    throw new CtbunError(`failed to update ${path}: operation not permitted (and ${tool} is not installed)`);
  }
  if (r.exitCode !== 0) {
    throw new CtbunError(`failed to use ${tool} on ${pid}: ${r.stderr?.toString().trim() || `exit status ${r.exitCode}`}`);
  }
}
// --- end rootless id maps

function timeOffsets(spec: Spec): string | null {
  const t = spec.linux?.timeOffsets;
  if (!t) return null;
  return Object.entries(t)
    .map(([clock, v]) => `${clock} ${v.secs ?? 0} ${v.nanosecs ?? 0}`)
    .join("\n");
}

/** Lay out struct ct_spawn (ffi/ctshim.h): every field 8 bytes. */
function spawnStruct(f: {
  cloneFlags: number;
  syncFd: number;
  fifoFd: number;
  preserveFds: number;
  nsFds: number[];
  nsTypes: number[];
  exe: string;
  argv: string[];
  envp: string[];
  timens: string | null;
  roExe: string | null;
  setsid: boolean;
  cg2Fd: number;
  cgTaskFds: number[];
}): { buf: BigInt64Array; keep: unknown[] } {
  const buf = new BigInt64Array(31 + 2 + 16);
  const keep: unknown[] = [];
  let i = 0;
  const put = (v: number | bigint) => (buf[i++] = BigInt(v));
  put(f.cloneFlags);
  put(f.syncFd);
  put(f.fifoFd);
  put(f.preserveFds);
  put(-1), put(-1), put(-1); // stdio: keep ours
  put(f.nsFds.length);
  for (let k = 0; k < 8; k++) put(f.nsFds[k] ?? -1);
  for (let k = 0; k < 8; k++) put(f.nsTypes[k] ?? 0);
  const str = (s: string | null) => {
    if (s === null) return put(0);
    const b = Buffer.from(s + "\0");
    keep.push(b);
    put(ptr(b));
  };
  str(f.exe);
  const argv = cstrArray(f.argv);
  const envp = cstrArray(f.envp);
  keep.push(argv, envp);
  put(argv.ptr);
  put(envp.ptr);
  str(f.timens);
  str(f.roExe);
  put(f.setsid ? 1 : 0);
  put(f.cg2Fd);
  put(f.cgTaskFds.length);
  for (let k = 0; k < 16; k++) put(f.cgTaskFds[k] ?? -1);
  return { buf, keep };
}

export async function createContainer(opts: CreateOptions, mode: { keepConsole: boolean }): Promise<Created> {
  validateId(opts.id);
  const bundle = resolve(opts.bundle || ".");
  trace("create: start");
  const spec = loadSpec(bundle);
  trace("create: spec loaded");
  const proc = spec.process!;
  const terminal = !!proc.terminal;
  if (opts.consoleSocket && !terminal) throw new CtbunError("cannot use console socket if runc will not detach or allocate tty");
  if (terminal && !opts.consoleSocket && !mode.keepConsole)
    throw new CtbunError("cannot allocate tty if runc will detach without setting console socket");
  if (opts.systemdCgroup) throw new CtbunError("systemd cgroup driver is not supported (--systemd-cgroup)");

  ensureRoot(opts.root);
  const dir = stateDir(opts.root, opts.id);
  try {
    mkdirSync(dir, { mode: 0o711 });
  } catch (e: any) {
    if (e?.code === "EEXIST") throw new ContainerExistsError();
    throw e;
  }
  // start/kill/delete of this id wait until the container is fully created (or gone again)
  const unlock = lockContainer(opts.root, opts.id);

  const toClose: number[] = [];
  let initPid = 0;
  let mid = 0; // the shim's intermediate child until reaped (it holds both socket ends: kill it on errors)
  let cg: CgroupManager | undefined;
  try {
    const fifo = join(dir, EXEC_FIFO);
    const oldMask = libc.symbols.umask(0);
    const r = libc.symbols.mkfifo(fifo, 0o622);
    libc.symbols.umask(oldMask);
    check(r, "mkfifo", fifo);

    const ns = openNamespaces(spec);
    toClose.push(...ns.fds);
    let cloneFlags = 0;
    for (const n of spec.linux?.namespaces ?? []) if (!n.path) cloneFlags |= NS_FLAGS[n.type];
    // A new cgroup namespace is made by the init itself once the parent has moved it into its
    // cgroup: that move (slow on cgroup v1) then overlaps with the init's start-up.
    cloneFlags &= ~NS_FLAGS.cgroup;


    const [ours, theirs] = seqpacketPair(true);
    toClose.push(ours, theirs);
    const fifoFd = check(libc.symbols.open(fifo, O_PATH | O_CLOEXEC, 0), "open", fifo);
    toClose.push(fifoFd);

    // As root, the cgroup is made first and the intermediate is born in it (clone3 into the
    // cgroup2 dir, a "0" written to each v1 `tasks` file by the single-threaded child): no
    // cgroup.procs write, which waits ~10-15 ms for an RCU grace period on this kernel.
    // Rootless (permission errors tolerated per hierarchy): the init is moved in afterwards.
    const cgm = (cg = cgroupsFor(opts, spec, { deferPids: true }));
    trace("create: cgroup configured");
    const cgJoin = process.geteuid?.() === 0 ? openCgroupJoin(cgm.paths()) : undefined;
    if (cgJoin) toClose.push(...cgJoin.fds);

    const base = 3 + opts.preserveFds;
    const self = selfExec();
    const st = spawnStruct({
      cloneFlags,
      syncFd: theirs,
      fifoFd,
      preserveFds: opts.preserveFds,
      nsFds: ns.fds,
      nsTypes: ns.types,
      exe: self.exe,
      argv: self.argv,
      envp: [`_CTBUN_SYNC_FD=${base}`, `_CTBUN_FIFO_FD=${base + 1}`, ...logEnv()],
      timens: timeOffsets(spec),
      roExe: cloneFlags & NS_FLAGS.mount ? self.exe : null,
      setsid: true, // always a session leader, as runc: CRIU refuses a session led from outside the container
      cg2Fd: cgJoin?.cg2Fd ?? -1,
      cgTaskFds: cgJoin?.taskFds ?? [],
    });
    mid = shim().ct_spawn_init(ptr(st.buf));
    if (mid < 0) {
      const err = -mid;
      mid = 0;
      throw new SysError("clone", err);
    }
    trace("create: cloned");
    // our copy of the child's end must go, or a dead init would never give us EOF
    libc.symbols.close(theirs);
    toClose.splice(toClose.indexOf(theirs), 1);

    // 1. intermediate: id maps and cgroup, then go
    let m = receiveShim(ours);
    if (!m) throw new CtbunError("container init exited during set-up");
    if (m.type === 3) throw new CtbunError(`unable to start container process: ${m.text}: ${new SysError("", m.value).message.slice(2)}`);
    if (spec.linux?.uidMappings?.length || cloneFlags & NS_FLAGS.user) {
      if (cloneFlags & NS_FLAGS.user) writeIdMaps(m.value, spec); // rootless-aware (below)
    }
    sendByte(ours);
    m = receiveShim(ours);
    if (!m) throw new CtbunError("container init exited during set-up");
    if (m.type === 3) throw new CtbunError(`unable to start container process: ${m.text}: ${new SysError("", m.value).message.slice(2)}`);
    initPid = m.value;
    reapIntermediate(mid);
    mid = 0;
    trace("create: init forked");

    // 2. init: configuration, hooks, console, ready
    const initConfig: InitConfig = {
      type: "config",
      id: opts.id,
      spec,
      rootfs: spec.root!.path,
      bundle,
      noPivot: opts.noPivot,
      noNewKeyring: opts.noNewKeyring,
      preserveFds: opts.preserveFds,
      sendConsole: terminal,
      cgroupPaths: cgm.paths(),
    };
    send(ours, initConfig);
    // moving a process between cgroups waits for an RCU grace period on cgroup v1 (~14 ms
    // here): the init prepares its rootfs meanwhile and waits for this message only where it
    // needs to be inside the cgroup (the cgroup namespace and cgroup mounts)
    if (!cgJoin) cgm.apply(initPid);
    try {
      send(ours, { type: "cgroup-joined" });
    } catch (e) {
      // an init that failed already has left its error message for the loop below
      if (!(e instanceof SysError && (e.errno === 32 || e.errno === 104))) throw e;
    }
    trace("create: cgroup joined");
    const ociState = (status: OciState["status"]): OciState => ({
      ociVersion: spec.ociVersion,
      id: opts.id,
      status,
      pid: initPid,
      bundle,
      annotations: spec.annotations,
    });
    let consoleMaster: number | undefined;
    for (;;) {
      const got = receive(ours);
      if (!got) {
        await Bun.sleep(0);
        throw new CtbunError("container init exited unexpectedly");
      }
      const msg = got.msg;
      // runc wraps whatever the init reports the same way; engines show this text to users
      if (msg.type === "error") throw new CtbunError(`unable to start container process: ${msg.message}`);
      trace(`create: init says ${msg.type}`);
      if (msg.type === "hooks") {
        runHooks("prestart", spec.hooks?.prestart, ociState("creating"));
        runHooks("createRuntime", spec.hooks?.createRuntime, ociState("creating"));
        send(ours, { type: "hooks-done" });
      } else if (msg.type === "console") {
        const fd = got.fds[0];
        if (fd === undefined) throw new CtbunError("container init sent no console fd");
        if (mode.keepConsole && !opts.consoleSocket) consoleMaster = fd;
        else {
          try {
            sendFdToSocket(opts.consoleSocket!, fd);
          } finally {
            libc.symbols.close(fd);
          }
        }
      } else if (msg.type === "ready") break;
    }
    // the pids limit once the init's threads exist (see cgroupsFor)
    setPidsLimit(cgm, spec);

    const stat = readProcStat(initPid);
    if (!stat) throw new CtbunError("container init exited unexpectedly");
    const state: SavedState = {
      id: opts.id,
      pid: initPid,
      initStart: stat.startTime,
      bundle,
      rootfs: spec.root!.path,
      created: nowRfc3339Nano(),
      ociVersion: spec.ociVersion,
      annotations: spec.annotations,
      config: spec,
      cgroup: cgm.save(),
    };
    writeSavedState(opts.root, state);
    if (opts.pidFile) writePidFile(opts.pidFile, initPid);
    trace("create: state written");
    return { state, consoleMaster };
  } catch (e) {
    if (mid > 0) {
      libc.symbols.kill(mid, 9);
      reapIntermediate(mid);
    }
    if (initPid > 0) {
      libc.symbols.kill(initPid, 9);
      try {
        waitGone(initPid, 2000);
      } catch {}
    }
    try {
      cg?.destroy();
    } catch (err) {
      log.warn(`unable to remove cgroup: ${err}`);
    }
    rmSync(dir, { recursive: true, force: true });
    throw e;
  } finally {
    toClose.forEach((fd) => libc.symbols.close(fd));
    unlock();
  }
}

function reapIntermediate(pid: number): void {
  const st = new Int32Array(1);
  while (libc.symbols.waitpid(pid, ptr(st), 0x40000000 /* __WALL */) < 0) {
    if (errnoNow() !== 4) break;
  }
}

