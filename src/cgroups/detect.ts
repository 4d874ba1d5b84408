// Which cgroup layout the host has, where each hierarchy is mounted, and which cgroup a process
// is in. Everything is read through CgroupFs so the v2 paths can be unit-tested on a v1 host.
import { posix } from "node:path";
import { CtbunError } from "../errors.ts";
import type { CgroupFs } from "./fs.ts";

export type CgroupMode = "legacy" | "hybrid" | "unified";

export interface V1Hierarchy {
  /** Controllers (and "name=..." for named hierarchies) that share this mount. */
  controllers: string[];
  mountpoint: string;
  /** The cgroup path (inside the hierarchy) that is mounted at mountpoint; "/" on the host. */
  root: string;
}

export interface CgroupLayout {
  mode: CgroupMode;
  /** v1 controller (or "name=systemd") -> its hierarchy; empty on unified. */
  v1: Map<string, V1Hierarchy>;
  /** The cgroup2 mount: /sys/fs/cgroup (unified) or /sys/fs/cgroup/unified (hybrid). */
  unified?: { mountpoint: string; root: string };
}

/** Controllers the kernel may offer on v1 (the fallback when /proc/cgroups is unreadable). */
const KNOWN_V1 = [
  "cpuset", "cpu", "cpuacct", "blkio", "memory", "devices", "freezer", "net_cls", "perf_event",
  "net_prio", "hugetlb", "pids", "rdma", "misc", "debug",
];

interface MountLine {
  root: string;
  mountpoint: string;
  fstype: string;
  superOptions: string[];
}

/** The "\040"-style escapes mountinfo uses for spaces, tabs, newlines and backslashes. */
function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** The cgroup and cgroup2 lines of /proc/<pid>/mountinfo. */
export function parseCgroupMounts(mountinfo: string): MountLine[] {
  const out: MountLine[] = [];
  for (const line of mountinfo.split("\n")) {
    if (!line) continue;
    const sep = line.indexOf(" - ");
    if (sep < 0) continue;
    const pre = line.slice(0, sep).split(" ");
    const post = line.slice(sep + 3).split(" ");
    const fstype = post[0];
    if (fstype !== "cgroup" && fstype !== "cgroup2") continue;
    out.push({
      root: unescapeMount(pre[3] ?? "/"),
      mountpoint: unescapeMount(pre[4] ?? ""),
      fstype,
      superOptions: (post[2] ?? "").split(","),
    });
  }
  return out;
}

/** Controller names the running kernel knows, from /proc/cgroups. */
function knownControllers(fs: CgroupFs): Set<string> {
  try {
    const names = fs
      .readFile("/proc/cgroups")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split(/\s+/)[0]!);
    if (names.length) return new Set(names);
  } catch {
    // fall through
  }
  return new Set(KNOWN_V1);
}

/**
 * Detect the layout from /proc/self/mountinfo. "unified" when a cgroup2 filesystem is the
 * cgroup root (/sys/fs/cgroup, or the only cgroup mount), "hybrid" when v1 hierarchies exist
 * next to a cgroup2 mount, "legacy" when there are only v1 hierarchies.
 */
export function detectLayout(fs: CgroupFs, mountinfoPath = "/proc/self/mountinfo"): CgroupLayout {
  const mounts = parseCgroupMounts(fs.readFile(mountinfoPath));
  const v1Mounts = mounts.filter((m) => m.fstype === "cgroup");
  const v2Mounts = mounts.filter((m) => m.fstype === "cgroup2");
  const v1 = new Map<string, V1Hierarchy>();
  if (v1Mounts.length) {
    const known = knownControllers(fs);
    for (const m of v1Mounts) {
      const controllers = m.superOptions.filter((o) => known.has(o) || o.startsWith("name="));
      if (!controllers.length) continue;
      const h: V1Hierarchy = { controllers, mountpoint: m.mountpoint, root: m.root };
      for (const c of controllers) if (!v1.has(c)) v1.set(c, h);
    }
  }
  // Only these two places count: a cgroup2 mount elsewhere next to v1 hierarchies (systemd's
  // own tree at /sys/fs/cgroup/systemd on some hosts) is not ours to join.
  const at = (p: string) => v2Mounts.find((m) => m.mountpoint === p);
  const realV1 = [...v1.keys()].some((k) => !k.startsWith("name="));
  let v2 = at("/sys/fs/cgroup");
  let mode: CgroupMode;
  if (v2) mode = "unified";
  else if (realV1) {
    v2 = at("/sys/fs/cgroup/unified");
    mode = v2 ? "hybrid" : "legacy";
  } else if ((v2 = v2Mounts[0])) mode = "unified";
  else throw new CtbunError("no cgroup mount found in mountinfo");
  const unified = v2 ? { mountpoint: v2.mountpoint, root: v2.root } : undefined;
  if (mode === "unified") v1.clear();
  return { mode, v1, unified };
}

/**
 * /proc/<pid>/cgroup as controller -> path. v1 lines give one key per controller of the line
 * (comounts like "cpu,cpuacct" give two keys, "name=systemd" stays as is); the v2 line "0::/x"
 * gives the key "".
 */
export function parseProcCgroup(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (!line) continue;
    const a = line.indexOf(":");
    const b = line.indexOf(":", a + 1);
    if (a < 0 || b < 0) throw new CtbunError(`invalid cgroup entry: must contain at least two colons: ${line}`);
    const path = line.slice(b + 1);
    for (const c of line.slice(a + 1, b).split(",")) out[c] = path;
  }
  return out;
}

/** v2 controllers enabled for a cgroup directory (cgroup.controllers). */
export function readV2Controllers(fs: CgroupFs, dir: string): string[] {
  try {
    return fs.readFile(posix.join(dir, "cgroup.controllers")).trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * runc's utils.CleanPath: lexically clean a path, and keep a relative one from climbing above
 * its base ("../../x" becomes "x").
 */
export function cleanPath(p: string): string {
  if (p === "") return "";
  let c = posix.normalize(p);
  if (!posix.isAbsolute(c)) c = posix.relative("/", posix.normalize("/" + c));
  if (c.length > 1 && c.endsWith("/")) c = c.slice(0, -1);
  return c === "" ? "." : c;
}

/** Join a process's cgroup path (from /proc/self/cgroup) onto a hierarchy mounted with `root`. */
export function hostDir(mountpoint: string, root: string, cgroupPath: string): string {
  const rel = posix.relative(root, cgroupPath);
  if (rel.startsWith("..")) return mountpoint; // outside what this mount shows (cgroupns): use its top
  return posix.join(mountpoint, rel);
}
