// pause / resume through the compiled ./ctbun on this machine's cgroup freezer (root only).
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, uniqueId } from "../_harness.ts";

const made: string[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function status(id: string): string {
  return JSON.parse(runCtbun(["state", id]).stdout).status;
}

/** A detached container counting in /data/c (a bind of a host directory) every 10 ms. */
function startCounter(): { id: string; counter: () => number } {
  const host = mkdtempSync("/tmp/ctbun-pause-");
  dirs.push(host);
  const c = defaultConfig(["sh", "-c", "i=0; while true; do i=$((i+1)); echo $i > /data/c; usleep 10000; done"]);
  c.mounts.push({ destination: "/data", type: "bind", source: host, options: ["rbind", "rw"] });
  const id = uniqueId("pause");
  made.push(id);
  const r = runCtbun(["run", "-d", "-b", makeBundle(c), id]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const counter = () => {
    try {
      return Number(readFileSync(`${host}/c`, "utf8").trim()) || 0;
    } catch {
      return 0;
    }
  };
  return { id, counter };
}

describe.skipIf(!isRoot)("pause and resume", () => {
  test("pause freezes a counting loop and resume continues it", async () => {
    const { id, counter } = startCounter();
    for (let i = 0; i < 200 && counter() < 3; i++) await Bun.sleep(10);
    expect(counter()).toBeGreaterThanOrEqual(3);
    expect(status(id)).toBe("running");

    const p = runCtbun(["pause", id]);
    expect(p.stderr).toBe("");
    expect(p.code).toBe(0);
    expect(status(id)).toBe("paused");
    expect(runCtbun(["list", "--format", "json"]).stdout).toContain(`"status":"paused"`);
    const frozenAt = counter();
    await Bun.sleep(500);
    expect(counter()).toBe(frozenAt);

    // runc: pausing a paused container is refused like any state but running/created
    const again = runCtbun(["pause", id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("container not running");

    const r = runCtbun(["resume", id]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(status(id)).toBe("running");
    // (a read can land between the shell's truncate and write and see 0: look for a while)
    let after = counter();
    for (let i = 0; i < 200 && after <= frozenAt + 3; i++) {
      await Bun.sleep(10);
      after = counter();
    }
    expect(after).toBeGreaterThan(frozenAt + 3);

    const notPaused = runCtbun(["resume", id]);
    expect(notPaused.code).toBe(1);
    expect(notPaused.stderr).toContain("container not paused");
  });

  test("a paused container can be deleted with --force", () => {
    const { id } = startCounter();
    expect(runCtbun(["pause", id]).code).toBe(0);
    expect(status(id)).toBe("paused");
    const d = runCtbun(["delete", "--force", id]);
    expect(d.code).toBe(0);
    expect(runCtbun(["state", id]).stderr).toContain("container does not exist");
  });

  test("pause and resume of a stopped container are refused", () => {
    const id = uniqueId("pstop");
    made.push(id);
    expect(runCtbun(["run", "-d", "-b", makeBundle(defaultConfig(["true"])), id]).code).toBe(0);
    for (let i = 0; i < 200 && status(id) !== "stopped"; i++) Bun.sleepSync(10);
    expect(status(id)).toBe("stopped");
    const p = runCtbun(["pause", id]);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain("container not running");
    const r = runCtbun(["resume", id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("container not paused");
  });

  test("missing container", () => {
    for (const cmd of ["pause", "resume"]) {
      const r = runCtbun([cmd, "no-such-ctr"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("container does not exist");
    }
  });
});
