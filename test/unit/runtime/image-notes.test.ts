// The image notes (ctbun.json) restore acts on as root are checked against the spec first: an
// imported archive is someone else's file.
import { describe, expect, test } from "bun:test";
import { makedev, tmpfsTreeProblem, type TmpfsTree } from "../../../src/runtime/criu-tmpfs.ts";
import { checkedImageNotes } from "../../../src/runtime/restore.ts";
import type { Spec } from "../../../src/spec/types.ts";

const dev = (entries: TmpfsTree["entries"]): TmpfsTree => ({ path: "/dev", options: "size=65536k,mode=755", source: "tmpfs", root: { mode: 0o755, uid: 0, gid: 0 }, entries });
const PATHS = new Set(["/dev"]);
const DEVS = new Set([makedev(1, 3), makedev(5, 2)]);
const d = (p: string) => ({ p, t: "d" as const, mode: 0o755, uid: 0, gid: 0 });

describe("tmpfsTreeProblem", () => {
  test("a real /dev tree is fine", () => {
    expect(
      tmpfsTreeProblem(
        dev([
          { p: "null", t: "c", mode: 0o666, uid: 0, gid: 0, rdev: makedev(1, 3) },
          d("pts"),
          { p: "ptmx", t: "l", mode: 0o777, uid: 0, gid: 0, target: "pts/ptmx" },
          { p: "pts/ptmx", t: "M", mode: 0o666, uid: 0, gid: 0 },
          { p: "fd", t: "l", mode: 0o777, uid: 0, gid: 0, target: "/proc/self/fd" },
        ]),
        PATHS,
        DEVS,
      ),
    ).toBeUndefined();
    expect(makedev(1, 3)).toBe(0x103);
    expect(makedev(259, 70000)).toBe(Number((BigInt(70000 & ~0xff) << 12n) | (259n << 8n) | BigInt(70000 & 0xff)));
  });
  test("names that leave the tree, links as parents, other devices and foreign mountpoints are refused", () => {
    const cases: [TmpfsTree, Set<string>, string][] = [
      [dev([{ p: "../../../../tmp/victim", t: "f", mode: 0o777, uid: 65534, gid: 65534 }]), PATHS, "not a plain relative name"],
      [dev([{ p: "/etc/shadow", t: "f", mode: 0o600, uid: 0, gid: 0 }]), PATHS, "not a plain relative name"],
      [dev([{ p: "esc", t: "l", mode: 0o777, uid: 0, gid: 0, target: "/tmp/victim2" }, { p: "esc", t: "f", mode: 0o777, uid: 0, gid: 0 }]), PATHS, "listed twice"],
      [dev([{ p: "lnk", t: "l", mode: 0o777, uid: 0, gid: 0, target: "/etc" }, { p: "lnk/passwd", t: "f", mode: 0o644, uid: 0, gid: 0 }]), PATHS, "parent is not a directory made before it"],
      [dev([{ p: "a/b", t: "d", mode: 0o755, uid: 0, gid: 0 }]), PATHS, "parent is not a directory made before it"],
      [dev([{ p: "sda", t: "b", mode: 0o666, uid: 0, gid: 0, rdev: makedev(253, 0) }]), PATHS, "a device the container is not given"],
      [dev([{ p: "mem", t: "c", mode: 0o666, uid: 0, gid: 0, rdev: makedev(1, 1) }]), PATHS, "a device the container is not given"],
      [dev([{ p: "x", t: "f", mode: 0o17777, uid: 0, gid: 0 }]), PATHS, "bad mode or owner"],
      [dev([{ p: "x", t: "s" as never, mode: 0o644, uid: 0, gid: 0 }]), PATHS, "bad entry"],
      [dev([]), new Set(["/run"]), "is not a tmpfs mount of this container"],
      [{ ...dev([]), options: "size=1k,uid=0\nx" }, PATHS, "bad mount options"],
    ];
    for (const [t, paths, why] of cases) expect(tmpfsTreeProblem(t, paths, DEVS)).toContain(why);
  });
});

describe("checkedImageNotes", () => {
  const spec = {
    mounts: [{ destination: "/dev", type: "tmpfs", source: "tmpfs" }],
    linux: { maskedPaths: ["/proc/acpi"], devices: [{ path: "/dev/fuse", type: "c", major: 10, minor: 229 }] },
  } as unknown as Spec;
  test("notes within the spec pass; TCP locks only from local images", () => {
    const notes = { maskedDirs: ["/proc/acpi"], tmpfs: [dev([{ p: "fuse", t: "c", mode: 0o666, uid: 0, gid: 0, rdev: makedev(10, 229) }])], tcpLocks: ["-A INPUT x --mark 0xc114"] };
    expect(checkedImageNotes(notes, spec, false)).toEqual(notes);
    expect(checkedImageNotes(notes, spec, true).tcpLocks).toBeUndefined();
  });
  test("a masked dir or a tmpfs the spec does not have is refused", () => {
    expect(() => checkedImageNotes({ maskedDirs: ["/etc"] }, spec, true)).toThrow(`the checkpoint's ctbun.json cannot be used: "/etc" is not a masked path of this container`);
    expect(() => checkedImageNotes({ tmpfs: [{ ...dev([]), path: "/tmp" }] }, spec, true)).toThrow("is not a tmpfs mount of this container");
    expect(() => checkedImageNotes({ tmpfs: [dev([{ p: "../x", t: "f", mode: 0, uid: 0, gid: 0 }])] }, spec, true)).toThrow("not a plain relative name");
  });
});
