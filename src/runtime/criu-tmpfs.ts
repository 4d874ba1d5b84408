// tmpfs mounts that ctbun recreates itself on restore instead of having CRIU `tar` them.
//
// CRIU saves every tmpfs of a container with a `tar` run (~5-7 ms each here, and as much again
// to unpack on restore). A container's /dev (ctbun's own tmpfs: device nodes, symlinks and
// mountpoints), /dev/shm (usually empty) and /sys/fs/cgroup (mountpoint directories and
// symlinks) hold nothing that metadata does not describe. When that is so at dump time, ctbun
// records the tree (names, types, modes, owners, device numbers, link targets) and the mount's
// superblock options in the image notes, declares the mount external, and restore mounts a new
// tmpfs with the same options and tree where CRIU expects the external mount's source. Anything
// that metadata cannot describe (a regular file with data, a socket, many entries, a mount of
// the same tmpfs elsewhere) leaves the mount to CRIU, as before.
import { chmodSync, lchownSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { libc } from "../linux/libc.ts";
import { LinuxSyscall } from "../linux/syscall.ts";

/** One entry below a recreatable tmpfs' root. */
export interface TmpfsEntry {
  /** path relative to the mount's root */
  p: string;
  /** d: directory, l: symlink, c/b: device, f: empty regular file, p: fifo, m: a child mount's mountpoint (dir) or M (file) */
  t: "d" | "l" | "c" | "b" | "f" | "p" | "m" | "M";
  mode: number;
  uid: number;
  gid: number;
  rdev?: number;
  target?: string;
}

export interface TmpfsTree {
  /** mountpoint in the container (also the external mount's name in the image) */
  path: string;
  /** the superblock's options as mounted (size=, mode=, nr_inodes=, ...), without rw/ro */
  options: string;
  /** the mount's source name ("shm" for /dev/shm) */
  source?: string;
  /** the superblock was read-only */
  ro?: boolean;
  root: { mode: number; uid: number; gid: number };
  entries: TmpfsEntry[];
}

/** st_rdev as glibc encodes it (what the dump recorded from lstat). */
export function makedev(major: number, minor: number): number {
  return Number(
    ((BigInt(major) & 0xfffff000n) << 32n) | ((BigInt(major) & 0xfffn) << 8n) | ((BigInt(minor) & 0xffffff00n) << 12n) | (BigInt(minor) & 0xffn),
  );
}

const TYPES = new Set(["d", "l", "c", "b", "f", "p", "m", "M"]);
const uint = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

/**
 * Why a recorded tree must not be recreated (undefined: it is fine). The notes come from the
 * image directory, which for `restore --import` is an archive from elsewhere: the tree may only
 * hold names below its own root made in order (every parent an earlier directory of the tree,
 * never a link), known types, permission bits, and device nodes the spec allows; its mountpoint
 * must be one of the spec's (`allowedPaths`), its options plain tmpfs options.
 */
export function tmpfsTreeProblem(t: TmpfsTree, allowedPaths: ReadonlySet<string>, allowedDevs: ReadonlySet<number>): string | undefined {
  if (!t || typeof t !== "object" || !Array.isArray(t.entries)) return "not a tmpfs tree";
  if (!allowedPaths.has(t.path)) return `${JSON.stringify(t.path)} is not a tmpfs mount of this container`;
  if (typeof t.options !== "string" || !/^[A-Za-z0-9_=,.:%-]*$/.test(t.options)) return `${t.path}: bad mount options`;
  if (t.source !== undefined && (typeof t.source !== "string" || !/^[A-Za-z0-9_.-]{1,64}$/.test(t.source))) return `${t.path}: bad mount source`;
  if (!t.root || !uint(t.root.mode) || t.root.mode > 0o7777 || !uint(t.root.uid) || !uint(t.root.gid)) return `${t.path}: bad root`;
  if (t.entries.length > MAX_ENTRIES) return `${t.path}: too many entries`;
  const dirs = new Set<string>([""]);
  const seen = new Set<string>();
  for (const e of t.entries) {
    const where = `${t.path}: entry ${JSON.stringify(e?.p)}`;
    if (!e || typeof e.p !== "string" || !TYPES.has(e.t)) return `${where}: bad entry`;
    const parts = e.p.split("/");
    if (parts.some((x) => x === "" || x === "." || x === "..") || e.p.length > 4096) return `${where}: not a plain relative name`;
    if (seen.has(e.p)) return `${where}: listed twice`;
    seen.add(e.p);
    if (!dirs.has(parts.slice(0, -1).join("/"))) return `${where}: its parent is not a directory made before it`;
    if (!uint(e.mode) || e.mode > 0o7777 || !uint(e.uid) || !uint(e.gid)) return `${where}: bad mode or owner`;
    if ((e.t === "c" || e.t === "b") && !(uint(e.rdev) && allowedDevs.has(e.rdev!))) return `${where}: a device the container is not given`;
    if (e.t === "l" && (typeof e.target !== "string" || e.target.length > 4096)) return `${where}: bad link target`;
    if (e.t === "d" || e.t === "m") dirs.add(e.p);
  }
  return undefined;
}

/** More entries than this: let CRIU tar it (the walk would cost more than it saves). */
const MAX_ENTRIES = 256;

interface MountLine {
  id: string;
  parent: string;
  dev: string;
  root: string;
  mountPoint: string;
  fstype: string;
  source: string;
  superOpts: string;
}

const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o) => String.fromCharCode(parseInt(o, 8)));

export function parseMountinfo(text: string): MountLine[] {
  const out: MountLine[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const f = line.split(" ");
    const dash = f.indexOf("-");
    if (dash < 6) continue;
    out.push({
      id: f[0]!,
      parent: f[1]!,
      dev: f[2]!,
      root: unescape(f[3]!),
      mountPoint: unescape(f[4]!),
      fstype: f[dash + 1]!,
      source: unescape(f[dash + 2] ?? "tmpfs"),
      superOpts: f[dash + 3] ?? "",
    });
  }
  return out;
}

/**
 * The recreatable tmpfs mounts among `candidates` (mountpoints in the container) of the process
 * `pid`. `sharedOk`: mountpoints that may show the same superblock (masked files bound from
 * /dev's tmpfs, which are external mounts of their own).
 */
export function recreatableTmpfs(pid: number, candidates: string[], sharedOk: string[] = []): TmpfsTree[] {
  let mounts: MountLine[];
  try {
    mounts = parseMountinfo(readFileSync(`/proc/${pid}/mountinfo`, "utf8"));
  } catch {
    return [];
  }
  const out: TmpfsTree[] = [];
  for (const path of new Set(candidates)) {
    // the last mount at a path is the visible one
    const m = mounts.filter((x) => x.mountPoint === path).at(-1);
    if (!m || m.fstype !== "tmpfs" || m.root !== "/") continue;
    if (mounts.some((x) => x !== m && x.dev === m.dev && !sharedOk.includes(x.mountPoint))) continue;
    const children = mounts.filter((x) => x.parent === m.id && x.mountPoint !== path);
    const tree = describe(pid, m, children);
    if (tree) out.push(tree);
  }
  return out;
}

function describe(pid: number, m: MountLine, children: MountLine[]): TmpfsTree | undefined {
  const base = `/proc/${pid}/root${m.mountPoint}`;
  const rel = (mp: string) => mp.slice(m.mountPoint === "/" ? 1 : m.mountPoint.length + 1);
  const childPaths = new Set(children.map((c) => rel(c.mountPoint)));
  // a child mounted deeper than the entries we can see (parent dirs must exist): fine, they are walked
  const entries: TmpfsEntry[] = [];
  let rootSt;
  try {
    rootSt = lstatSync(base);
  } catch {
    return undefined;
  }
  const walk = (dir: string): boolean => {
    let names: string[];
    try {
      names = readdirSync(dir ? join(base, dir) : base);
    } catch {
      return false;
    }
    for (const name of names.sort()) {
      const p = dir ? `${dir}/${name}` : name;
      if (entries.length >= MAX_ENTRIES) return false;
      let st;
      try {
        st = lstatSync(join(base, p));
      } catch {
        return false;
      }
      const own = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
      if (childPaths.has(p)) {
        // what lies under a mount cannot be seen: a mountpoint of the right kind is enough
        entries.push({ p, t: st.isDirectory() ? "m" : "M", mode: st.isDirectory() ? 0o755 : 0o644, uid: 0, gid: 0 });
        continue;
      }
      if (st.isDirectory()) {
        entries.push({ p, t: "d", ...own });
        if (!walk(p)) return false;
      } else if (st.isSymbolicLink()) entries.push({ p, t: "l", ...own, target: readlinkSync(join(base, p)) });
      else if (st.isCharacterDevice()) entries.push({ p, t: "c", ...own, rdev: st.rdev });
      else if (st.isBlockDevice()) entries.push({ p, t: "b", ...own, rdev: st.rdev });
      else if (st.isFIFO()) entries.push({ p, t: "p", ...own });
      else if (st.isFile() && st.size === 0) entries.push({ p, t: "f", ...own });
      else return false; // data, a socket: CRIU must dump it
    }
    return true;
  };
  if (!walk("")) return undefined;
  // every child mountpoint must have been seen (one below an unreadable dir: give up)
  for (const c of childPaths) if (!entries.some((e) => e.p === c)) return undefined;
  // only options a plain tmpfs mount takes back as they are shown
  const opts = m.superOpts.split(",").filter((o) => o && o !== "rw" && o !== "ro");
  if (!opts.every((o) => /^(size|nr_inodes|mode|uid|gid|huge)=[^,]*$|^inode(32|64)$/.test(o))) return undefined;
  return {
    path: m.mountPoint,
    ...(m.source !== "tmpfs" ? { source: m.source } : {}),
    options: opts.join(","),
    ...(m.superOpts.split(",").includes("ro") ? { ro: true } : {}),
    root: { mode: rootSt.mode & 0o7777, uid: rootSt.uid, gid: rootSt.gid },
    entries,
  };
}

const S_IFCHR = 0o020000,
  S_IFBLK = 0o060000,
  S_IFIFO = 0o010000;
const MS_RDONLY = 0x1,
  MS_REMOUNT = 0x20;

/**
 * Mount a new tmpfs at `dir` (made here) with the tree's options and content. The caller
 * unmounts it (MNT_DETACH) once CRIU has bound it into the container.
 */
export function makeTmpfs(dir: string, t: TmpfsTree): void {
  const sys = new LinuxSyscall();
  mkdirSync(dir, { mode: 0o700 });
  try {
    sys.mount(t.source ?? "tmpfs", dir, "tmpfs", 0, t.options || null);
  } catch (e) {
    try {
      rmdirSync(dir);
    } catch {}
    throw e;
  }
  const old = process.umask(0);
  try {
    for (const e of t.entries) {
      const p = join(dir, e.p);
      switch (e.t) {
        case "d":
        case "m":
          mkdirSync(p, { mode: e.mode });
          break;
        case "l":
          symlinkSync(e.target ?? "", p);
          break;
        case "f":
        case "M":
          writeFileSync(p, "", { mode: e.mode });
          break;
        case "c":
        case "b":
        case "p":
          sys.mknod(p, (e.t === "c" ? S_IFCHR : e.t === "b" ? S_IFBLK : S_IFIFO) | e.mode, e.rdev ?? 0);
          break;
      }
      if (e.t !== "l") chmodSync(p, e.mode);
      if (e.uid !== 0 || e.gid !== 0) lchownSync(p, e.uid, e.gid);
    }
    chmodSync(dir, t.root.mode);
    if (t.root.uid !== 0 || t.root.gid !== 0) lchownSync(dir, t.root.uid, t.root.gid);
  } finally {
    process.umask(old);
  }
  if (t.ro) sys.mount(null, dir, null, MS_REMOUNT | MS_RDONLY, t.options || null);
}

/** Undo makeTmpfs (quietly). */
export function dropTmpfs(dir: string): void {
  libc.symbols.umount2(dir, 2 /* MNT_DETACH */);
  try {
    rmdirSync(dir);
  } catch {}
}
