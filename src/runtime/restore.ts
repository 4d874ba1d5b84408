// `ctbun restore`: recreate a container from CRIU images and the bundle's config.json.
//
// Order of work (each step undone on failure, so a failed restore leaves nothing behind):
//   1. checks without side effects: id free, spec, flags, CRIU version, image dir readable and a
//      CRIU image (inventory.img), descriptors.json;
//   2. the state dir and the container's cgroup (created and configured as for `create`);
//   3. <state>/criu-root: an rbind of the rootfs, because CRIU wants a root that is a mount point;
//      mountpoints of the spec's mounts created in the rootfs (bind mounts briefly mounted so
//      mountpoints of nested mounts land inside their sources, runc #2748);
//   4. `criu swrk` with the container's stdio as its own. When the dump's tasks all sat at the top
//      of the container's cgroups, CRIU is born in the new container's cgroups (and cgroup
//      namespace) and the tree just inherits them (criuCgroupsFor); else CRIU places the tasks
//      itself under cg_root (the container's cgroup paths); notifications run the hooks
//      (setup-namespaces), adopt the restored init (post-restore: state.json), forward the pty
//      master (orphan-pts-master) and signal --status-fd (status-ready);
//   5. criu-root unmounted, stats read; detached: done; foreground: wait like `run`.
import { existsSync, mkdirSync, realpathSync, rmdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { ContainerExistsError, CriuError, CtbunError, SysError } from "../errors.ts";
import { buildRestoreRequest, RESTORE_LOG } from "../criu/dump-plan.ts";
import {
  closeFd,
  criuNsKey,
  isBindMount,
  openDir,
  parseManageCgroupsMode,
  readDescriptors,
  restoreNamespacePlan,
  type CgroupV1Bind,
  type RestoreOptions,
} from "../criu/options.ts";
import { readRestoreStats } from "../criu/stats.ts";
import { extractArchive, makeStaging } from "../criu/archive.ts";
import { checkImageCreds } from "../criu/image-check.ts";
import { flatCgroups, readCgroupImage } from "../criu/cgroup-image.ts";
import { criu_cg_mode } from "../criu/rpc.gen.js";
import { criu_req_type, criuSwrk, type CriuCgroups, type CriuReq, type Notification } from "../criu/swrk.ts";
import { CRIU_MIN } from "../criu/version.ts";
import { errno, libc } from "../linux/libc.ts";
import { readProcStat } from "../linux/proc.ts";
import { criuSpawnSupported, remountRootReadonlyVm, sendFdToSocket, waitGone, waitPidAsync } from "../linux/shim.ts";
import { LinuxSyscall } from "../linux/syscall.ts";
import { log } from "../log.ts";
import { validateId } from "../spec/id.ts";
import { loadSpec } from "../spec/load.ts";
import type { Mount, OciState, Spec } from "../spec/types.ts";
import type { SavedCgroup } from "../cgroups/manager.ts";
import { cgroupsFor, type CgroupManager } from "./cgroup.ts";
import { CHECKPOINT_MARKER } from "./checkpoint.ts";
import { writePidFile } from "./pid-file.ts";
import { criuVersionAtLeast, explainCriuFailure, hostCgroupYard, interruptible, newNetns, readImageNotes, dropTcpLocks, ownMountNs, useCriuKdatCache, readExternalStdio, hostHasV1, logStats, printStatsJson, resolveCriu, Steps, type ImageNotes } from "./criu-common.ts";
import { dropTmpfs, makedev, makeTmpfs, tmpfsTreeProblem } from "./criu-tmpfs.ts";
import { remove } from "./delete.ts";
import { CRIU_ROOT, removeStateDir } from "./criu-root.ts";
export { CRIU_ROOT };
import { runHooks } from "./hooks.ts";
import type { CreateOptions } from "./options.ts";
import { DEFAULT_DEVICES, readCgroupMounts, secureJoin } from "./rootfs.ts";
import { superviseForeground } from "./foreground.ts";
import { ensureRoot, nowRfc3339Nano, stateDir, writeSavedState, type SavedState } from "./state.ts";

const MS_RDONLY = 0x1,
  MS_NOSUID = 0x2,
  MS_NODEV = 0x4,
  MS_NOEXEC = 0x8,
  MS_BIND = 0x1000,
  MS_REC = 0x4000,
  MNT_DETACH = 2;
const O_RDONLY = 0,
  O_DIRECTORY = 0o200000,
  O_CLOEXEC = 0o2000000;
const PR_SET_CHILD_SUBREAPER = 36;


/** Bind sources made absolute (relative ones are relative to the bundle, as for `create`). */
function withAbsoluteSources(spec: Spec, bundle: string): Spec {
  const mounts = (spec.mounts ?? []).map((m) =>
    isBindMount(m) && m.source && !m.source.startsWith("/") ? { ...m, source: resolve(bundle, m.source) } : m,
  );
  return { ...spec, mounts };
}

function isOnTmpfs(dest: string, mounts: Mount[]): boolean {
  return mounts.some((m) => m.type === "tmpfs" && dest.startsWith(m.destination.replace(/\/+$/, "") + "/"));
}

/**
 * Create the spec's mountpoints in the rootfs as `create` would, so CRIU finds them. Bind
 * mounts are mounted for the duration, so that a mount nested in a bind mount gets its
 * mountpoint inside the bind's source; they are unmounted again before CRIU runs.
 */
function prepareRestoreMounts(rootfs: string, mounts: Mount[]): void {
  const sys = new LinuxSyscall();
  const mounted: string[] = [];
  try {
    for (const m of mounts) {
      if (m.type === "cgroup" || m.type === "cgroup2") continue;
      if (isOnTmpfs(m.destination, mounts)) continue;
      const bind = isBindMount(m);
      let host: string;
      try {
        host = secureJoin(sys, rootfs, m.destination);
        if (!sys.lstat(host)) {
          const src = bind ? sys.stat(m.source ?? "") : undefined;
          if (bind && src && !src.isDir) sys.touch(host);
          else sys.mkdirAll(host);
        }
      } catch (e) {
        throw new CtbunError(`create criu restore mountpoint for ${m.destination} mount`, { cause: e });
      }
      if (bind && m.source) {
        sys.mount(m.source, host, null, MS_BIND | MS_REC, null);
        mounted.push(host);
      }
    }
  } finally {
    for (const p of mounted.reverse()) {
      if (libc.symbols.umount2(p, MNT_DETACH) < 0 && errno() !== 22)
        log.warn(`Error during cleanup unmounting of ${p}: ${new SysError("umount", errno()).message}`);
    }
  }
}

/** A read-only empty tmpfs, the source of the masked directories (see checkpoint). */
const CRIU_EMPTY = "criu-empty";

interface Undo {
  dir?: string;
  empty?: string;
  /** new tmpfs mounts for CRIU (see criu-tmpfs) */
  tmpfs: string[];
  cg?: CgroupManager;
  criuRoot?: string;
  pid?: number;
  fds: number[];
}

function cleanup(u: Undo, everything: boolean): void {
  if (u.criuRoot) {
    if (libc.symbols.umount2(u.criuRoot, MNT_DETACH) < 0 && errno() !== 22 && errno() !== 2)
      log.warn(`unable to unmount ${u.criuRoot}: ${new SysError("umount", errno()).message}`);
    try {
      rmdirSync(u.criuRoot);
    } catch {}
    u.criuRoot = undefined;
  }
  if (u.empty) {
    libc.symbols.umount2(u.empty, MNT_DETACH);
    try {
      rmdirSync(u.empty);
    } catch {}
    u.empty = undefined;
  }
  for (const d of u.tmpfs) dropTmpfs(d);
  u.tmpfs = [];
  u.fds.forEach((fd) => closeFd(fd));
  u.fds = [];
  if (!everything) return;
  if (u.pid) {
    libc.symbols.kill(u.pid, 9);
    try {
      waitGone(u.pid, 5000);
    } catch {}
  }
  if (u.cg) {
    try {
      for (const p of u.cg.pids()) libc.symbols.kill(p, 9);
      for (const p of u.cg.pids()) waitGone(p, 2000);
    } catch {}
    try {
      u.cg.destroy();
    } catch (e) {
      log.warn(`unable to remove cgroup: ${(e as Error).message}`);
    }
  }
  if (u.dir) {
    try {
      removeStateDir(u.dir);
    } catch (e) {
      log.warn((e as Error).message);
    }
  }
}

/**
 * cg_root entries for the container's cgroups: per controller ("" = the cgroup2 tree), the
 * directory relative to its hierarchy's mountpoint.
 */
export function cgRootsFromPaths(saved: SavedCgroup): { ctrl: string; path: string }[] {
  const out: { ctrl: string; path: string }[] = [];
  for (const [ctrl, dir] of Object.entries(saved.paths)) {
    const mnt = saved.mountpoints?.[ctrl] ?? (saved.mode === "unified" ? "/sys/fs/cgroup" : undefined);
    if (!mnt || !dir.startsWith(mnt)) continue;
    out.push({ ctrl, path: dir.slice(mnt.length) || "/" });
  }
  return out;
}

/**
 * CRIU started in the container's cgroups, so that the restored tree just inherits them (with
 * manage_cgroups_mode IGNORE): when the dump shows every task at the top of the container's
 * cgroups (see flatCgroups) and ctbun has a cgroup for each hierarchy there. CRIU's own way, a
 * cgroup.procs write per hierarchy for the restored init, first waits for an RCU grace period
 * (~8 ms); joining by clone3(CLONE_INTO_CGROUP) and v1 `tasks` writes of "0" does not.
 * undefined: let CRIU place the tasks (nested cgroups, an old or foreign image, rootless, ...).
 */
export function criuCgroupsFor(
  saved: SavedCgroup,
  flat: { names: string[]; cgns: boolean } | undefined,
  specCgroupNs: boolean,
): { v1Tasks: string[]; cgroup2Dir?: string; unshareCgroupNs: boolean } | undefined {
  if (!flat || flat.cgns !== specCgroupNs || saved.rootless) return undefined;
  const paths = saved.paths;
  if (!flat.names.every((n) => paths[n] !== undefined || n.split(",").every((c) => paths[c] !== undefined))) return undefined;
  const v1Tasks: string[] = [];
  let cgroup2Dir: string | undefined;
  for (const [ctrl, dir] of Object.entries(paths)) {
    if (ctrl === "") cgroup2Dir = dir;
    else if (saved.mode !== "unified" && !v1Tasks.includes(`${dir}/tasks`)) v1Tasks.push(`${dir}/tasks`);
  }
  return { v1Tasks, cgroup2Dir, unshareCgroupNs: flat.cgns };
}

/** v1 cgroup binds (no cgroupns) of the restored container, from its cg_root entries. */
function cgroupV1BindsFromRoots(roots: { ctrl: string; path: string }[]): CgroupV1Bind[] {
  const out: CgroupV1Bind[] = [];
  for (const cm of readCgroupMounts().mounts) {
    const key = cm.fstype === "cgroup2" ? "" : cm.controllers[0] ?? "";
    const r = roots.find((x) => x.ctrl === key);
    if (r) out.push({ mountPoint: cm.mountPoint, hostPath: `${cm.mountPoint}${r.path === "/" ? "" : r.path}` });
  }
  return out;
}

/**
 * The config recorded after a restore (seeds' P6, X3): CRIU (>= 3.14, on kernels with time
 * namespaces) restores the tree into a time namespace of its own, whose offsets keep the
 * container's monotonic and boot-time clocks where they were; the recorded config says so, so
 * that what reads it (exec, state) knows the init is in a time namespace.
 */
export function withTimeNs(spec: Spec, criuVersion: number, kernelHasTimeNs = existsSync("/proc/self/ns/time")): Spec {
  const nss = spec.linux?.namespaces ?? [];
  if (nss.some((n) => n.type === "time") || !kernelHasTimeNs || criuVersion < CRIU_MIN.timeNs) return spec;
  return { ...spec, linux: { ...spec.linux, namespaces: [...nss, { type: "time" }] } };
}

function flatCgroupsOf(imagePath: string) {
  const img = readCgroupImage(imagePath);
  return img && flatCgroups(img);
}

export async function restore(input: RestoreOptions): Promise<number> {
  if (input.importFile === undefined) return restoreImages(input);
  // --import: unpack the archive privately, restore from it, drop it as soon as CRIU is done
  if (input.imagePathGiven) throw new CtbunError("--import cannot be used with --image-path");
  if (input.lazyPages) throw new CtbunError("--import cannot be used with --lazy-pages: the archive holds all the memory");
  validateId(input.id);
  if (existsSync(stateDir(input.root, input.id))) throw new ContainerExistsError();
  const staging = makeStaging(process.env.TMPDIR || "/var/tmp", "ctbun-import-");
  let dropped = false;
  const drop = () => {
    if (dropped) return;
    dropped = true;
    rmSync(staging, { recursive: true, force: true });
  };
  // a signal while unpacking must not leave the container's memory behind in TMPDIR
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const onSignal = (sig: NodeJS.Signals) => {
    drop();
    process.exit(128 + (sig === "SIGINT" ? 2 : sig === "SIGTERM" ? 15 : 1));
  };
  for (const sig of signals) process.on(sig, onSignal);
  let extracted;
  try {
    extracted = await extractArchive(input.importFile, staging);
  } catch (e) {
    drop();
    throw e;
  } finally {
    for (const sig of signals) process.off(sig, onSignal);
  }
  try {
    const { skipped } = extracted;
    for (const x of skipped) {
      if (x === "rootfs-diff.tar" || x === "deleted.files" || x === "volumes") log.warn(`${x} in ${input.importFile} is not applied: the restore uses the bundle's root file system as it is`);
      else log.debug(`${x} in ${input.importFile} is not used`);
    }
    return await restoreImages({ ...input, imagePath: join(staging, "checkpoint"), afterCriu: drop });
  } finally {
    drop();
  }
}

/**
 * ctbun's notes in the images (ctbun.json), checked against this container's spec before they
 * steer anything on the host: restore makes files and device nodes from them as root, and an
 * imported archive is someone else's file. Masked directories must be masked paths of the spec,
 * tmpfs trees must be well formed (see tmpfsTreeProblem); CRIU's recorded TCP locks are used only
 * from images made here, never from an archive.
 */
export function checkedImageNotes(notes: ImageNotes, spec: Spec, imported: boolean): ImageNotes {
  const bad = (why: string) => new CtbunError(`the checkpoint's ctbun.json cannot be used: ${why}`);
  const norm = (p: string) => p.replace(/\/+$/, "") || "/";
  const masked = new Set((spec.linux?.maskedPaths ?? []).map(norm));
  for (const d of notes.maskedDirs ?? []) if (typeof d !== "string" || !masked.has(d)) throw bad(`${JSON.stringify(d)} is not a masked path of this container`);
  const mounts = spec.mounts ?? [];
  const tmpfsPaths = new Set(mounts.filter((m) => m.type === "tmpfs").map((m) => norm(m.destination)));
  if (mounts.some((m) => m.type === "cgroup" && norm(m.destination) === "/sys/fs/cgroup")) tmpfsPaths.add("/sys/fs/cgroup");
  const devs = new Set<number>();
  for (const d of [...DEFAULT_DEVICES, ...(spec.linux?.devices ?? [])]) if (typeof d.major === "number" && typeof d.minor === "number") devs.add(makedev(d.major, d.minor));
  if (notes.tmpfs !== undefined && !Array.isArray(notes.tmpfs)) throw bad("tmpfs is not a list");
  for (const t of notes.tmpfs ?? []) {
    const problem = tmpfsTreeProblem(t, tmpfsPaths, devs);
    if (problem) throw bad(problem);
  }
  return imported ? { ...notes, tcpLocks: undefined } : notes;
}

async function restoreImages(opts: RestoreOptions): Promise<number> {
  const steps = new Steps();
  validateId(opts.id);
  const dir = stateDir(opts.root, opts.id);
  if (existsSync(dir)) throw new ContainerExistsError();
  const bundle = resolve(opts.bundle || ".");
  const spec = withAbsoluteSources(loadSpec(bundle), bundle);
  const terminal = !!spec.process?.terminal;
  if (opts.consoleSocket && !terminal) throw new CtbunError("cannot use console socket if runc will not detach or allocate tty");
  if (terminal && opts.detach && !opts.consoleSocket)
    throw new CtbunError("cannot allocate tty if runc will detach without setting console socket");
  if (!opts.imagePath) throw new CtbunError("invalid directory to restore checkpoint");
  // an imported archive: its threads may hold no more than this container's spec gives
  if (opts.importFile !== undefined) checkImageCreds(opts.imagePath, spec);
  parseManageCgroupsMode(opts.manageCgroupsMode);
  const criu = resolveCriu(opts.criuPath);
  const version = await criuVersionAtLeast(opts.root, criu, CRIU_MIN.base);
  steps.mark("version");

  // CRIU's kernel probe cache, and a private mount namespace for criu-root (see criu-common):
  // before any directory is opened for CRIU
  if (useCriuKdatCache(criu, ownMountNs(spec))) steps.mark("kdat");
  const u: Undo = { fds: [], tmpfs: [] };
  let criuPidNow: number | undefined;
  let interrupted: () => string | undefined = () => undefined;
  const imagesDirFd = openDir(opts.imagePath);
  u.fds.push(imagesDirFd);
  let pid = 0;
  let consoleMaster: number | undefined;
  let saved: SavedState | undefined;
  try {
    if (!existsSync(join(opts.imagePath, "inventory.img")))
      throw new CriuError(`${opts.imagePath} is not a checkpoint: it has no inventory.img`);
    const descriptors = readDescriptors(opts.imagePath);
    let workDirFd: number | undefined;
    if (opts.workPath) {
      mkdirSync(opts.workPath, { recursive: true, mode: 0o700 });
      workDirFd = openDir(opts.workPath);
      u.fds.push(workDirFd);
    }
    const logDir = opts.workPath ?? opts.imagePath;
    // namespaces given by path: open them now (they go to CRIU as fds 4, 5, ...)
    const nsPlan = restoreNamespacePlan(spec.linux?.namespaces);
    const extraFds: number[] = [];
    for (const x of nsPlan.inherit) {
      const fd = libc.symbols.open(x.path, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0) {
        log.warn(`If a specific ${x.type === "network" ? "network" : "pid"} namespace is defined it must exist: ${x.path}`);
        throw new CtbunError(`Requested ${x.type === "network" ? "network" : "pid"} namespace ${x.path} does not exist`);
      }
      extraFds.push(fd);
      u.fds.push(fd);
    }

    // an image whose own netns was left out (see checkpoint): a new one, as fd 4+n
    let ownNetns: { key: string; fd: number } | undefined;
    let criuNetns: number | undefined;
    const notes = checkedImageNotes(readImageNotes(opts.imagePath), spec, opts.importFile !== undefined);
    if (notes.ownNetnsExternal) {
      const ns = spec.linux?.namespaces?.find((n) => n.type === "network");
      if (!ns) throw new CtbunError("the checkpoint was made in a network namespace of its own, but this config.json has none");
      if (!ns.path) {
        const fd = newNetns();
        u.fds.push(fd);
        if (notes.criuInNetns) criuNetns = fd;
        else {
          ownNetns = { key: criuNsKey("network"), fd: 4 + extraFds.length };
          extraFds.push(fd);
        }
      }
    }
    steps.mark("netns");

    ensureRoot(opts.root);
    try {
      mkdirSync(dir, { mode: 0o711 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new ContainerExistsError();
      throw e;
    }
    u.dir = dir;
    u.cg = cgroupsFor({ id: opts.id, systemdCgroup: false } as CreateOptions, spec);
    const cg = u.cg;
    steps.mark("cgroup");

    const rootfs = spec.root!.path;
    const criuRootDir = join(dir, CRIU_ROOT);
    mkdirSync(criuRootDir, { mode: 0o755 });
    const criuRoot = realpathSync(criuRootDir);
    new LinuxSyscall().mount(rootfs, criuRoot, null, MS_BIND | MS_REC, null);
    u.criuRoot = criuRoot;
    prepareRestoreMounts(rootfs, spec.mounts ?? []);
    steps.mark("mounts");

    const cgroupNs = (spec.linux?.namespaces ?? []).some((n) => n.type === "cgroup");
    const v1Binds = !cgroupNs && cg.mode !== "unified" && hostHasV1() && (spec.mounts ?? []).some((m) => m.type === "cgroup");
    const req: CriuReq = { type: criu_req_type.RESTORE };
    const ociState = (status: OciState["status"], p: number): OciState => ({
      ociVersion: spec.ociVersion,
      id: opts.id,
      status,
      pid: p,
      bundle,
      annotations: spec.annotations,
    });

    // runc moves CRIU itself into the container's cgroups and reads them back from
    // /proc/<criu>/cgroup as cg_root. CRIU places every restored task under cg_root by itself,
    // so ctbun passes the cgroup paths it created directly and spares CRIU the migration
    // (on v1 each hierarchy's move waits for an RCU grace period: ~18 ms for 10 hierarchies).
    const cgRoots = cgRootsFromPaths(cg.save() as SavedCgroup);
    const plan = buildRestoreRequest(spec, opts, {
      criuRoot,
      imagesDirFd,
      workDirFd,
      criuVersion: version,
      descriptors,
      cgRoots,
      cgroupV1: v1Binds ? cgroupV1BindsFromRoots(cgRoots) : undefined,
    });
    // the host's cgroup hierarchies as CRIU's yard (see criu-common): no mounts of its own
    const yard = hostCgroupYard();
    if (yard) plan.req.opts.cgroup_yard = yard;
    if (ownNetns) plan.req.opts.inherit_fd = [...(plan.req.opts.inherit_fd ?? []), ownNetns];
    steps.mark("plan");
    // masked directories left out of the dump (see checkpoint): an empty read-only tmpfs dir
    const maskedDirs = notes.maskedDirs ?? [];
    if (maskedDirs.length) {
      const empty = join(dir, CRIU_EMPTY);
      mkdirSync(empty, { mode: 0o755 });
      new LinuxSyscall().mount("tmpfs", empty, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=755");
      u.empty = empty;
      plan.req.opts.ext_mnt = [...(plan.req.opts.ext_mnt ?? []), ...maskedDirs.map((d) => ({ key: d, val: empty }))];
    }
    // tmpfs mounts left out of the dump (see criu-tmpfs): a new one each, with the same tree
    for (const [i, t] of (notes.tmpfs ?? []).entries()) {
      const d = join(dir, `criu-tmpfs-${i}`);
      makeTmpfs(d, t);
      u.tmpfs.push(d);
      plan.req.opts.ext_mnt = [...(plan.req.opts.ext_mnt ?? []), { key: t.path, val: d }];
    }
    steps.mark("tmpfs");
    // stdio that were host files at dump time: CRIU takes ours (see externalStdioFiles)
    const extStdio = readExternalStdio(opts.imagePath);
    if (extStdio.length) {
      const inherit = [...(plan.req.opts.inherit_fd ?? [])];
      for (const x of extStdio) {
        if (inherit.some((i) => i.key === x.key)) continue;
        // CRIU first looks an inherited fd up by the file's restore path, which for an external
        // file is its id without the first character ("ile[..]"). A hit there skips the size
        // check CRIU makes on a "file[..]" hit, which fails whenever the file (typically a log)
        // has grown since the dump. (One key per fd: CRIU moves each inherited fd away once.)
        inherit.push({ key: x.key.slice(1), fd: x.fd });
      }
      plan.req.opts.inherit_fd = inherit;
    }
    Object.assign(req, plan.req);
    const cgMode = parseManageCgroupsMode(opts.manageCgroupsMode);
    // CRIU born in the container's cgroups (see criuCgroupsFor), the tree left where it forks
    let criuCgroups: CriuCgroups | undefined;
    // (not on other architectures or kernels before clone3: CRIU places the tasks there)
    const inCgroups =
      (cgMode === criu_cg_mode.DEFAULT || cgMode === criu_cg_mode.SOFT) && criuSpawnSupported()
        ? criuCgroupsFor(cg.save() as SavedCgroup, flatCgroupsOf(opts.imagePath), cgroupNs)
        : undefined;
    if (inCgroups) {
      let fd: number | undefined;
      if (inCgroups.cgroup2Dir) {
        fd = libc.symbols.open(inCgroups.cgroup2Dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY, 0);
        if (fd < 0) throw new SysError("open", errno(), inCgroups.cgroup2Dir);
        u.fds.push(fd);
      }
      criuCgroups = { cgroup2Fd: fd, v1Tasks: inCgroups.v1Tasks, unshareCgroupNs: inCgroups.unshareCgroupNs };
      req.opts!.manage_cgroups_mode = criu_cg_mode.IGNORE;
      delete req.opts!.cg_root;
      delete req.opts!.cgroup_yard;
    }
    const onStart = (criuPid: number) => {
      criuPidNow = criuPid;
      if (interrupted()) throw new CtbunError(`interrupted by ${interrupted()}`);
      // with "ignore" CRIU places nothing: the tree stays in CRIU's cgroups, so CRIU goes into
      // the container's first (runc does this in every mode)
      if (cgMode === criu_cg_mode.IGNORE && !criuCgroups) cg.apply(criuPid);
      steps.mark("criu-start");
    };
    let statusFd = opts.statusFd ?? -1;
    const onNotify = async (n: Notification) => {
      switch (n.script) {
        case "setup-namespaces":
          runHooks("prestart", spec.hooks?.prestart, ociState("creating", n.pid));
          runHooks("createRuntime", spec.hooks?.createRuntime, ociState("creating", n.pid));
          break;
        case "post-restore": {
          pid = n.pid;
          u.pid = pid;
          // CRIU brings the root back read-write (it binds criu-root without the original
          // flags): put root.readonly back before the tasks resume
          if (spec.root?.readonly) remountRootReadonlyVm(pid);
          const st = readProcStat(pid);
          if (!st) throw new CtbunError(`restored init ${pid} is gone`);
          saved = {
            id: opts.id,
            pid,
            initStart: st.startTime,
            bundle,
            rootfs,
            created: nowRfc3339Nano(),
            ociVersion: spec.ociVersion,
            annotations: spec.annotations,
            config: withTimeNs(spec, version),
            cgroup: cg.save(),
            restoredFrom: opts.importFile ?? opts.imagePath,
          };
          // written once CRIU has its answer and goes on
          const st8 = saved;
          return () => {
            writeSavedState(opts.root, st8);
            rmSync(join(dir, CHECKPOINT_MARKER), { force: true });
          };
        }
        case "orphan-pts-master": {
          const fd = n.fds[0];
          if (fd === undefined) throw new CtbunError("criu sent no pty master");
          if (opts.consoleSocket) sendFdToSocket(opts.consoleSocket, fd);
          else if (!opts.detach) {
            const copy = libc.symbols.fcntl(fd, 1030 /* F_DUPFD_CLOEXEC */, 3);
            if (copy < 0) throw new SysError("dup", errno());
            consoleMaster = copy;
          }
          break;
        }
        case "status-ready":
          if (statusFd >= 0) {
            if (libc.symbols.write(statusFd, Buffer.from([0]), 1) !== 1) log.warn(`can't write \\0 to status fd ${statusFd}`);
            closeFd(statusFd);
            statusFd = -1;
          }
          break;
      }
    };
    steps.mark("pre-criu");
    const res = await interruptible(() => criuPidNow, (check) => {
      interrupted = check;
      return criuSwrk(req, {
      criuPath: criu,
      stdio: terminal ? ["ignore", "ignore", "ignore"] : ["inherit", "inherit", "inherit"],
      extraFds,
      ...(criuNetns !== undefined ? { netnsFd: criuNetns } : {}),
      ...(criuCgroups ? { cgroups: criuCgroups } : {}),
      onStart,
      onNotify,
      logDir,
      logFile: RESTORE_LOG,
      });
    });
    steps.mark("criu");
    log.debug(`criu: spawn ${res.timings.spawnMs.toFixed(1)}ms rpc ${res.timings.rpcMs.toFixed(1)}ms`);
    if (opts.tcpClose && notes.tcpLocks?.length) dropTcpLocks(notes.tcpLocks);
    const rpid = res.resp.restore?.pid ?? 0;
    if (!pid && rpid) pid = rpid;
    if (!pid || !saved) throw new CtbunError("criu restored no process");
    cleanup(u, false);
    if (opts.pidFile) writePidFile(opts.pidFile, pid);
    const stats = readRestoreStats(logDir);
    logStats("restore", stats);
    opts.afterCriu?.();
    steps.mark("finish");
    steps.log("restore");
    if (opts.printStats) printStatsJson({ type: "restore", pid, criu: stats ?? null, timings: steps.json() });
  } catch (e) {
    if (consoleMaster !== undefined) closeFd(consoleMaster);
    cleanup(u, true);
    throw explainCriuFailure(e);
  }
  if (opts.detach) {
    if (consoleMaster !== undefined) closeFd(consoleMaster);
    return 0;
  }
  return await waitForeground(opts, pid, consoleMaster);
}

/** Foreground restore: forward signals (and the pty), wait for the init, then delete. */
async function waitForeground(opts: RestoreOptions, pid: number, master: number | undefined): Promise<number> {
  if (!opts.noSubreaper) libc.symbols.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  const code = await superviseForeground({ pid, master, waited: waitPidAsync(pid) });
  await remove(opts.root, opts.id, true);
  return code;
}
