import { describe, expect, test } from "bun:test";
import { cleanPath, detectLayout, hostDir, parseCgroupMounts, parseProcCgroup } from "../../../src/cgroups/detect.ts";
import { loadCgroupManager, newCgroupManager } from "../../../src/cgroups/manager.ts";
import { FakeCgroupFs, HYBRID_MOUNTINFO, hybridFs, LEGACY_MOUNTINFO, legacyFs, PROC_CGROUPS, UNIFIED_MOUNTINFO, unifiedFs } from "./_fake-fs.ts";

describe("detectLayout()", () => {
  test("finds hybrid: v1 controllers plus cgroup2 at /sys/fs/cgroup/unified", () => {
    const l = detectLayout(hybridFs());
    expect(l.mode).toBe("hybrid");
    expect(l.unified).toEqual({ mountpoint: "/sys/fs/cgroup/unified", root: "/" });
    expect(l.v1.get("memory")?.mountpoint).toBe("/sys/fs/cgroup/memory");
    expect(l.v1.get("name=systemd")?.mountpoint).toBe("/sys/fs/cgroup/systemd");
    expect(l.v1.has("hugetlb")).toBe(false);
  });

  test("finds legacy with comounted controllers sharing one hierarchy", () => {
    const l = detectLayout(legacyFs());
    expect(l.mode).toBe("legacy");
    expect(l.unified).toBeUndefined();
    expect(l.v1.get("cpu")).toBe(l.v1.get("cpuacct")!);
    expect(l.v1.get("cpu")?.mountpoint).toBe("/sys/fs/cgroup/cpu,cpuacct");
    expect(l.v1.get("net_prio")?.controllers).toEqual(["net_cls", "net_prio"]);
    // xattr and release_agent= are options, not controllers
    expect(l.v1.get("name=systemd")?.controllers).toEqual(["name=systemd"]);
  });

  test("finds unified when cgroup2 is mounted at /sys/fs/cgroup", () => {
    const l = detectLayout(new FakeCgroupFs({ "/proc/self/mountinfo": UNIFIED_MOUNTINFO }));
    expect(l.mode).toBe("unified");
    expect(l.v1.size).toBe(0);
    expect(l.unified?.mountpoint).toBe("/sys/fs/cgroup");
  });

  test("a cgroup2 mount at /sys/fs/cgroup/systemd next to v1 hierarchies is legacy, not hybrid", () => {
    const mi = LEGACY_MOUNTINFO.replace(/^26 .*$/m, "26 25 0:24 / /sys/fs/cgroup/systemd rw - cgroup2 cgroup rw");
    const l = detectLayout(new FakeCgroupFs({ "/proc/self/mountinfo": mi, "/proc/cgroups": PROC_CGROUPS }));
    expect(l.mode).toBe("legacy");
    expect(l.unified).toBeUndefined();
  });

  test("throws when there is no cgroup mount at all", () => {
    expect(() => detectLayout(new FakeCgroupFs({ "/proc/self/mountinfo": "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n" }))).toThrow(
      "no cgroup mount found in mountinfo",
    );
  });

  test("parseCgroupMounts() reads the mount root and unescapes paths", () => {
    const m = parseCgroupMounts("40 31 0:37 /docker/abc /sys/fs/cgroup/my\\040dir rw - cgroup cgroup rw,memory\n");
    expect(m[0]).toEqual({ root: "/docker/abc", mountpoint: "/sys/fs/cgroup/my dir", fstype: "cgroup", superOptions: ["rw", "memory"] });
    expect(PROC_CGROUPS.length).toBeGreaterThan(0);
    expect(HYBRID_MOUNTINFO).toContain("cgroup2");
  });
});

describe("parseProcCgroup()", () => {
  test("splits comounts, keeps named hierarchies, and maps the v2 line to the empty key", () => {
    expect(parseProcCgroup("4:net_cls,net_prio:/a\n1:name=systemd:/s\n0::/u\n")).toEqual({
      net_cls: "/a",
      net_prio: "/a",
      "name=systemd": "/s",
      "": "/u",
    });
  });
  test("rejects a line without two colons", () => {
    expect(() => parseProcCgroup("garbage\n")).toThrow("invalid cgroup entry");
  });
});

test("cleanPath() keeps relative paths from climbing out, like runc's CleanPath", () => {
  expect(cleanPath("../../x/y")).toBe("x/y");
  expect(cleanPath("/a/../../b/")).toBe("/b");
  expect(cleanPath("a/./b")).toBe("a/b");
  expect(hostDir("/sys/fs/cgroup/memory", "/", "/process_api/x")).toBe("/sys/fs/cgroup/memory/process_api/x");
  expect(hostDir("/sys/fs/cgroup/memory", "/docker/c1", "/docker/c1/sub")).toBe("/sys/fs/cgroup/memory/sub");
  expect(hostDir("/sys/fs/cgroup/memory", "/docker/c1", "/elsewhere")).toBe("/sys/fs/cgroup/memory");
});

describe("newCgroupManager() paths", () => {
  test("v1 default is /ctbun/<id> under every hierarchy, plus the cgroup2 dir in hybrid mode", () => {
    const m = newCgroupManager({ id: "c1", fs: hybridFs() });
    expect(m.mode).toBe("hybrid");
    expect(m.paths()).toEqual({
      cpu: "/sys/fs/cgroup/cpu/ctbun/c1",
      cpuacct: "/sys/fs/cgroup/cpuacct/ctbun/c1",
      cpuset: "/sys/fs/cgroup/cpuset/ctbun/c1",
      memory: "/sys/fs/cgroup/memory/ctbun/c1",
      devices: "/sys/fs/cgroup/devices/ctbun/c1",
      freezer: "/sys/fs/cgroup/freezer/ctbun/c1",
      blkio: "/sys/fs/cgroup/blkio/ctbun/c1",
      pids: "/sys/fs/cgroup/pids/ctbun/c1",
      "name=systemd": "/sys/fs/cgroup/systemd/ctbun/c1",
      "": "/sys/fs/cgroup/unified/ctbun/c1",
    });
  });

  test("v1 absolute path goes under each mountpoint; comounts share the directory", () => {
    const p = newCgroupManager({ id: "c1", cgroupsPath: "/kube/pod1/c1", fs: legacyFs() }).paths();
    expect(p.cpu).toBe("/sys/fs/cgroup/cpu,cpuacct/kube/pod1/c1");
    expect(p.cpuacct).toBe(p.cpu!);
    expect(p.net_cls).toBe("/sys/fs/cgroup/net_cls,net_prio/kube/pod1/c1");
    expect(p[""]).toBeUndefined();
  });

  test("v1 relative path goes under our own cgroup of each controller", () => {
    const p = newCgroupManager({ id: "c1", cgroupsPath: "ctr/c1", fs: legacyFs() }).paths();
    expect(p.memory).toBe("/sys/fs/cgroup/memory/user.slice/ctr/c1");
    expect(p.pids).toBe("/sys/fs/cgroup/pids/user.slice/user-1000.slice/session-2.scope/ctr/c1");
    expect(p.freezer).toBe("/sys/fs/cgroup/freezer/ctr/c1");
    expect(p["name=systemd"]).toBe("/sys/fs/cgroup/systemd/user.slice/user-1000.slice/session-2.scope/ctr/c1");
  });

  test("hybrid relative path uses the sandbox memory cgroup of this machine", () => {
    const p = newCgroupManager({ id: "c1", cgroupsPath: "../c1", fs: hybridFs() }).paths();
    expect(p.memory).toBe("/sys/fs/cgroup/memory/process_api/abc/c1");
    expect(p[""]).toBe("/sys/fs/cgroup/unified/c1");
  });

  test("v2 absolute, relative (parent of our cgroup) and default", () => {
    const fs = unifiedFs();
    expect(newCgroupManager({ id: "c1", fs, cgroupsPath: "/machine/c1" }).paths()).toEqual({ "": "/sys/fs/cgroup/machine/c1" });
    expect(newCgroupManager({ id: "c1", fs, cgroupsPath: "ctr/c1" }).paths()).toEqual({
      "": "/sys/fs/cgroup/user.slice/user-1000.slice/ctr/c1",
    });
    const m = newCgroupManager({ id: "c1", fs });
    expect(m.mode).toBe("unified");
    expect(m.paths()).toEqual({ "": "/sys/fs/cgroup/ctbun/c1" });
  });

  test("the systemd driver is refused with a clear error", () => {
    expect(() => newCgroupManager({ id: "c1", systemd: true, cgroupsPath: "system.slice:ctbun:c1", fs: unifiedFs() })).toThrow(
      "systemd cgroup driver is not supported",
    );
  });

  test("save() and loadCgroupManager() round-trip through JSON", () => {
    const fs = hybridFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    const saved = JSON.parse(JSON.stringify(m.save()));
    const again = loadCgroupManager(saved, { fs });
    expect(again.paths()).toEqual(m.paths());
    expect(again.mode).toBe("hybrid");
    expect(again.save()).toEqual(saved);
    const v2 = newCgroupManager({ id: "c2", fs: unifiedFs() });
    expect(loadCgroupManager(JSON.parse(JSON.stringify(v2.save()))).paths()).toEqual({ "": "/sys/fs/cgroup/ctbun/c2" });
  });
});
