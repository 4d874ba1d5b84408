import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { flatCgroups, parseCgroupImage, type CgDir, type CgMember, type CgroupImage } from "../../../src/criu/cgroup-image.ts";

const CONTROLLERS = ["", "cpu", "freezer", "name=systemd"];
const members = (path: string, cgnsPrefix?: number): CgMember[] =>
  CONTROLLERS.map((name) => ({ name, path, ...(cgnsPrefix === undefined ? {} : { cgnsPrefix }) }));
const image = (sets: CgMember[][], dirs: CgDir[] = [{ name: "ctbun/c1", children: [] }]): CgroupImage => ({
  sets: sets.map((m, i) => ({ id: i + 1, members: m })),
  controllers: CONTROLLERS.map((c) => ({ cnames: c ? [c] : [], dirs })),
});

describe("cgroup.img read without CRIU", () => {
  // a real dump (CRIU 4.2.1, cgroup v1 hybrid): busybox sh (pid 1) and its sleep child, in a
  // cgroup namespace rooted at /ctbun/p1
  const img = parseCgroupImage(readFileSync(join(import.meta.dir, "fixtures", "cgroup-cgns-two-tasks.img")));

  test("sets, members and recorded directories", () => {
    expect(img.sets.length).toBe(2);
    for (const s of img.sets) {
      expect(s.members.map((m) => m.name)).toContain("freezer");
      for (const m of s.members) expect([m.path, m.cgnsPrefix]).toEqual(["/ctbun/p1", 9]);
    }
    expect(img.controllers.find((c) => c.cnames.includes("freezer"))!.dirs).toEqual([{ name: "ctbun/p1", children: [] }]);
  });

  test("two tasks in one place count as flat (CRIU records a set per task there)", () => {
    const flat = flatCgroups(img)!;
    expect(flat.cgns).toBe(true);
    expect(flat.names).toContain("");
    expect(flat.names).toContain("pids");
  });
});

describe("flatCgroups", () => {
  test("one set at the top of the container's cgroups", () => {
    expect(flatCgroups(image([members("/ctbun/c1")]))).toEqual({ names: CONTROLLERS, cgns: false });
    expect(flatCgroups(image([members("/ctbun/c1", 9)]))).toEqual({ names: CONTROLLERS, cgns: true });
  });
  test("identical sets are one place", () => {
    expect(flatCgroups(image([members("/ctbun/c1", 9), members("/ctbun/c1", 9), members("/ctbun/c1", 9)]))?.cgns).toBe(true);
  });
  test("tasks in different cgroups, or a namespace rooted elsewhere, are left to CRIU", () => {
    const sub: CgDir[] = [{ name: "ctbun/c1", children: [{ name: "sub", children: [] }] }];
    expect(flatCgroups(image([members("/ctbun/c1"), members("/ctbun/c1/sub")], sub))).toBeUndefined();
    expect(flatCgroups(image([members("/ctbun/c1", 9), members("/ctbun/c1")]))).toBeUndefined();
    expect(flatCgroups(image([members("/ctbun/c1", 6)]))).toBeUndefined();
    expect(flatCgroups(image([members("/ctbun/c1")], sub))).toBeUndefined();
    expect(flatCgroups(image([]))).toBeUndefined();
    expect(flatCgroups(image([[]]))).toBeUndefined();
  });
});
