// Test harness: the compiled ./ctbun, a busybox rootfs, bundles with patched config.json.
import { spawnSync } from "bun";
import { ptr } from "bun:ffi";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { busyboxRootfs } from "../scripts/rootfs.ts";
import { libc } from "../src/linux/libc.ts";

export { busyboxRootfs };
import { join } from "node:path";

export const projectDir = join(import.meta.dir, "..");
export const isRoot = process.getuid?.() === 0;
export const TEST_ROOT = "/run/ctbun-test";

export function ctbunExe(): string {
  return join(projectDir, "ctbun");
}

export interface CtbunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run ./ctbun with a clean environment and the test state root (unless args give --root). */
export function runCtbun(args: string[], opts: { stdin?: string; cwd?: string; root?: string; env?: Record<string, string>; timeoutMs?: number } = {}): CtbunResult {
  const root = opts.root ?? TEST_ROOT;
  const full = args.includes("--root") ? args : ["--root", root, ...args];
  // files, not pipes: a detached container inherits ctbun's stdio and would hold a pipe open
  const out = `/tmp/.ctbun-test-out-${process.pid}`;
  const err = `/tmp/.ctbun-test-err-${process.pid}`;
  const r = spawnSync([ctbunExe(), ...full], {
    cwd: opts.cwd ?? projectDir,
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ...opts.env },
    stdin: opts.stdin === undefined ? "ignore" : Buffer.from(opts.stdin),
    stdout: Bun.file(out),
    stderr: Bun.file(err),
    timeout: opts.timeoutMs ?? 30000,
  });
  const res = { code: r.exitCode ?? 128 + (r.signalCode ? 9 : 0), stdout: readFileSync(out, "utf8"), stderr: readFileSync(err, "utf8") };
  rmSync(out, { force: true });
  rmSync(err, { force: true });
  return res;
}

/** A config.json close to `runc spec`'s default, running `args`. */
export function defaultConfig(args: string[]): any {
  return {
    ociVersion: "1.2.0",
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args,
      env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
      cwd: "/",
      capabilities: {
        bounding: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
        effective: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
        permitted: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
      },
      rlimits: [{ type: "RLIMIT_NOFILE", hard: 1024, soft: 1024 }],
      noNewPrivileges: true,
    },
    root: { path: "rootfs", readonly: true },
    hostname: "ctbun",
    mounts: [
      { destination: "/proc", type: "proc", source: "proc" },
      { destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"] },
      { destination: "/dev/pts", type: "devpts", source: "devpts", options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
      { destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
      { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"] },
      { destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"] },
      { destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["nosuid", "noexec", "nodev", "relatime", "ro"] },
    ],
    linux: {
      resources: { devices: [{ allow: false, access: "rwm" }] },
      namespaces: [{ type: "pid" }, { type: "network" }, { type: "ipc" }, { type: "uts" }, { type: "mount" }, { type: "cgroup" }],
      maskedPaths: ["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"],
      readonlyPaths: ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
    },
  };
}

/** A bundle dir whose rootfs is a read-only bind of the shared busybox rootfs (via a symlink-free copy of config). */
/** A fresh directory under /tmp, removed after the whole run (test/_setup.ts). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join("/tmp", prefix));
  // one list for the run, whichever test file's copy of this module made the directory
  ((globalThis as { __ctbunTestDirs?: string[] }).__ctbunTestDirs ??= []).push(dir);
  return dir;
}

export function makeBundle(config: any, opts: { rootfs?: string } = {}): string {
  const dir = tempDir("ctbun-bundle-");
  const rootfs = opts.rootfs ?? busyboxRootfs();
  config.root = { ...(config.root ?? {}), path: rootfs };
  writeFileSync(join(dir, "config.json"), JSON.stringify(config, null, 2));
  return dir;
}

let seq = 0;
export function uniqueId(prefix = "t"): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq++}`;
}

/** Remove a container whatever its state (test cleanup). */
export function forceDelete(id: string, root = TEST_ROOT): void {
  runCtbun(["delete", "--force", id], { root });
}

/** Read from fd (made non-blocking) until `needle` shows up or `ms` are over; what was read. */
export async function readUntil(fd: number, needle: string, ms: number): Promise<string> {
  libc.symbols.fcntl(fd, 4 /* F_SETFL */, 0o4000 /* O_NONBLOCK */);
  const buf = new Uint8Array(4096);
  let out = "";
  const end = Date.now() + ms;
  while (Date.now() < end && !out.includes(needle)) {
    const n = Number(libc.symbols.read(fd, ptr(buf), buf.length));
    if (n > 0) out += Buffer.from(buf.subarray(0, n)).toString();
    else await Bun.sleep(10);
  }
  return out;
}
