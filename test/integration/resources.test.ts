// Limits doing their job on this machine's cgroups: memory OOM (reported by events) and a
// pids limit stopping a fork bomb (root only).
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { ctbunExe, defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";

const made: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
});

function bundle(args: string[], resources: object): string {
  const c = defaultConfig(args);
  Object.assign(c.linux.resources, resources);
  return makeBundle(c);
}

const MiB = 1024 * 1024;

describe.skipIf(!isRoot)("memory limit", () => {
  test("a process allocating past the limit is OOM-killed and events reports it", async () => {
    const id = uniqueId("oom");
    made.push(id);
    // busybox tail keeps the current line in memory: /dev/zero has no newline, so it grows
    // until the kernel kills it. The init waits for a go file, so events is listening first.
    const args = ["sh", "-c", "while [ ! -e /tmp/go ]; do usleep 10000; done; tail /dev/zero; echo status=$? > /tmp/st; sleep 1000"];
    const c = defaultConfig(args);
    c.root.readonly = false;
    c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["size=1m"] });
    Object.assign(c.linux.resources, { memory: { limit: 32 * MiB, swap: 32 * MiB } });
    expect(runCtbun(["run", "-d", "-b", makeBundle(c), id]).code).toBe(0);
    const ev = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "events", "--interval", "10s", id], { stdout: "pipe", stderr: "pipe" });
    await Bun.sleep(300);
    const pid = JSON.parse(runCtbun(["state", id]).stdout).pid;
    // create /tmp/go inside the container's mount namespace
    await Bun.write(`/proc/${pid}/root/tmp/go`, "");
    const oomControl = `/sys/fs/cgroup/memory/ctbun/${id}/memory.oom_control`;
    const kills = () => Number(/oom_kill (\d+)/.exec(readFileSync(oomControl, "utf8"))?.[1] ?? 0);
    for (let i = 0; i < 500 && kills() === 0; i++) await Bun.sleep(10);
    expect(kills()).toBeGreaterThanOrEqual(1);
    // the container survives (only tail died, with SIGKILL)
    const stFile = `/proc/${pid}/root/tmp/st`;
    for (let i = 0; i < 200 && !(await Bun.file(stFile).exists()); i++) await Bun.sleep(10);
    expect(readFileSync(stFile, "utf8").trim()).toBe("status=137");
    const st = JSON.parse(runCtbun(["events", "--stats", id]).stdout);
    expect(st.data.memory.usage.limit).toBe(32 * MiB);
    expect(st.data.memory.usage.max).toBeLessThanOrEqual(32 * MiB);
    expect(st.data.memory.usage.max).toBeGreaterThan(28 * MiB); // it did reach the limit
    expect(JSON.parse(runCtbun(["state", id]).stdout).status).toBe("running");
    // stop the container: events prints what it saw and exits 0
    runCtbun(["kill", id, "KILL"]);
    const code = await Promise.race([ev.exited, Bun.sleep(5000).then(() => "timeout")]);
    if (code === "timeout") ev.kill();
    expect(code).toBe(0);
    const lines = (await new Response(ev.stdout).text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ type: "oom", id });
    expect(lines.filter((l) => l.type === "oom").length).toBe(kills());
  });

  test("an init that outgrows the limit is killed and events ends after reporting the OOM", async () => {
    const id = uniqueId("oominit");
    made.push(id);
    expect(runCtbun(["run", "-d", "-b", bundle(["sh", "-c", "sleep 0.5; exec tail /dev/zero"], { memory: { limit: 24 * MiB, swap: 24 * MiB } }), id]).code).toBe(0);
    const ev = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "events", id], { stdout: "pipe", stderr: "pipe" });
    const code = await Promise.race([ev.exited, Bun.sleep(10000).then(() => "timeout")]);
    if (code === "timeout") ev.kill();
    expect(code).toBe(0);
    expect((await new Response(ev.stdout).text()).trim()).toBe(JSON.stringify({ type: "oom", id }));
    expect(JSON.parse(runCtbun(["state", id]).stdout).status).toBe("stopped");
  });
});

describe.skipIf(!isRoot)("pids limit", () => {
  test("pids.limit 20 stops a fork bomb; the container and the host carry on", async () => {
    const id = uniqueId("pids");
    made.push(id);
    // a shell fork bomb: every function call forks two more, forever; the init itself then
    // becomes a sleep without forking (a fork of its own could be one of the refused ones)
    const bomb = "b() { b | b & }; b; exec sleep 100000";
    expect(runCtbun(["run", "-d", "-b", bundle(["sh", "-c", bomb], { pids: { limit: 20 } }), id]).code).toBe(0);
    const dir = `/sys/fs/cgroup/pids/ctbun/${id}`;
    await Bun.sleep(1000);
    expect(Number(readFileSync(`${dir}/pids.current`, "utf8"))).toBeLessThanOrEqual(20);
    expect(Number(/max (\d+)/.exec(readFileSync(`${dir}/pids.events`, "utf8"))?.[1] ?? 0)).toBeGreaterThan(0); // forks were refused
    expect(JSON.parse(runCtbun(["state", id]).stdout).status).toBe("running");
    const st = JSON.parse(runCtbun(["events", "--stats", id]).stdout);
    expect(st.data.pids.limit).toBe(20);
    expect(st.data.pids.current).toBeLessThanOrEqual(20);
    // the host can still fork
    expect(Bun.spawnSync(["true"]).exitCode).toBe(0);
    // kill --all ends the bomb
    expect(runCtbun(["kill", "--all", id, "KILL"]).code).toBe(0);
    for (let i = 0; i < 300 && Number(readFileSync(`${dir}/pids.current`, "utf8")) > 0; i++) await Bun.sleep(10);
    expect(Number(readFileSync(`${dir}/pids.current`, "utf8"))).toBe(0);
  });
});
