import { describe, expect, test } from "bun:test";
import * as C from "../../../src/linux/constants.ts";
import { knownMountOptions, parseMountOptions } from "../../../src/linux/mount-flags.ts";

describe("parseMountOptions() flag options", () => {
  const cases: [string, number][] = [
    ["ro", C.MS_RDONLY],
    ["nosuid", C.MS_NOSUID],
    ["nodev", C.MS_NODEV],
    ["noexec", C.MS_NOEXEC],
    ["sync", C.MS_SYNCHRONOUS],
    ["dirsync", C.MS_DIRSYNC],
    ["remount", C.MS_REMOUNT],
    ["mand", C.MS_MANDLOCK],
    ["noatime", C.MS_NOATIME],
    ["nodiratime", C.MS_NODIRATIME],
    ["relatime", C.MS_RELATIME],
    ["strictatime", C.MS_STRICTATIME],
    ["lazytime", C.MS_LAZYTIME],
    ["nosymfollow", C.MS_NOSYMFOLLOW],
    ["iversion", C.MS_I_VERSION],
    ["silent", C.MS_SILENT],
    ["bind", C.MS_BIND],
    ["rbind", C.MS_BIND | C.MS_REC],
  ];
  for (const [opt, flag] of cases) {
    test(`"${opt}" sets 0x${flag.toString(16)}`, () => {
      const r = parseMountOptions([opt]);
      expect(r.flags).toBe(flag);
      expect(r.clearFlags).toBe(0);
      expect(r.data).toEqual([]);
    });
  }

  const clears: [string, number][] = [
    ["rw", C.MS_RDONLY],
    ["suid", C.MS_NOSUID],
    ["dev", C.MS_NODEV],
    ["exec", C.MS_NOEXEC],
    ["async", C.MS_SYNCHRONOUS],
    ["nomand", C.MS_MANDLOCK],
    ["atime", C.MS_NOATIME],
    ["diratime", C.MS_NODIRATIME],
    ["norelatime", C.MS_RELATIME],
    ["nostrictatime", C.MS_STRICTATIME],
    ["symfollow", C.MS_NOSYMFOLLOW],
  ];
  for (const [opt, flag] of clears) {
    test(`"${opt}" clears 0x${flag.toString(16)}`, () => {
      const r = parseMountOptions([opt]);
      expect(r.flags).toBe(0);
      expect(r.clearFlags).toBe(flag);
    });
  }

  test("a later option wins over an earlier one (ro then rw)", () => {
    const r = parseMountOptions(["ro", "rw"]);
    expect(r.flags & C.MS_RDONLY).toBe(0);
    expect(r.clearFlags & C.MS_RDONLY).toBe(C.MS_RDONLY);
  });
  test("a later option wins over an earlier one (rw then ro)", () => {
    const r = parseMountOptions(["rw", "ro"]);
    expect(r.flags).toBe(C.MS_RDONLY);
    expect(r.clearFlags).toBe(0);
  });
  test("defaults changes nothing", () => expect(parseMountOptions(["defaults"]).flags).toBe(0));
  test("no options gives an empty result", () => {
    expect(parseMountOptions()).toEqual({
      flags: 0,
      clearFlags: 0,
      propagation: [],
      data: [],
      recAttrSet: 0,
      recAttrClr: 0,
      bind: false,
      recursive: false,
      tmpcopyup: false,
      idmap: false,
      idmapRecursive: false,
      extensions: [],
    });
  });
});

describe("parseMountOptions() bind, propagation and data", () => {
  test("bind marks a non-recursive bind", () => {
    const r = parseMountOptions(["bind"]);
    expect([r.bind, r.recursive]).toEqual([true, false]);
  });
  test("rbind marks a recursive bind", () => {
    const r = parseMountOptions(["rbind", "ro"]);
    expect([r.bind, r.recursive]).toEqual([true, true]);
    expect(r.flags).toBe(C.MS_BIND | C.MS_REC | C.MS_RDONLY);
  });

  const props: [string, number][] = [
    ["shared", C.MS_SHARED],
    ["rshared", C.MS_SHARED | C.MS_REC],
    ["slave", C.MS_SLAVE],
    ["rslave", C.MS_SLAVE | C.MS_REC],
    ["private", C.MS_PRIVATE],
    ["rprivate", C.MS_PRIVATE | C.MS_REC],
    ["unbindable", C.MS_UNBINDABLE],
    ["runbindable", C.MS_UNBINDABLE | C.MS_REC],
  ];
  for (const [opt, flag] of props) {
    test(`"${opt}" is a propagation change 0x${flag.toString(16)}, not a mount flag`, () => {
      const r = parseMountOptions([opt]);
      expect(r.propagation).toEqual([flag]);
      expect(r.flags).toBe(0);
    });
  }
  test("propagation changes keep their order", () => {
    expect(parseMountOptions(["rprivate", "shared"]).propagation).toEqual([C.MS_PRIVATE | C.MS_REC, C.MS_SHARED]);
  });

  test("unknown options are filesystem data, in order", () => {
    const r = parseMountOptions(["nosuid", "strictatime", "mode=755", "size=65536k"]);
    expect(r.flags).toBe(C.MS_NOSUID | C.MS_STRICTATIME);
    expect(r.data).toEqual(["mode=755", "size=65536k"]);
  });
  test("devpts options of runc's default spec", () => {
    const r = parseMountOptions(["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]);
    expect(r.flags).toBe(C.MS_NOSUID | C.MS_NOEXEC);
    expect(r.data).toEqual(["newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]);
  });
  test("an Object.prototype name is data, not a table hit", () => {
    expect(parseMountOptions(["toString", "constructor"]).data).toEqual(["toString", "constructor"]);
  });
});

describe("parseMountOptions() recursive attributes", () => {
  const sets: [string, number][] = [
    ["rro", C.MOUNT_ATTR_RDONLY],
    ["rnosuid", C.MOUNT_ATTR_NOSUID],
    ["rnodev", C.MOUNT_ATTR_NODEV],
    ["rnoexec", C.MOUNT_ATTR_NOEXEC],
    ["rnodiratime", C.MOUNT_ATTR_NODIRATIME],
    ["rnosymfollow", C.MOUNT_ATTR_NOSYMFOLLOW],
  ];
  for (const [opt, attr] of sets) {
    test(`"${opt}" sets MOUNT_ATTR 0x${attr.toString(16)}`, () => {
      const r = parseMountOptions([opt]);
      expect([r.recAttrSet, r.recAttrClr, r.flags]).toEqual([attr, 0, 0]);
    });
  }
  const clears: [string, number][] = [
    ["rrw", C.MOUNT_ATTR_RDONLY],
    ["rsuid", C.MOUNT_ATTR_NOSUID],
    ["rdev", C.MOUNT_ATTR_NODEV],
    ["rexec", C.MOUNT_ATTR_NOEXEC],
    ["rdiratime", C.MOUNT_ATTR_NODIRATIME],
    ["ratime", C.MOUNT_ATTR_NOATIME],
    ["rnostrictatime", C.MOUNT_ATTR_STRICTATIME],
    ["rsymfollow", C.MOUNT_ATTR_NOSYMFOLLOW],
  ];
  for (const [opt, attr] of clears) {
    test(`"${opt}" clears MOUNT_ATTR 0x${attr.toString(16)}`, () => {
      const r = parseMountOptions([opt]);
      expect([r.recAttrSet, r.recAttrClr]).toEqual([0, attr]);
    });
  }
  test("an atime mode clears the whole atime field first (rnoatime)", () => {
    const r = parseMountOptions(["rnoatime"]);
    expect(r.recAttrSet).toBe(C.MOUNT_ATTR_NOATIME);
    expect(r.recAttrClr).toBe(C.MOUNT_ATTR__ATIME);
  });
  test("rrelatime selects relatime by clearing the atime field", () => {
    const r = parseMountOptions(["rnoatime", "rrelatime"]);
    expect(r.recAttrSet).toBe(0);
    expect(r.recAttrClr).toBe(C.MOUNT_ATTR__ATIME);
  });
  test("rstrictatime after rnoatime leaves only strictatime set", () => {
    const r = parseMountOptions(["rnoatime", "rstrictatime"]);
    expect(r.recAttrSet).toBe(C.MOUNT_ATTR_STRICTATIME);
  });
  test("rro then rrw leaves read-only cleared", () => {
    const r = parseMountOptions(["rro", "rrw"]);
    expect([r.recAttrSet, r.recAttrClr]).toEqual([0, C.MOUNT_ATTR_RDONLY]);
  });
});

describe("parseMountOptions() extensions", () => {
  test("tmpcopyup is flagged and not passed as data", () => {
    const r = parseMountOptions(["tmpcopyup", "mode=755"]);
    expect(r.tmpcopyup).toBe(true);
    expect(r.data).toEqual(["mode=755"]);
  });
  test("idmap is a non-recursive id mapping", () => {
    const r = parseMountOptions(["bind", "idmap"]);
    expect([r.idmap, r.idmapRecursive]).toEqual([true, false]);
  });
  test("ridmap is a recursive id mapping", () => {
    const r = parseMountOptions(["rbind", "ridmap"]);
    expect([r.idmap, r.idmapRecursive]).toEqual([true, true]);
    expect(r.extensions).toEqual(["ridmap"]);
  });
  test("crun's copy-symlink/src-nofollow/dest-nofollow are recognised", () => {
    expect(parseMountOptions(["copy-symlink", "src-nofollow", "dest-nofollow"]).data).toEqual([]);
  });
});

describe("knownMountOptions()", () => {
  test("is sorted and contains every kind of option", () => {
    const all = knownMountOptions();
    expect(all).toEqual([...all].sort());
    for (const o of ["ro", "rbind", "rprivate", "rro", "tmpcopyup", "idmap", "nosymfollow"]) expect(all).toContain(o);
    expect(new Set(all).size).toBe(all.length);
  });
});
