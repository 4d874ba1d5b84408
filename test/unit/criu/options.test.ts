import { tempDir } from "../../_harness.ts";
import { describe, expect, test } from "bun:test";
import { mkdirSync, openSync, closeSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CLONE_NEWNET,
  chooseNetworkLock,
  containerMountpoint,
  criuConfigFile,
  criuNsKey,
  defaultNetworkLock,
  dumpExtMounts,
  emptyNsMask,
  externalNsEntry,
  networkLockMethod,
  parseManageCgroupsMode,
  parsePageServer,
  pipeInheritFds,
  readDescriptors,
  restoreExtMounts,
  restoreNamespacePlan,
  validateParentPath,
  validateStatusFd,
  writeDescriptors,
  type PathResolver,
} from "../../../src/criu/options.ts";
import { criu_cg_mode, criu_network_lock_method } from "../../../src/criu/rpc.gen.js";
import type { Spec } from "../../../src/spec/types.ts";

const spec = (over: Partial<Spec> = {}): Spec => ({ ociVersion: "1.2.0", ...over });

describe("manage-cgroups-mode", () => {
  test("known values", () => {
    expect(parseManageCgroupsMode("")).toBe(criu_cg_mode.DEFAULT);
    expect(parseManageCgroupsMode(undefined)).toBe(criu_cg_mode.DEFAULT);
    expect(parseManageCgroupsMode("soft")).toBe(criu_cg_mode.SOFT);
    expect(parseManageCgroupsMode("full")).toBe(criu_cg_mode.FULL);
    expect(parseManageCgroupsMode("strict")).toBe(criu_cg_mode.STRICT);
    expect(parseManageCgroupsMode("ignore")).toBe(criu_cg_mode.IGNORE);
  });
  test("enum numbers are CRIU's", () => {
    expect([criu_cg_mode.IGNORE, criu_cg_mode.CG_NONE, criu_cg_mode.PROPS, criu_cg_mode.SOFT, criu_cg_mode.FULL, criu_cg_mode.STRICT, criu_cg_mode.DEFAULT]).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
  test("invalid value is named", () => {
    expect(() => parseManageCgroupsMode("x")).toThrow('invalid --manage-cgroups-mode value "x"');
    expect(() => parseManageCgroupsMode("Soft")).toThrow('"Soft"');
  });
});

describe("page server", () => {
  test("host:port", () => {
    expect(parsePageServer("10.0.0.1:1234")).toEqual({ address: "10.0.0.1", port: 1234 });
    expect(parsePageServer("example.org:80")).toEqual({ address: "example.org", port: 80 });
    expect(parsePageServer("[::1]:27")).toEqual({ address: "::1", port: 27 });
  });
  test("errors name the value", () => {
    for (const bad of ["10.0.0.1", ":1234", "host:", "host:abc", "host:0", "host:65536", "::1:80", "[::1]80"]) {
      expect(() => parsePageServer(bad)).toThrow(`invalid --page-server value ${JSON.stringify(bad)}`);
    }
  });
});

describe("empty-ns", () => {
  test("network is always in the mask, as in runc", () => {
    expect(emptyNsMask([])).toBe(CLONE_NEWNET);
    expect(emptyNsMask(["network"])).toBe(CLONE_NEWNET);
    expect(emptyNsMask(["network", "network"])).toBe(CLONE_NEWNET);
  });
  test("other namespaces are refused", () => {
    expect(() => emptyNsMask(["ipc"])).toThrow('namespace "ipc" is not supported');
    expect(() => emptyNsMask(["net"])).toThrow('namespace "net" is not supported');
  });
});

describe("network lock", () => {
  test("parse and enum", () => {
    expect(networkLockMethod("iptables")).toBe(criu_network_lock_method.IPTABLES);
    expect(networkLockMethod("nftables")).toBe(criu_network_lock_method.NFTABLES);
    expect(networkLockMethod("skip")).toBe(criu_network_lock_method.SKIP);
    expect([criu_network_lock_method.IPTABLES, criu_network_lock_method.NFTABLES, criu_network_lock_method.SKIP]).toEqual([1, 2, 3]);
    expect(() => chooseNetworkLock("ebtables", spec())).toThrow('invalid --network-lock value "ebtables"');
  });
  test("default rule: skip only for a private netns nobody plumbs", () => {
    const own = spec({ linux: { namespaces: [{ type: "pid" }, { type: "network" }] } });
    expect(defaultNetworkLock(own)).toBe("skip");
    expect(defaultNetworkLock(spec({ linux: { namespaces: [{ type: "network", path: "/var/run/netns/x" }] } }))).toBe("iptables");
    expect(defaultNetworkLock(spec({ linux: { namespaces: [{ type: "pid" }] } }))).toBe("iptables");
    expect(defaultNetworkLock(spec())).toBe("iptables");
    expect(defaultNetworkLock({ ...own, hooks: { prestart: [{ path: "/bin/true" }] } })).toBe("iptables");
    expect(defaultNetworkLock({ ...own, hooks: { createRuntime: [{ path: "/bin/true" }] } })).toBe("iptables");
    expect(defaultNetworkLock({ ...own, hooks: { poststart: [{ path: "/bin/true" }] } })).toBe("skip");
  });
  test("an explicit flag wins", () => {
    const own = spec({ linux: { namespaces: [{ type: "network" }] } });
    expect(chooseNetworkLock("iptables", own)).toBe("iptables");
    expect(chooseNetworkLock(undefined, own)).toBe("skip");
    expect(chooseNetworkLock("", own)).toBe("skip");
  });
});

describe("parent path", () => {
  const dir = tempDir("ctbun-pp-");
  mkdirSync(join(dir, "img", "pre"), { recursive: true });
  writeFileSync(join(dir, "img", "file"), "");
  test("empty is fine", () => expect(validateParentPath(join(dir, "img"), "")).toBeUndefined());
  test("relative existing dir", () => {
    expect(validateParentPath(join(dir, "img"), "pre")).toBe("pre");
    mkdirSync(join(dir, "pre2"));
    expect(validateParentPath(join(dir, "img"), "../pre2")).toBe("../pre2");
  });
  test("absolute refused", () => expect(() => validateParentPath(join(dir, "img"), "/tmp")).toThrow("--parent-path must be relative"));
  test("missing", () => expect(() => validateParentPath(join(dir, "img"), "nope")).toThrow(`invalid --parent-path: stat ${join(dir, "img", "nope")}: no such file or directory`));
  test("not a dir", () => expect(() => validateParentPath(join(dir, "img"), "file")).toThrow("not a directory"));
});

describe("status fd", () => {
  test("writable, read-only, closed", () => {
    const dir = tempDir("ctbun-sfd-");
    const w = openSync(join(dir, "f"), "w");
    const rw = openSync(join(dir, "f"), "r+");
    const r = openSync(join(dir, "f"), "r");
    try {
      expect(() => validateStatusFd(w)).not.toThrow();
      expect(() => validateStatusFd(rw)).not.toThrow();
      expect(() => validateStatusFd(-1)).not.toThrow();
      expect(() => validateStatusFd(r)).toThrow(`invalid --status-fd argument ${r}: not writable`);
    } finally {
      closeSync(w);
      closeSync(rw);
      closeSync(r);
    }
    expect(() => validateStatusFd(987)).toThrow("invalid --status-fd argument 987: bad file descriptor");
  });
});

describe("criu config file", () => {
  test("annotation, empty annotation, default", () => {
    expect(criuConfigFile({ "org.criu.config": "/etc/my.conf" })).toBe("/etc/my.conf");
    expect(criuConfigFile({ "org.criu.config": "" })).toBeUndefined();
    expect(criuConfigFile({ other: "x" })).toBe("/etc/criu/ctbun.conf");
    expect(criuConfigFile(undefined)).toBe("/etc/criu/ctbun.conf");
  });
});

describe("namespaces", () => {
  test("keys and external entries", () => {
    expect(criuNsKey("network")).toBe("extRootNetNS");
    expect(criuNsKey("pid")).toBe("extRootPidNS");
    expect(externalNsEntry("network", 4026532001)).toBe("net[4026532001]:extRootNetNS");
    expect(externalNsEntry("pid", 4026531836n)).toBe("pid[4026531836]:extRootPidNS");
  });
  test("restore plan", () => {
    const plan = restoreNamespacePlan([
      { type: "pid" },
      { type: "network", path: "/run/netns/a" },
      { type: "ipc", path: "/proc/1/ns/ipc" },
      { type: "uts", path: "/proc/1/ns/uts" },
      { type: "mount" },
    ]);
    expect(plan.inherit).toEqual([{ type: "network", path: "/run/netns/a", key: "extRootNetNS" }]);
    expect(plan.join).toEqual([
      { ns: "ipc", ns_file: "/proc/1/ns/ipc" },
      { ns: "uts", ns_file: "/proc/1/ns/uts" },
    ]);
  });
  test("cgroup ns by path is refused", () => {
    expect(() => restoreNamespacePlan([{ type: "cgroup", path: "/proc/1/ns/cgroup" }])).toThrow("Do not know how to handle namespace NEWCGROUP");
  });
});

// a fake rootfs: /rootfs/data -> /srv/data (absolute link), /rootfs/etc/link -> ../real
function fakeFs(links: Record<string, string>): PathResolver {
  return {
    lstat: (p) => ({ isSymbolicLink: () => p in links }),
    readlink: (p) => links[p]!,
  };
}

describe("external mounts", () => {
  const fs = fakeFs({ "/rootfs/data": "/srv/data", "/rootfs/etc/link": "../real", "/rootfs/loop": "/loop" });
  test("mountpoints resolve symlinks inside the rootfs", () => {
    expect(containerMountpoint("/rootfs", "/data", fs)).toBe("/srv/data");
    expect(containerMountpoint("/rootfs", "/data/x", fs)).toBe("/srv/data/x");
    expect(containerMountpoint("/rootfs", "/etc/link/y", fs)).toBe("/real/y");
    expect(containerMountpoint("/rootfs", "/rootfs/data", fs)).toBe("/srv/data");
    expect(containerMountpoint("/rootfs", "/../../x", fs)).toBe("/x");
    expect(containerMountpoint("/rootfs", "/loop/a", fs)).toBe("/loop/a"); // a self loop gives up
  });
  const s = spec({
    mounts: [
      { destination: "/proc", type: "proc", source: "proc" },
      { destination: "/data", type: "bind", source: "/host/data", options: ["rbind"] },
      { destination: "/etc/resolv.conf", source: "/host/resolv.conf", options: ["bind", "ro"] },
      { destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup" },
    ],
    linux: { maskedPaths: ["/proc/kcore", "/proc/acpi"], devices: [{ type: "c", path: "/dev/fuse", major: 10, minor: 229 }, { type: "c", path: "/dev/null" }] },
  });
  const cg = [
    { mountPoint: "/sys/fs/cgroup/cpu,cpuacct", hostPath: "/sys/fs/cgroup/cpu,cpuacct/ctbun/c1" },
    { mountPoint: "/sys/fs/cgroup/memory", hostPath: "/sys/fs/cgroup/memory/ctbun/c1" },
  ];
  test("dump: binds, v1 cgroup binds, masked files, devices", () => {
    const ext = dumpExtMounts({ spec: s, rootfs: "/rootfs", cgroupV1: cg, maskedFiles: ["/proc/kcore"] }, fs);
    expect(ext).toEqual([
      { key: "/srv/data", val: "/srv/data" },
      { key: "/etc/resolv.conf", val: "/etc/resolv.conf" },
      { key: "/sys/fs/cgroup/cpu,cpuacct", val: "/sys/fs/cgroup/cpu,cpuacct" },
      { key: "/sys/fs/cgroup/memory", val: "/sys/fs/cgroup/memory" },
      { key: "/proc/kcore", val: "/dev/null" },
      { key: "/dev/null", val: "/dev/null" },
      { key: "/dev/zero", val: "/dev/zero" },
      { key: "/dev/full", val: "/dev/full" },
      { key: "/dev/random", val: "/dev/random" },
      { key: "/dev/urandom", val: "/dev/urandom" },
      { key: "/dev/tty", val: "/dev/tty" },
      { key: "/dev/fuse", val: "/dev/fuse" },
    ]);
  });
  test("dump: a cgroup namespace makes cgroup mounts real", () => {
    const withNs = { ...s, linux: { ...s.linux, namespaces: [{ type: "cgroup" as const }] } };
    const ext = dumpExtMounts({ spec: withNs, rootfs: "/rootfs", cgroupV1: cg, maskedFiles: [] }, fs);
    expect(ext.some((e) => e.key.startsWith("/sys/fs/cgroup"))).toBe(false);
  });
  test("restore: keys map to host sources", () => {
    const ext = restoreExtMounts({ spec: s, rootfs: "/rootfs", cgroupV1: cg }, fs);
    expect(ext.slice(0, 5)).toEqual([
      { key: "/srv/data", val: "/host/data" },
      { key: "/etc/resolv.conf", val: "/host/resolv.conf" },
      { key: "/sys/fs/cgroup/cpu,cpuacct", val: "/sys/fs/cgroup/cpu,cpuacct/ctbun/c1" },
      { key: "/sys/fs/cgroup/memory", val: "/sys/fs/cgroup/memory/ctbun/c1" },
      { key: "/dev/null", val: "/dev/null" },
    ]);
    expect(ext.find((e) => e.key === "/dev/fuse")).toEqual({ key: "/dev/fuse", val: "/dev/fuse" });
  });
  test("real symlinks on disk", () => {
    const root = tempDir("ctbun-rootfs-");
    mkdirSync(join(root, "real"));
    symlinkSync("/real", join(root, "link"));
    expect(containerMountpoint(root, "/link/x")).toBe("/real/x");
    expect(containerMountpoint(root, "/missing/x")).toBe("/missing/x");
  });
});

describe("descriptors.json", () => {
  test("round trip, mode 0600, pipes become inherit fds", () => {
    const dir = tempDir("ctbun-desc-");
    const fds = ["/dev/null", "pipe:[1234]", "pipe:[1235]"];
    writeDescriptors(dir, fds);
    expect(readFileSync(join(dir, "descriptors.json"), "utf8")).toBe('["/dev/null","pipe:[1234]","pipe:[1235]"]');
    expect(statSync(join(dir, "descriptors.json")).mode & 0o777).toBe(0o600);
    expect(readDescriptors(dir)).toEqual(fds);
    expect(pipeInheritFds(fds)).toEqual([
      { key: "pipe:[1234]", fd: 1 },
      { key: "pipe:[1235]", fd: 2 },
    ]);
  });
  test("missing and corrupt", () => {
    const dir = tempDir("ctbun-desc-");
    expect(() => readDescriptors(dir)).toThrow();
    writeFileSync(join(dir, "descriptors.json"), "{bad");
    expect(() => readDescriptors(dir)).toThrow("descriptors.json");
    writeFileSync(join(dir, "descriptors.json"), "[1,2]");
    expect(() => readDescriptors(dir)).toThrow("not a list of strings");
  });
});
