// events: --stats in runc's envelope, the NDJSON stream and its end (root only).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { ctbunExe, defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";

const made: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
});

function start(args: string[], resources: object = {}): string {
  const id = uniqueId("ev");
  made.push(id);
  const c = defaultConfig(args);
  Object.assign(c.linux.resources, resources);
  const r = runCtbun(["run", "-d", "-b", makeBundle(c), id]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return id;
}

describe.skipIf(!isRoot)("events", () => {
  test("--stats prints one stats event with memory usage and pids.current", () => {
    const id = start(["sh", "-c", "sleep 1000 & sleep 1001 & wait"], { memory: { limit: 64 << 20 }, pids: { limit: 40 } });
    Bun.sleepSync(100);
    const r = runCtbun(["events", "--stats", id]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith("}\n")).toBe(true);
    expect(r.stdout.trimEnd().split("\n").length).toBe(1);
    const e = JSON.parse(r.stdout);
    expect(Object.keys(e)).toEqual(["type", "id", "data"]);
    expect(e.type).toBe("stats");
    expect(e.id).toBe(id);
    expect(Object.keys(e.data)).toEqual(["cpu", "cpuset", "memory", "pids", "blkio", "hugetlb", "intel_rdt", "network_interfaces"]);
    expect(e.data.memory.usage.usage).toBeGreaterThan(0);
    expect(e.data.memory.usage.limit).toBe(64 << 20);
    expect(e.data.pids.current).toBe(3);
    expect(e.data.pids.limit).toBe(40);
    expect(e.data.cpu.usage.total).toBeGreaterThan(0);
    expect(e.data.intel_rdt).toEqual({});
    expect(e.data.network_interfaces).toBeNull();
    // no limit is the kernel's exact value, not a rounded double
    const k = runCtbun(["events", "--stats", id]).stdout;
    expect(k).toMatch(/"kernelTCP":\{"limit":9223372036854771712,/);
  });

  test("streams stats every --interval and ends with exit 0 when the container stops", async () => {
    const id = start(["sleep", "1000"]);
    const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "events", "--interval", "100ms", id], { stdout: "pipe", stderr: "pipe" });
    await Bun.sleep(450);
    expect(runCtbun(["kill", id, "KILL"]).code).toBe(0);
    const code = await Promise.race([p.exited, Bun.sleep(5000).then(() => "timeout")]);
    if (code === "timeout") p.kill();
    expect(code).toBe(0);
    const lines = (await new Response(p.stdout).text()).trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) {
      const e = JSON.parse(l);
      expect(e.type).toBe("stats");
      expect(e.id).toBe(id);
      expect(e.data.memory).toBeDefined();
    }
  });

  test("an OOM kill in the container is an oom event (v1: through an eventfd on memory.oom_control)", async () => {
    const id = start(["sleep", "1000"], { memory: { limit: 16 << 20, swap: 16 << 20 } });
    const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "events", "--interval", "100ms", id], { stdout: "pipe", stderr: "pipe" });
    const out = p.stdout.getReader();
    // the first stats event comes after the OOM watch is registered
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await out.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(JSON.parse(text.split("\n")[0]!).type).toBe("stats");
    // dd reads into one 64 MiB buffer: it does not fit in 16
    const hog = runCtbun(["exec", id, "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"]);
    expect(hog.code).not.toBe(0);
    const deadline = Date.now() + 5000;
    while (!text.split("\n").some((l) => l.includes('"type":"oom"')) && Date.now() < deadline) {
      const r = await Promise.race([out.read(), Bun.sleep(200).then(() => undefined)]);
      if (r?.value) text += new TextDecoder().decode(r.value);
      if (r?.done) break;
    }
    const oom = text.split("\n").find((l) => l.includes('"type":"oom"'));
    expect(oom && JSON.parse(oom)).toEqual({ type: "oom", id });
    expect(runCtbun(["kill", id, "KILL"]).code).toBe(0);
    const code = await Promise.race([p.exited, Bun.sleep(5000).then(() => "timeout")]);
    if (code === "timeout") p.kill();
    expect(code).toBe(0);
    expect(await new Response(p.stderr).text()).toBe("");
  });

  test("a stopped container is an error, so is a bad interval", () => {
    const id = start(["true"]);
    for (let i = 0; i < 200 && !runCtbun(["state", id]).stdout.includes('"stopped"'); i++) Bun.sleepSync(10);
    const r = runCtbun(["events", id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`container with id ${id} is not running`);
    const s = runCtbun(["events", "--stats", id]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain("is not running");
    const live = start(["sleep", "1000"]);
    const bad = runCtbun(["events", "--interval", "0s", live]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("duration interval must be greater than 0");
    expect(runCtbun(["events", "no-such-ctr"]).stderr).toContain("container does not exist");
  });
});
