// update: flags and -r, applied live to this machine's v1 cgroups and persisted (root only).
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";

const made: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
});

const cg = (ctrl: string, id: string, file: string) => readFileSync(`/sys/fs/cgroup/${ctrl}/ctbun/${id}/${file}`, "utf8").trim();
const saved = (id: string) => JSON.parse(readFileSync(`${TEST_ROOT}/${id}/state.json`, "utf8")).config.linux.resources;

function start(resources: object = {}): string {
  const id = uniqueId("upd");
  made.push(id);
  const c = defaultConfig(["sleep", "1000"]);
  Object.assign(c.linux.resources, resources);
  const r = runCtbun(["run", "-d", "-b", makeBundle(c), id]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return id;
}

function fails(id: string, args: string[], text: string, stdin?: string): void {
  const r = runCtbun(["update", ...args, id], { stdin });
  expect(r.stderr).toContain(text);
  expect(r.code).toBe(1);
}

describe.skipIf(!isRoot)("update", () => {
  test("--memory and --pids-limit take effect live and are saved in state.json", () => {
    const id = start({ memory: { limit: 32 * 1024 * 1024 }, pids: { limit: 50 } });
    expect(cg("memory", id, "memory.limit_in_bytes")).toBe(String(32 * 1024 * 1024));
    const r = runCtbun(["update", "--memory", "64M", "--pids-limit", "20", id]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(cg("memory", id, "memory.limit_in_bytes")).toBe(String(64 * 1024 * 1024));
    expect(cg("pids", id, "pids.max")).toBe("20");
    const res = saved(id);
    expect(res.memory.limit).toBe(64 * 1024 * 1024);
    expect(res.pids.limit).toBe(20);
    expect(res.devices).toEqual([{ allow: false, access: "rwm" }]); // untouched
    // events --stats sees the new limit
    const st = JSON.parse(runCtbun(["events", "--stats", id]).stdout);
    expect(st.data.memory.usage.limit).toBe(64 * 1024 * 1024);
    expect(st.data.pids.limit).toBe(20);
  });

  test("cpu, cpuset, blkio and memory+swap flags", () => {
    const id = start();
    const r = runCtbun([
      "update",
      "--cpu-period", "100000",
      "--cpu-quota", "50000",
      "--cpu-share", "512",
      "--cpuset-cpus", "0",
      "--cpuset-mems", "0",
      "--memory", "48m",
      "--memory-swap", "96m",
      "--memory-reservation", "16m",
      "--blkio-weight", "300",
      id,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(cg("cpu", id, "cpu.cfs_period_us")).toBe("100000");
    expect(cg("cpu", id, "cpu.cfs_quota_us")).toBe("50000");
    expect(cg("cpu", id, "cpu.shares")).toBe("512");
    expect(cg("cpuset", id, "cpuset.cpus")).toBe("0");
    expect(cg("memory", id, "memory.limit_in_bytes")).toBe(String(48 * 1024 * 1024));
    expect(cg("memory", id, "memory.memsw.limit_in_bytes")).toBe(String(96 * 1024 * 1024));
    expect(cg("memory", id, "memory.soft_limit_in_bytes")).toBe(String(16 * 1024 * 1024));
    const res = saved(id);
    expect(res.cpu).toMatchObject({ period: 100000, quota: 50000, shares: 512, cpus: "0", mems: "0" });
    expect(res.memory).toMatchObject({ limit: 48 << 20, swap: 96 << 20, reservation: 16 << 20 });
    // --memory -1 without --memory-swap: both unlimited
    expect(runCtbun(["update", "--memory", "-1", id]).code).toBe(0);
    expect(Number(cg("memory", id, "memory.limit_in_bytes"))).toBeGreaterThan(2 ** 60);
    expect(Number(cg("memory", id, "memory.memsw.limit_in_bytes"))).toBeGreaterThan(2 ** 60);
    expect(saved(id).memory).toMatchObject({ limit: -1, swap: -1 });
    // --cpu-quota -1 removes the cap
    expect(runCtbun(["update", "--cpu-quota", "-1", id]).code).toBe(0);
    expect(cg("cpu", id, "cpu.cfs_quota_us")).toBe("-1");
  });

  test("-r reads LinuxResources JSON from a file or stdin and ignores the other flags", () => {
    const id = start();
    const file = `/tmp/${id}.json`;
    writeFileSync(file, JSON.stringify({ memory: { limit: 40 << 20 }, pids: { limit: 33 } }));
    const r = runCtbun(["update", "-r", file, "--pids-limit", "5", id]);
    rmSync(file);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(cg("memory", id, "memory.limit_in_bytes")).toBe(String(40 << 20));
    expect(cg("pids", id, "pids.max")).toBe("33");
    const s = runCtbun(["update", "-r", "-", id], { stdin: JSON.stringify({ cpu: { shares: 256 }, pids: { limit: 44 } }) });
    expect(s.code).toBe(0);
    expect(cg("cpu", id, "cpu.shares")).toBe("256");
    expect(cg("pids", id, "pids.max")).toBe("44");
    expect(saved(id)).toMatchObject({ memory: { limit: 40 << 20 }, pids: { limit: 44 }, cpu: { shares: 256 } });
  });

  test("pids (runc >= 1.4): limit 0 at create and --pids-limit 0 stop forks (pids.max 1); -1 lifts the limit", () => {
    const id = start({ pids: { limit: 0 } });
    expect(cg("pids", id, "pids.max")).toBe("1");
    const fork = () => runCtbun(["exec", id, "true"]);
    expect(fork().code).not.toBe(0); // the exec'd process cannot be forked into the cgroup
    expect(runCtbun(["update", "--pids-limit", "-1", id]).code).toBe(0);
    expect(cg("pids", id, "pids.max")).toBe("max");
    expect(saved(id).pids).toEqual({ limit: -1 });
    expect(fork().code).toBe(0);
    expect(runCtbun(["update", "--pids-limit", "0", id]).code).toBe(0);
    expect(cg("pids", id, "pids.max")).toBe("1");
    expect(saved(id).pids).toEqual({ limit: 0 });
    // an update of something else keeps the limit
    expect(runCtbun(["update", "--memory", "64M", id]).code).toBe(0);
    expect(cg("pids", id, "pids.max")).toBe("1");
  });

  test("bad values give errors naming the flag and leave the cgroup and state alone", () => {
    const id = start({ memory: { limit: 32 << 20, swap: 32 << 20 }, pids: { limit: 50 } });
    const before = JSON.stringify(saved(id));
    fails(id, ["--memory", "abc"], "invalid value for memory: invalid size: 'abc'");
    fails(id, ["--memory", "-5"], "invalid value for memory: invalid size: '-5'");
    fails(id, ["--cpu-share", "x"], "invalid value for cpu-share");
    fails(id, ["--cpu-period", "10"], "cpu.period (--cpu-period): 10: must be between 1000 and 1000000");
    fails(id, ["--cpu-quota", "-7"], "--cpu-quota");
    fails(id, ["--cpu-idle", "3"], "--cpu-idle");
    fails(id, ["--blkio-weight", "5"], "--blkio-weight");
    fails(id, ["--cpuset-cpus", "0-999"], "--cpuset-cpus");
    fails(id, ["--cpuset-cpus", "zero"], "--cpuset-cpus");
    fails(id, ["--pids-limit", "many"], "pids-limit");
    // memory above memory+swap: explained rather than a bare EINVAL
    fails(id, ["--memory", "64M"], "memory+swap limit 33554432 is lower than the memory limit 67108864");
    // below what is in use: the kernel refuses, the message says why
    fails(id, ["--memory", "4096"], "unable to set memory limit to 4096");
    fails(id, ["-r", "-"], "invalid value for memory.limit (--memory)", '{"memory":{"limit":"big"}}');
    fails(id, ["-r", "-"], "unable to parse resources", "{not json");
    fails(id, ["-r", "/no/such/file"], "unable to read resources");
    fails(id, ["--l3-cache-schema", "L3:0=f"], "Intel RDT");
    fails(id, ["--mem-bw-schema", "MB:0=50"], "Intel RDT");
    expect(JSON.stringify(saved(id))).toBe(before);
    expect(cg("memory", id, "memory.limit_in_bytes")).toBe(String(32 << 20));
    expect(cg("pids", id, "pids.max")).toBe("50");
  });

  test("--kernel-memory warns and is ignored", () => {
    const id = start();
    const r = runCtbun(["update", "--kernel-memory", "10M", "--kernel-memory-tcp", "1M", id]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("--kernel-memory is obsolete and ignored");
  });

  test("a stopped or missing container cannot be updated", () => {
    const id = uniqueId("updstop");
    made.push(id);
    expect(runCtbun(["run", "-d", "-b", makeBundle(defaultConfig(["true"])), id]).code).toBe(0);
    for (let i = 0; i < 200 && !runCtbun(["state", id]).stdout.includes('"stopped"'); i++) Bun.sleepSync(10);
    fails(id, ["--memory", "64M"], "container not running");
    fails("no-such-ctr", ["--memory", "64M"], "container does not exist");
  });
});
