// checkpoint/restore options and the pure pieces that turn them into criu_opts fields.
// Nothing here starts CRIU or touches a container; dump-plan.ts assembles whole requests.
import { closeSync, constants, openSync, readFileSync, readlinkSync, lstatSync, statSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { CriuError, SysError, strerror } from "../errors.ts";
import { libc, errno } from "../linux/libc.ts";
import type { Mount, Namespace, NamespaceType, Spec } from "../spec/types.ts";
import { criu_cg_mode, criu_network_lock_method } from "./rpc.gen.js";

/** `ctbun checkpoint` (runc's flags plus --network-lock and --print-stats). */
export interface CheckpointOptions {
  root: string;
  id: string;
  /** --image-path (default ./checkpoint) */
  imagePath: string;
  /** --work-path: CRIU's work dir, where dump.log and stats-dump land (default: image path) */
  workPath?: string;
  /** --parent-path: relative to the image path (pre-dump chains) */
  parentPath?: string;
  leaveRunning: boolean;
  tcpEstablished: boolean;
  tcpSkipInFlight: boolean;
  /** restore-only in runc, accepted here for symmetry (crun/podman have it) */
  tcpClose?: boolean;
  linkRemap: boolean;
  extUnixSk: boolean;
  shellJob: boolean;
  lazyPages: boolean;
  /** --status-fd (-1 = none) */
  statusFd: number;
  /** --page-server ADDR:PORT as typed */
  pageServer?: string;
  fileLocks: boolean;
  preDump: boolean;
  /** --manage-cgroups-mode soft|full|strict|ignore ("" = CRIU's default) */
  manageCgroupsMode: string;
  /** --empty-ns (repeatable; only "network") */
  emptyNs: string[];
  autoDedup: boolean;
  /** --network-lock iptables|nftables|skip (undefined = ctbun's default rule) */
  networkLock?: string;
  printStats: boolean;
  /** --criu PATH (deprecated flag; default: criu from PATH) */
  criuPath?: string;
  /** --export FILE: a podman-style archive of the checkpoint (see criu/archive.ts) */
  exportFile?: string;
  /** --compress zstd|gzip|none for --export */
  compress?: string;
  /** whether --image-path was given (not the ./checkpoint default) */
  imagePathGiven?: boolean;
}

/** `ctbun restore` */
export interface RestoreOptions {
  root: string;
  id: string;
  imagePath: string;
  workPath?: string;
  consoleSocket?: string;
  bundle: string;
  detach: boolean;
  pidFile?: string;
  noSubreaper: boolean;
  noPivot: boolean;
  tcpEstablished: boolean;
  tcpClose: boolean;
  extUnixSk: boolean;
  shellJob: boolean;
  fileLocks: boolean;
  manageCgroupsMode: string;
  emptyNs: string[];
  autoDedup: boolean;
  lazyPages: boolean;
  lsmProfile?: string;
  lsmMountContext?: string;
  networkLock?: string;
  printStats: boolean;
  statusFd?: number;
  criuPath?: string;
  /** --import FILE: restore from a checkpoint archive (see criu/archive.ts) */
  importFile?: string;
  /** whether --image-path was given (not the ./checkpoint default) */
  imagePathGiven?: boolean;
  /** run once CRIU is done with the images (import: drop the unpacked archive) */
  afterCriu?: () => void;
}

// ---------------------------------------------------------------------------------------------
// flag values

/** --manage-cgroups-mode → criu_cg_mode ("" = DEFAULT, CRIU's own choice: soft). */
export function parseManageCgroupsMode(mode: string | undefined): criu_cg_mode {
  switch (mode ?? "") {
    case "":
      return criu_cg_mode.DEFAULT;
    case "soft":
      return criu_cg_mode.SOFT;
    case "full":
      return criu_cg_mode.FULL;
    case "strict":
      return criu_cg_mode.STRICT;
    case "ignore":
      return criu_cg_mode.IGNORE;
    default:
      throw new CriuError(`invalid --manage-cgroups-mode value ${JSON.stringify(mode)}`);
  }
}

export interface PageServer {
  address: string;
  port: number;
}

/** --page-server ADDRESS:PORT ("[v6addr]:port" for IPv6). */
export function parsePageServer(value: string): PageServer {
  const bad = (why: string) => new CriuError(`invalid --page-server value ${JSON.stringify(value)}: ${why}`);
  let address: string;
  let port: string;
  if (value.startsWith("[")) {
    const close = value.indexOf("]");
    if (close < 0 || value[close + 1] !== ":") throw bad("use --page-server ADDRESS:PORT");
    address = value.slice(1, close);
    port = value.slice(close + 2);
  } else {
    const colon = value.lastIndexOf(":");
    if (colon < 0) throw bad("use --page-server ADDRESS:PORT");
    address = value.slice(0, colon);
    port = value.slice(colon + 1);
    if (address.includes(":")) throw bad("an IPv6 address needs brackets: [ADDRESS]:PORT");
  }
  if (!address || !port) throw bad("use --page-server ADDRESS:PORT");
  if (!/^\d+$/.test(port) || +port < 1 || +port > 65535) throw bad(`invalid port number ${JSON.stringify(port)}`);
  return { address, port: +port };
}

export const CLONE_NEWNET = 0x40000000;

/**
 * --empty-ns → empty_ns mask. Like runc, the network namespace is always in it: the runtime
 * does not own network devices, so CRIU neither dumps nor restores interfaces (the restored
 * netns has only a down `lo`). Only "network" may be named; anything else is refused.
 */
export function emptyNsMask(values: string[]): number {
  let mask = CLONE_NEWNET;
  for (const v of values) {
    if (v === "network") mask |= CLONE_NEWNET;
    else throw new CriuError(`namespace ${JSON.stringify(v)} is not supported`);
  }
  return mask >>> 0;
}

export type NetworkLock = "iptables" | "nftables" | "skip";

export function parseNetworkLock(value: string): NetworkLock {
  if (value === "iptables" || value === "nftables" || value === "skip") return value;
  throw new CriuError(`invalid --network-lock value ${JSON.stringify(value)}: must be iptables, nftables or skip`);
}

export function networkLockMethod(lock: NetworkLock): criu_network_lock_method {
  return lock === "nftables"
    ? criu_network_lock_method.NFTABLES
    : lock === "skip"
      ? criu_network_lock_method.SKIP
      : criu_network_lock_method.IPTABLES;
}

/**
 * ctbun's default network lock. CRIU locks only a network namespace it dumps (plus, with
 * --tcp-established, each connection), and the method chosen at dump time is recorded in the
 * image and reused by restore. Locking costs an iptables-restore round on dump and another
 * on restore (~65-80 ms here), and protects nothing when the container's network is its own
 * private namespace that nobody else plumbed:
 *   - own netns (type network, no path) and no prestart/createRuntime hooks → skip
 *   - netns given by path (shared/external, e.g. CNI), or hooks that may add interfaces → iptables
 *   - no netns (host network): iptables, CRIU's default (it then locks only TCP connections
 *     dumped with --tcp-established, and only those need protecting)
 */
export function defaultNetworkLock(spec: Spec): NetworkLock {
  const ns = spec.linux?.namespaces?.find((n) => n.type === "network");
  if (!ns) return "iptables";
  if (ns.path) return "iptables";
  const h = spec.hooks;
  if ((h?.prestart?.length ?? 0) > 0 || (h?.createRuntime?.length ?? 0) > 0) return "iptables";
  return "skip";
}

/** The flag if given, else the default rule. */
export function chooseNetworkLock(flag: string | undefined, spec: Spec): NetworkLock {
  return flag ? parseNetworkLock(flag) : defaultNetworkLock(spec);
}

/**
 * --parent-path: must be relative (CRIU resolves it against the image directory) and name an
 * existing directory there. Returns the path to pass as parent_img.
 */
export function validateParentPath(imagePath: string, parentPath: string | undefined): string | undefined {
  if (!parentPath) return undefined;
  if (isAbsolute(parentPath)) throw new CriuError("--parent-path must be relative");
  const real = join(imagePath, parentPath);
  let st;
  try {
    st = statSync(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CriuError(`invalid --parent-path: stat ${real}: ${code === "ENOENT" ? "no such file or directory" : (e as Error).message}`);
  }
  if (!st.isDirectory()) throw new CriuError(`invalid --parent-path: ${real}: not a directory`);
  return parentPath;
}

const O_ACCMODE = 3;
const O_WRONLY = 1;
const O_RDWR = 2;
const F_GETFL = 3;

/**
 * --status-fd: must be an open fd we can write to. (runc also refuses O_RDWR fds by testing
 * only the O_WRONLY bit; ctbun accepts them.)
 */
export function validateStatusFd(fd: number): void {
  if (fd < 0) return;
  const flags = libc.symbols.fcntl(fd, F_GETFL, 0);
  if (flags < 0) throw new CriuError(`invalid --status-fd argument ${fd}: ${strerror(errno())}`);
  const acc = flags & O_ACCMODE;
  if (acc !== O_WRONLY && acc !== O_RDWR) throw new CriuError(`invalid --status-fd argument ${fd}: not writable`);
}

// ---------------------------------------------------------------------------------------------
// CRIU configuration file

export const CRIU_CONFIG_ANNOTATION = "org.criu.config";
export const DEFAULT_CRIU_CONFIG = "/etc/criu/ctbun.conf";

/**
 * config_file for the request: the `org.criu.config` annotation when set (an empty value means
 * "no file at all"), else /etc/criu/ctbun.conf. CRIU ignores a missing file; settings in the
 * file override the RPC options.
 */
export function criuConfigFile(annotations: Record<string, string> | undefined, fallback = DEFAULT_CRIU_CONFIG): string | undefined {
  if (annotations && Object.prototype.hasOwnProperty.call(annotations, CRIU_CONFIG_ANNOTATION)) {
    const v = annotations[CRIU_CONFIG_ANNOTATION];
    return v ? v : undefined;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// namespaces

const CRIU_NS_NAME: Record<NamespaceType, string> = {
  network: "net",
  pid: "pid",
  mount: "mnt",
  ipc: "ipc",
  uts: "uts",
  user: "user",
  cgroup: "cgroup",
  time: "time",
};

/** CRIU's (and the kernel's /proc/PID/ns) short name of a namespace type. */
export function criuNsName(t: NamespaceType): string {
  return CRIU_NS_NAME[t];
}

/** The key a namespace is dumped under and found again on restore: extRootNetNS, extRootPidNS. */
export function criuNsKey(t: NamespaceType): string {
  const n = criuNsName(t);
  return `extRoot${n[0]!.toUpperCase()}${n.slice(1)}NS`;
}

/** `external` entry for a namespace joined by path: "net[4026532001]:extRootNetNS". */
export function externalNsEntry(t: NamespaceType, inode: number | bigint): string {
  return `${criuNsName(t)}[${inode}]:${criuNsKey(t)}`;
}

export interface RestoreNsPlan {
  /** net/pid namespaces given by path: open path, pass as inherit_fd {key, fd} */
  inherit: { type: NamespaceType; path: string; key: string }[];
  /** other namespaces given by path: join_ns {ns, ns_file} */
  join: { ns: string; ns_file: string }[];
}

/** What a restore must do with the spec's path namespaces (runc's handleRestoringNamespaces). */
export function restoreNamespacePlan(namespaces: Namespace[] | undefined): RestoreNsPlan {
  const plan: RestoreNsPlan = { inherit: [], join: [] };
  for (const ns of namespaces ?? []) {
    if (!ns.path) continue;
    if (ns.type === "network" || ns.type === "pid") {
      plan.inherit.push({ type: ns.type, path: ns.path, key: criuNsKey(ns.type) });
      continue;
    }
    if (ns.type === "cgroup") throw new CriuError("Do not know how to handle namespace NEWCGROUP");
    plan.join.push({ ns: criuNsName(ns.type), ns_file: ns.path });
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// external mounts

export interface ExtMount {
  key: string;
  val: string;
}

/** Is this spec mount a bind mount (type "bind", or a bind/rbind option)? */
export function isBindMount(m: Mount): boolean {
  return m.type === "bind" || (m.options ?? []).some((o) => o === "bind" || o === "rbind");
}

export interface PathResolver {
  lstat(path: string): { isSymbolicLink(): boolean } | undefined;
  readlink(path: string): string;
}

const fsResolver: PathResolver = {
  lstat(p) {
    try {
      return lstatSync(p);
    } catch {
      return undefined;
    }
  },
  readlink: (p) => readlinkSync(p),
};

/**
 * The mountpoint of `dest` as CRIU sees it inside the container: `dest` with the rootfs prefix
 * removed and symlinks resolved within the rootfs (a bind whose destination is a symlink is
 * mounted on the link's target). Unresolvable paths are used as they are.
 */
export function containerMountpoint(rootfs: string, dest: string, fs: PathResolver = fsResolver): string {
  let d = dest;
  if (rootfs && d.startsWith(rootfs + "/")) d = d.slice(rootfs.length);
  try {
    let rest = d.split("/").filter((p) => p && p !== ".");
    const cur: string[] = [];
    let links = 0;
    while (rest.length) {
      const p = rest.shift()!;
      if (p === "..") {
        cur.pop();
        continue;
      }
      const full = `${rootfs}/${[...cur, p].join("/")}`;
      const st = fs.lstat(full);
      if (st?.isSymbolicLink()) {
        if (++links > 255) return normalise(d);
        const target = fs.readlink(full);
        if (target.startsWith("/")) cur.length = 0;
        rest = [...target.split("/").filter((x) => x && x !== "."), ...rest];
        continue;
      }
      cur.push(p);
    }
    return "/" + cur.join("/");
  } catch {
    return normalise(d);
  }
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const s of p.split("/")) {
    if (!s || s === ".") continue;
    if (s === "..") out.pop();
    else out.push(s);
  }
  return "/" + out.join("/");
}

/** The devices a container always gets besides linux.devices (runc's default device list). */
export const DEFAULT_DEVICE_PATHS = ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty"];

/** Device node paths of a spec: the defaults plus linux.devices, each once. */
export function devicePaths(spec: Spec): string[] {
  const out = [...DEFAULT_DEVICE_PATHS];
  for (const d of spec.linux?.devices ?? []) if (!out.includes(d.path)) out.push(d.path);
  return out;
}

/** A v1 cgroup hierarchy as bound into the container: host mountpoint and the container's dir in it. */
export interface CgroupV1Bind {
  /** /sys/fs/cgroup/cpu,cpuacct (its basename is the directory name inside the container) */
  mountPoint: string;
  /** the host directory bound there: /sys/fs/cgroup/cpu,cpuacct/ctbun/<id> */
  hostPath: string;
}

/**
 * A v1 `cgroup` mount without a cgroup namespace is a tmpfs with one bind per hierarchy:
 * those binds are external mounts (with a cgroupns, or on v2, it is a real mount CRIU dumps).
 */
export function cgroupBindMounts(m: Mount, binds: CgroupV1Bind[]): Mount[] {
  return binds.map((b) => ({
    destination: `${m.destination.replace(/\/+$/, "")}/${b.mountPoint.slice(b.mountPoint.lastIndexOf("/") + 1)}`,
    source: b.hostPath,
    type: "bind",
    options: ["rbind"],
  }));
}

export interface ExtMountInput {
  spec: Spec;
  /** the container's rootfs on the host (dump) or CRIU's root for restore; used for symlinks */
  rootfs: string;
  /** v1 hierarchies bound into the container, when its cgroup mount is made of binds */
  cgroupV1?: CgroupV1Bind[];
  /** true when cgroup mounts are real mounts (cgroup v2 unified, or a cgroup namespace) */
  cgroupRealMounts?: boolean;
}

function hasNs(spec: Spec, t: NamespaceType): boolean {
  return (spec.linux?.namespaces ?? []).some((n) => n.type === t);
}

function bindsOf(inp: ExtMountInput): Mount[] {
  const real = inp.cgroupRealMounts ?? (!inp.cgroupV1?.length || hasNs(inp.spec, "cgroup"));
  const out: Mount[] = [];
  for (const m of inp.spec.mounts ?? []) {
    if (m.type === "cgroup" || m.type === "cgroup2") {
      if (!real && m.type === "cgroup") out.push(...cgroupBindMounts(m, inp.cgroupV1 ?? []));
      continue;
    }
    if (isBindMount(m)) out.push(m);
  }
  return out;
}

/**
 * ext_mnt for a dump: every bind mount (and v1 cgroup bind), every device node, and every
 * masked file (key = its path, val = /dev/null). `maskedFiles` are the masked paths that exist
 * and are not directories in the running container (see maskedFilesOf).
 */
export function dumpExtMounts(inp: ExtMountInput & { maskedFiles: string[] }, fs: PathResolver = fsResolver): ExtMount[] {
  const out: ExtMount[] = [];
  const add = (k: string, v: string) => {
    if (!out.some((e) => e.key === k)) out.push({ key: k, val: v });
  };
  for (const m of bindsOf(inp)) {
    const dest = containerMountpoint(inp.rootfs, m.destination, fs);
    add(dest, dest);
  }
  for (const p of inp.maskedFiles) add(p, "/dev/null");
  for (const p of devicePaths(inp.spec)) {
    const dest = containerMountpoint(inp.rootfs, p, fs);
    add(dest, dest);
  }
  return out;
}

/**
 * ext_mnt for a restore: the same keys mapped to host sources (bind source, host cgroup dir,
 * the host device node); all masked files were dumped under the single key /dev/null.
 */
export function restoreExtMounts(inp: ExtMountInput, fs: PathResolver = fsResolver): ExtMount[] {
  const out: ExtMount[] = [];
  const add = (k: string, v: string) => {
    if (!out.some((e) => e.key === k)) out.push({ key: k, val: v });
  };
  for (const m of bindsOf(inp)) add(containerMountpoint(inp.rootfs, m.destination, fs), m.source ?? m.destination);
  if ((inp.spec.linux?.maskedPaths ?? []).length > 0) add("/dev/null", "/dev/null");
  for (const p of devicePaths(inp.spec)) add(containerMountpoint(inp.rootfs, p, fs), p);
  return out;
}

/** The masked paths that exist in the running container and are not directories. */
export function maskedFilesOf(pid: number, maskedPaths: string[] | undefined): string[] {
  const out: string[] = [];
  for (const p of maskedPaths ?? []) {
    const full = `/proc/${pid}/root/${p.replace(/^\/+/, "")}`;
    let st;
    try {
      st = statSync(full);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    if (!st.isDirectory()) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// descriptors.json: where the container init's fds 0..2 pointed at dump time

export const DESCRIPTORS_FILE = "descriptors.json";

/** Link targets of /proc/PID/fd/0..2 ("pipe:[1234]", "/dev/null", "/dev/pts/0"). Unreadable
 * (permission) entries are left empty, as runc does. */
export function stdioLinkTargets(pid: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    try {
      out.push(readlinkSync(`/proc/${pid}/fd/${i}`));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM") {
        out.push("");
        continue;
      }
      throw e;
    }
  }
  return out;
}

export function writeDescriptors(imageDir: string, fds: string[]): void {
  writeFileSync(join(imageDir, DESCRIPTORS_FILE), JSON.stringify(fds), { mode: 0o600 });
}

export function readDescriptors(imageDir: string): string[] {
  const path = join(imageDir, DESCRIPTORS_FILE);
  const text = readFileSync(path, "utf8");
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new CriuError(`${path}: ${(e as Error).message}`);
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new CriuError(`${path}: not a list of strings`);
  return v;
}

/** inherit_fd entries for restore: each stdio that was a pipe is reattached to CRIU's same fd. */
export function pipeInheritFds(fds: string[]): { key: string; fd: number }[] {
  const out: { key: string; fd: number }[] = [];
  fds.forEach((s, i) => {
    if (s.includes("pipe:")) out.push({ key: s, fd: i });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// small fs helpers for callers

/** Open a directory (O_RDONLY|O_DIRECTORY) to pass as images_dir_fd / work_dir_fd. */
export function openDir(path: string): number {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_DIRECTORY | 0o2000000 /* O_CLOEXEC */);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SysError("open", code === "ENOENT" ? 2 : code === "ENOTDIR" ? 20 : code === "EACCES" ? 13 : 22, path);
  }
}

export function closeFd(fd: number | undefined): void {
  if (fd === undefined || fd < 0) return;
  try {
    closeSync(fd);
  } catch {}
}
