// Read <bundle>/config.json and check every field the runtime relies on. Each problem is one
// SpecError naming the JSON path of the bad value ("invalid config.json: mounts[3].type: ...").
// The result is normalized: root.path absolute, mount destinations absolute, bind sources
// absolute, process.user always present.
import { readFileSync, realpathSync, statSync, type Stats } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { CtbunError, SpecError, SysError, strerror } from "../errors.ts";
import { log } from "../log.ts";
import { CAPABILITIES } from "../linux/capabilities.ts";
import { RLIMITS } from "../linux/constants.ts";
import { parseMountOptions } from "../linux/mount-flags.ts";
import { checkHostSecurity } from "../linux/lsm.ts";
import { planSeccomp, seccompRequested } from "../linux/seccomp.ts";
import type { IdMapping, Mount, Namespace, NamespaceType, Seccomp, Spec } from "./types.ts";

export interface ValidateOptions {
  /** Filesystem names the kernel supports (as /proc/filesystems lists them); default: read it. */
  filesystems?: readonly string[];
  /** Called for problems runc only warns about; default: log.warn. */
  warn?: (msg: string) => void;
}

export const NAMESPACE_TYPES: readonly NamespaceType[] = ["pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"];

export const ROOTFS_PROPAGATIONS: readonly string[] = [
  "",
  "shared",
  "slave",
  "private",
  "rshared",
  "rslave",
  "rprivate",
  "unbindable",
  "runbindable",
];

export const HOOK_KINDS = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"] as const;

/** Mount types accepted even when /proc/filesystems does not (yet) list them. */
export const BUILTIN_MOUNT_TYPES: readonly string[] = ["bind", "proc", "sysfs", "tmpfs", "devpts", "mqueue", "cgroup", "cgroup2"];

/**
 * Filesystems the kernel loads on first mount (a module), so they may be missing from
 * /proc/filesystems until then. Accepted so a config valid under runc stays valid here.
 */
const MODULE_MOUNT_TYPES: readonly string[] = [
  "overlay",
  "fuse",
  "fuseblk",
  "nfs",
  "nfs4",
  "cifs",
  "smb3",
  "9p",
  "virtiofs",
  "ceph",
  "ext2",
  "ext3",
  "ext4",
  "xfs",
  "btrfs",
  "zfs",
  "squashfs",
  "erofs",
  "vfat",
  "iso9660",
  "hugetlbfs",
  "ramfs",
  "devtmpfs",
  "binfmt_misc",
  "securityfs",
  "debugfs",
  "tracefs",
  "configfs",
  "bpf",
  "pstore",
  "efivarfs",
  "fusectl",
  "autofs",
];

/** ipc-namespaced sysctls (besides fs.mqueue.*), as runc lists them. */
const IPC_SYSCTLS: ReadonlySet<string> = new Set([
  "kernel.msgmax",
  "kernel.msgmnb",
  "kernel.msgmni",
  "kernel.sem",
  "kernel.shmall",
  "kernel.shmmax",
  "kernel.shmmni",
  "kernel.shm_rmid_forced",
]);

/** Filesystem names from the text of /proc/filesystems ("nodev\tsysfs", "\text4"). */
export function parseFilesystems(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const name = fields[fields.length - 1];
    if (name) out.push(name);
  }
  return out;
}

let cachedFilesystems: string[] | undefined;
function hostFilesystems(): readonly string[] {
  if (!cachedFilesystems) {
    try {
      cachedFilesystems = parseFilesystems(readFileSync("/proc/filesystems", "utf8"));
    } catch {
      cachedFilesystems = [];
    }
  }
  return cachedFilesystems;
}

/** The errno text of a failed node:fs call ("no such file or directory"). */
function fsErrorText(e: unknown): string {
  const errno = (e as { errno?: number }).errno;
  if (typeof errno === "number") return strerror(Math.abs(errno));
  return e instanceof Error ? e.message : String(e);
}

/**
 * Read and validate `<bundle>/config.json`. Errors (runc's texts where it has one):
 * `chdir /x: no such file or directory`, `JSON specification file config.json not found`,
 * `cannot parse /x/config.json: <problem>`, `invalid config.json: <field>: <problem>`.
 */
export function loadSpec(bundle: string, opts: ValidateOptions = {}): Spec {
  const dir = resolve(bundle);
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (e) {
    throw new SysError("chdir", Math.abs((e as { errno?: number }).errno ?? 2), bundle);
  }
  if (!st.isDirectory()) throw new SysError("chdir", 20, bundle);

  const file = resolve(dir, "config.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") throw new CtbunError("JSON specification file config.json not found");
    throw new CtbunError(`cannot read ${file}: ${fsErrorText(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CtbunError(`cannot parse ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const spec = validateSpec(raw, dir, opts);
  checkHostSecurity(spec); // AppArmor/SELinux asked for but not on this host
  return spec;
}

// ---------------------------------------------------------------------------------------------
// small typed readers; `at` is the JSON path used in the error

type Json = Record<string, unknown>;

function absent(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function object(v: unknown, at: string): Json {
  if (!isObject(v)) throw new SpecError(at, "must be an object");
  return v;
}

function string(v: unknown, at: string): string {
  if (typeof v !== "string") throw new SpecError(at, "must be a string");
  if (v.includes("\0")) throw new SpecError(at, "must not contain a NUL byte");
  return v;
}

function boolean(v: unknown, at: string): boolean {
  if (typeof v !== "boolean") throw new SpecError(at, "must be a boolean");
  return v;
}

function integer(v: unknown, at: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw new SpecError(at, "must be an integer");
  if (v < min) throw new SpecError(at, `must be at least ${min}`);
  if (v > max) throw new SpecError(at, `must be at most ${max}`);
  return v;
}

const UINT32_MAX = 0xffffffff;

function array(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new SpecError(at, "must be an array");
  return v;
}

function stringArray(v: unknown, at: string): string[] {
  return array(v, at).map((x, i) => string(x, `${at}[${i}]`));
}

function absolutePath(v: unknown, at: string): string {
  const s = string(v, at);
  if (!isAbsolute(s)) throw new SpecError(at, `must be an absolute path, got ${JSON.stringify(s)}`);
  return s;
}

function stringMap(v: unknown, at: string): Record<string, string> {
  const o = object(v, at);
  for (const [k, x] of Object.entries(o)) string(x, `${at}[${JSON.stringify(k)}]`);
  return o as Record<string, string>;
}

function envList(v: unknown, at: string): string[] {
  const list = stringArray(v, at);
  list.forEach((kv, i) => {
    const eq = kv.indexOf("=");
    if (eq < 0) throw new SpecError(`${at}[${i}]`, `invalid environment variable ${JSON.stringify(kv)}: missing '='`);
    if (eq === 0) throw new SpecError(`${at}[${i}]`, `invalid environment variable ${JSON.stringify(kv)}: empty name`);
  });
  return list;
}

// ---------------------------------------------------------------------------------------------

/** linux.seccomp: field types here, then names, errnos and NOTIFY rules as runc checks them. */
function checkSeccomp(v: unknown): void {
  const sc = object(v, "linux.seccomp");
  if (!absent(sc.defaultAction)) string(sc.defaultAction, "linux.seccomp.defaultAction");
  if (!absent(sc.defaultErrnoRet)) integer(sc.defaultErrnoRet, "linux.seccomp.defaultErrnoRet", 0, UINT32_MAX);
  if (!absent(sc.architectures)) stringArray(sc.architectures, "linux.seccomp.architectures");
  if (!absent(sc.flags)) stringArray(sc.flags, "linux.seccomp.flags");
  if (!absent(sc.listenerPath)) absolutePath(sc.listenerPath, "linux.seccomp.listenerPath");
  if (!absent(sc.listenerMetadata)) string(sc.listenerMetadata, "linux.seccomp.listenerMetadata");
  if (!absent(sc.syscalls)) {
    array(sc.syscalls, "linux.seccomp.syscalls").forEach((item, i) => {
      const at = `linux.seccomp.syscalls[${i}]`;
      const rule = object(item, at);
      stringArray(rule.names, `${at}.names`);
      string(rule.action, `${at}.action`);
      if (!absent(rule.errnoRet)) integer(rule.errnoRet, `${at}.errnoRet`, 0, UINT32_MAX);
      if (!absent(rule.args)) {
        array(rule.args, `${at}.args`).forEach((a, j) => {
          const arg = object(a, `${at}.args[${j}]`);
          integer(arg.index, `${at}.args[${j}].index`, 0, 5);
          integer(arg.value, `${at}.args[${j}].value`, 0);
          if (!absent(arg.valueTwo)) integer(arg.valueTwo, `${at}.args[${j}].valueTwo`, 0);
          string(arg.op, `${at}.args[${j}].op`);
        });
      }
    });
  }
  const s = sc as unknown as Seccomp;
  if (!seccompRequested(s)) return;
  try {
    planSeccomp(s);
  } catch (e) {
    throw new SpecError("linux.seccomp", e instanceof Error ? e.message : String(e));
  }
}

/**
 * Check a parsed config.json against what ctbun needs and return the normalized Spec.
 * `bundle` is the directory relative paths (root.path, bind sources) are resolved against.
 */
export function validateSpec(raw: unknown, bundle: string, opts: ValidateOptions = {}): Spec {
  if (!isObject(raw)) throw new CtbunError("invalid config.json: the top level must be a JSON object");
  const spec = structuredClone(raw) as Json;
  const warn = opts.warn ?? ((msg: string) => log.warn(msg));

  const ociVersion = string(spec.ociVersion, "ociVersion");
  if (ociVersion === "") throw new SpecError("ociVersion", "must not be empty");

  const linux = absent(spec.linux) ? undefined : object(spec.linux, "linux");
  const namespaces = checkNamespaces(linux?.namespaces);

  spec.root = checkRoot(spec.root, bundle);
  spec.process = checkProcess(spec.process);

  for (const field of ["hostname", "domainname"] as const) {
    if (absent(spec[field])) continue;
    const value = string(spec[field], field);
    if (value !== "" && !namespaces.has("uts")) {
      throw new SpecError(field, `unable to set ${field} without a private UTS namespace`);
    }
  }

  if (!absent(spec.mounts)) {
    const fs = new Set([...BUILTIN_MOUNT_TYPES, ...MODULE_MOUNT_TYPES, ...(opts.filesystems ?? hostFilesystems())]);
    spec.mounts = array(spec.mounts, "mounts").map((m, i) => checkMount(m, `mounts[${i}]`, bundle, fs, warn));
  }
  if (!absent(spec.hooks)) checkHooks(spec.hooks);
  if (!absent(spec.annotations)) stringMap(spec.annotations, "annotations");
  if (linux) checkLinux(linux, namespaces);

  return spec as unknown as Spec;
}

function checkNamespaces(v: unknown): Map<NamespaceType, Namespace> {
  const seen = new Map<NamespaceType, Namespace>();
  if (absent(v)) return seen;
  array(v, "linux.namespaces").forEach((item, i) => {
    const at = `linux.namespaces[${i}]`;
    const ns = object(item, at);
    const type = string(ns.type, `${at}.type`);
    if (!(NAMESPACE_TYPES as readonly string[]).includes(type)) {
      throw new SpecError(`${at}.type`, `unknown namespace type ${JSON.stringify(type)}`);
    }
    if (seen.has(type as NamespaceType)) throw new SpecError(`${at}.type`, `duplicate namespace ${JSON.stringify(type)}`);
    if (!absent(ns.path)) {
      const path = absolutePath(ns.path, `${at}.path`);
      try {
        statSync(path);
      } catch (e) {
        throw new SpecError(`${at}.path`, `${path}: ${fsErrorText(e)}`);
      }
    }
    seen.set(type as NamespaceType, ns as unknown as Namespace);
  });
  return seen;
}

function checkRoot(v: unknown, bundle: string): Json {
  if (absent(v)) throw new SpecError("root", "must be present");
  const root = object(v, "root");
  const given = string(root.path, "root.path");
  if (given === "") throw new SpecError("root.path", "must not be empty");
  if (!absent(root.readonly)) boolean(root.readonly, "root.readonly");
  // resolve against the bundle's real path, as runc does after chdir'ing into it
  let base = resolve(bundle);
  try {
    base = realpathSync(base);
  } catch {}
  const path = resolve(base, given);
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw new SpecError("root.path", `${path}: ${fsErrorText(e)}`);
  }
  if (!st.isDirectory()) throw new SpecError("root.path", `${path}: not a directory`);
  let real = path;
  try {
    real = realpathSync(path);
  } catch {}
  if (real !== path) {
    throw new SpecError("root.path", `${path}: invalid rootfs: not an absolute path, or a symlink`);
  }
  return { ...root, path: real };
}

function checkProcess(v: unknown): Json {
  if (absent(v)) throw new SpecError("process", "must be present");
  const p = object(v, "process");

  if (!absent(p.terminal)) boolean(p.terminal, "process.terminal");
  if (!absent(p.consoleSize)) {
    const cs = object(p.consoleSize, "process.consoleSize");
    integer(cs.height, "process.consoleSize.height", 0, 0xffff);
    integer(cs.width, "process.consoleSize.width", 0, 0xffff);
  }

  const user = absent(p.user) ? {} : object(p.user, "process.user");
  const uid = absent(user.uid) ? 0 : integer(user.uid, "process.user.uid", 0, UINT32_MAX);
  const gid = absent(user.gid) ? 0 : integer(user.gid, "process.user.gid", 0, UINT32_MAX);
  if (!absent(user.umask)) integer(user.umask, "process.user.umask", 0, 0o7777);
  if (!absent(user.additionalGids)) {
    array(user.additionalGids, "process.user.additionalGids").forEach((g, i) =>
      integer(g, `process.user.additionalGids[${i}]`, 0, UINT32_MAX),
    );
  }
  if (!absent(user.username)) string(user.username, "process.user.username");
  p.user = { ...user, uid, gid };

  if (!Array.isArray(p.args) || p.args.length === 0) throw new SpecError("process.args", "must be a non-empty array");
  stringArray(p.args, "process.args");
  if (!absent(p.env)) envList(p.env, "process.env");

  if (absent(p.cwd) || p.cwd === "") throw new SpecError("process.cwd", "must not be empty");
  absolutePath(p.cwd, "process.cwd");

  if (!absent(p.capabilities)) {
    const caps = object(p.capabilities, "process.capabilities");
    for (const set of ["bounding", "effective", "inheritable", "permitted", "ambient"]) {
      if (absent(caps[set])) continue;
      stringArray(caps[set], `process.capabilities.${set}`).forEach((name, i) => {
        if (!Object.hasOwn(CAPABILITIES, name)) {
          throw new SpecError(`process.capabilities.${set}[${i}]`, `unknown capability ${JSON.stringify(name)}`);
        }
      });
    }
  }

  if (!absent(p.rlimits)) {
    array(p.rlimits, "process.rlimits").forEach((item, i) => {
      const at = `process.rlimits[${i}]`;
      const rl = object(item, at);
      const type = string(rl.type, `${at}.type`);
      if (!Object.hasOwn(RLIMITS, type)) throw new SpecError(`${at}.type`, `unknown rlimit type ${JSON.stringify(type)}`);
      const soft = integer(rl.soft, `${at}.soft`, 0);
      const hard = integer(rl.hard, `${at}.hard`, 0);
      if (soft > hard) throw new SpecError(at, `soft limit ${soft} is greater than hard limit ${hard}`);
    });
  }

  if (!absent(p.noNewPrivileges)) boolean(p.noNewPrivileges, "process.noNewPrivileges");
  if (!absent(p.oomScoreAdj)) integer(p.oomScoreAdj, "process.oomScoreAdj", -1000, 1000);
  for (const f of ["apparmorProfile", "selinuxLabel"]) if (!absent(p[f])) string(p[f], `process.${f}`);
  if (!absent(p.ioPriority)) {
    const io = object(p.ioPriority, "process.ioPriority");
    const cls = string(io.class, "process.ioPriority.class");
    if (!["IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE"].includes(cls)) {
      throw new SpecError("process.ioPriority.class", `unknown class ${JSON.stringify(cls)}`);
    }
    if (!absent(io.priority)) integer(io.priority, "process.ioPriority.priority", 0, 7);
  }
  return p;
}

function checkMount(v: unknown, at: string, bundle: string, filesystems: ReadonlySet<string>, warn: (m: string) => void): Mount {
  const m = object(v, at);
  let destination = string(m.destination, `${at}.destination`);
  if (destination === "") throw new SpecError(`${at}.destination`, "must not be empty");
  if (!isAbsolute(destination)) {
    // runc only warns and treats the path as relative to the container's /
    warn(`mount destination ${destination} is not absolute. Support for non-absolute mount destinations will be removed in a future release.`);
    destination = `/${destination}`;
  }
  const options = absent(m.options) ? undefined : stringArray(m.options, `${at}.options`);
  const type = absent(m.type) ? "" : string(m.type, `${at}.type`);
  let source = absent(m.source) ? undefined : string(m.source, `${at}.source`);

  const parsed = parseMountOptions(options);
  const bind = parsed.bind || type === "bind";
  if (bind) {
    // the type of a bind mount is ignored by the kernel; only the source matters
    if (source === undefined || source === "") throw new SpecError(`${at}.source`, "a bind mount needs a source");
    if (!isAbsolute(source)) source = resolve(bundle, source);
  } else {
    if (type === "") throw new SpecError(`${at}.type`, "must be set for a mount that is not a bind mount");
    const base = type.split(".")[0]!; // "fuse.sshfs" is a fuse subtype
    if (!filesystems.has(type) && !filesystems.has(base)) {
      throw new SpecError(`${at}.type`, `unknown mount type ${JSON.stringify(type)}`);
    }
  }
  if (parsed.idmap || !absent(m.uidMappings) || !absent(m.gidMappings)) {
    if (!bind) throw new SpecError(at, "id-mapped mounts (idmap, uidMappings/gidMappings) need the bind option");
  }
  const out: Mount = { ...(m as unknown as Mount), destination };
  if (source !== undefined) out.source = source;
  if (!absent(m.uidMappings)) out.uidMappings = idMappings(m.uidMappings, `${at}.uidMappings`);
  if (!absent(m.gidMappings)) out.gidMappings = idMappings(m.gidMappings, `${at}.gidMappings`);
  return out;
}

function idMappings(v: unknown, at: string): IdMapping[] {
  return array(v, at).map((item, i) => {
    const m = object(item, `${at}[${i}]`);
    const containerID = integer(m.containerID, `${at}[${i}].containerID`, 0, UINT32_MAX);
    const hostID = integer(m.hostID, `${at}[${i}].hostID`, 0, UINT32_MAX);
    const size = integer(m.size, `${at}[${i}].size`, 0, UINT32_MAX);
    if (size === 0) throw new SpecError(`${at}[${i}].size`, "must be greater than 0");
    return { containerID, hostID, size };
  });
}

function checkHooks(v: unknown): void {
  const hooks = object(v, "hooks");
  for (const kind of HOOK_KINDS) {
    if (absent(hooks[kind])) continue;
    array(hooks[kind], `hooks.${kind}`).forEach((item, i) => {
      const at = `hooks.${kind}[${i}]`;
      const h = object(item, at);
      absolutePath(h.path, `${at}.path`);
      if (!absent(h.args)) stringArray(h.args, `${at}.args`);
      if (!absent(h.env)) envList(h.env, `${at}.env`);
      if (!absent(h.timeout)) integer(h.timeout, `${at}.timeout`, 1);
    });
  }
}

/** "net/ipv4/conf/eth0.100/rp_filter" -> "net.ipv4.conf.eth0/100.rp_filter" (sysctl(8)'s two spellings). */
export function normalizeSysctlKey(key: string): string {
  const first = key.search(/[./]/);
  if (first < 0 || key[first] === ".") return key;
  return key.replace(/[./]/g, (c) => (c === "." ? "/" : "."));
}

/** True when `path` is the network namespace this process is in (runc's "host" netns test). */
function isHostNetns(path: string, at: string): boolean {
  try {
    const mine = statSync("/proc/self/ns/net");
    const theirs = statSync(path);
    return mine.dev === theirs.dev && mine.ino === theirs.ino;
  } catch (e) {
    throw new SpecError(at, `invalid netns path: ${path}: ${fsErrorText(e)}`);
  }
}

function checkSysctl(v: unknown, namespaces: Map<NamespaceType, Namespace>): void {
  const sysctl = stringMap(v, "linux.sysctl");
  let hostNet: boolean | undefined;
  for (const rawKey of Object.keys(sysctl)) {
    const key = normalizeSysctlKey(rawKey);
    const at = `linux.sysctl[${JSON.stringify(rawKey)}]`;
    if (IPC_SYSCTLS.has(key) || key.startsWith("fs.mqueue.")) {
      if (!namespaces.has("ipc")) throw new SpecError(at, `sysctl ${JSON.stringify(key)} is not allowed in the hosts ipc namespace`);
      continue;
    }
    if (key.startsWith("net.")) {
      if (hostNet === undefined) {
        const net = namespaces.get("network");
        hostNet = !net ? true : net.path ? isHostNetns(net.path, "linux.namespaces") : false;
      }
      if (hostNet) throw new SpecError(at, `sysctl ${JSON.stringify(key)} not allowed in host network namespace`);
      continue;
    }
    if (namespaces.has("uts")) {
      if (key === "kernel.domainname") continue;
      if (key === "kernel.hostname") {
        throw new SpecError(at, `sysctl ${JSON.stringify(key)} is not allowed as it conflicts with the OCI "hostname" field`);
      }
    }
    throw new SpecError(at, `sysctl ${JSON.stringify(key)} is not in a separate kernel namespace`);
  }
}

function checkLinux(linux: Json, namespaces: Map<NamespaceType, Namespace>): void {
  const user = namespaces.get("user");
  const hasUidMaps = !absent(linux.uidMappings);
  const hasGidMaps = !absent(linux.gidMappings);
  if (hasUidMaps) linux.uidMappings = idMappings(linux.uidMappings, "linux.uidMappings");
  if (hasGidMaps) linux.gidMappings = idMappings(linux.gidMappings, "linux.gidMappings");
  if (!user) {
    if (hasUidMaps || hasGidMaps) {
      throw new SpecError(hasUidMaps ? "linux.uidMappings" : "linux.gidMappings", "user namespace mappings specified, but no user namespace in linux.namespaces");
    }
  } else if (!user.path) {
    // a new user namespace needs both maps; joining one (path) takes the maps it already has
    for (const [field, has] of [["linux.uidMappings", hasUidMaps], ["linux.gidMappings", hasGidMaps]] as const) {
      if (!has || (linux[field.slice(6)] as unknown[]).length === 0) {
        throw new SpecError(field, "a new user namespace needs uidMappings and gidMappings");
      }
    }
  }

  if (!absent(linux.sysctl)) checkSysctl(linux.sysctl, namespaces);
  if (!absent(linux.cgroupsPath)) string(linux.cgroupsPath, "linux.cgroupsPath");

  if (!absent(linux.rootfsPropagation)) {
    const prop = string(linux.rootfsPropagation, "linux.rootfsPropagation");
    if (!ROOTFS_PROPAGATIONS.includes(prop)) {
      throw new SpecError("linux.rootfsPropagation", `unknown propagation ${JSON.stringify(prop)}`);
    }
  }

  for (const field of ["maskedPaths", "readonlyPaths"] as const) {
    if (absent(linux[field])) continue;
    const list = array(linux[field], `linux.${field}`);
    list.forEach((p, i) => absolutePath(p, `linux.${field}[${i}]`));
    if (list.length > 0 && !namespaces.has("mount")) {
      throw new SpecError(`linux.${field}`, "unable to restrict sys entries without a private MNT namespace");
    }
  }

  if (!absent(linux.timeOffsets)) {
    const offsets = object(linux.timeOffsets, "linux.timeOffsets");
    for (const [clock, value] of Object.entries(offsets)) {
      const at = `linux.timeOffsets.${clock}`;
      if (clock !== "monotonic" && clock !== "boottime") {
        throw new SpecError(at, `unknown clock ${JSON.stringify(clock)} (only monotonic and boottime have offsets)`);
      }
      const o = object(value, at);
      if (!absent(o.secs)) integer(o.secs, `${at}.secs`);
      if (!absent(o.nanosecs)) integer(o.nanosecs, `${at}.nanosecs`, 0, 999_999_999);
    }
    if (Object.keys(offsets).length > 0 && !namespaces.has("time")) {
      throw new SpecError("linux.timeOffsets", "time namespace offsets specified, but no time namespace in linux.namespaces");
    }
  }

  if (!absent(linux.devices)) {
    array(linux.devices, "linux.devices").forEach((item, i) => {
      const at = `linux.devices[${i}]`;
      const d = object(item, at);
      const type = string(d.type, `${at}.type`);
      if (!["c", "b", "u", "p"].includes(type)) throw new SpecError(`${at}.type`, `unknown device type ${JSON.stringify(type)}`);
      absolutePath(d.path, `${at}.path`);
      if (type !== "p") {
        integer(d.major, `${at}.major`, 0);
        integer(d.minor, `${at}.minor`, 0);
      }
      if (!absent(d.fileMode)) integer(d.fileMode, `${at}.fileMode`, 0);
      if (!absent(d.uid)) integer(d.uid, `${at}.uid`, 0, UINT32_MAX);
      if (!absent(d.gid)) integer(d.gid, `${at}.gid`, 0, UINT32_MAX);
    });
  }

  if (!absent(linux.resources)) {
    const res = object(linux.resources, "linux.resources");
    if (!absent(res.devices)) {
      array(res.devices, "linux.resources.devices").forEach((item, i) => {
        const at = `linux.resources.devices[${i}]`;
        const d = object(item, at);
        boolean(d.allow, `${at}.allow`);
        if (!absent(d.type)) {
          const t = string(d.type, `${at}.type`);
          if (!["a", "b", "c"].includes(t)) throw new SpecError(`${at}.type`, `invalid cgroup device type ${JSON.stringify(t)}`);
        }
        if (!absent(d.major)) integer(d.major, `${at}.major`, -1);
        if (!absent(d.minor)) integer(d.minor, `${at}.minor`, -1);
        if (!absent(d.access)) {
          const a = string(d.access, `${at}.access`);
          if (!/^[rwm]+$/.test(a)) throw new SpecError(`${at}.access`, `invalid access ${JSON.stringify(a)} (letters r, w, m)`);
        }
      });
    }
  }

  if (!absent(linux.personality)) {
    const per = object(linux.personality, "linux.personality");
    const domain = string(per.domain, "linux.personality.domain");
    if (domain !== "LINUX" && domain !== "LINUX32") {
      throw new SpecError("linux.personality.domain", `invalid personality domain ${JSON.stringify(domain)}`);
    }
  }

  if (!absent(linux.seccomp)) checkSeccomp(linux.seccomp);
  if (!absent(linux.intelRdt)) throw new SpecError("linux.intelRdt", "Intel RDT is not supported by ctbun");
  for (const f of ["mountLabel"]) if (!absent(linux[f])) string(linux[f], `linux.${f}`);
}
