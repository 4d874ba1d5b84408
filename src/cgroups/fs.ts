// The file operations the cgroup code needs, behind a small interface so unit tests can use an
// in-memory fake (test/unit/cgroups/_fake-fs.ts). The real one uses synchronous node:fs calls
// only: the runtime may call it after a mount-namespace change, where Bun's async fs (a worker
// pool in the old namespace) would see the wrong tree.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  constants as C,
  writeSync,
} from "node:fs";
import { SysError } from "../errors.ts";

/** Linux O_CLOEXEC (same value on x86_64 and aarch64); node:fs does not export it. */
const O_CLOEXEC = 0o2000000;

export interface DirEntry {
  name: string;
  isDir: boolean;
}

export interface CgroupFs {
  /** Whole file as text. Throws SysError ("open <path>: ..."). */
  readFile(path: string): string;
  /** One write(2) of `data` (cgroup files take one value per write). No O_CREAT. */
  writeFile(path: string, data: string): void;
  /** mkdir -p; returns the directories it created, outermost first. */
  mkdirp(path: string, mode?: number): string[];
  rmdir(path: string): void;
  exists(path: string): boolean;
  readdir(path: string): DirEntry[];
}

/** Errno of a node:fs error or a SysError, looking through `cause` wrappers; else undefined. */
export function errnoOf(e: unknown): number | undefined {
  for (let x = e, depth = 0; x && depth < 8; x = (x as { cause?: unknown }).cause, depth++) {
    if (x instanceof SysError) return x.errno;
    const n = (x as { errno?: unknown }).errno;
    if (typeof n === "number") return Math.abs(n);
  }
  return undefined;
}

export const ENOENT = 2;
export const EINTR = 4;
export const EPERM = 1;
export const EACCES = 13;
export const EBUSY = 16;
export const EEXIST = 17;
export const ENODEV = 19;
export const EINVAL = 22;
export const EROFS = 30;
export const ENOTEMPTY = 39;
export const EOPNOTSUPP = 95;

function sysErr(op: string, path: string, e: unknown): never {
  const n = errnoOf(e);
  if (n === undefined) throw e;
  throw new SysError(op, n, path);
}

export class NodeCgroupFs implements CgroupFs {
  readFile(path: string): string {
    try {
      return readFileSync(path, "utf8");
    } catch (e) {
      sysErr("open", path, e);
    }
  }

  writeFile(path: string, data: string): void {
    let fd: number;
    try {
      fd = openSync(path, C.O_WRONLY | C.O_TRUNC | O_CLOEXEC);
    } catch (e) {
      sysErr("open", path, e);
    }
    try {
      const buf = Buffer.from(data);
      for (;;) {
        try {
          writeSync(fd, buf, 0, buf.length);
          return;
        } catch (e) {
          if (errnoOf(e) !== EINTR) sysErr("write", path, e);
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  mkdirp(path: string, mode = 0o755): string[] {
    const created: string[] = [];
    const parts = path.split("/").filter(Boolean);
    let cur = "";
    for (const p of parts) {
      cur += "/" + p;
      try {
        mkdirSync(cur, { mode });
        created.push(cur);
      } catch (e) {
        if (errnoOf(e) !== EEXIST) sysErr("mkdir", cur, e);
      }
    }
    return created;
  }

  rmdir(path: string): void {
    try {
      rmdirSync(path);
    } catch (e) {
      sysErr("rmdir", path, e);
    }
  }

  exists(path: string): boolean {
    return existsSync(path);
  }

  readdir(path: string): DirEntry[] {
    try {
      return readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, isDir: d.isDirectory() }));
    } catch (e) {
      sysErr("open", path, e);
    }
  }
}

let real: NodeCgroupFs | undefined;
export function realFs(): CgroupFs {
  return (real ??= new NodeCgroupFs());
}
