// src/linux/fs.ts against node:fs itself: the same answers (and error codes) on real files.
import { afterAll, describe, expect, test } from "bun:test";
import * as node from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ours from "../../../src/linux/fs.ts";

const dir = node.mkdtempSync(join(tmpdir(), "ctbun-fs-"));
afterAll(() => node.rmSync(dir, { recursive: true, force: true }));
const at = (...p: string[]) => join(dir, ...p);

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe("files", () => {
  test("write, read (Buffer and strings), append; mode and exclusive create", () => {
    ours.writeFileSync(at("a"), "héllo\n", { mode: 0o600 });
    expect(node.readFileSync(at("a"), "utf8")).toBe("héllo\n");
    expect(node.statSync(at("a")).mode & 0o777).toBe(0o600);
    expect(ours.readFileSync(at("a"), "utf8")).toBe("héllo\n");
    expect(ours.readFileSync(at("a"))).toEqual(node.readFileSync(at("a")));
    expect(ours.readFileSync(at("a"), "latin1")).toBe(node.readFileSync(at("a"), "latin1"));
    ours.appendFileSync(at("a"), Buffer.from("more"));
    expect(node.readFileSync(at("a"), "utf8")).toBe("héllo\nmore");
    expect(codeOf(() => ours.writeFileSync(at("a"), "x", { flag: "wx" }))).toBe("EEXIST");
    ours.writeFileSync(at("a"), "short");
    expect(node.readFileSync(at("a"), "utf8")).toBe("short");
  });
  test("files larger than one read, and /proc files that report size 0", () => {
    const big = Buffer.alloc(100_000, 7);
    node.writeFileSync(at("big"), big);
    expect(ours.readFileSync(at("big")).equals(big)).toBe(true);
    expect(ours.readFileSync("/proc/self/mountinfo", "utf8")).toContain(" / ");
    expect(ours.readFileSync("/proc/self/status", "utf8")).toContain(`Pid:\t${process.pid}`);
  });
  test("errors carry node's codes", () => {
    for (const f of [
      (m: typeof node) => m.readFileSync(at("nope")),
      (m: typeof node) => m.readdirSync(at("a")),
      (m: typeof node) => m.mkdirSync(at("a")),
      (m: typeof node) => m.rmdirSync(at("nope")),
      (m: typeof node) => m.readlinkSync(at("a")),
      (m: typeof node) => m.statSync(at("nope", "x")),
      (m: typeof node) => m.renameSync(at("nope"), at("x")),
    ]) {
      expect(codeOf(() => f(ours as unknown as typeof node))).toBe(codeOf(() => f(node))!);
    }
  });
  test("openSync/writeSync/closeSync, fds close-on-exec", () => {
    const fd = ours.openSync(at("w"), "w", 0o644);
    const flags = parseInt(/flags:\s+(\d+)/.exec(node.readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))![1]!, 8);
    expect([flags & 0o2000000, flags & 3]).toEqual([0o2000000, 1]); // O_CLOEXEC, O_WRONLY
    expect(ours.writeSync(fd, "abc")).toBe(3);
    expect(ours.writeSync(fd, Buffer.from("xdefx"), 1, 3)).toBe(3);
    ours.closeSync(fd);
    expect(node.readFileSync(at("w"), "utf8")).toBe("abcdef");
    const fd2 = ours.openSync(at("w"), ours.constants.O_WRONLY | ours.constants.O_APPEND);
    ours.writeSync(fd2, "!");
    ours.closeSync(fd2);
    expect(node.readFileSync(at("w"), "utf8")).toBe("abcdef!");
  });
});

describe("stat", () => {
  test("the same fields as node:fs for a file, a directory, a symlink, a device", () => {
    node.symlinkSync("a", at("link"));
    for (const p of [at("a"), dir, "/dev/null", at("link")]) {
      for (const f of ["statSync", "lstatSync"] as const) {
        const a = ours[f](p);
        const b = node[f](p);
        expect({ p, f, dev: a.dev, ino: a.ino, mode: a.mode, nlink: a.nlink, uid: a.uid, gid: a.gid, rdev: a.rdev, size: a.size, mtime: Math.round(a.mtimeMs) }).toEqual({
          p,
          f,
          dev: b.dev,
          ino: b.ino,
          mode: b.mode,
          nlink: b.nlink,
          uid: b.uid,
          gid: b.gid,
          rdev: b.rdev,
          size: b.size,
          mtime: Math.round(b.mtimeMs),
        });
        expect([a.isFile(), a.isDirectory(), a.isSymbolicLink(), a.isCharacterDevice()]).toEqual([b.isFile(), b.isDirectory(), b.isSymbolicLink(), b.isCharacterDevice()]);
      }
    }
    expect(ours.statSync("/proc/self/ns/net", { bigint: true }).ino).toBe(node.statSync("/proc/self/ns/net", { bigint: true }).ino);
    const fd = node.openSync(at("a"), "r");
    expect(ours.fstatSync(fd).ino).toBe(node.fstatSync(fd).ino);
    node.closeSync(fd);
    expect(ours.statSync(at("nope"), { throwIfNoEntry: false })).toBeUndefined();
    expect(ours.existsSync(at("a"))).toBe(true);
    expect(ours.existsSync(at("nope"))).toBe(false);
    expect(ours.existsSync("")).toBe(false);
  });
});

describe("directories and names", () => {
  test("mkdirSync recursive returns the first directory made; existing dirs are fine", () => {
    expect(ours.mkdirSync(at("d1", "d2", "d3"), { recursive: true, mode: 0o711 })).toBe(at("d1"));
    expect(node.statSync(at("d1", "d2", "d3")).isDirectory()).toBe(true);
    expect(ours.mkdirSync(at("d1", "d2"), { recursive: true })).toBeUndefined();
    expect(codeOf(() => ours.mkdirSync(at("a", "x"), { recursive: true }))).toBe(codeOf(() => node.mkdirSync(at("a", "x"), { recursive: true }))!);
    expect(codeOf(() => ours.mkdirSync(at("a"), { recursive: true }))).toBe(codeOf(() => node.mkdirSync(at("a"), { recursive: true }))!);
    ours.mkdirSync(at("plain"), 0o700);
    expect(node.statSync(at("plain")).mode & 0o777).toBe(0o700);
  });
  test("readdirSync: names without . and .., and file types", () => {
    node.writeFileSync(at("d1", "f"), "");
    node.symlinkSync("/etc", at("d1", "l"));
    expect(ours.readdirSync(at("d1")).sort()).toEqual(node.readdirSync(at("d1")).sort());
    const types = ours
      .readdirSync(at("d1"), { withFileTypes: true })
      .map((d) => [d.name, d.isDirectory(), d.isFile(), d.isSymbolicLink()])
      .sort();
    expect(types).toEqual([
      ["d2", true, false, false],
      ["f", false, true, false],
      ["l", false, false, true],
    ]);
    const many = at("many");
    node.mkdirSync(many);
    for (let i = 0; i < 2000; i++) node.writeFileSync(join(many, `file-with-a-long-name-${i}`), "");
    expect(ours.readdirSync(many).length).toBe(2000);
  });
  test("rmSync: force ignores a missing path, recursive never follows links, a directory needs recursive", () => {
    const keep = at("keep");
    node.mkdirSync(keep);
    node.writeFileSync(join(keep, "precious"), "1");
    node.mkdirSync(at("tree", "sub"), { recursive: true });
    node.symlinkSync(keep, at("tree", "sub", "to-keep"));
    node.writeFileSync(at("tree", "sub", "f"), "");
    expect(codeOf(() => ours.rmSync(at("tree")))).toBe("EISDIR");
    ours.rmSync(at("tree"), { recursive: true, force: true });
    expect(node.existsSync(at("tree"))).toBe(false);
    expect(node.readFileSync(join(keep, "precious"), "utf8")).toBe("1");
    ours.rmSync(at("nope"), { force: true });
    expect(codeOf(() => ours.rmSync(at("nope")))).toBe("ENOENT");
    ours.rmSync(at("big"));
    expect(node.existsSync(at("big"))).toBe(false);
  });
  test("rename, symlink, readlink, realpath, chmod, lchown, rmdir", () => {
    ours.renameSync(at("w"), at("w2"));
    expect(node.existsSync(at("w2"))).toBe(true);
    ours.symlinkSync("w2", at("l2"));
    expect(ours.readlinkSync(at("l2"))).toBe("w2");
    expect(ours.realpathSync(at("l2"))).toBe(node.realpathSync(at("l2")));
    expect(codeOf(() => ours.realpathSync(at("nope")))).toBe("ENOENT");
    ours.chmodSync(at("w2"), 0o640);
    expect(node.statSync(at("w2")).mode & 0o777).toBe(0o640);
    ours.lchownSync(at("l2"), 1234, 5678);
    expect([node.lstatSync(at("l2")).uid, node.lstatSync(at("l2")).gid]).toEqual([1234, 5678]);
    expect(node.statSync(at("w2")).uid).not.toBe(1234);
    ours.rmdirSync(at("plain"));
    expect(node.existsSync(at("plain"))).toBe(false);
  });
});
