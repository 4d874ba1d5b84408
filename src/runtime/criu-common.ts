// Pieces shared by `ctbun checkpoint` and `ctbun restore`: the CRIU version (cached on disk per
// binary), v1 cgroup binds of a container, statistics output, and step timings for --debug.
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { CgroupV1Bind } from "../criu/options.ts";
import { formatDumpStats, formatRestoreStats, type DumpStats, type RestoreStats } from "../criu/stats.ts";
import { compareCriuVersion, criuVersion } from "../criu/version.ts";
import { isDebug, log } from "../log.ts";
import { readCgroupMounts } from "./rootfs.ts";
import { ptr } from "bun:ffi";
import * as libcMod from "../linux/libc.ts";
import * as syscallMod from "../linux/syscall.ts";

/** Where `criu` resolves to: the --criu path, else the first `criu` in PATH. */
export function resolveCriu(criuPath?: string): string {
  if (criuPath) return criuPath;
  return Bun.which("criu") ?? "criu";
}

/**
 * The installed CRIU's version number, at least `min`. Asking CRIU costs a process start (a few
 * ms); the answer is kept beside the state root, in <root>.criu-version (inside it, it would look
 * like container state), keyed by the binary's path, size, mtime and
 * inode, so it is asked again only when the binary changes.
 */
export async function criuVersionAtLeast(root: string, criu: string, min: number): Promise<number> {
  let key = "";
  try {
    const st = statSync(criu);
    key = `${criu}:${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {}
  const cacheFile = `${root.replace(/\/+$/, "")}.criu-version`;
  if (key) {
    try {
      const c = JSON.parse(readFileSync(cacheFile, "utf8")) as { key: string; number: number };
      if (c.key === key && typeof c.number === "number") {
        compareCriuVersion(c.number, min);
        return c.number;
      }
    } catch {}
  }
  const v = await criuVersion(criu);
  compareCriuVersion(v.number, min);
  if (key) {
    try {
      const tmp = `${cacheFile}.${process.pid}`;
      writeFileSync(tmp, JSON.stringify({ key, number: v.number, text: v.text }), { mode: 0o600 });
      renameSync(tmp, cacheFile);
    } catch {}
  }
  return v.number;
}

/** A v1 hierarchy's key in /proc/PID/cgroup for a mount's super options. */
function hierarchyKey(controllers: string[]): string {
  return controllers.join(",");
}

/**
 * The v1 hierarchies a container without a cgroup namespace sees as bind mounts: each host
 * hierarchy's mountpoint and the container's directory in it (from /proc/PID/cgroup).
 */
export function cgroupV1BindsOf(pid: number | "self"): CgroupV1Bind[] {
  const { mounts } = readCgroupMounts();
  const own: Record<string, string> = {};
  try {
    for (const line of readFileSync(`/proc/${pid}/cgroup`, "utf8").split("\n")) {
      const m = /^\d+:([^:]*):(.*)$/.exec(line);
      if (m) own[m[1]!] = m[2]!;
    }
  } catch {}
  const out: CgroupV1Bind[] = [];
  for (const cm of mounts) {
    const key = cm.fstype === "cgroup2" ? "" : hierarchyKey(cm.controllers);
    const p = own[key];
    if (p === undefined) continue;
    out.push({ mountPoint: cm.mountPoint, hostPath: `${cm.mountPoint}${p === "/" ? "" : p}` });
  }
  return out;
}

/** True when the host has v1 hierarchies (legacy or hybrid layout). */
export function hostHasV1(): boolean {
  return readCgroupMounts().mounts.some((m) => m.fstype === "cgroup");
}

/** Step timings, logged at --debug: "checkpoint timings: freeze 0.1ms criu 52.3ms ...". */
export class Steps {
  private t = performance.now();
  readonly start = this.t;
  readonly marks: Record<string, number> = {};
  mark(name: string): void {
    const now = performance.now();
    this.marks[name] = (this.marks[name] ?? 0) + (now - this.t);
    this.t = now;
  }
  log(what: string): void {
    if (!isDebug()) return;
    const parts = Object.entries(this.marks).map(([k, v]) => `${k} ${v.toFixed(1)}ms`);
    log.debug(`${what} timings: ${parts.join(" ")} total ${(performance.now() - this.start).toFixed(1)}ms`);
  }
  json(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.marks)) out[k] = Math.round(v * 1000) / 1000;
    out.total = Math.round((performance.now() - this.start) * 1000) / 1000;
    return out;
  }
}

/** Log CRIU's statistics at --debug. */
export function logStats(kind: "dump" | "restore", s: DumpStats | RestoreStats | undefined): void {
  if (!s) {
    log.debug(`no stats-${kind} image`);
    return;
  }
  log.debug(`criu ${kind} stats: ${kind === "dump" ? formatDumpStats(s as DumpStats) : formatRestoreStats(s as RestoreStats)}`);
}

/** --print-stats: one JSON object on stdout. */
export function printStatsJson(obj: unknown): void {
  const text = JSON.stringify(obj, (_k, v) => (typeof v === "bigint" ? Number(v) : v), 2) + "\n";
  const buf = Buffer.from(text);
  let off = 0;
  while (off < buf.length) off += writeSync(1, buf, off);
}

/** Records stdio that CRIU cannot see from inside the container (see externalStdioFiles). */
export const EXT_STDIO_FILE = "ctbun-stdio.json";

export interface ExternalStdio {
  fd: number;
  /** CRIU's external file id: file[<mnt_id hex>:<inode hex>] */
  key: string;
  /** where it pointed (for messages) */
  path: string;
}

/**
 * The init's stdio that are regular files on a mount outside the container's mount namespace
 * (a `run -d` whose output goes to a host file). runc cannot checkpoint such a container (CRIU:
 * "Can't lookup mount"); ctbun declares them external files, and restore hands CRIU its own
 * stdio for them (inherit_fd), as it does for pipes.
 */
export function externalStdioFiles(pid: number): ExternalStdio[] {
  let mountIds: Set<string>;
  try {
    mountIds = new Set(
      readFileSync(`/proc/${pid}/mountinfo`, "utf8")
        .split("\n")
        .map((l) => l.split(" ")[0] ?? ""),
    );
  } catch {
    return [];
  }
  const out: ExternalStdio[] = [];
  for (let fd = 0; fd < 3; fd++) {
    try {
      const st = statSync(`/proc/${pid}/fd/${fd}`, { bigint: true });
      if (!st.isFile()) continue;
      const m = /^mnt_id:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8"));
      if (!m || mountIds.has(m[1]!)) continue;
      out.push({ fd, key: `file[${Number(m[1]).toString(16)}:${st.ino.toString(16)}]`, path: readlinkSync(`/proc/${pid}/fd/${fd}`) });
    } catch {}
  }
  return out;
}

export function writeExternalStdio(imageDir: string, ext: ExternalStdio[]): void {
  const p = join(imageDir, EXT_STDIO_FILE);
  if (!ext.length) {
    rmSync(p, { force: true });
    return;
  }
  writeFileSync(p, JSON.stringify(ext), { mode: 0o600 });
}

export function readExternalStdio(imageDir: string): ExternalStdio[] {
  try {
    const v = JSON.parse(readFileSync(join(imageDir, EXT_STDIO_FILE), "utf8"));
    // stdio only: the fd numbers go to CRIU's inherit_fd, where 3 and up are ctbun's own
    return Array.isArray(v) ? v.filter((x) => (x?.fd === 0 || x?.fd === 1 || x?.fd === 2) && typeof x?.key === "string") : [];
  } catch {
    return [];
  }
}

const NOISE = /RLIMIT_NOFILE|cgroupd: recv req error|Restoring FAILED|Dumping FAILED|Dump files \(pid|Unable to open fd=/;

/**
 * Add the first meaningful CRIU error line (from the quoted log) to a "criu failed" message,
 * with a hint for the failures users meet most: "criu failed: type RESTORE errno 0: mnt: No
 * mapping for 231:(null) mountpoint (the image has a bind mount this bundle's config.json does
 * not provide: an image of another container?)".
 */
export function explainCriuFailure(e: unknown): unknown {
  if (!(e instanceof Error) || !("quoted" in e) || !Array.isArray((e as { quoted: unknown }).quoted)) return e;
  if (!e.message.startsWith("criu failed")) return e;
  const quoted = (e as { quoted: string[] }).quoted;
  const line = quoted.map((l) => l.replace(/^\d+:/, "")).find((l) => /Error \(/.test(l) && !NOISE.test(l));
  if (!line) return e;
  const reason = line.replace(/^.*?Error \([^)]*\): /, "").trim();
  if (!reason || e.message.includes(reason)) return e;
  let hint = "";
  if (/No mapping for .* mountpoint|No external mount/.test(reason))
    hint = " (the image has a bind mount this bundle's config.json does not provide: an image of another container?)";
  else if (/Can't lookup mount=\d+ for fd=/.test(reason)) hint = " (an open file outside the container's mounts)";
  else if (/magic|Unexpected EOF|Can't read|corrupt/i.test(reason)) hint = " (a damaged or incomplete image?)";
  else if (/page-pipe: splice: -1: Bad file descriptor/.test(reason))
    hint = " (CRIU's lazy page server could not size its pipe: needs CAP_SYS_RESOURCE or a larger fs.pipe-max-size)";
  else if (/Can't get \d+:\d+ opt: Operation not supported/.test(reason))
    hint = " (this CRIU cannot dump TCP sockets on this kernel; CRIU >= 4.2 is needed on kernels >= 6.16)";
  e.message = `${e.message}: ${reason}${hint}`;
  return e;
}

/**
 * Run `fn` (a CRIU dialogue) so that SIGINT/SIGTERM/SIGHUP end it cleanly: CRIU is killed, which
 * the dialogue sees as EOF, and the caller's failure path undoes its work (thaw the container,
 * unmount criu-root, remove the half-restored container) instead of dying half way.
 */
export async function interruptible<T>(criuPid: () => number | undefined, fn: (interrupted: () => string | undefined) => Promise<T>): Promise<T> {
  let got: string | undefined;
  const sigs = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const handlers = sigs.map((s) => {
    const h = () => {
      got ??= s;
      const p = criuPid();
      if (p) {
        try {
          process.kill(p, "SIGKILL");
        } catch {}
      }
    };
    process.on(s, h);
    return [s, h] as const;
  });
  try {
    return await fn(() => got);
  } catch (e) {
    if (got) throw new Error(`interrupted by ${got}`, { cause: e });
    throw e;
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
  }
}

// ---------------------------------------------------------------------------------------------
// CRIU's kernel-feature cache

const KDAT = "/run/criu.kdat";
const KDAT_CACHE_DIR = "/dev/shm/.ctbun-criu";
const TMPFS_MAGIC = 0x01021994;
const CLONE_NEWNS = 0x00020000;
const MS_RDONLY = 0x1,
  MS_REMOUNT = 0x20,
  MS_BIND = 0x1000,
  MS_REC = 0x4000,
  MS_SLAVE = 0x80000;

function fsMagic(path: string): number | undefined {
  // struct statfs: f_type is the first field (a long)
  const buf = new BigInt64Array(15);
  const { libc } = libcMod;
  const p = Buffer.from(path + "\0");
  const r = Number(libc.symbols.syscall(137 /* statfs */, ptr(p), ptr(buf), 0, 0, 0));
  return r === 0 ? Number(buf[0]) : undefined;
}

/**
 * CRIU probes the kernel for ~25 ms on every call and keeps the answers in /run/criu.kdat only
 * when /run is a tmpfs (so that they die with the kernel). On hosts whose /run is not a tmpfs
 * (like this one) ctbun keeps CRIU's cache on /dev/shm, a tmpfs, keyed by the criu binary, and
 * shows it to CRIU at /run/criu.kdat in a private mount namespace of the ctbun process: CRIU
 * runs there (Bun.spawn children inherit the main thread's mount namespace). "/" is made a
 * slave first, so nothing mounted by this ctbun process (criu-root included) reaches the host,
 * and all of it vanishes with the process.
 *
 * Only for containers with their own mount namespace (CRIU must see theirs as separate from its
 * own). Call it before opening any directory CRIU gets as an fd: CRIU cannot mount under a
 * directory opened in the old namespace (its cgroup yard in the work dir fails with EINVAL). Returns true when CRIU will find a cache. A cache is made once per boot by running
 * `criu check --feature mnt_id` with a tmpfs on /run (in the private namespace).
 */
export function useCriuKdatCache(criu: string, containerHasOwnMountNs: boolean): boolean {
  if (!containerHasOwnMountNs || process.env.CTBUN_NO_KDAT_CACHE) return false;
  try {
    if (fsMagic("/run") === TMPFS_MAGIC) return false; // CRIU caches by itself
    if (fsMagic("/dev/shm") !== TMPFS_MAGIC) return false;
    let key: string;
    try {
      const st = statSync(criu);
      key = `${st.size}-${Math.floor(st.mtimeMs)}-${st.ino}`;
    } catch {
      return false;
    }
    const { libc } = libcMod;
    if (libc.symbols.unshare(CLONE_NEWNS) !== 0) return false;
    const sys = new syscallMod.LinuxSyscall();
    sys.mount(null, "/", null, MS_REC | MS_SLAVE, null);
    const cache = join(KDAT_CACHE_DIR, `criu-${key}.kdat`);
    if (!existsSync(cache)) {
      mkdirSync(KDAT_CACHE_DIR, { recursive: true, mode: 0o700 });
      sys.mount("tmpfs", "/run", "tmpfs", 0, "mode=755,size=1m");
      try {
        Bun.spawnSync([criu, "check", "--feature", "mnt_id"], { stdio: ["ignore", "ignore", "ignore"] });
        const data = readFileSync(KDAT);
        const tmp = `${cache}.${process.pid}`;
        writeFileSync(tmp, data, { mode: 0o600 });
        renameSync(tmp, cache);
      } finally {
        sys.umount2("/run", 2 /* MNT_DETACH */);
      }
    }
    // the file CRIU opens must exist to be bound over: an empty one on the host's /run, which a
    // CRIU run elsewhere treats as stale and removes (harmless: it is made again next time)
    if (!existsSync(KDAT)) writeFileSync(KDAT, "", { mode: 0o600, flag: "a" });
    sys.mount(cache, KDAT, null, MS_BIND, null);
    sys.mount(null, KDAT, null, MS_BIND | MS_REMOUNT | MS_RDONLY, null);
    return true;
  } catch (e) {
    log.debug(`no CRIU kerndat cache: ${(e as Error).message}`);
    return false;
  }
}

/** The container has a mount namespace of its own (not joined by path, not the host's). */
export function ownMountNs(spec: { linux?: { namespaces?: { type: string; path?: string }[] } }): boolean {
  return (spec.linux?.namespaces ?? []).some((n) => n.type === "mount" && !n.path);
}

// ---------------------------------------------------------------------------------------------
// the container's own network namespace as an external one

/** ctbun's notes in an image directory (what restore must provide besides the images). */
export const CTBUN_IMAGE_NOTES = "ctbun.json";

export interface ImageNotes {
  /** the container's own netns was dumped as external (extRootNetNS): restore makes a new one */
  ownNetnsExternal?: boolean;
  /** ...and CRIU ran inside it, so the image has no netns at all: restore starts CRIU in the new one */
  criuInNetns?: boolean;
  /** masked directories dumped as external mounts: restore binds EMPTY_DIR there */
  maskedDirs?: string[];
  /** tmpfs mounts dumped as external mounts: restore mounts a new tmpfs with this tree there */
  tmpfs?: import("./criu-tmpfs.ts").TmpfsTree[];
  /** CRIU's per-connection iptables locks added by this dump (`iptables -S` lines) */
  tcpLocks?: string[];
  /** which container this is, for `inspect` of an image directory */
  container?: { id: string; created: string; checkpointed: string; args?: string[] };
}

export function writeImageNotes(imageDir: string, notes: ImageNotes): void {
  writeFileSync(join(imageDir, CTBUN_IMAGE_NOTES), JSON.stringify(notes), { mode: 0o600 });
}

export function readImageNotes(imageDir: string): ImageNotes {
  try {
    const v = JSON.parse(readFileSync(join(imageDir, CTBUN_IMAGE_NOTES), "utf8"));
    return v && typeof v === "object" ? (v as ImageNotes) : {};
  } catch {
    return {};
  }
}

const CLONE_NEWNET = 0x40000000;
const SIOCGIFFLAGS = 0x8913,
  SIOCSIFFLAGS = 0x8914,
  IFF_UP = 0x1;

/**
 * A new network namespace with `lo` up (127.0.0.1 and ::1 come with it), as an fd. Made on the
 * main thread (unshare affects only the calling thread), which then returns to its own.
 */
export function newNetns(): number {
  const { libc } = libcMod;
  const O_RDONLY = 0,
    O_CLOEXEC = 0o2000000;
  const orig = libc.symbols.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0);
  if (orig < 0) throw new Error("open /proc/thread-self/ns/net failed");
  try {
    if (libc.symbols.unshare(CLONE_NEWNET) !== 0) throw new Error(`unshare(CLONE_NEWNET): errno ${libcMod.errno()}`);
    const fd = libc.symbols.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0);
    try {
      const s = Number(libc.symbols.syscall(41 /* socket */, 2 /* AF_INET */, 2 /* SOCK_DGRAM */ | 0o2000000, 0, 0, 0));
      if (s >= 0) {
        const ifr = new Uint8Array(40);
        ifr.set(Buffer.from("lo"));
        if (libc.symbols.ioctl(s, SIOCGIFFLAGS, ptr(ifr)) === 0) {
          const dv = new DataView(ifr.buffer);
          dv.setUint16(16, dv.getUint16(16, true) | IFF_UP, true);
          libc.symbols.ioctl(s, SIOCSIFFLAGS, ptr(ifr));
        }
        libc.symbols.close(s);
      }
    } finally {
      if (libc.symbols.setns(orig, CLONE_NEWNET) !== 0) throw new Error(`setns back to our netns: errno ${libcMod.errno()}`);
    }
    if (fd < 0) throw new Error("open of the new netns failed");
    return fd;
  } finally {
    libc.symbols.close(orig);
  }
}

// ---------------------------------------------------------------------------------------------
// masked directories

/**
 * The masked paths that are directories in the running container: ctbun (like runc) mounts an
 * empty read-only tmpfs over each. CRIU would save every tmpfs with a `tar` run (~5 ms each
 * here); ctbun declares these external instead, and restore binds a new empty read-only
 * tmpfs there (one for all of them, read-only at the superblock).
 */
export function maskedDirsOf(pid: number, maskedPaths: string[] | undefined): string[] {
  const out: string[] = [];
  let mounts: Set<string>;
  try {
    mounts = new Set(
      readFileSync(`/proc/${pid}/mountinfo`, "utf8")
        .split("\n")
        .filter((l) => l.includes(" - tmpfs "))
        .map((l) => l.split(" ")[4] ?? ""),
    );
  } catch {
    return out;
  }
  for (const p of maskedPaths ?? []) {
    if (!mounts.has(p)) continue;
    try {
      if (statSync(`/proc/${pid}/root${p}`).isDirectory() && readdirSync(`/proc/${pid}/root${p}`).length === 0) out.push(p);
    } catch {}
  }
  return out;
}

/** The pipe size CRIU's lazy page server asks for (F_SETPIPE_SZ of PIPE_MAX_SIZE pages). */
export const CRIU_LAZY_PIPE_BYTES = Math.floor((8 * 4096) / 40) * 4096;

/**
 * --lazy-pages: CRIU's page server sizes its pipe to ~3.2 MiB, which above fs.pipe-max-size
 * needs CAP_SYS_RESOURCE. CRIU ignores the failure and dies on the first page request
 * ("page-pipe: splice: -1: Bad file descriptor"), after the container was frozen and the
 * restore side started: refuse up front instead.
 */
export function checkLazyPipes(): void {
  const { libc } = libcMod;
  const fds = new Int32Array(2);
  if (Number(libc.symbols.syscall(293 /* pipe2 */, ptr(fds), 0o2000000, 0, 0, 0)) !== 0) return;
  const r = libc.symbols.fcntl(fds[0]!, 1031 /* F_SETPIPE_SZ */, CRIU_LAZY_PIPE_BYTES);
  libc.symbols.close(fds[0]!);
  libc.symbols.close(fds[1]!);
  if (r >= 0) return;
  let max = "?";
  try {
    max = readFileSync("/proc/sys/fs/pipe-max-size", "utf8").trim();
  } catch {}
  throw new Error(
    `--lazy-pages: CRIU's page server needs ${CRIU_LAZY_PIPE_BYTES}-byte pipes, above fs.pipe-max-size (${max}) without CAP_SYS_RESOURCE: ` +
      `raise /proc/sys/fs/pipe-max-size or run with CAP_SYS_RESOURCE`,
  );
}

/**
 * CRIU mounts every cgroup hierarchy again in a "yard" of its own on each dump and restore;
 * the cgroup2 mount alone takes ~20 ms here. When the host already has them all side by side
 * under /sys/fs/cgroup with the names CRIU gives them (a controller list joined by ",", a named
 * hierarchy by its name, cgroup2 as "unified": the usual v1/hybrid layout), ctbun passes that
 * directory as cgroup_yard. Pure v2 hosts (cgroup2 at /sys/fs/cgroup itself) do not qualify.
 */
export function hostCgroupYard(): string | undefined {
  const base = "/sys/fs/cgroup";
  const mounts = readCgroupMounts().mounts;
  if (!mounts.length) return undefined;
  for (const m of mounts) {
    const name =
      m.fstype === "cgroup2"
        ? "unified"
        : m.controllers.length === 1 && m.controllers[0]!.startsWith("name=")
          ? m.controllers[0]!.slice(5)
          : m.controllers.join(",");
    if (m.mountPoint !== `${base}/${name}`) return undefined;
  }
  return base;
}

// --- CRIU's per-connection TCP locks. With --tcp-established CRIU drops a dumped connection's
// packets with iptables rules (matching `! --mark 0xc114`) until restore unlocks it. A restore
// with --tcp-close does not unlock the connections it closes (CRIU 4.2.1), so their peers never
// learn that the connection is gone; ctbun records the dump's rules and removes them then.

/** The CRIU connection-lock rules now in iptables, as `iptables -S` lines. */
export function criuTcpLocks(): string[] {
  const r = Bun.spawnSync(["iptables", "-w", "-S"], { stdin: "ignore", stdout: "pipe", stderr: "ignore" });
  if (r.exitCode !== 0) return [];
  return r.stdout.toString().split("\n").filter((l) => l.startsWith("-A ") && l.includes("--mark 0xc114"));
}

/** Delete recorded lock rules (those still present); failures only logged. */
export function dropTcpLocks(rules: string[]): void {
  const present = new Set(criuTcpLocks());
  for (const rule of rules) {
    if (!present.has(rule)) continue;
    const args = rule.slice(3).split(" ");
    const r = Bun.spawnSync(["iptables", "-w", "-D", ...args], { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
    if (r.exitCode !== 0) log.warn(`cannot remove CRIU's connection lock "${rule}": ${r.stderr.toString().trim()}`);
  }
}
