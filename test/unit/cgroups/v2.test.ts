import { describe, expect, test } from "bun:test";
import { blkioWeightToIoWeight, cpuSharesToWeight, pidsMax, swapToV2 } from "../../../src/cgroups/convert.ts";
import type { BpfDeps } from "../../../src/cgroups/devices-bpf.ts";
import { EINVAL, ENOENT } from "../../../src/cgroups/fs.ts";
import { newCgroupManager } from "../../../src/cgroups/manager.ts";
import { unifiedFs } from "./_fake-fs.ts";

const D = "/sys/fs/cgroup/ctbun/c1";

function unified(opts: { rootless?: boolean; bpf?: BpfDeps } = {}) {
  const fs = unifiedFs();
  const m = newCgroupManager({ id: "c1", fs, rootless: opts.rootless, bpf: opts.bpf, sleep: async () => {} });
  m.create();
  fs.writes = [];
  return { fs, m };
}

describe("conversions", () => {
  test("cpuSharesToWeight() maps the v1 default to the v2 default and clamps the ends", () => {
    expect(cpuSharesToWeight(0)).toBe(0);
    expect(cpuSharesToWeight(2)).toBe(1);
    expect(cpuSharesToWeight(1024)).toBe(100);
    expect(cpuSharesToWeight(262144)).toBe(10000);
    expect(cpuSharesToWeight(1 << 20)).toBe(10000);
    expect(cpuSharesToWeight(512)).toBe(59);
    expect(cpuSharesToWeight(2048)).toBe(174);
  });
  test("blkioWeightToIoWeight() is linear from [10,1000] to [1,10000]", () => {
    expect(blkioWeightToIoWeight(0)).toBe(0);
    expect(blkioWeightToIoWeight(10)).toBe(1);
    expect(blkioWeightToIoWeight(1000)).toBe(10000);
    expect(blkioWeightToIoWeight(500)).toBe(4950);
  });
  test("pidsMax(): runc >= 1.4 semantics (absent: not written, <0: max, 0: 1, N: N)", () => {
    expect(pidsMax(undefined)).toBeUndefined();
    expect(pidsMax(null)).toBeUndefined();
    expect(pidsMax(-1)).toBe("max");
    expect(pidsMax(-5)).toBe("max");
    expect(pidsMax(0)).toBe("1");
    expect(pidsMax(1)).toBe("1");
    expect(pidsMax(4096)).toBe("4096");
  });

  test("swapToV2() subtracts memory from memory+swap, with runc's errors", () => {
    expect(swapToV2(0, -1)).toBe(-1);
    expect(swapToV2(-1, 100)).toBe(-1);
    expect(swapToV2(300, 100)).toBe(200);
    expect(swapToV2(100, 100)).toBe(0);
    expect(swapToV2(300, -1)).toBe(300);
    expect(() => swapToV2(300, 0)).toThrow("unable to set swap limit without memory limit");
    expect(() => swapToV2(50, 100)).toThrow("memory+swap limit should be >= memory limit");
  });
});

describe("v2 create() and apply()", () => {
  test("enables every controller from the mountpoint down to the leaf's parent", () => {
    const fs = unifiedFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.apply(99);
    const all = "+cpuset +cpu +io +memory +hugetlb +pids +rdma +misc";
    expect(fs.written()).toEqual([
      `/sys/fs/cgroup/cgroup.subtree_control=${all}`,
      `/sys/fs/cgroup/ctbun/cgroup.subtree_control=${all}`,
      `${D}/cgroup.procs=99`,
    ]);
  });

  test("falls back to one controller at a time when the whole list is refused", () => {
    const fs = unifiedFs();
    fs.failWrite("/sys/fs/cgroup/cgroup.subtree_control", 2);
    newCgroupManager({ id: "c1", fs, cgroupsPath: "/c1" }).create();
    expect(fs.written("/sys/fs/cgroup").slice(0, 2)).toEqual(["cgroup.subtree_control=+cpuset", "cgroup.subtree_control=+cpu"]);
    expect(fs.written("/sys/fs/cgroup")).toHaveLength(8);
  });
});

describe("v2 set()", () => {
  test("memory: max, low and swap.max as swap minus memory", () => {
    const { fs, m } = unified();
    m.set({ memory: { limit: 100 << 20, reservation: 50 << 20, swap: 300 << 20, swappiness: 10, disableOOMKiller: true } });
    expect(fs.written(D)).toEqual(["memory.swap.max=209715200", "memory.max=104857600", "memory.low=52428800"]);
  });

  test("memory: equal memory and memory+swap disables swap; -1 means max", () => {
    const { fs, m } = unified();
    m.set({ memory: { limit: 1 << 20, swap: 1 << 20 } });
    m.set({ memory: { limit: -1 } });
    expect(fs.written(D)).toEqual(["memory.swap.max=0", "memory.max=1048576", "memory.swap.max=max", "memory.max=max"]);
  });

  test("memory: a missing memory.swap.max is fine for max or 0", () => {
    const { fs, m } = unified();
    fs.files.delete(`${D}/memory.swap.max`);
    m.set({ memory: { limit: -1 } });
    expect(fs.written(D)).toEqual(["memory.max=max"]);
  });

  test("memory: checkBeforeUpdate refuses a limit at or below usage", () => {
    const { fs, m } = unified();
    fs.files.set(`${D}/memory.current`, "5000\n");
    expect(() => m.set({ memory: { limit: 4096, checkBeforeUpdate: true } })).toThrow("rejecting memory limit 4096 <= usage 5000");
  });

  test("cpu: idle, weight from shares, max with default period, burst", () => {
    const { fs, m } = unified();
    m.set({ cpu: { shares: 1024, quota: 50000, burst: 10000, idle: 0 } });
    m.set({ cpu: { period: 20000 } });
    expect(fs.written(D)).toEqual([
      "cpu.idle=0",
      "cpu.weight=100",
      "cpu.max.burst=10000",
      "cpu.max=50000 100000",
      "cpu.max=max 20000",
    ]);
  });

  test("cpu: a burst refused before the quota is retried after cpu.max", () => {
    const { fs, m } = unified();
    fs.failWrite(`${D}/cpu.max.burst`, EINVAL);
    m.set({ cpu: { quota: 20000, period: 100000, burst: 50000 } });
    expect(fs.written(D)).toEqual(["cpu.max=20000 100000", "cpu.max.burst=50000"]);
  });

  test("io: io.weight converted when BFQ is absent, io.bfq.weight raw when present; io.max lines", () => {
    const { fs, m } = unified();
    const blockIO = {
      weight: 500,
      weightDevice: [{ major: 8, minor: 0, weight: 100 }],
      throttleReadBpsDevice: [{ major: 8, minor: 0, rate: 1000 }],
      throttleWriteIOPSDevice: [{ major: 8, minor: 0, rate: 30 }],
    };
    m.set({ blockIO });
    fs.put(`${D}/io.bfq.weight`, "default 100\n");
    m.set({ blockIO: { weight: 500 } });
    expect(fs.written(D)).toEqual([
      "io.weight=4950",
      "io.weight=8:0 910",
      "io.max=8:0 rbps=1000",
      "io.max=8:0 wiops=30",
      "io.bfq.weight=500",
    ]);
  });

  test("pids.max (runc >= 1.4): 0 limits (as 1), -1 lifts, absent is left alone", () => {
    const { fs, m } = unified();
    m.set({ pids: { limit: 0 } });
    m.set({ pids: { limit: -1 } });
    m.set({ pids: {} });
    expect(fs.written(D).filter((w) => w.startsWith("pids."))).toEqual(["pids.max=1", "pids.max=max"]);
  });

  test("pids, cpuset, hugetlb, rdma", () => {
    const { fs, m } = unified();
    m.set({
      pids: { limit: 32 },
      cpu: { cpus: "0-1", mems: "0" },
      hugepageLimits: [{ pageSize: "1GB", limit: 1 << 30 }],
      rdma: { mlx5_1: { hcaHandles: 3 } },
    });
    expect(fs.written(D)).toEqual([
      "pids.max=32",
      "cpuset.cpus=0-1",
      "cpuset.mems=0",
      "hugetlb.1GB.max=1073741824",
      "rdma.max=mlx5_1 hca_handle=3",
    ]);
  });

  test("unified map: written as is, one line per write", () => {
    const { fs, m } = unified();
    m.set({ unified: { "memory.high": "1073741824", "io.max": "8:0 rbps=1\n8:16 wbps=2" } });
    expect(fs.written(D)).toEqual(["memory.high=1073741824", "io.max=8:0 rbps=1", "io.max=8:16 wbps=2"]);
  });

  test("unified map: slashes, unknown files and missing controllers are refused", () => {
    const { fs, m } = unified();
    expect(() => m.set({ unified: { "../memory.max": "1" } })).toThrow('unified resource "../memory.max" must be a file name (no slashes)');
    expect(() => m.set({ unified: { nodot: "1" } })).toThrow('unified resource "nodot" must be in the form CONTROLLER.PARAMETER');
    expect(() => m.set({ unified: { "net_cls.classid": "1" } })).toThrow(
      'unified resource "net_cls.classid" can\'t be set: controller "net_cls" not available',
    );
    expect(() => m.set({ unified: { "memory.bogus": "1" } })).toThrow('unable to set unified resource "memory.bogus"');
    expect(fs.writes).toHaveLength(0);
  });

  test("devices: the rules become a BPF program loaded and attached through bpf(2)", () => {
    const calls: number[] = [];
    const bufs: (Uint8Array | Uint32Array)[] = [];
    const bpf: BpfDeps = {
      arch: "x64",
      ptr: (b) => bufs.push(b),
      syscall6: (n, cmd, attrPtr) => {
        expect(n).toBe(321);
        calls.push(cmd!);
        const attr = bufs[attrPtr! - 1] as Uint8Array;
        if (cmd === 16) new DataView(attr.buffer).setUint32(24, 0, true); // QUERY: no programs yet
        return cmd === 5 ? 40 : 0; // PROG_LOAD -> fd 40
      },
      openDir: (p) => {
        expect(p).toBe(D);
        return 41;
      },
      closeFd: () => {},
    };
    const { m } = unified({ bpf });
    m.set({ devices: [{ allow: false, access: "rwm" }, { allow: true, type: "c", major: 1, minor: 3, access: "rwm" }] });
    expect(calls).toEqual([5, 16, 8]); // load, query, attach
  });

  test("rootless ignores device program failures and permission errors", () => {
    const bpf: BpfDeps = { arch: "x64", ptr: () => 1, syscall6: () => -1 };
    const { fs, m } = unified({ rootless: true, bpf });
    fs.failWrite(`${D}/pids.max`, 13);
    m.set({ pids: { limit: 5 }, devices: [{ allow: true, access: "rwm" }] });
    expect(fs.written(D)).toEqual([]);
  });
});

describe("v2 freezer, kill, state", () => {
  test("freeze() writes cgroup.freeze and waits for 'frozen 1' in cgroup.events", async () => {
    const { fs, m } = unified();
    let reads = 0;
    const orig = fs.readFile.bind(fs);
    fs.readFile = (p) => {
      if (p === `${D}/cgroup.events` && fs.files.get(`${D}/cgroup.freeze`) === "1" && ++reads >= 4) {
        fs.files.set(p, "populated 1\nfrozen 1\n");
      }
      return orig(p);
    };
    expect(m.freezerState()).toBe("THAWED");
    await m.freeze();
    expect(reads).toBe(4);
    expect(fs.written(D)).toEqual(["cgroup.freeze=1"]);
    expect(m.freezerState()).toBe("FROZEN");
    m.thaw();
    fs.files.set(`${D}/cgroup.events`, "populated 1\nfrozen 0\n");
    expect(m.freezerState()).toBe("THAWED");
  });

  test("freezerState() is FREEZING while the kernel has not finished", () => {
    const { fs, m } = unified();
    fs.files.set(`${D}/cgroup.freeze`, "1\n");
    expect(m.freezerState()).toBe("FREEZING");
    fs.files.delete(`${D}/cgroup.freeze`);
    expect(m.freezerState()).toBe("UNKNOWN");
  });

  test("freeze() reports a missing freezer", async () => {
    const { fs, m } = unified();
    fs.files.delete(`${D}/cgroup.freeze`);
    await expect(m.freeze()).rejects.toThrow("freezer not supported");
    expect(ENOENT).toBe(2);
  });

  test("killAll(SIGKILL) uses cgroup.kill", async () => {
    const { fs, m } = unified();
    await m.killAll("KILL");
    expect(fs.written(D)).toEqual(["cgroup.kill=1"]);
  });

  test("oomKillCount() reads memory.events, oomEvents() reports each increase", async () => {
    const { fs, m } = unified();
    expect(m.oomKillCount()).toBe(0);
    let seen = 0;
    const stop = m.oomEvents(() => seen++, { intervalMs: 5 });
    fs.files.set(`${D}/memory.events`, "oom 2\noom_kill 2\n");
    await Bun.sleep(30);
    expect(seen).toBe(2);
    // stop() looks once more: a kill just before the end is not lost
    fs.files.set(`${D}/memory.events`, "oom 3\noom_kill 3\n");
    await stop();
    expect(seen).toBe(3);
  });

  test("destroy() removes the leaf and the parents it created only", () => {
    const fs = unifiedFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    expect(m.exists()).toBe(true);
    m.destroy();
    expect(fs.rmdirs).toEqual([D, "/sys/fs/cgroup/ctbun"]);
    expect(fs.dirs.has("/sys/fs/cgroup")).toBe(true);
  });
});
