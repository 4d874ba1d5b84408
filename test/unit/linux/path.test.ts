// src/linux/path.ts against node:path's posix functions.
import { expect, test } from "bun:test";
import { posix as node } from "node:path";
import * as ours from "../../../src/linux/path.ts";

const PATHS = [
  "", ".", "..", "/", "//", "///", "a", "a/", "a//b", "/a", "/a/", "/a/b", "/a/b/", "/a//b///c/",
  "a/./b", "a/../b", "../a", "../../a/b", "/..", "/../a", "/a/../..", "a/b/../../..", "./a/./",
  "/run/ctbun/c1/state.json", "rootfs", "./rootfs/", "/proc/self/fd/3", "a/b/c/../../d", "...", "a/.../b",
];

test("normalize, dirname, basename, isAbsolute", () => {
  for (const p of PATHS) {
    expect({ p, n: ours.normalize(p) }).toEqual({ p, n: node.normalize(p) });
    if (!p.startsWith("//")) expect({ p, d: ours.dirname(p) }).toEqual({ p, d: node.dirname(p) });
    expect({ p, b: ours.basename(p) }).toEqual({ p, b: node.basename(p) });
    expect(ours.isAbsolute(p)).toBe(node.isAbsolute(p));
  }
});

test("join and resolve", () => {
  for (const a of PATHS) {
    for (const b of ["", "x", "/x", "../x", "x/", "./x/../y"]) {
      expect({ a, b, j: ours.join(a, b) }).toEqual({ a, b, j: node.join(a, b) });
      expect({ a, b, r: ours.resolve(a, b) }).toEqual({ a, b, r: node.resolve(a, b) });
    }
  }
  expect(ours.join()).toBe(node.join());
  expect(ours.resolve()).toBe(node.resolve());
  expect(ours.join("/run", "ctbun", "c1", "state.json")).toBe("/run/ctbun/c1/state.json");
});

test("relative", () => {
  const abs = ["/", "/a", "/a/b", "/a/b/c", "/a/bc", "/x/y", "/a/b/", "a", "a/b"];
  for (const a of abs) for (const b of abs) expect({ a, b, r: ours.relative(a, b) }).toEqual({ a, b, r: node.relative(a, b) });
});
