import { describe, expect, test } from "bun:test";
import { formatError } from "../../../src/errors.ts";
import { Rootfs, secureJoin, type RootfsConfig } from "../../../src/runtime/rootfs.ts";
import type { Spec } from "../../../src/spec/types.ts";
import { RecordingSyscall } from "../../_fake-syscall.ts";

const MS_RDONLY = 0x1,
  MS_REMOUNT = 0x20,
  MS_BIND = 0x1000,
  MS_REC = 0x4000,
  MS_SLAVE = 0x80000,
  MS_MOVE = 0x2000;

function config(spec: Partial<Spec>, extra: Partial<RootfsConfig> = {}): RootfsConfig {
  return {
    spec: { ociVersion: "1.2.0", root: { path: "/rootfs" }, ...spec },
    rootfs: "/rootfs",
    bundle: "/bundle",
    noPivot: false,
    cgroupNs: true,
    userNs: false,
    cgroupMounts: [],
    ownCgroups: () => ({}),
    ...extra,
  };
}

function fakeRoot(): RecordingSyscall {
  return new RecordingSyscall().add("/rootfs/bin").add("/rootfs/proc").add("/rootfs/dev").add("/bundle");
}

describe("secureJoin()", () => {
  test("keeps an absolute symlink inside the root", () => {
    const sys = fakeRoot().add("/rootfs/evil", { kind: "symlink", target: "/" });
    expect(secureJoin(sys, "/rootfs", "/evil/etc")).toBe("/rootfs/etc");
  });
  test("keeps ../ escapes inside the root", () => {
    const sys = fakeRoot().add("/rootfs/up", { kind: "symlink", target: "../../../.." });
    expect(secureJoin(sys, "/rootfs", "/up/host")).toBe("/rootfs/host");
    expect(secureJoin(sys, "/rootfs", "/../../x")).toBe("/rootfs/x");
  });
  test("follows relative symlinks from their directory", () => {
    const sys = fakeRoot().add("/rootfs/a/b", { kind: "symlink", target: "../c" });
    expect(secureJoin(sys, "/rootfs", "/a/b/d")).toBe("/rootfs/c/d");
  });
  test("gives up on symlink loops", () => {
    const sys = fakeRoot().add("/rootfs/loop", { kind: "symlink", target: "/loop" });
    expect(() => secureJoin(sys, "/rootfs", "/loop/x")).toThrow("too many levels of symbolic links");
  });
});

describe("Rootfs.prepare()", () => {
  test("makes / a slave, binds the rootfs, then mounts in config order", () => {
    const sys = fakeRoot();
    new Rootfs(sys, config({ mounts: [{ destination: "/proc", type: "proc", source: "proc" }, { destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["nosuid", "size=1m"] }] })).prepare();
    const m = sys.mounts();
    expect(m[0]!.args).toEqual([null, "/", null, MS_REC | MS_SLAVE, null]);
    expect(m[1]!.args).toEqual(["/rootfs", "/rootfs", null, MS_BIND | MS_REC, null]);
    expect(m[2]!.args).toEqual(["proc", "</rootfs:/proc>", "proc", 0, null]);
    expect(m[3]!.args).toEqual(["tmpfs", "</rootfs:/tmp>", "tmpfs", 2, "size=1m"]);
    // /tmp did not exist: it was created inside the rootfs
    expect(sys.calls.some((c) => c.name === "createInRoot" && c.args[0] === "/rootfs/tmp")).toBe(true);
  });

  test("a read-only bind is bound, then remounted read-only on the new mount", () => {
    const sys = fakeRoot().add("/host/data");
    new Rootfs(sys, config({ mounts: [{ destination: "/data", type: "bind", source: "/host/data", options: ["rbind", "ro"] }] })).prepare();
    const m = sys.mounts().slice(2);
    expect(m[0]!.args).toEqual(["/host/data", "</rootfs:/data>", null, MS_BIND | MS_REC, null]);
    expect(m[1]!.args).toEqual([null, "</rootfs:/data>", null, MS_BIND | MS_REMOUNT | MS_RDONLY, null]);
  });

  test("a relative bind source is taken from the bundle; a file source gets a file target", () => {
    const sys = fakeRoot().add("/bundle/hosts", { kind: "file" });
    new Rootfs(sys, config({ mounts: [{ destination: "/etc/hosts", type: "bind", source: "hosts", options: ["bind"] }] })).prepare();
    expect(sys.mounts()[2]!.args[0]).toBe("/bundle/hosts");
    expect(sys.calls).toContainEqual({ name: "createInRoot", args: ["/rootfs/etc/hosts", true] });
  });

  test("proc on a symlinked destination is refused", () => {
    const sys = fakeRoot();
    sys.tree.set("/rootfs/proc", { kind: "symlink", target: "/tmp" });
    let err: unknown;
    try {
      new Rootfs(sys, config({ mounts: [{ destination: "/proc", type: "proc", source: "proc" }] })).prepare();
    } catch (e) {
      err = e;
    }
    expect(formatError(err)).toContain("proc cannot be mounted on /proc: the destination is a symlink");
    expect(sys.mounts().some((c) => c.args[2] === "proc")).toBe(false);
  });

  test("a destination through a symlink to / lands inside the rootfs", () => {
    const sys = fakeRoot().add("/rootfs/evil", { kind: "symlink", target: "/" });
    new Rootfs(sys, config({ mounts: [{ destination: "/evil/etc/x", type: "tmpfs", source: "tmpfs" }] })).prepare();
    // created relative to the root fd, at the path the kernel resolves inside the root
    expect(sys.calls).toContainEqual({ name: "createInRoot", args: ["/rootfs/etc/x", false] });
    expect(sys.calls.some((c) => (c.name === "mkdirAll" || c.name === "touch") && String(c.args[0]).endsWith("/etc/x"))).toBe(false);
  });

  test("a tmpfs /dev gets the default device nodes and symlinks", () => {
    const sys = fakeRoot();
    new Rootfs(sys, config({ mounts: [{ destination: "/dev", type: "tmpfs", source: "tmpfs" }, { destination: "/dev/pts", type: "devpts", source: "devpts" }] })).prepare();
    const nodes = sys.calls.filter((c) => c.name === "mknod").map((c) => c.args[0]);
    expect(nodes).toEqual(["/rootfs/dev/null", "/rootfs/dev/zero", "/rootfs/dev/full", "/rootfs/dev/random", "/rootfs/dev/urandom", "/rootfs/dev/tty"]);
    const links = sys.calls.filter((c) => c.name === "symlink").map((c) => `${c.args[1]} -> ${c.args[0]}`);
    expect(links).toContain("/rootfs/dev/ptmx -> pts/ptmx");
    expect(links).toContain("/rootfs/dev/fd -> /proc/self/fd");
  });

  test("in a user namespace devices are bind-mounted from the host instead of mknod", () => {
    const sys = fakeRoot();
    new Rootfs(sys, config({ mounts: [{ destination: "/dev", type: "tmpfs", source: "tmpfs" }] }, { userNs: true })).prepare();
    expect(sys.calls.some((c) => c.name === "mknod")).toBe(false);
    expect(sys.mounts().some((c) => c.args[0] === "/dev/null" && c.args[3] === MS_BIND)).toBe(true);
  });

  test("cgroup v1 without a cgroup namespace binds the container's own cgroup of each hierarchy", () => {
    const sys = fakeRoot();
    const waits: string[] = [];
    const cfg = config(
      { mounts: [{ destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["ro"] }] },
      {
        cgroupNs: false,
        cgroupMounts: [{ mountPoint: "/sys/fs/cgroup/cpu,cpuacct", fstype: "cgroup", controllers: ["cpu", "cpuacct"] }],
        ownCgroups: () => ({ "cpu,cpuacct": "/ctbun/c1" }),
      },
    );
    new Rootfs(sys, cfg).prepare(() => waits.push("joined"));
    expect(waits).toEqual(["joined"]);
    const m = sys.mounts();
    expect(m.some((c) => c.args[0] === "/sys/fs/cgroup/cpu,cpuacct/ctbun/c1" && c.args[1] === "</rootfs:/sys/fs/cgroup/cpu,cpuacct>")).toBe(true);
    const links = sys.calls.filter((c) => c.name === "symlink" && String(c.args[1]).includes("cgroup")).map((c) => `${c.args[1]} -> ${c.args[0]}`);
    expect(links).toEqual(["/rootfs/sys/fs/cgroup/cpu -> cpu,cpuacct", "/rootfs/sys/fs/cgroup/cpuacct -> cpu,cpuacct"]);
  });
});

describe("Rootfs.pivot() and finalize()", () => {
  test("pivot_root into the rootfs and detach the old root", () => {
    const sys = fakeRoot();
    new Rootfs(sys, config({})).pivot();
    const names = sys.calls.map((c) => c.name).filter((n) => n !== "close");
    expect(names).toEqual(["chdir", "pivotRoot", "fchdir", "mount", "umount2", "chdir"]);
    expect(sys.calls.find((c) => c.name === "umount2")!.args).toEqual([".", 2]);
  });

  test("--no-pivot moves the rootfs over / and chroots", () => {
    const sys = fakeRoot();
    new Rootfs(sys, config({}, { noPivot: true })).pivot();
    expect(sys.mounts()[0]!.args).toEqual(["/rootfs", "/", null, MS_MOVE, null]);
    expect(sys.calls.some((c) => c.name === "chroot")).toBe(true);
  });

  test("masked paths, readonly paths and a read-only root", () => {
    const sys = new RecordingSyscall().add("/proc/kcore", { kind: "file" }).add("/proc/acpi").add("/proc/sys");
    new Rootfs(sys, config({ root: { path: "/rootfs", readonly: true }, linux: { maskedPaths: ["/proc/kcore", "/proc/acpi", "/proc/missing"], readonlyPaths: ["/proc/sys"] } })).finalize();
    const m = sys.mounts().map((c) => c.args);
    expect(m).toContainEqual(["/dev/null", "/proc/kcore", null, MS_BIND, null]);
    expect(m).toContainEqual(["tmpfs", "/proc/acpi", "tmpfs", MS_RDONLY, null]);
    expect(m).toContainEqual(["/proc/sys", "/proc/sys", null, MS_BIND | MS_REC, null]);
    expect(m.at(-1)).toEqual([null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, null]);
    expect(m.some((a) => a[1] === "/proc/missing")).toBe(false);
  });
});
