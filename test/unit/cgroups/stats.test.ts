import { describe, expect, test } from "bun:test";
import { newCgroupManager } from "../../../src/cgroups/manager.ts";
import { parseBlkioFile, parseIoStat, parsePsi, statsJson, U64_MAX } from "../../../src/cgroups/stats.ts";
import { legacyFs, unifiedFs } from "./_fake-fs.ts";

describe("v1 stats()", () => {
  test("memory, cpu, cpuset, pids, blkio and hugetlb from fixture files", () => {
    const fs = legacyFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    const root = "/sys/fs/cgroup";
    const at = (h: string, f: string, c: string) => fs.put(`${root}/${h}/ctbun/c1/${f}`, c);
    at("memory", "memory.stat", "cache 4096\nrss 8192\ntotal_cache 4096\n");
    at("memory", "memory.usage_in_bytes", "12288\n");
    at("memory", "memory.max_usage_in_bytes", "20480\n");
    at("memory", "memory.failcnt", "2\n");
    at("memory", "memory.limit_in_bytes", "268435456\n");
    at("memory", "memory.memsw.usage_in_bytes", "12288\n");
    at("memory", "memory.memsw.max_usage_in_bytes", "0\n");
    at("memory", "memory.memsw.failcnt", "0\n");
    at("memory", "memory.memsw.limit_in_bytes", "9223372036854771712\n");
    at("cpu,cpuacct", "cpuacct.usage", "123456789\n");
    at("cpu,cpuacct", "cpuacct.usage_percpu", "100000000 23456789 \n");
    at("cpu,cpuacct", "cpuacct.usage_all", "cpu user system\n0 90000000 10000000\n1 20000000 3456789\n");
    at("cpu,cpuacct", "cpuacct.stat", "user 7\nsystem 3\n");
    at("cpu,cpuacct", "cpu.stat", "nr_periods 10\nnr_throttled 2\nthrottled_time 5000\n");
    at("cpuset", "cpuset.cpus", "0-2,5\n");
    at("cpuset", "cpuset.mems", "0\n");
    at("cpuset", "cpuset.cpu_exclusive", "0\n");
    at("cpuset", "cpuset.sched_relax_domain_level", "-1\n");
    at("pids", "pids.current", "3\n");
    at("pids", "pids.max", "100\n");
    at("blkio", "blkio.throttle.io_serviced_recursive", "8:0 Read 5\n8:0 Write 6\n8:0 Total 11\nTotal 11\n");
    at("blkio", "blkio.throttle.io_service_bytes_recursive", "8:0 Read 4096\n8:0 Write 0\nTotal 4096\n");
    fs.put("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", "0\n");
    at("hugetlb", "hugetlb.2MB.usage_in_bytes", "2097152\n");
    at("hugetlb", "hugetlb.2MB.max_usage_in_bytes", "4194304\n");
    at("hugetlb", "hugetlb.2MB.failcnt", "1\n");

    const s = m.stats();
    expect(s.memory.cache).toBe(4096);
    expect(s.memory.raw).toEqual({ cache: 4096, rss: 8192, total_cache: 4096 });
    expect(s.memory.usage).toEqual({ usage: 12288, max: 20480, failcnt: 2, limit: 268435456 });
    expect(s.memory.swap).toEqual({ usage: 12288, failcnt: 0, limit: 9223372036854771712 });
    expect(s.memory.kernel).toEqual({ limit: 0, failcnt: 0 });
    expect(s.cpu.usage).toEqual({
      total: 123456789,
      percpu: [100000000, 23456789],
      percpu_user: [90000000, 20000000],
      percpu_kernel: [10000000, 3456789],
      user: 70000000,
      kernel: 30000000,
    });
    expect(s.cpu.throttling).toEqual({ periods: 10, throttledPeriods: 2, throttledTime: 5000 });
    expect(s.cpuset.cpus).toEqual([0, 1, 2, 5]);
    expect(s.cpuset.mems).toEqual([0]);
    expect(s.cpuset.sched_relax_domain_level).toBe(-1);
    expect(s.pids).toEqual({ current: 3, limit: 100 });
    expect(s.blkio.ioServicedRecursive).toEqual([
      { major: 8, op: "Read", value: 5 },
      { major: 8, op: "Write", value: 6 },
      { major: 8, op: "Total", value: 11 },
    ]);
    expect(s.blkio.ioServiceBytesRecursive?.[1]).toEqual({ major: 8, op: "Write" });
    expect(s.hugetlb).toEqual({ "2MB": { usage: 2097152, max: 4194304, failcnt: 1 } });
    expect(s.intel_rdt).toEqual({});
    expect(s.network_interfaces).toBeNull();
  });

  test("oomKillCount() reads oom_kill from memory.oom_control", () => {
    const fs = legacyFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    fs.files.set("/sys/fs/cgroup/memory/ctbun/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
    expect(m.oomKillCount()).toBe(3);
  });

  const OOM = "/sys/fs/cgroup/memory/ctbun/c1/memory.oom_control";
  const kills = (n: number) => `oom_kill_disable 0\nunder_oom 0\noom_kill ${n}\n`;

  test("oomEvents() on v1 wakes on the memory.oom_control notifier and reports kill counter moves", async () => {
    const fs = legacyFs();
    let wake: (() => void) | undefined;
    let registered = "";
    let stopped = false;
    const m = newCgroupManager({
      id: "c1",
      fs,
      oomNotify: (dir, onWake) => {
        registered = dir;
        wake = onWake;
        return { stop: async () => void (stopped = true) };
      },
    });
    m.create();
    fs.files.set(OOM, kills(1)); // a kill before events started is not reported
    let seen = 0;
    const stop = m.oomEvents(() => seen++, { intervalMs: 1 });
    expect(registered).toBe("/sys/fs/cgroup/memory/ctbun/c1");
    // no polling: the counter moving alone reports nothing
    fs.files.set(OOM, kills(2));
    await Bun.sleep(20);
    expect(seen).toBe(0);
    wake!();
    expect(seen).toBe(1);
    // the kernel signals before it kills: a wake with the counter still behind looks again soon
    wake!();
    setTimeout(() => fs.files.set(OOM, kills(3)), 3);
    await Bun.sleep(60);
    expect(seen).toBe(2);
    // an OOM that kills nothing reports nothing; stop() reads the counter a last time
    wake!();
    fs.files.set(OOM, kills(4));
    await stop();
    expect(stopped).toBe(true);
    expect(seen).toBe(3);
  });

  test("oomEvents() on v1 polls when the notifier cannot be registered, or with poll", async () => {
    for (const opts of [{ notify: () => { throw new Error("no cgroup.event_control"); } }, { poll: true }]) {
      const fs = legacyFs();
      const m = newCgroupManager({ id: "c1", fs, oomNotify: "notify" in opts ? opts.notify : () => ({ stop: async () => {} }) });
      m.create();
      fs.files.set(OOM, kills(0));
      let seen = 0;
      const stop = m.oomEvents(() => seen++, { intervalMs: 2, poll: "poll" in opts });
      fs.files.set(OOM, kills(2));
      await Bun.sleep(30);
      await stop();
      expect(seen).toBe(2);
    }
  });
});

describe("v2 stats()", () => {
  test("pids, memory (swap as memory+swap), io, cpu, psi, hugetlb", () => {
    const fs = unifiedFs();
    const m = newCgroupManager({ id: "c1", fs });
    m.create();
    const D = "/sys/fs/cgroup/ctbun/c1";
    const at = (f: string, c: string) => fs.put(`${D}/${f}`, c);
    at("pids.current", "2\n");
    at("pids.max", "max\n");
    at("memory.stat", "anon 1000\nfile 3000\n");
    at("memory.current", "4000\n");
    at("memory.max", "1048576\n");
    at("memory.peak", "5000\n");
    at("memory.swap.current", "100\n");
    at("memory.swap.max", "max\n");
    at("memory.pressure", "some avg10=0.50 avg60=0.10 avg300=0.00 total=1234\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=10\n");
    at("io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");
    at("cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 4\nnr_throttled 1\nthrottled_usec 20\n");
    fs.put("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", "0\n");
    at("hugetlb.2MB.current", "0\n");
    at("hugetlb.2MB.events", "max 4\n");

    const s = m.stats();
    expect(s.pids).toEqual({ current: 2 });
    expect(s.memory.cache).toBe(3000);
    expect(s.memory.usage).toEqual({ limit: 1048576, usage: 4000, max: 5000, failcnt: 0 });
    expect(s.memory.swap).toEqual({ limit: U64_MAX, usage: 4100, failcnt: 0 });
    expect(s.memory.psi?.some).toEqual({ avg10: 0.5, avg60: 0.1, avg300: 0, total: 1234 });
    expect(s.blkio.ioServiceBytesRecursive).toEqual([
      { major: 8, op: "Read", value: 4096 },
      { major: 8, op: "Write", value: 8192 },
    ]);
    expect(s.blkio.ioServicedRecursive).toEqual([
      { major: 8, op: "Read", value: 1 },
      { major: 8, op: "Write", value: 2 },
    ]);
    expect(s.cpu.usage).toEqual({ total: 1500000, user: 1000000, kernel: 500000 });
    expect(s.cpu.throttling).toEqual({ periods: 4, throttledPeriods: 1, throttledTime: 20000 });
    expect(s.hugetlb).toEqual({ "2MB": { failcnt: 4 } });
    // "max" is printed as the u64 maximum, as runc does
    expect(statsJson({ data: s })).toContain('"limit":18446744073709551615');
  });
});

test("parsers: blkio lines, io.stat, PSI", () => {
  expect(parseBlkioFile("8:16 1234\n")).toEqual([{ major: 8, minor: 16, value: 1234 }]);
  expect(parseIoStat("253:1 rbytes=0 wbytes=7\n")).toEqual({
    ioServiceBytesRecursive: [
      { major: 253, minor: 1, op: "Read" },
      { major: 253, minor: 1, op: "Write", value: 7 },
    ],
  });
  expect(parsePsi("some avg10=1.00 avg60=2.00 avg300=3.00 total=4\n")).toEqual({ some: { avg10: 1, avg60: 2, avg300: 3, total: 4 } });
});
