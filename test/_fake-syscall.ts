// A recording fake of src/linux/syscall.ts: an in-memory tree (dirs, files, symlinks) and the
// list of calls made, so the rootfs planning can be checked without root or a kernel.
import type { Syscall } from "../src/linux/syscall.ts";
import { SysError } from "../src/errors.ts";

type Node = { kind: "dir" } | { kind: "file" } | { kind: "symlink"; target: string };

export interface Call {
  name: string;
  args: unknown[];
}

export class RecordingSyscall implements Syscall {
  readonly calls: Call[] = [];
  readonly tree = new Map<string, Node>([["/", { kind: "dir" }]]);
  /** Every fd ever opened and what for (kept after close, for resolved()). */
  private fds = new Map<number, string>();
  private nextFd = 10;

  /** Paths are absolute; parents are created as directories. */
  add(path: string, node: Node = { kind: "dir" }): this {
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const p = "/" + parts.slice(0, i).join("/");
      if (!this.tree.has(p)) this.tree.set(p, { kind: "dir" });
    }
    this.tree.set(path, node);
    return this;
  }

  private rec(name: string, ...args: unknown[]): void {
    this.calls.push({ name, args });
  }
  /** The calls with /proc/self/fd/N replaced by the path that fd was opened for. */
  resolved(): Call[] {
    return this.calls.map((c) => ({ name: c.name, args: c.args.map((a) => (typeof a === "string" ? this.unfd(a) : a)) }));
  }
  private unfd(p: string): string {
    const m = /^\/proc\/self\/fd\/(\d+)$/.exec(p);
    return m ? `<${this.fds.get(Number(m[1])) ?? "?"}>` : p;
  }
  mounts(): Call[] {
    return this.resolved().filter((c) => c.name === "mount");
  }

  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void {
    this.rec("mount", source, target, fstype, flags, data);
  }
  umount2(target: string, flags: number): void {
    this.rec("umount2", target, flags);
  }
  pivotRoot(newRoot: string, putOld: string): void {
    this.rec("pivotRoot", newRoot, putOld);
  }
  chdir(path: string): void {
    this.rec("chdir", path);
  }
  fchdir(fd: number): void {
    this.rec("fchdir", this.fds.get(fd));
  }
  chroot(path: string): void {
    this.rec("chroot", path);
  }
  mkdirAll(path: string): void {
    this.rec("mkdirAll", path);
    this.add(path);
  }
  touch(path: string): void {
    this.rec("touch", path);
    if (!this.tree.has(path)) this.add(path, { kind: "file" });
  }
  symlink(target: string, path: string): void {
    this.rec("symlink", target, path);
    this.add(path, { kind: "symlink", target });
  }
  mknod(path: string, mode: number, dev: number): void {
    this.rec("mknod", path, mode, dev);
    this.add(path, { kind: "file" });
  }
  lstat(path: string) {
    const n = this.tree.get(path);
    return n ? { isDir: n.kind === "dir", isSymlink: n.kind === "symlink", isFile: n.kind === "file" } : undefined;
  }
  stat(path: string) {
    let p = path;
    for (let i = 0; i < 40; i++) {
      const n = this.tree.get(p);
      if (!n) return undefined;
      if (n.kind !== "symlink") return { isDir: n.kind === "dir" };
      p = n.target;
    }
    return undefined;
  }
  readlink(path: string): string {
    const n = this.tree.get(path);
    if (n?.kind !== "symlink") throw new SysError("readlink", 22, path);
    return n.target;
  }
  openInRoot(rootFd: number, path: string): number {
    const fd = this.nextFd++;
    this.fds.set(fd, `${this.fds.get(rootFd)}:${path}`);
    return fd;
  }
  createInRoot(rootFd: number, path: string, file: boolean): void {
    const root = this.fds.get(rootFd) ?? "";
    const full = root + (path.startsWith("/") ? path : `/${path}`);
    this.rec("createInRoot", full, file);
    if (!this.tree.has(full)) this.add(full, file ? { kind: "file" } : { kind: "dir" });
  }
  openDir(path: string): number {
    const fd = this.nextFd++;
    this.fds.set(fd, path);
    return fd;
  }
  close(fd: number): void {
    this.rec("close", fd);
  }
}
