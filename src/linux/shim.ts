// The embedded C shim (ffi/ctshim.c), loaded from memory: its bytes go into a memfd and
// dlopen opens /proc/self/fd/N, so a missing or noexec $TMPDIR does not matter and nothing is
// left on disk.
import { dlopen, FFIType, JSCallback, ptr } from "bun:ffi";
import { readFileSync } from "node:fs";
import shimPath from "../../build/libctshim.so" with { type: "file" };
import { SysError } from "../errors.ts";
import { SYS } from "./constants.ts";
import { libc } from "./libc.ts";

const { i32, i64_fast, pointer, function: fn } = FFIType;

const MFD_CLOEXEC = 1;

function loadShim() {
  const bytes = readFileSync(shimPath);
  const fd = Number(libc.symbols.syscall(SYS.memfd_create, ptr(Buffer.from("ctbun-shim\0")), MFD_CLOEXEC, 0, 0, 0));
  if (fd < 0) return dlopen(shimPath, SYMBOLS); // memfd unavailable: fall back to Bun's own extraction
  let off = 0;
  while (off < bytes.length) {
    const n = Number(libc.symbols.write(fd, ptr(bytes, off), bytes.length - off));
    if (n <= 0) break;
    off += n;
  }
  const lib = dlopen(`/proc/self/fd/${fd}`, SYMBOLS);
  libc.symbols.close(fd);
  return lib;
}

const SYMBOLS = {
  ct_spawn_init: { args: [pointer], returns: i32 },
  ct_seqpacket_pair: { args: [pointer, i32], returns: i32 },
  ct_send: { args: [i32, pointer, i64_fast, pointer, i32], returns: i64_fast },
  ct_recv: { args: [i32, pointer, i64_fast, pointer, i32, pointer], returns: i64_fast },
  ct_wait_thread: { args: [i32, fn], returns: i32 },
  ct_pump_thread: { args: [i32, i32, i32], returns: i32 },
  ct_unix_send_fd: { args: [FFIType.cstring, i32, FFIType.cstring], returns: i32 },
  ct_pidfd_wait: { args: [i32, i32], returns: i32 },
  ct_unix_listen: { args: [FFIType.cstring], returns: i32 },
  ct_accept: { args: [i32, i32], returns: i32 },
  ct_remount_root_ro: { args: [i32], returns: i32 },
  ct_syscall6: { args: [i64_fast, i64_fast, i64_fast, i64_fast, i64_fast, i64_fast, i64_fast], returns: i64_fast },
  ct_join_exec: { args: [pointer], returns: i32 },
  ct_criu_spawn: { args: [pointer], returns: i32 },
  ct_criu_spawn_supported: { args: [], returns: i32 },
  ct_criu_remount_root_ro: { args: [i32], returns: i32 },
} as const;

let lib: ReturnType<typeof loadShim> | undefined;
export function shim() {
  return (lib ??= loadShim()).symbols;
}

function ok(r: number, name: string): number {
  if (r < 0) throw new SysError(name, -r);
  return r;
}

/** A SOCK_SEQPACKET socketpair: [ours, theirs]. */
export function seqpacketPair(cloexec = true): [number, number] {
  const fds = new Int32Array(2);
  ok(shim().ct_seqpacket_pair(ptr(fds), cloexec ? 1 : 0), "socketpair");
  return [fds[0]!, fds[1]!];
}

/** Send one datagram, with fds as SCM_RIGHTS when given. */
export function sendMsg(fd: number, data: Uint8Array, fds: number[] = []): number {
  const fdArr = new Int32Array(Math.max(fds.length, 1));
  fdArr.set(fds);
  const buf = data.length ? data : new Uint8Array(1);
  return ok(Number(shim().ct_send(fd, ptr(buf), data.length, ptr(fdArr), fds.length)), "sendmsg");
}

/** Receive one datagram (at most cap bytes) and any fds that came with it. n = 0 means EOF. */
export function recvMsg(fd: number, cap = 65536): { data: Buffer; fds: number[] } {
  const buf = Buffer.alloc(cap);
  const fdArr = new Int32Array(16);
  const nfds = new Int32Array(1);
  const n = ok(Number(shim().ct_recv(fd, ptr(buf), cap, ptr(fdArr), 16, ptr(nfds))), "recvmsg");
  return { data: buf.subarray(0, n), fds: Array.from(fdArr.subarray(0, nfds[0]!)) };
}

/** Wait for pid on a C thread; resolves with the raw wait status (or -errno). */
export function waitPidAsync(pid: number): Promise<number> {
  return new Promise((resolve) => {
    const keepAlive = setInterval(() => {}, 1 << 30);
    const cb = new JSCallback(
      (_pid: number, status: number) => {
        clearInterval(keepAlive);
        queueMicrotask(() => cb.close());
        resolve(status);
      },
      { args: [i32, i32], returns: "void", threadsafe: true },
    );
    const r = shim().ct_wait_thread(pid, cb.ptr!);
    if (r < 0) {
      clearInterval(keepAlive);
      cb.close();
      resolve(r);
    }
  });
}

/** Copy between a pty master and our stdin/stdout on a C thread. */
export function pumpPty(master: number, inFd: number, outFd: number): void {
  ok(shim().ct_pump_thread(master, inFd, outFd), "pthread_create");
}

export function syscall6(n: number, a = 0, b = 0, c = 0, d = 0, e = 0, f = 0): number {
  return Number(shim().ct_syscall6(n, a, b, c, d, e, f));
}

/** The console-socket protocol: connect to `path`, send `fd` by SCM_RIGHTS with a name payload. */
export function sendFdToSocket(path: string, fd: number, payload = "/dev/ptmx"): void {
  const r = shim().ct_unix_send_fd(path, fd, payload);
  if (r < 0) throw new SysError("connect", -r, path);
}

/** Wait until `pid` (not necessarily our child) is gone; false on timeout. */
export function waitGone(pid: number, timeoutMs: number): boolean {
  const r = shim().ct_pidfd_wait(pid, timeoutMs);
  if (r < 0) throw new SysError("pidfd_open", -r);
  return r === 1;
}

/** Listen on a unix socket path and return the first fd sent to it (a console-socket receiver). */
export function listenUnix(path: string): number {
  return ok(shim().ct_unix_listen(path), "listen");
}

export function acceptFd(listenFd: number, timeoutMs: number): { fd: number; payload: string } {
  const conn = ok(shim().ct_accept(listenFd, timeoutMs), "accept");
  try {
    const { data, fds } = recvMsg(conn, 4096);
    if (fds.length !== 1) throw new SysError("recvmsg", 22);
    return { fd: fds[0]!, payload: data.toString() };
  } finally {
    libc.symbols.close(conn);
  }
}

/** ffi/ctexec.c: clone into a running container (struct ct_exec laid out by the caller).
 * Returns the intermediate child's pid, to be reaped. */
export function joinExec(struct: BigInt64Array | Int32Array): number {
  return ok(shim().ct_join_exec(ptr(struct)), "clone");
}

/** Make the root mount of `pid`'s mount namespace read-only (CRIU restores it read-write). */
export function remountRootReadonly(pid: number): void {
  const r = shim().ct_remount_root_ro(pid);
  if (r < 0) throw new SysError("remount / read-only in container", -r);
}

/** remountRootReadonly from a vfork-style child (ffi/ctcriu.c): no copy of our page tables. */
export function remountRootReadonlyVm(pid: number): void {
  const r = shim().ct_criu_remount_root_ro(pid);
  if (r === -38 /* ENOSYS */) return remountRootReadonly(pid);
  if (r < 0) throw new SysError("remount / read-only in container", -r);
}

/** Where ffi/ctcriu.c's child failed before its exec. */
export const CRIU_SPAWN_STEPS = ["", "join the cgroup2 cgroup", "join a v1 cgroup", "unshare the cgroup namespace", "join the network namespace", "set up fds", "exec"] as const;

export interface CriuSpawnSpec {
  path: string;
  argv: string[];
  env: Record<string, string | undefined>;
  /** the child's fd i = fds[i]; -1 = /dev/null */
  fds: number[];
  /** a cgroup2 directory fd to be born in (CLONE_INTO_CGROUP), or -1 */
  cgroup2Fd: number;
  /** v1 `tasks` files the child writes "0" to before its exec */
  tasks: string[];
  unshareCgroupNs: boolean;
  /** a network namespace fd to join, or -1 */
  netnsFd: number;
}

let criuSpawnOk: boolean | undefined;
/** Whether criuSpawn works on this architecture and kernel (x86_64, clone3). */
export function criuSpawnSupported(): boolean {
  return (criuSpawnOk ??= shim().ct_criu_spawn_supported() === 1);
}

/** ffi/ctcriu.c: start a program (CRIU) born in a container's cgroups. Returns its pid, to be
 * reaped; throws SysError (ENOSYS: not on this architecture) with the failed step in `syscall`. */
export function criuSpawn(sp: CriuSpawnSpec): number {
  const keep: Buffer[] = [];
  const cstr = (s: string) => {
    const b = Buffer.from(s + "\0");
    keep.push(b);
    return BigInt(ptr(b));
  };
  const arr = (xs: string[]) => {
    const a = new BigInt64Array(xs.length + 1);
    xs.forEach((x, i) => (a[i] = cstr(x)));
    keep.push(Buffer.from(a.buffer));
    return BigInt(ptr(a));
  };
  const env = Object.entries(sp.env).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
  const fds = new Int32Array(Math.max(sp.fds.length, 1));
  fds.set(sp.fds);
  const s = new BigInt64Array(11);
  s[0] = cstr(sp.path);
  s[1] = arr(sp.argv);
  s[2] = arr(env);
  s[3] = BigInt(ptr(fds));
  s[4] = BigInt(sp.fds.length);
  s[5] = BigInt(sp.cgroup2Fd);
  s[6] = sp.tasks.length ? arr(sp.tasks) : 0n;
  s[7] = sp.unshareCgroupNs ? 1n : 0n;
  s[8] = BigInt(sp.netnsFd);
  const r = shim().ct_criu_spawn(ptr(s));
  keep.length = 0;
  if (r < 0) throw new SysError(CRIU_SPAWN_STEPS[Number(s[9])] || "clone3", -r);
  return r;
}
