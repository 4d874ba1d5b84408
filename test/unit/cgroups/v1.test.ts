import { describe, expect, test } from "bun:test";
import { withDefaultDevices } from "../../../src/cgroups/devices.ts";
import { formatError } from "../../../src/errors.ts";
import { EBUSY, EINVAL, EPERM } from "../../../src/cgroups/fs.ts";
import { newCgroupManager } from "../../../src/cgroups/manager.ts";
import { hybridFs, legacyFs } from "./_fake-fs.ts";

const MEM = "/sys/fs/cgroup/memory/ctbun/c1";
const CPU = "/sys/fs/cgroup/cpu,cpuacct/ctbun/c1";

function legacy(opts: { rootless?: boolean } = {}) {
  const fs = legacyFs();
  const m = newCgroupManager({ id: "c1", fs, rootless: opts.rootless });
  m.create();
  fs.writes = [];
  return { fs, m };
}

describe("v1 create() and apply()", () => {
  test("creates one directory per hierarchy and copies cpuset cpus/mems down from the parent", () => {
    const fs = legacyFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.apply(4242);
    expect(fs.dirs.has(CPU)).toBe(true);
    expect(fs.dirs.has("/sys/fs/cgroup/net_cls,net_prio/ctbun/c1")).toBe(true);
    // parents first: /ctbun gets the root's values, then the leaf gets /ctbun's
    expect(fs.written("/sys/fs/cgroup/cpuset")).toEqual([
      "ctbun/cpuset.cpus=0-3",
      "ctbun/cpuset.mems=0",
      "ctbun/c1/cpuset.cpus=0-3",
      "ctbun/c1/cpuset.mems=0",
      "ctbun/c1/cgroup.procs=4242",
    ]);
    // the comounted cpu,cpuacct directory gets the pid once
    expect(fs.writes.filter((w) => w.path === `${CPU}/cgroup.procs`)).toHaveLength(1);
    expect(fs.files.get(`${MEM}/cgroup.procs`)).toBe("4242");
  });

  test("apply() retries EINVAL (task still being created) and then succeeds", () => {
    const fs = legacyFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    fs.failWrite(`${MEM}/cgroup.procs`, EINVAL);
    m.apply(7);
    expect(fs.files.get(`${MEM}/cgroup.procs`)).toBe("7");
  });

  test("rootless ignores permission errors on create, apply and set", () => {
    const fs = legacyFs();
    fs.failWrite(`${MEM}/cgroup.procs`, EPERM);
    fs.failWrite(`${MEM}/memory.limit_in_bytes`, EPERM);
    const m = newCgroupManager({ id: "c1", fs, rootless: true });
    m.apply(7);
    m.set({ memory: { limit: 1 << 20 } });
    expect(fs.files.get(`${MEM}/cgroup.procs`)).toBe("");
  });

  test("a permission error is fatal when not rootless", () => {
    const { fs, m } = legacy();
    fs.failWrite(`${MEM}/memory.limit_in_bytes`, EPERM);
    let err: unknown;
    try {
      m.set({ memory: { limit: 1 << 20 } });
    } catch (e) {
      err = e;
    }
    expect(formatError(err)).toBe(`failed to write "1048576": write ${MEM}/memory.limit_in_bytes: operation not permitted`);
  });
});

describe("v1 set()", () => {
  test("memory: limit, reservation, swappiness and the OOM killer switch", () => {
    const { fs, m } = legacy();
    m.set({ memory: { limit: 1 << 28, reservation: 1 << 27, swappiness: 10, disableOOMKiller: true } });
    expect(fs.written(MEM)).toEqual([
      "memory.limit_in_bytes=268435456",
      "memory.soft_limit_in_bytes=134217728",
      "memory.oom_control=1",
      "memory.swappiness=10",
    ]);
  });

  test("memory: swap is raised before the limit when growing", () => {
    const { fs, m } = legacy();
    fs.files.set(`${MEM}/memory.limit_in_bytes`, "104857600\n");
    m.set({ memory: { limit: 200 << 20, swap: 400 << 20 } });
    expect(fs.written(MEM)).toEqual(["memory.memsw.limit_in_bytes=419430400", "memory.limit_in_bytes=209715200"]);
  });

  test("memory: the limit is lowered before swap when shrinking", () => {
    const { fs, m } = legacy();
    fs.files.set(`${MEM}/memory.limit_in_bytes`, "1073741824\n");
    m.set({ memory: { limit: 100 << 20, swap: 200 << 20 } });
    expect(fs.written(MEM)).toEqual(["memory.limit_in_bytes=104857600", "memory.memsw.limit_in_bytes=209715200"]);
  });

  test("memory: -1 with no swap sets both to unlimited, swap first", () => {
    const { fs, m } = legacy();
    m.set({ memory: { limit: -1 } });
    expect(fs.written(MEM)).toEqual(["memory.memsw.limit_in_bytes=-1", "memory.limit_in_bytes=-1"]);
  });

  test("memory: EBUSY on the limit reports usage like runc", () => {
    const { fs, m } = legacy();
    fs.files.set(`${MEM}/memory.usage_in_bytes`, "5000\n");
    fs.files.set(`${MEM}/memory.max_usage_in_bytes`, "6000\n");
    fs.failWrite(`${MEM}/memory.limit_in_bytes`, EBUSY);
    expect(() => m.set({ memory: { limit: 4096 } })).toThrow("unable to set memory limit to 4096 (current usage: 5000, peak usage: 6000)");
  });

  test("memory: swappiness out of range is refused", () => {
    const { m } = legacy();
    expect(() => m.set({ memory: { swappiness: 101 } })).toThrow("invalid value:101. valid memory swappiness range is 0-100");
  });

  test("cpu: shares (read back), period, quota, burst, realtime and idle", () => {
    const { fs, m } = legacy();
    m.set({ cpu: { shares: 512, period: 50000, quota: 25000, burst: 1000, realtimePeriod: 1000000, realtimeRuntime: 950000, idle: 1 } });
    expect(fs.written(CPU)).toEqual([
      "cpu.shares=512",
      "cpu.cfs_burst_us=1000",
      "cpu.cfs_period_us=50000",
      "cpu.cfs_quota_us=25000",
      "cpu.rt_period_us=1000000",
      "cpu.rt_runtime_us=950000",
      "cpu.idle=1",
    ]);
  });

  test("cpu: a period refused with EINVAL is retried after the quota", () => {
    const { fs, m } = legacy();
    fs.failWrite(`${CPU}/cpu.cfs_period_us`, EINVAL);
    fs.failWrite(`${CPU}/cpu.cfs_burst_us`, EINVAL);
    m.set({ cpu: { period: 10000, quota: 5000, burst: 2000 } });
    expect(fs.written(CPU)).toEqual(["cpu.cfs_quota_us=5000", "cpu.cfs_period_us=10000", "cpu.cfs_burst_us=2000"]);
  });

  test("cpu: shares clamped by the kernel are reported", () => {
    const { fs, m } = legacy();
    fs.onWrite = (p, d, f) => {
      if (p.endsWith("cpu.shares")) f.files.set(p, String(Math.min(Number(d), 262144)));
    };
    expect(() => m.set({ cpu: { shares: 500000 } })).toThrow("the maximum allowed cpu-shares is 262144");
  });

  test("cpuset, pids, blkio (bfq), hugetlb, net_cls, net_prio, rdma", () => {
    const { fs, m } = legacy();
    m.set({
      cpu: { cpus: "1-2", mems: "0" },
      pids: { limit: 100 },
      blockIO: {
        weight: 300,
        leafWeight: 200,
        weightDevice: [{ major: 8, minor: 0, weight: 500, leafWeight: 50 }],
        throttleReadBpsDevice: [{ major: 8, minor: 0, rate: 1048576 }],
        throttleWriteBpsDevice: [{ major: 8, minor: 16, rate: 2097152 }],
        throttleReadIOPSDevice: [{ major: 8, minor: 0, rate: 100 }],
        throttleWriteIOPSDevice: [{ major: 8, minor: 0, rate: 200 }],
      },
      hugepageLimits: [{ pageSize: "2MB", limit: 4194304 }],
      network: { classID: 0x100001, priorities: [{ name: "eth0", priority: 5 }, { name: "lo", priority: 1 }] },
      rdma: { mlx5_1: { hcaHandles: 3, hcaObjects: 10000 }, mlx4_0: { hcaObjects: 5 } },
    });
    expect(fs.written("/sys/fs/cgroup")).toEqual([
      "cpuset/ctbun/c1/cpuset.cpus=1-2",
      "cpuset/ctbun/c1/cpuset.mems=0",
      "pids/ctbun/c1/pids.max=100",
      "blkio/ctbun/c1/blkio.bfq.weight=300",
      "blkio/ctbun/c1/blkio.leaf_weight=200",
      "blkio/ctbun/c1/blkio.bfq.weight_device=8:0 500",
      "blkio/ctbun/c1/blkio.leaf_weight_device=8:0 50",
      "blkio/ctbun/c1/blkio.throttle.read_bps_device=8:0 1048576",
      "blkio/ctbun/c1/blkio.throttle.write_bps_device=8:16 2097152",
      "blkio/ctbun/c1/blkio.throttle.read_iops_device=8:0 100",
      "blkio/ctbun/c1/blkio.throttle.write_iops_device=8:0 200",
      "hugetlb/ctbun/c1/hugetlb.2MB.limit_in_bytes=4194304",
      "net_cls,net_prio/ctbun/c1/net_cls.classid=1048577",
      "net_cls,net_prio/ctbun/c1/net_prio.ifpriomap=eth0 5",
      "net_cls,net_prio/ctbun/c1/net_prio.ifpriomap=lo 1",
      "rdma/ctbun/c1/rdma.max=mlx5_1 hca_handle=3 hca_object=10000",
      "rdma/ctbun/c1/rdma.max=mlx4_0 hca_object=5",
    ]);
  });

  test("pids (runc >= 1.4): 0 is a limit (written as 1), negative is no limit, absent leaves pids.max alone", () => {
    const { fs, m } = legacy();
    m.set({ pids: { limit: 0 } });
    m.set({ pids: { limit: -1 } });
    m.set({ pids: { limit: -2 } });
    m.set({ pids: {} });
    m.set({ pids: { limit: 7 } });
    expect(fs.written("/sys/fs/cgroup/pids/ctbun/c1")).toEqual(["pids.max=1", "pids.max=max", "pids.max=max", "pids.max=7"]);
  });

  test("devices: deny all, then the rules in order, then runc's defaults", () => {
    const { fs, m } = legacy();
    m.set(
      withDefaultDevices({
        devices: [
          { allow: false, access: "rwm" },
          { allow: true, type: "c", major: 10, minor: 229, access: "rw" },
          { allow: false, type: "b", major: 8, access: "w" },
        ],
      }),
    );
    expect(fs.written("/sys/fs/cgroup/devices/ctbun/c1")).toEqual([
      "devices.deny=a",
      "devices.allow=c 10:229 rw",
      "devices.deny=b 8:* w",
      "devices.allow=c *:* m",
      "devices.allow=b *:* m",
      "devices.allow=c 1:3 rwm",
      "devices.allow=c 1:8 rwm",
      "devices.allow=c 1:7 rwm",
      "devices.allow=c 5:0 rwm",
      "devices.allow=c 1:5 rwm",
      "devices.allow=c 1:9 rwm",
      "devices.allow=c 136:* rwm",
      "devices.allow=c 5:2 rwm",
      "devices.allow=c 10:200 rwm",
    ]);
  });

  test("devices: an allow-all rule writes 'a' to devices.allow; no devices key leaves them alone", () => {
    const { fs, m } = legacy();
    m.set({ devices: [{ allow: true, access: "rwm" }] });
    m.set({ memory: { limit: 4096 } });
    expect(fs.written("/sys/fs/cgroup/devices/ctbun/c1")).toEqual(["devices.deny=a", "devices.allow=a"]);
  });

  test("devices: defaults whose path linux.devices redefines are dropped", () => {
    const r = withDefaultDevices(undefined, ["/dev/null", "/dev/tty"]);
    const texts = r.devices!.map((d) => `${d.type} ${d.major}:${d.minor}`);
    expect(texts).not.toContain("c 1:3");
    expect(texts).not.toContain("c 5:0");
    expect(texts).toContain("c 1:5");
  });

  test("unified resources are refused on v1 with runc's message", () => {
    const { m } = legacy();
    expect(() => m.set({ unified: { "memory.high": "1000" } })).toThrow("invalid configuration: cannot use unified on cgroup v1");
  });

  test("a limit for a controller that is not mounted is an error", () => {
    const fs = hybridFs(); // no net_cls hierarchy here
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    expect(() => m.set({ network: { classID: 1 } })).toThrow("cannot set net_cls limit: container could not join or create cgroup");
  });

  test("hybrid: hugetlb goes to the cgroup2 tree when v1 has no hugetlb hierarchy", () => {
    const fs = hybridFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    expect(fs.written("/sys/fs/cgroup/unified")).toEqual([]); // nothing changes unless hugetlb is asked for
    m.set({ hugepageLimits: [{ pageSize: "2MB", limit: 2097152 }] });
    expect(fs.written("/sys/fs/cgroup/unified").slice(0, 2)).toEqual([
      "cgroup.subtree_control=+hugetlb",
      "ctbun/cgroup.subtree_control=+hugetlb",
    ]);
    expect(fs.files.get("/sys/fs/cgroup/unified/ctbun/c1/hugetlb.2MB.max")).toBe("2097152");
  });
});

describe("v1 freezer", () => {
  test("freeze() re-writes FROZEN until the state leaves FREEZING", async () => {
    const { fs, m } = legacy();
    const F = "/sys/fs/cgroup/freezer/ctbun/c1";
    let n = 0;
    fs.onWrite = (p, d, f) => {
      if (p !== `${F}/freezer.state`) return;
      f.files.set(p, d === "FROZEN" ? (++n >= 3 ? "FROZEN\n" : "FREEZING\n") : "THAWED\n");
      f.files.set(`${F}/freezer.self_freezing`, d === "FROZEN" ? "1\n" : "0\n");
    };
    await m.freeze();
    expect(n).toBe(3);
    expect(m.freezerState()).toBe("FROZEN");
    fs.files.set(`${F}/freezer.self_freezing`, "0\n");
    expect(m.freezerState()).toBe("THAWED"); // frozen only through a parent
    m.thaw();
    expect(fs.files.get(`${F}/freezer.state`)).toBe("THAWED\n");
  });

  test("freeze() thaws again and fails when it cannot freeze in time", async () => {
    const fs = legacyFs();
    const m = newCgroupManager({ id: "c1", fs, sleep: async () => {} });
    m.create();
    const F = "/sys/fs/cgroup/freezer/ctbun/c1/freezer.state";
    fs.onWrite = (p, d, f) => {
      if (p === F) f.files.set(p, d === "FROZEN" ? "FREEZING\n" : "THAWED\n");
    };
    const orig = performance.now;
    let t = 0;
    performance.now = () => (t += 100);
    try {
      await expect(m.freeze()).rejects.toThrow("unable to freeze");
    } finally {
      performance.now = orig;
    }
    expect(fs.files.get(F)).toBe("THAWED\n");
  });
});

describe("v1 pids(), destroy(), exists()", () => {
  test("pids() includes sub-cgroups", () => {
    const { fs, m } = legacy();
    const D = "/sys/fs/cgroup/devices/ctbun/c1";
    fs.files.set(`${D}/cgroup.procs`, "10\n11\n");
    fs.put(`${D}/sub/cgroup.procs`, "12\n");
    expect(m.pids().sort()).toEqual([10, 11, 12]);
  });

  test("destroy() removes sub-cgroups, leaves and created parents, and nothing else", () => {
    const fs = legacyFs();
    fs.addDirs("/sys/fs/cgroup/memory/ctbun/other"); // another container: /ctbun pre-exists here
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    fs.addDirs(`${MEM}/nested`);
    m.destroy();
    expect(fs.dirs.has(MEM)).toBe(false);
    expect(fs.dirs.has(`${MEM}/nested`)).toBe(false);
    expect(fs.dirs.has("/sys/fs/cgroup/memory/ctbun/other")).toBe(true);
    expect(fs.dirs.has("/sys/fs/cgroup/memory/ctbun")).toBe(true);
    expect(fs.dirs.has("/sys/fs/cgroup/pids/ctbun")).toBe(false); // created by us, now empty
    expect(fs.dirs.has("/sys/fs/cgroup/pids")).toBe(true);
    expect(m.exists()).toBe(false);
  });

  test("destroy() does not remove a cgroup ctbun did not create", () => {
    const fs = legacyFs();
    for (const h of ["memory", "pids"]) fs.addDirs(`/sys/fs/cgroup/${h}/existing`);
    const m = newCgroupManager({ id: "c1", fs, cgroupsPath: "/existing" });
    m.create();
    m.destroy();
    expect(fs.dirs.has("/sys/fs/cgroup/memory/existing")).toBe(true);
    expect(fs.dirs.has("/sys/fs/cgroup/cpuset/existing")).toBe(false); // this one was ours
  });
});
