// The cgroup manager against this machine's real cgroupfs (v1 controllers + cgroup2 with only
// hugetlb: "hybrid"), with a `sleep` child as the container's stand-in. Root only.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmdirSync } from "node:fs";
import { withDefaultDevices } from "../../src/cgroups/devices.ts";
import { detectLayout } from "../../src/cgroups/detect.ts";
import { realFs } from "../../src/cgroups/fs.ts";
import { loadCgroupManager, newCgroupManager, type CgroupManager } from "../../src/cgroups/manager.ts";
import { isRoot } from "../_harness.ts";

const hasV1 = existsSync("/sys/fs/cgroup/freezer") && existsSync("/sys/fs/cgroup/memory");
const run = isRoot && hasV1 ? describe : describe.skip;

const children: ReturnType<typeof Bun.spawn>[] = [];
const managers: CgroupManager[] = [];

function spawnSleep() {
  const p = Bun.spawn(["sleep", "60"], { stdio: ["ignore", "ignore", "ignore"] });
  children.push(p);
  return p;
}

function read(path: string): string {
  return readFileSync(path, "utf8").trim();
}

afterAll(async () => {
  for (const c of children) {
    c.kill(9);
    await c.exited;
  }
  for (const m of managers) {
    try {
      m.thaw();
    } catch {}
    try {
      m.destroy();
    } catch {}
    // Belt and braces: nothing of ours may stay behind, even after a failed assertion.
    for (const d of Object.values(m.paths())) {
      try {
        rmdirSync(d);
      } catch {}
    }
  }
});

run("cgroups on this machine (v1/hybrid)", () => {
  const id = `ctbun-it-${process.pid}`;

  test("detects hybrid with v1 controllers", () => {
    const l = detectLayout(realFs());
    expect(["legacy", "hybrid"]).toContain(l.mode);
    expect(l.v1.has("memory")).toBe(true);
    expect(l.v1.has("freezer")).toBe(true);
  });

  test("apply, set, read back, freeze/thaw, stats, destroy", async () => {
    const child = spawnSleep();
    const m = newCgroupManager({ id });
    managers.push(m);
    const p = m.paths();
    expect(p.memory).toBe(`/sys/fs/cgroup/memory/ctbun/${id}`);

    m.apply(child.pid);
    expect(read(`${p.memory}/cgroup.procs`).split("\n")).toContain(String(child.pid));
    expect(read(`/proc/${child.pid}/cgroup`)).toContain(`freezer:/ctbun/${id}`);

    m.set(
      withDefaultDevices({
        devices: [{ allow: false, access: "rwm" }],
        memory: { limit: 64 << 20, reservation: 32 << 20 },
        pids: { limit: 20 },
        cpu: { shares: 512, quota: 50000, period: 100000 },
      }),
    );
    expect(read(`${p.memory}/memory.limit_in_bytes`)).toBe(String(64 << 20));
    expect(read(`${p.memory}/memory.soft_limit_in_bytes`)).toBe(String(32 << 20));
    expect(read(`${p.pids}/pids.max`)).toBe("20");
    expect(read(`${p.cpu}/cpu.shares`)).toBe("512");
    expect(read(`${p.cpu}/cpu.cfs_quota_us`)).toBe("50000");
    const devs = read(`${p.devices}/devices.list`).split("\n");
    expect(devs).toContain("c 1:3 rwm");
    expect(devs).toContain("c 136:* rwm");
    expect(devs).not.toContain("a *:* rwm");

    // update-style change: lower the memory limit live
    m.set({ memory: { limit: 48 << 20 } });
    expect(read(`${p.memory}/memory.limit_in_bytes`)).toBe(String(48 << 20));

    await m.freeze();
    expect(read(`${p.freezer}/freezer.state`)).toBe("FROZEN");
    expect(m.freezerState()).toBe("FROZEN");
    m.thaw();
    expect(m.freezerState()).toBe("THAWED");

    const st = m.stats();
    expect(st.pids.current).toBeGreaterThanOrEqual(1);
    expect(st.pids.limit).toBe(20);
    expect(st.memory.usage.limit).toBe(48 << 20);
    expect(st.cpuset.cpus?.length).toBeGreaterThan(0);
    expect(m.pids()).toContain(child.pid);

    // state.json round trip, as a later `ctbun delete` would see it
    const again = loadCgroupManager(JSON.parse(JSON.stringify(m.save())));
    expect(again.pids()).toContain(child.pid);

    await again.killAll("SIGKILL");
    await child.exited;
    again.destroy();
    for (const d of Object.values(p)) expect(existsSync(d)).toBe(false);
    expect(again.exists()).toBe(false);
  });

  test("freeze() latency (median of 20 freeze/thaw cycles)", async () => {
    const child = spawnSleep();
    const m = newCgroupManager({ id: `${id}-lat` });
    managers.push(m);
    m.apply(child.pid);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await m.freeze();
      times.push(performance.now() - t0);
      m.thaw();
    }
    times.sort((a, b) => a - b);
    const median = (times[9]! + times[10]!) / 2;
    console.log(`freeze() latency: median ${median.toFixed(3)} ms, min ${times[0]!.toFixed(3)} ms, max ${times[19]!.toFixed(3)} ms`);
    expect(median).toBeLessThan(100);
    child.kill(9);
    await child.exited;
    m.destroy();
    expect(m.exists()).toBe(false);
  });

  test("a relative cgroupsPath lands under our own cgroup of each hierarchy", async () => {
    const own = read("/proc/self/cgroup");
    const memOwn = /:memory:(.*)$/m.exec(own)?.[1] ?? "/";
    const child = spawnSleep();
    const m = newCgroupManager({ id, cgroupsPath: `${id}-rel` });
    managers.push(m);
    expect(m.paths().memory).toBe(`/sys/fs/cgroup/memory${memOwn === "/" ? "" : memOwn}/${id}-rel`);
    m.apply(child.pid);
    m.set({ pids: { limit: 5 } });
    expect(read(`${m.paths().pids}/pids.max`)).toBe("5");
    child.kill(9);
    await child.exited;
    m.destroy();
    expect(m.exists()).toBe(false);
  });
});
