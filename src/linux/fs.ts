// Synchronous file system calls straight to libc, under node:fs's names and shapes for the part
// of node:fs ctbun uses. Why: importing node:fs costs a Bun process ~2 ms of start-up (Bun loads
// and compiles its JS module), and every ctbun command is a short process, several per container.
// Errors are SysError (code "ENOENT", positive errno, syscall, path) instead of node's; callers
// look at `.code` or Math.abs(errno), which both give the same.
//
// Semantics kept from node:fs: fds are opened O_CLOEXEC; writeFileSync defaults to mode 0o666
// and flag "w"; mkdirSync { recursive } returns the first directory it made; rmSync { force }
// ignores a missing path and { recursive } never follows symbolic links; readdirSync leaves out
// "." and ".."; statSync follows links, lstatSync does not.
import { CString, ptr } from "bun:ffi";
import { SysError } from "../errors.ts";
import * as K from "./constants.ts";
import { cstr, errno, libc } from "./libc.ts";

const sym = libc.symbols;
const EINTR = 4;
const EEXIST = 17;
const ENOENT = 2;
const EISDIR = 21;
const ENOTDIR = 20;

export const constants = {
  O_RDONLY: K.O_RDONLY,
  O_WRONLY: K.O_WRONLY,
  O_RDWR: K.O_RDWR,
  O_CREAT: K.O_CREAT,
  O_EXCL: K.O_EXCL,
  O_NOCTTY: K.O_NOCTTY,
  O_TRUNC: K.O_TRUNC,
  O_APPEND: K.O_APPEND,
  O_NONBLOCK: K.O_NONBLOCK,
  O_DIRECTORY: K.O_DIRECTORY,
  O_NOFOLLOW: K.O_NOFOLLOW,
  O_SYNC: K.O_SYNC,
  O_CLOEXEC: K.O_CLOEXEC,
  F_OK: 0,
} as const;

type PathLike = string;
type Encoding = "utf8" | "utf-8" | "latin1" | "binary" | "ascii" | "base64" | "hex";

function fail(syscall: string, path?: string): never {
  throw new SysError(syscall, errno(), path);
}

/** Run a libc call that returns -1 and sets errno, retrying on EINTR. */
function call(fn: () => number, syscall: string, path?: string): number {
  for (;;) {
    const r = fn();
    if (r >= 0) return r;
    if (errno() !== EINTR) fail(syscall, path);
  }
}

/** syscall(2) through libc: the result, or -errno. */
function sys(nr: number, a = 0, b = 0, c = 0, d = 0, e = 0): number {
  const r = Number(sym.syscall(nr, a, b, c, d, e));
  return r === -1 ? -errno() : r;
}

const FLAGS: Record<string, number> = {
  r: K.O_RDONLY,
  "r+": K.O_RDWR,
  w: K.O_WRONLY | K.O_CREAT | K.O_TRUNC,
  wx: K.O_WRONLY | K.O_CREAT | K.O_TRUNC | K.O_EXCL,
  "w+": K.O_RDWR | K.O_CREAT | K.O_TRUNC,
  a: K.O_WRONLY | K.O_CREAT | K.O_APPEND,
  ax: K.O_WRONLY | K.O_CREAT | K.O_APPEND | K.O_EXCL,
  "a+": K.O_RDWR | K.O_CREAT | K.O_APPEND,
};

function flagsOf(f: number | string | undefined, def: string): number {
  if (typeof f === "number") return f;
  const n = FLAGS[f ?? def];
  if (n === undefined) throw new TypeError(`invalid file open flag ${JSON.stringify(f)}`);
  return n;
}

export function openSync(path: PathLike, flags: number | string = "r", mode = 0o666): number {
  const f = flagsOf(flags, "r") | K.O_CLOEXEC;
  const p = cstr(path);
  return call(() => sym.open(p, f, mode), "open", path);
}

export function closeSync(fd: number): void {
  // close is not retried on EINTR: the fd is gone either way on Linux
  if (sym.close(fd) < 0 && errno() !== EINTR) fail("close");
}

function bytesOf(data: string | Uint8Array, encoding?: Encoding): Uint8Array {
  return typeof data === "string" ? Buffer.from(data, encoding ?? "utf8") : data;
}

function writeAll(fd: number, buf: Uint8Array, path?: string): void {
  let off = 0;
  while (off < buf.length) off += call(() => Number(sym.write(fd, ptr(buf, off), buf.length - off)), "write", path);
}

/** writeSync(fd, buffer, offset?, length?) or writeSync(fd, string): bytes written (one write). */
export function writeSync(fd: number, data: string | Uint8Array, offset?: number, length?: number): number {
  const buf = bytesOf(data);
  const off = typeof data === "string" ? 0 : (offset ?? 0);
  const len = typeof data === "string" ? buf.length : (length ?? buf.length - off);
  if (len <= 0) return 0;
  return call(() => Number(sym.write(fd, ptr(buf, off), len)), "write");
}

function readAll(fd: number, path?: string): Buffer {
  let buf = Buffer.allocUnsafe(8192);
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    const r = call(() => Number(sym.read(fd, ptr(buf, n), buf.length - n)), "read", path);
    if (r === 0) return buf.subarray(0, n);
    n += r;
  }
}

export function readFileSync(path: PathLike | number): Buffer;
export function readFileSync(path: PathLike | number, options: Encoding | { encoding: Encoding }): string;
export function readFileSync(path: PathLike | number, options?: Encoding | { encoding?: Encoding | null }): string | Buffer;
export function readFileSync(path: PathLike | number, options?: Encoding | { encoding?: Encoding | null }): string | Buffer {
  const encoding = typeof options === "string" ? options : (options?.encoding ?? undefined);
  let data: Buffer;
  if (typeof path === "number") data = readAll(path);
  else {
    const fd = openSync(path, K.O_RDONLY);
    try {
      data = readAll(fd, path);
    } finally {
      closeSync(fd);
    }
  }
  return encoding ? data.toString(encoding) : data;
}

interface WriteOptions {
  mode?: number;
  flag?: string;
  encoding?: Encoding;
}

export function writeFileSync(path: PathLike | number, data: string | Uint8Array, options?: WriteOptions | Encoding): void {
  const o: WriteOptions = typeof options === "string" ? { encoding: options } : (options ?? {});
  const buf = bytesOf(data, o.encoding);
  if (typeof path === "number") return writeAll(path, buf);
  const fd = openSync(path, o.flag ?? "w", o.mode ?? 0o666);
  try {
    writeAll(fd, buf, path);
  } finally {
    closeSync(fd);
  }
}

export function appendFileSync(path: PathLike, data: string | Uint8Array, options?: WriteOptions): void {
  writeFileSync(path, data, { ...options, flag: options?.flag ?? "a" });
}

export function existsSync(path: PathLike): boolean {
  if (typeof path !== "string" || path === "") return false;
  return sym.access(cstr(path), 0) === 0;
}

// ---------------------------------------------------------------------------------------------
// stat through statx(2): one layout on every architecture

const STATX_BASIC_STATS = 0x7ff;
const STATX_SIZE = 256;

/** glibc's makedev encoding, what st_dev / st_rdev hold. */
function makedev(major: number, minor: number): bigint {
  const M = BigInt(major >>> 0);
  const m = BigInt(minor >>> 0);
  return ((M & 0xfffff000n) << 32n) | ((M & 0xfffn) << 8n) | ((m & 0xffffff00n) << 12n) | (m & 0xffn);
}

export class Stats<T extends number | bigint = number> {
  constructor(
    readonly dev: T,
    readonly ino: T,
    readonly mode: number,
    readonly nlink: number,
    readonly uid: number,
    readonly gid: number,
    readonly rdev: T,
    readonly size: T,
    readonly blksize: number,
    readonly blocks: T,
    readonly atimeMs: number,
    readonly mtimeMs: number,
    readonly ctimeMs: number,
    readonly birthtimeMs: number,
  ) {}
  private type(): number {
    return this.mode & K.S_IFMT;
  }
  isFile(): boolean {
    return this.type() === K.S_IFREG;
  }
  isDirectory(): boolean {
    return this.type() === K.S_IFDIR;
  }
  isSymbolicLink(): boolean {
    return this.type() === K.S_IFLNK;
  }
  isCharacterDevice(): boolean {
    return this.type() === K.S_IFCHR;
  }
  isBlockDevice(): boolean {
    return this.type() === K.S_IFBLK;
  }
  isFIFO(): boolean {
    return this.type() === K.S_IFIFO;
  }
  isSocket(): boolean {
    return this.type() === K.S_IFSOCK;
  }
}

interface StatOptions {
  bigint?: boolean;
  throwIfNoEntry?: boolean;
}

function statx(dirfd: number, path: string, flags: number, syscall: string, opts?: StatOptions): Stats<number> | Stats<bigint> | undefined {
  const buf = new Uint8Array(STATX_SIZE);
  const p = cstr(path);
  for (;;) {
    const r = sys(K.SYS.statx, dirfd, ptr(p), flags, STATX_BASIC_STATS, ptr(buf));
    if (r >= 0) break;
    if (-r === EINTR) continue;
    if (-r === ENOENT && opts?.throwIfNoEntry === false) return undefined;
    throw new SysError(syscall, -r, path === "" ? undefined : path);
  }
  const v = new DataView(buf.buffer);
  const u64 = (o: number) => v.getBigUint64(o, true);
  const ms = (o: number) => Number(v.getBigInt64(o, true)) * 1000 + v.getUint32(o + 8, true) / 1e6;
  const dev = makedev(v.getUint32(136, true), v.getUint32(140, true));
  const rdev = makedev(v.getUint32(128, true), v.getUint32(132, true));
  const big = !!opts?.bigint;
  const n = (x: bigint) => (big ? x : Number(x));
  return new Stats<any>(
    n(dev),
    n(u64(32)),
    v.getUint16(28, true),
    v.getUint32(16, true),
    v.getUint32(20, true),
    v.getUint32(24, true),
    n(rdev),
    n(u64(40)),
    v.getUint32(4, true),
    n(u64(48)),
    ms(64),
    ms(112),
    ms(96),
    ms(80),
  );
}

export function statSync(path: PathLike, opts: StatOptions & { bigint: true; throwIfNoEntry: false }): Stats<bigint> | undefined;
export function statSync(path: PathLike, opts: StatOptions & { bigint: true }): Stats<bigint>;
export function statSync(path: PathLike, opts: StatOptions & { throwIfNoEntry: false }): Stats | undefined;
export function statSync(path: PathLike, opts?: StatOptions): Stats;
export function statSync(path: PathLike, opts?: StatOptions): Stats<number> | Stats<bigint> | undefined {
  return statx(K.AT_FDCWD, path, 0, "stat", opts);
}

export function lstatSync(path: PathLike, opts: StatOptions & { bigint: true }): Stats<bigint>;
export function lstatSync(path: PathLike, opts?: StatOptions): Stats;
export function lstatSync(path: PathLike, opts?: StatOptions): Stats<number> | Stats<bigint> | undefined {
  return statx(K.AT_FDCWD, path, K.AT_SYMLINK_NOFOLLOW, "lstat", opts);
}

export function fstatSync(fd: number, opts: StatOptions & { bigint: true }): Stats<bigint>;
export function fstatSync(fd: number, opts?: StatOptions): Stats;
export function fstatSync(fd: number, opts?: StatOptions): Stats<number> | Stats<bigint> | undefined {
  return statx(fd, "", K.AT_EMPTY_PATH, "fstat", opts);
}

// ---------------------------------------------------------------------------------------------
// directories

const DT_DIR = 4;
const DT_REG = 8;
const DT_LNK = 10;
const DT_UNKNOWN = 0;

export class Dirent {
  constructor(
    readonly name: string,
    readonly parentPath: string,
    private readonly dtype: number,
  ) {}
  private kind(): number {
    if (this.dtype !== DT_UNKNOWN) return this.dtype;
    const st = lstatSync(`${this.parentPath}/${this.name}`);
    return st.isDirectory() ? DT_DIR : st.isSymbolicLink() ? DT_LNK : st.isFile() ? DT_REG : -1;
  }
  isDirectory(): boolean {
    return this.kind() === DT_DIR;
  }
  isFile(): boolean {
    return this.kind() === DT_REG;
  }
  isSymbolicLink(): boolean {
    return this.kind() === DT_LNK;
  }
}

function listDir(path: string): Dirent[] {
  const fd = openSync(path, K.O_RDONLY | K.O_DIRECTORY);
  const out: Dirent[] = [];
  try {
    const buf = new Uint8Array(32768);
    const v = new DataView(buf.buffer);
    for (;;) {
      const n = sys(K.SYS.getdents64, fd, ptr(buf), buf.length);
      if (n < 0) {
        if (-n === EINTR) continue;
        throw new SysError("readdir", -n, path);
      }
      if (n === 0) break;
      for (let off = 0; off < n; ) {
        const reclen = v.getUint16(off + 16, true);
        const type = buf[off + 18]!;
        let end = off + 19;
        while (end < off + reclen && buf[end] !== 0) end++;
        const name = Buffer.from(buf.buffer, off + 19, end - off - 19).toString("utf8");
        if (name !== "." && name !== "..") out.push(new Dirent(name, path, type));
        off += reclen;
      }
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

export function readdirSync(path: PathLike): string[];
export function readdirSync(path: PathLike, opts: { withFileTypes: true }): Dirent[];
export function readdirSync(path: PathLike, opts?: { withFileTypes?: boolean }): string[] | Dirent[] {
  const ents = listDir(path);
  return opts?.withFileTypes ? ents : ents.map((e) => e.name);
}

export function mkdirSync(path: PathLike, options?: number | { recursive?: boolean; mode?: number }): string | undefined {
  const o = typeof options === "number" ? { mode: options } : (options ?? {});
  const mode = o.mode ?? 0o777;
  if (!o.recursive) {
    const p = cstr(path);
    call(() => sym.mkdir(p, mode), "mkdir", path);
    return undefined;
  }
  // walk up to the first existing ancestor, then make the rest top-down
  const abs = path.startsWith("/") ? path : `${process.cwd()}/${path}`;
  const parts = abs.split("/").filter((x) => x !== "" && x !== ".");
  const todo: string[] = [];
  let i = parts.length;
  for (; i > 0; i--) {
    const dir = `/${parts.slice(0, i).join("/")}`;
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st) {
      if (!st.isDirectory()) throw new SysError("mkdir", i === parts.length ? EEXIST : ENOTDIR, path);
      break;
    }
    todo.unshift(dir);
  }
  for (const dir of todo) {
    const p = cstr(dir);
    if (sym.mkdir(p, mode) < 0) {
      const e = errno();
      if (e === EEXIST && statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue; // a racing mkdir
      throw new SysError("mkdir", e, path);
    }
  }
  return todo[0];
}

export function rmdirSync(path: PathLike): void {
  const p = cstr(path);
  call(() => sym.rmdir(p), "rmdir", path);
}

function removeTree(path: string): void {
  const st = lstatSync(path);
  if (st.isDirectory()) {
    for (const e of listDir(path)) removeTree(`${path}/${e.name}`);
    rmdirSync(path);
  } else unlinkSync(path);
}

export function unlinkSync(path: PathLike): void {
  const p = cstr(path);
  call(() => sym.unlink(p), "unlink", path);
}

export function rmSync(path: PathLike, options?: { recursive?: boolean; force?: boolean }): void {
  try {
    const st = lstatSync(path);
    if (st.isDirectory()) {
      if (!options?.recursive) throw new SysError("rm", EISDIR, path);
      removeTree(path);
    } else unlinkSync(path);
  } catch (e) {
    if (options?.force && e instanceof SysError && e.errno === ENOENT) return;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// names

export function renameSync(from: PathLike, to: PathLike): void {
  const a = cstr(from);
  const b = cstr(to);
  call(() => sym.rename(a, b), "rename", from);
}

export function symlinkSync(target: string, path: PathLike): void {
  const t = cstr(target);
  const p = cstr(path);
  call(() => sym.symlink(t, p), "symlink", path);
}

export function readlinkSync(path: PathLike): string {
  const p = cstr(path);
  for (let size = 4096; ; size *= 4) {
    const buf = Buffer.allocUnsafe(size);
    const n = call(() => Number(sym.readlink(p, ptr(buf), size)), "readlink", path);
    if (n < size) return buf.toString("utf8", 0, n);
  }
}

export function realpathSync(path: PathLike): string {
  const p = cstr(path);
  const r = sym.realpath(p, null);
  if (!r) fail("realpath", path);
  try {
    return String(new CString(r));
  } finally {
    sym.free(r);
  }
}

export function lchownSync(path: PathLike, uid: number, gid: number): void {
  const p = cstr(path);
  call(() => sym.lchown(p, uid, gid), "lchown", path);
}

export function chmodSync(path: PathLike, mode: number): void {
  const p = cstr(path);
  call(() => sym.chmod(p, mode), "chmod", path);
}
