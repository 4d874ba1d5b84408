// libc through bun:ffi. The only other file that imports bun:ffi is shim.ts.
// Fixed-arity prototypes stand in for variadic ones (fine on x86_64/aarch64 for ints/pointers).
import { dlopen, FFIType, ptr, read } from "bun:ffi";
import { SysError } from "../errors.ts";

const { i32, u32, u64, i64_fast, cstring, pointer } = FFIType;

export const libc = dlopen("libc.so.6", {
  __errno_location: { args: [], returns: pointer },
  mount: { args: [cstring, cstring, cstring, u64, pointer], returns: i32 },
  umount2: { args: [cstring, i32], returns: i32 },
  syscall: { args: [i64_fast, i64_fast, i64_fast, i64_fast, i64_fast, i64_fast], returns: i64_fast },
  chdir: { args: [cstring], returns: i32 },
  fchdir: { args: [i32], returns: i32 },
  chroot: { args: [cstring], returns: i32 },
  sethostname: { args: [cstring, u64], returns: i32 },
  setdomainname: { args: [cstring, u64], returns: i32 },
  prctl: { args: [i32, u64, u64, u64, u64], returns: i32 },
  setrlimit: { args: [i32, pointer], returns: i32 },
  setgroups: { args: [u64, pointer], returns: i32 },
  umask: { args: [u32], returns: u32 },
  mknod: { args: [cstring, u32, u64], returns: i32 },
  symlink: { args: [cstring, cstring], returns: i32 },
  open: { args: [cstring, i32, u32], returns: i32 },
  openat: { args: [i32, cstring, i32, u32], returns: i32 },
  mkdirat: { args: [i32, cstring, u32], returns: i32 },
  close: { args: [i32], returns: i32 },
  read: { args: [i32, pointer, u64], returns: i64_fast },
  write: { args: [i32, pointer, u64], returns: i64_fast },
  dup2: { args: [i32, i32], returns: i32 },
  fcntl: { args: [i32, i32, i64_fast], returns: i32 },
  ioctl: { args: [i32, u64, pointer], returns: i32 },
  execve: { args: [cstring, pointer, pointer], returns: i32 },
  kill: { args: [i32, i32], returns: i32 },
  waitpid: { args: [i32, pointer, i32], returns: i32 },
  setsid: { args: [], returns: i32 },
  mkfifo: { args: [cstring, u32], returns: i32 },
  chown: { args: [cstring, u32, u32], returns: i32 },
  unshare: { args: [i32], returns: i32 },
  setns: { args: [i32, i32], returns: i32 },
  grantpt: { args: [i32], returns: i32 },
  unlockpt: { args: [i32], returns: i32 },
  ptsname_r: { args: [i32, pointer, u64], returns: i32 },
  getpid: { args: [], returns: i32 },
  poll: { args: [pointer, u64, i32], returns: i32 },
  flock: { args: [i32, i32], returns: i32 },
  tcgetattr: { args: [i32, pointer], returns: i32 },
  tcsetattr: { args: [i32, i32, pointer], returns: i32 },
  cfmakeraw: { args: [pointer], returns: FFIType.void },
  eventfd: { args: [u32, i32], returns: i32 },
});

const sym = libc.symbols;
const errnoPtr = sym.__errno_location()!;

export function errno(): number {
  return read.i32(errnoPtr, 0);
}

/** Throw SysError for a -1 return; pass through otherwise. */
export function check(ret: number, name: string, path?: string): number {
  if (ret < 0) throw new SysError(name, errno(), path);
  return ret;
}

/** Retry on EINTR (Bun installs its handlers with SA_RESTART, but not every call restarts). */
export function eintr(fn: () => number, name: string, path?: string): number {
  for (;;) {
    const r = fn();
    if (r >= 0) return r;
    const e = errno();
    if (e !== 4) throw new SysError(name, e, path);
  }
}

/** A NULL-terminated char*[] kept alive by the returned holder. */
export function cstrArray(items: string[]): { ptr: number; keep: unknown[] } {
  const bufs = items.map((s) => Buffer.from(s + "\0"));
  const arr = new BigUint64Array(items.length + 1);
  bufs.forEach((b, i) => (arr[i] = BigInt(ptr(b))));
  return { ptr: ptr(arr), keep: [bufs, arr] };
}

export function cstr(s: string): Buffer {
  return Buffer.from(s + "\0");
}
