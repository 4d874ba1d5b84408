// ps (table passthrough and JSON pids) and kill --all through ./ctbun (root only).
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, uniqueId } from "../_harness.ts";

const made: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
});

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, "latin1"));
  } catch {
    return false;
  }
}

/** sh as init with a background `sleep 1000` and `sleep 1001`, waiting for both. */
function startTwo(): { id: string; init: number } {
  const id = uniqueId("ps");
  made.push(id);
  const r = runCtbun(["run", "-d", "-b", makeBundle(defaultConfig(["sh", "-c", "sleep 1000 & sleep 1001 & wait"])), id]);
  expect(r.code).toBe(0);
  const init = JSON.parse(runCtbun(["state", id]).stdout).pid as number;
  // wait for both children
  for (let i = 0; i < 300; i++) {
    const j = runCtbun(["ps", "--format", "json", id]).stdout;
    if (j.trim() !== "null" && JSON.parse(j).length >= 3) break;
    Bun.sleepSync(10);
  }
  return { id, init };
}

function cgroupProcs(id: string): number[] {
  return readFileSync(`/sys/fs/cgroup/pids/ctbun/${id}/cgroup.procs`, "utf8").trim().split("\n").filter(Boolean).map(Number);
}

describe.skipIf(!isRoot)("ps", () => {
  test("--format json lists the host pids of the container's cgroup", () => {
    const { id, init } = startTwo();
    const r = runCtbun(["ps", "--format", "json", id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\[\d+(,\d+)*\]\n$/);
    const pids: number[] = JSON.parse(r.stdout);
    expect(pids).toContain(init);
    expect(pids.length).toBe(3);
    expect([...pids].sort()).toEqual([...cgroupProcs(id)].sort());
    expect(runCtbun(["ps", "-f", "json", id]).stdout).toBe(r.stdout);
  });

  test("table: ps -ef filtered to the container", () => {
    const { id, init } = startTwo();
    const r = runCtbun(["ps", id]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^UID\s+PID\s+PPID/);
    expect(lines.length).toBe(4);
    const pids = lines.slice(1).map((l) => Number(l.trim().split(/\s+/)[1]));
    expect(pids).toContain(init);
    expect(r.stdout).toContain("sleep 1000");
    expect(r.stdout).toContain("sleep 1001");
  });

  test("table: other ps arguments pass through", () => {
    const { id, init } = startTwo();
    const r = runCtbun(["ps", id, "-o", "pid,comm"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]?.trim()).toBe("PID COMMAND");
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/))).toContainEqual([String(init), "sh"]);
    expect(lines.length).toBe(4);

    const noPid = runCtbun(["ps", id, "-o", "comm"]);
    expect(noPid.code).toBe(1);
    expect(noPid.stderr).toContain("couldn't find PID field in ps output");

    const bad = runCtbun(["ps", id, "--no-such-ps-option"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("exit status");
  });

  test("invalid format and missing container", () => {
    const { id } = startTwo();
    const f = runCtbun(["ps", "--format", "yaml", id]);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain("invalid format option");
    const m = runCtbun(["ps", "no-such-ctr"]);
    expect(m.code).toBe(1);
    expect(m.stderr).toContain("container does not exist");
  });
});

describe.skipIf(!isRoot)("kill --all", () => {
  test("signals every process in the cgroup, a background child too", () => {
    const { id, init } = startTwo();
    const kids = (JSON.parse(runCtbun(["ps", "--format", "json", id]).stdout) as number[]).filter((p) => p !== init);
    expect(kids.length).toBe(2);
    // SIGTERM to the init alone is ignored (pid 1 without a handler): nothing dies
    expect(runCtbun(["kill", id, "TERM"]).code).toBe(0);
    Bun.sleepSync(100);
    expect(kids.every(alive)).toBe(true);
    // with --all every process gets it: both sleeps die (then sh exits)
    const r = runCtbun(["kill", "--all", id, "TERM"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (let i = 0; i < 200 && kids.some(alive); i++) Bun.sleepSync(10);
    expect(kids.some(alive)).toBe(false);
  });

  test("KILL with --all empties the cgroup", () => {
    const { id, init } = startTwo();
    const all: number[] = JSON.parse(runCtbun(["ps", "--format", "json", id]).stdout);
    expect(runCtbun(["kill", "-a", id, "KILL"]).code).toBe(0);
    for (let i = 0; i < 200 && all.some(alive); i++) Bun.sleepSync(10);
    expect(all.some(alive)).toBe(false);
    expect(alive(init)).toBe(false);
    expect(JSON.parse(runCtbun(["state", id]).stdout).status).toBe("stopped");
    expect(runCtbun(["ps", "--format", "json", id]).stdout).toBe("null\n");
  });
});
