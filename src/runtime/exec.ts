// `ctbun exec`: run another process in a running container.
//
// Everything the container decides (namespaces, root, cgroups) is read from the running init;
// the process itself comes from the container's config (or -p process.json) with the flags
// applied as runc applies them. The clone, the namespace joins, the credential/capability/
// seccomp set-up and the execve happen in C (ffi/ctexec.c): the Bun binary cannot run inside
// the container's root. The exec'd process is our own child (CLONE_PARENT), so the foreground
// case waits for it directly, forwards signals and exits with its status (128+signal).
import { ptr } from "bun:ffi";
import { readFileSync, readlinkSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import type { ExecOptions } from "../cli/exec.ts";
import { CtbunError, SysError } from "../errors.ts";
import { CAPABILITIES, isKnownCap, lastCap } from "../linux/capabilities.ts";
import { errno, libc } from "../linux/libc.ts";
import { log } from "../log.ts";
import { isAlive } from "../linux/proc.ts";
import { sendFdToSocket, sendMsg, syscall6 } from "../linux/shim.ts";
import type { Process, Spec } from "../spec/types.ts";
import { cgroupOf } from "./cgroup.ts";
import { writePidFile } from "./pid-file.ts";
import { superviseForeground } from "./foreground.ts";
import { startInContainer, type NativeExec } from "./exec-native.ts";
import { lockContainer } from "./lock.ts";
import { readSavedState, statusOf, type SavedState } from "./state.ts";
import { O_CLOEXEC, O_DIRECTORY, O_PATH, O_RDONLY, RESOLVE_IN_ROOT } from "../linux/constants.ts";

const SYS_openat2 = 437,
  SYS_pidfd_open = 434;

/** Namespaces in joining order: the user namespace first, the mount namespace last. */
const NAMESPACES: [string, number][] = [
  ["user", 0x10000000],
  ["ipc", 0x08000000],
  ["uts", 0x04000000],
  ["net", 0x40000000],
  ["pid", 0x20000000],
  ["cgroup", 0x02000000],
  ["time", 0x00000080],
  ["mnt", 0x00020000],
];

const RLIMIT: Record<string, number> = {
  RLIMIT_CPU: 0, RLIMIT_FSIZE: 1, RLIMIT_DATA: 2, RLIMIT_STACK: 3, RLIMIT_CORE: 4, RLIMIT_RSS: 5,
  RLIMIT_NPROC: 6, RLIMIT_NOFILE: 7, RLIMIT_MEMLOCK: 8, RLIMIT_AS: 9, RLIMIT_LOCKS: 10,
  RLIMIT_SIGPENDING: 11, RLIMIT_MSGQUEUE: 12, RLIMIT_NICE: 13, RLIMIT_RTPRIO: 14, RLIMIT_RTTIME: 15,
};


/**
 * The container lock (lock.ts) is held from the status check until the process has joined and
 * exec'd, so start, pause, kill and delete cannot change the container in between; it is
 * released before the process is waited for, so they are never held up by a running exec.
 * Not for `--ignore-paused` on a paused container: the joined process freezes with it, the
 * join waits for its execve, so it would hold the lock until a resume that needs the lock.
 */
export async function exec(opts: ExecOptions): Promise<number> {
  let unlock = lockContainer(opts.root, opts.id);
  try {
    return await execLocked(opts, () => {
      unlock();
      unlock = () => {};
    });
  } finally {
    unlock();
  }
}

async function execLocked(opts: ExecOptions, unlock: () => void): Promise<number> {
  const saved = readSavedState(opts.root, opts.id);
  const status = statusOf(opts.root, saved);

  if (status === "stopped") throw new CtbunError("cannot exec in a stopped container");
  if (status === "paused" && !opts.ignorePaused)
    throw new CtbunError("cannot exec in a paused container (use --ignore-paused to override)");
  if (status === "paused") unlock(); // see exec()
  const cfg = saved.config;
  if (opts.processLabel || opts.apparmor || opts.processFile || cfg.process?.selinuxLabel || cfg.process?.apparmorProfile || cfg.linux?.personality || cfg.linux?.seccomp)
    await loadSecurity();
  const proc = processFor(opts, cfg);
  const tty = !!proc.terminal;
  if (opts.detach && tty && !opts.consoleSocket)
    throw new CtbunError("cannot allocate tty if runc will detach without setting console socket");
  if (opts.consoleSocket && (!opts.detach || !tty))
    throw new CtbunError("cannot use console socket if runc will not detach or allocate tty");
  checkLsm(proc);
  const cg = cgroupTargets(saved, opts.cgroups);

  const toClose: number[] = [];
  let started;
  try {
    const ns = openNamespaces(saved.pid, toClose);
    const rootFd = openOrThrow(`/proc/${saved.pid}/root`, O_PATH | O_DIRECTORY | O_CLOEXEC);
    toClose.push(rootFd);
    // everything above came from /proc/<pid>: make sure that pid was still our init
    if (!isAlive(saved.pid, saved.initStart)) throw new CtbunError("cannot exec in a stopped container");
    const cgroupSoft = !!cgroupOf(saved)?.save().rootless;
    let cgroupFd = -1;
    if (cg.v2Dir !== undefined) {
      cgroupFd = libc.symbols.open(cg.v2Dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
      if (cgroupFd < 0 && !cgroupSoft) throw new CtbunError("unable to join cgroup", { cause: new SysError("open", errno(), cg.v2Dir) });
      if (cgroupFd >= 0) toClose.push(cgroupFd);
    }
    const userNs = ns.some((n) => n.type === 0x10000000);
    const env = withHome(dedupeEnv(proc.env ?? []), proc.user.uid, rootFd);
    const capLast = lastCap();
    const seccomp = seccompMod?.compileSeccompForExec(saved.config.linux?.seccomp);
    started = startInContainer({
      ns,
      rootFd,
      cgroupFiles: cg.v1Tasks,
      cgroupFd,
      cgroupSoft,
      rlimits: rlimitsOf(proc),
      oomScoreAdj: proc.oomScoreAdj,
      preserveFds: opts.preserveFds,
      tty,
      consoleSize: proc.consoleSize,
      uid: proc.user.uid,
      gid: proc.user.gid,
      groups: userNs && setgroupsDenied(saved.pid) ? undefined : (proc.user.additionalGids ?? []),
      caps: capsOf(proc, capLast),
      capLast,
      noNewPrivs: !!proc.noNewPrivileges,
      umask: proc.user.umask ?? 0o022,
      seccomp,
      personality: personalityOf(saved.config),
      // internal: the copy-per-child path the user/time namespace case takes, for tests
      forceFork: process.env._CTBUN_EXEC_FORK === "1",
      apparmor: proc.apparmorProfile || undefined,
      selinuxLabel: proc.selinuxLabel || undefined,
      keyring: `_ses.${saved.id}`,
      cwd: proc.cwd,
      file: proc.args![0]!,
      path: env.find((e) => e.startsWith("PATH="))?.slice(5),
      argv: proc.args!,
      env,
    } satisfies NativeExec);
  } finally {
    toClose.forEach((fd) => libc.symbols.close(fd));
  }
  unlock(); // joined and exec'd: what follows needs no lock (see exec())

  const { pid } = started;
  let master = started.consoleMaster;
  try {
    if (started.seccompFd !== undefined) sendSeccompFd(saved, pid, started.seccompFd);
    if (master !== undefined && opts.consoleSocket) {
      try {
        sendFdToSocket(opts.consoleSocket, master);
      } finally {
        libc.symbols.close(master);
        master = undefined;
      }
    }
    if (opts.pidfdSocket) sendPidfd(opts.pidfdSocket, pid);
    if (opts.pidFile) writePidFile(opts.pidFile, pid);
  } catch (e) {
    libc.symbols.kill(pid, 9);
    throw e;
  }
  if (opts.detach) return 0;
  const rc = await foreground(pid, master);
  return rc;
}

/** The process to run: -p process.json, or the container's process with the flags applied. */
export function processFor(opts: ExecOptions, spec: Spec): Process {
  if (opts.processFile) {
    let p: Process;
    try {
      p = JSON.parse(readFileSync(opts.processFile, "utf8")) as Process;
    } catch (e: any) {
      if (e?.code) throw new SysError("open", Math.abs(e.errno ?? 2), opts.processFile);
      throw new CtbunError(`unable to parse ${opts.processFile}`, { cause: e });
    }
    return validateProcess(p);
  }
  if (!spec.process) throw new CtbunError("process property must not be empty");
  const p: Process = structuredClone(spec.process);
  if (opts.args.length === 0) throw new CtbunError("exec args cannot be empty");
  p.args = opts.args;
  if (opts.cwd) p.cwd = opts.cwd;
  if (opts.apparmor) p.apparmorProfile = opts.apparmor;
  if (opts.processLabel) p.selinuxLabel = opts.processLabel;
  if (opts.caps.length) {
    const c = (p.capabilities ??= {});
    for (const cap of opts.caps) {
      (c.bounding ??= []).push(cap);
      (c.effective ??= []).push(cap);
      (c.permitted ??= []).push(cap);
      // ambient needs inheritable, which --cap does not set: only when the spec has some
      if (c.inheritable) (c.ambient ??= []).push(cap);
    }
  }
  p.env = [...(p.env ?? []), ...opts.env];
  p.terminal = opts.tty;
  if (opts.noNewPrivs) p.noNewPrivileges = true;
  p.user = { ...p.user, additionalGids: [...(p.user?.additionalGids ?? [])] };
  if (opts.user) {
    const [uids, gids] = splitOnce(opts.user, ":");
    if (gids !== undefined) p.user.gid = atoi(gids, "bad gid");
    p.user.uid = atoi(uids, "bad uid");
  }
  for (const g of opts.additionalGids) {
    if (g < 0) throw new CtbunError(`additional-gids must be a positive number ${g}`);
    p.user.additionalGids!.push(g);
  }
  return validateProcess(p);
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Go's strconv.Atoi as runc uses it for -u, with its error text. */
function atoi(s: string, what: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CtbunError(`${what}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0 || n > 0xffffffff) throw new CtbunError(`${what}: ${JSON.stringify(s)} is out of range`);
  return n;
}

/** runc's validateProcessSpec, same texts. */
function validateProcess(p: Process | null | undefined): Process {
  if (!p || typeof p !== "object") throw new CtbunError("process property must not be empty");
  if (!p.cwd) throw new CtbunError("Cwd property must not be empty");
  if (!p.cwd.startsWith("/")) throw new CtbunError("Cwd must be an absolute path");
  if (!Array.isArray(p.args) || p.args.length === 0) throw new CtbunError("args must not be empty");
  if (p.selinuxLabel && !lsm?.selinuxEnabled())
    throw new CtbunError("selinux label is specified in config, but selinux is disabled or not supported");
  p.user ??= { uid: 0, gid: 0 };
  p.user.uid ??= 0;
  p.user.gid ??= 0;
  return p;
}

type Lsm = typeof import("../linux/lsm.ts");
type Seccomp = typeof import("../linux/seccomp.ts");
let lsm: Lsm | undefined;
let seccompMod: Seccomp | undefined;

/** The LSM and seccomp modules (and libseccomp) cost start-up time: most execs need neither. */
async function loadSecurity(): Promise<void> {
  lsm ??= await import("../linux/lsm.ts");
  seccompMod ??= await import("../linux/seccomp.ts");
}

function checkLsm(p: Process): void {
  if (p.apparmorProfile && !lsm?.apparmorEnabled())
    throw new CtbunError(`apparmor profile "${p.apparmorProfile}" is set but AppArmor is not enabled on this host`);
}

function openOrThrow(path: string, flags: number): number {
  const fd = libc.symbols.open(path, flags, 0);
  if (fd < 0) {
    const e = errno();
    if (e === 2 || e === 3) throw new CtbunError("cannot exec in a stopped container");
    throw new SysError("open", e, path);
  }
  return fd;
}

function nsId(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch (e: any) {
    if (e?.code === "ENOENT") return undefined; // the kernel has no such namespace type
    throw e;
  }
}

/** The init's namespaces that differ from ours, opened, in joining order. */
function openNamespaces(pid: number, toClose: number[]): { fd: number; type: number }[] {
  const out: { fd: number; type: number }[] = [];
  for (const [name, type] of NAMESPACES) {
    const theirs = nsId(`/proc/${pid}/ns/${name}`);
    if (theirs === undefined) {
      if (name === "time" || name === "cgroup") continue;
      throw new CtbunError("cannot exec in a stopped container");
    }
    if (theirs === nsId(`/proc/self/ns/${name}`)) continue;
    const fd = openOrThrow(`/proc/${pid}/ns/${name}`, O_RDONLY | O_CLOEXEC);
    toClose.push(fd);
    out.push({ fd, type });
  }
  return out;
}

function setgroupsDenied(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/setgroups`, "latin1").trim() === "deny";
  } catch {
    return false;
  }
}

/** Where the process goes: the `tasks` file of every v1 hierarchy and the cgroup2 directory,
 * of the container's cgroup or of the --cgroup sub-cgroups. */
export function cgroupTargets(saved: SavedState, args: string[]): { v1Tasks: string[]; v2Dir?: string } {
  const mgr = cgroupOf(saved);
  const sub = subCgroupPaths(args);
  if (!mgr) {
    if (sub.size) throw new CtbunError("the container has no cgroup to run --cgroup in");
    return { v1Tasks: [] };
  }
  const paths = mgr.paths();
  if (mgr.mode !== "unified" && sub.has("")) throw new CtbunError(`invalid --cgroup argument: ${sub.get("")} (missing <controller>: prefix)`);
  for (const ctrl of sub.keys()) if (!(ctrl in paths)) throw new CtbunError(`unknown controller ${ctrl} in --cgroup`);
  const v1 = new Set<string>();
  let v2Dir: string | undefined;
  for (const [ctrl, dir] of Object.entries(paths)) {
    const s = sub.get(ctrl);
    // the sub-path stays inside the container's cgroup, whatever dots it has
    const target = s === undefined ? dir : join(dir, posix.normalize("/" + s));
    if (ctrl === "") v2Dir = target;
    else v1.add(join(target, "tasks"));
  }
  return { v1Tasks: [...v1], v2Dir };
}

/** runc's getSubCgroupPaths: "path" (v2) or "ctrl[,ctrl]:path" (v1), same errors. */
export function subCgroupPaths(args: string[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const c of args) {
    const i = c.indexOf(":");
    if (i >= 0) {
      const path = c.slice(i + 1);
      for (const ctrl of c.slice(0, i).split(",")) {
        if (ctrl === "") throw new CtbunError(`invalid --cgroup argument: ${c} (empty <controller> prefix)`);
        if (paths.has(ctrl)) throw new CtbunError(`invalid --cgroup argument(s): controller ${ctrl} specified multiple times`);
        paths.set(ctrl, path);
      }
    } else {
      if (args.length !== 1) throw new CtbunError(`invalid --cgroup argument: ${c} (missing <controller>: prefix)`);
      paths.set("", c);
    }
  }
  return paths;
}

/** Later entries win, at the place of the first one (as runc does). */
export function dedupeEnv(env: string[]): string[] {
  const at = new Map<string, number>();
  const out: string[] = [];
  for (const e of env) {
    const i = e.indexOf("=");
    const key = i < 0 ? e : e.slice(0, i);
    const k = at.get(key);
    if (k === undefined) {
      at.set(key, out.length);
      out.push(e);
    } else out[k] = e;
  }
  return out;
}

/** HOME from the container's /etc/passwd when the env has none (resolved inside its root). */
function withHome(env: string[], uid: number, rootFd: number): string[] {
  if (env.some((e) => e.startsWith("HOME="))) return env;
  let home = "/";
  const how = new BigUint64Array([BigInt(O_RDONLY | O_CLOEXEC), 0n, BigInt(RESOLVE_IN_ROOT)]);
  const path = Buffer.from("etc/passwd\0");
  const fd = syscall6(SYS_openat2, rootFd, ptr(path), ptr(how), 24);
  if (fd >= 0) {
    try {
      const text = readFileSync(fd, "utf8");
      for (const line of text.split("\n")) {
        const f = line.split(":");
        if (f[2] === String(uid)) {
          home = f[5] || "/";
          break;
        }
      }
    } catch {
    } finally {
      libc.symbols.close(fd);
    }
  }
  return [...env, `HOME=${home}`];
}

function rlimitValue(v: number): number {
  if (!Number.isFinite(v) || v >= 2 ** 53 || v < 0) return -1; // RLIM_INFINITY (and what JSON cannot hold exactly)
  return Math.trunc(v);
}

function rlimitsOf(p: Process): [number, number, number][] {
  return (p.rlimits ?? []).map((r) => {
    const res = RLIMIT[r.type];
    if (res === undefined) throw new CtbunError(`unknown rlimit type "${r.type}"`);
    return [res, rlimitValue(r.soft), rlimitValue(r.hard)];
  });
}

function capsOf(p: Process, last: number): NativeExec["caps"] {
  const c = p.capabilities;
  if (!c) return undefined;
  const unknown = new Set<string>();
  const mask = (names: string[] | undefined): number => {
    const bits = new Set<number>();
    for (const n of names ?? []) {
      const bit = isKnownCap(n) ? CAPABILITIES[n]! : -1;
      if (bit < 0 || bit > last) unknown.add(n);
      else bits.add(bit);
    }
    let m = 0;
    for (const b of bits) m += 2 ** b; // exact: capabilities stay below bit 53
    return m;
  };
  const caps = {
    bounding: mask(c.bounding),
    effective: mask(c.effective),
    permitted: mask(c.permitted),
    inheritable: mask(c.inheritable),
    ambient: mask(c.ambient),
  };
  if (unknown.size) log.warn(`ignoring unknown or unavailable capabilities: [${[...unknown].join(" ")}]`);
  return caps;
}

function personalityOf(spec: Spec): number | undefined {
  const p = spec.linux?.personality;
  if (!p) return undefined;
  if (p.flags?.length) log.warn(`ignoring unsupported personality flags: ${p.flags.join(",")}`);
  return lsm!.personalityDomain(p.domain);
}

/** A seccomp user-notification fd goes to linux.seccomp.listenerPath, as runc sends it. */
function sendSeccompFd(saved: SavedState, pid: number, listener: number): void {
  const sc = saved.config.linux?.seccomp;
  try {
    if (!sc?.listenerPath) throw new CtbunError("no listenerPath");
    const agent = seccompMod!.connectUnix(sc.listenerPath);
    try {
      const payload = seccompMod!.seccompAgentPayload({
        ociVersion: saved.config.ociVersion,
        stateOciVersion: saved.ociVersion,
        id: saved.id,
        pid,
        bundle: saved.bundle,
        annotations: saved.annotations,
        metadata: sc.listenerMetadata,
      });
      sendMsg(agent, Buffer.from(payload), [listener]);
    } finally {
      libc.symbols.close(agent);
    }
  } catch (e) {
    throw new CtbunError(`cannot send seccomp fd to ${sc?.listenerPath}`, { cause: e });
  } finally {
    libc.symbols.close(listener);
  }
}

function sendPidfd(path: string, pid: number): void {
  const fd = syscall6(SYS_pidfd_open, pid, 0);
  if (fd < 0) throw new SysError("pidfd_open", -fd);
  try {
    sendFdToSocket(path, fd, "pidfd");
  } finally {
    libc.symbols.close(fd);
  }
}



const WNOHANG = 1,
  __WALL = 0x40000000;

/**
 * Wait for our child `pid`: waitpid(WNOHANG) now and on every SIGCHLD (no thread to start; a
 * slow timer covers a signal that came before the handler and keeps the event loop alive).
 */
function waitChild(pid: number): Promise<number> {
  const st = new Int32Array(1);
  const poll = (): number | undefined => {
    const r = libc.symbols.waitpid(pid, ptr(st), WNOHANG | __WALL);
    if (r === pid) return st[0]!;
    if (r < 0 && errno() !== 4) return -1;
    return undefined;
  };
  const now = poll();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve) => {
    const check = () => {
      const s = poll();
      if (s === undefined) return;
      process.off("SIGCHLD", check);
      clearInterval(timer);
      resolve(s);
    };
    const timer = setInterval(check, 100);
    process.on("SIGCHLD", check);
    check();
  });
}

/** Wait for the process (our child), forwarding signals and pumping its terminal. */
function foreground(pid: number, master: number | undefined): Promise<number> {
  return superviseForeground({ pid, master, waited: waitChild(pid) });
}
