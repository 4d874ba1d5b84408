// The system calls the container set-up needs, behind one interface so the mount planning can
// be unit-tested with a recording fake (test/_fake-syscall.ts). Synchronous only: `ctbun init`
// runs after mount-namespace changes, where Bun's async fs would look at the wrong namespace.
import { ptr } from "bun:ffi";
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readlinkSync, statSync, symlinkSync } from "node:fs";
import { SysError } from "../errors.ts";
import { check, errno, libc } from "./libc.ts";
import { O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_PATH, O_RDONLY, O_WRONLY, RESOLVE_IN_ROOT, RESOLVE_NO_MAGICLINKS } from "./constants.ts";

export interface Syscall {
  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void;
  umount2(target: string, flags: number): void;
  pivotRoot(newRoot: string, putOld: string): void;
  chdir(path: string): void;
  chroot(path: string): void;
  fchdir(fd: number): void;
  mkdirAll(path: string, mode?: number): void;
  /** Create an empty file (and its parent dirs) if nothing is there. */
  touch(path: string): void;
  symlink(target: string, path: string): void;
  mknod(path: string, mode: number, dev: number): void;
  lstat(path: string): { isDir: boolean; isSymlink: boolean; isFile: boolean } | undefined;
  stat(path: string): { isDir: boolean } | undefined;
  readlink(path: string): string;
  /** openat2(RESOLVE_IN_ROOT) of `path` under `root`, returning an O_PATH fd. */
  openInRoot(rootFd: number, path: string): number;
  openDir(path: string): number;
  /** Create `path` under the root fd (directories, and a file last when `file`), one component
   * at a time relative to fds opened with RESOLVE_IN_ROOT: a symlink swapped in meanwhile cannot
   * make it create anything outside the root. */
  createInRoot(rootFd: number, path: string, file: boolean): void;
  close(fd: number): void;
}

const SYS_pivot_root = 155;
const SYS_openat2 = 437;
const ENOENT = 2,
  EEXIST = 17;

export class LinuxSyscall implements Syscall {
  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void {
    const d = data ? Buffer.from(data + "\0") : null;
    const r = libc.symbols.mount(source, target, fstype, flags, d ? ptr(d) : null);
    if (r < 0) throw new SysError("mount", errno(), `${source ?? "none"}:${target}`);
  }
  umount2(target: string, flags: number): void {
    check(libc.symbols.umount2(target, flags), "umount", target);
  }
  pivotRoot(newRoot: string, putOld: string): void {
    const a = Buffer.from(newRoot + "\0");
    const b = Buffer.from(putOld + "\0");
    const r = Number(libc.symbols.syscall(SYS_pivot_root, ptr(a), ptr(b), 0, 0, 0));
    if (r < 0) throw new SysError("pivot_root", errno(), newRoot);
  }
  chdir(path: string): void {
    check(libc.symbols.chdir(path), "chdir", path);
  }
  fchdir(fd: number): void {
    check(libc.symbols.fchdir(fd), "fchdir");
  }
  chroot(path: string): void {
    check(libc.symbols.chroot(path), "chroot", path);
  }
  mkdirAll(path: string, mode = 0o755): void {
    mkdirSync(path, { recursive: true, mode });
  }
  touch(path: string): void {
    if (existsSync(path)) return;
    mkdirSync(path.slice(0, path.lastIndexOf("/")) || "/", { recursive: true });
    closeSync(openSync(path, "a", 0o644));
  }
  symlink(target: string, path: string): void {
    symlinkSync(target, path);
  }
  mknod(path: string, mode: number, dev: number): void {
    check(libc.symbols.mknod(path, mode, dev), "mknod", path);
  }
  lstat(path: string) {
    try {
      const s = lstatSync(path);
      return { isDir: s.isDirectory(), isSymlink: s.isSymbolicLink(), isFile: s.isFile() };
    } catch {
      return undefined;
    }
  }
  stat(path: string) {
    try {
      return { isDir: statSync(path).isDirectory() };
    } catch {
      return undefined;
    }
  }
  readlink(path: string): string {
    return readlinkSync(path);
  }
  openInRoot(rootFd: number, path: string): number {
    const how = new BigUint64Array([BigInt(O_PATH | O_CLOEXEC), 0n, BigInt(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)]);
    const p = Buffer.from(path + "\0");
    const fd = Number(libc.symbols.syscall(SYS_openat2, rootFd, ptr(p), ptr(how), 24, 0));
    if (fd < 0) throw new SysError("openat2", errno(), path);
    return fd;
  }
  createInRoot(rootFd: number, path: string, file: boolean): void {
    const parts = path.split("/").filter((p) => p && p !== ".");
    let parent = this.openInRoot(rootFd, "/");
    try {
      for (let i = 0; i < parts.length; i++) {
        const prefix = "/" + parts.slice(0, i + 1).join("/");
        let fd = -1;
        try {
          fd = this.openInRoot(rootFd, prefix);
        } catch (e) {
          if (!(e instanceof SysError && e.errno === ENOENT)) throw e;
          const name = parts[i]!;
          if (file && i === parts.length - 1) {
            const f = libc.symbols.openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o644);
            if (f < 0 && errno() !== EEXIST) throw new SysError("openat", errno(), prefix);
            if (f >= 0) libc.symbols.close(f);
          } else if (libc.symbols.mkdirat(parent, name, 0o755) < 0 && errno() !== EEXIST) {
            throw new SysError("mkdirat", errno(), prefix);
          }
          fd = this.openInRoot(rootFd, prefix);
        }
        libc.symbols.close(parent);
        parent = fd;
      }
    } finally {
      libc.symbols.close(parent);
    }
  }
  openDir(path: string): number {
    return check(libc.symbols.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0), "open", path);
  }
  close(fd: number): void {
    libc.symbols.close(fd);
  }
}
