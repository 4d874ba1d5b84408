// cgroups across checkpoint/restore (root, real CRIU): the restored tree is in the container's
// cgroups in every hierarchy, seen from the host and (cgroup namespace) as "/" from inside;
// CRIU itself is gone from them; `update` acts on the restored container; a process in a nested
// cgroup comes back in it (CRIU places the tasks then, see restore.ts criuCgroupsFor).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { criuSpawnSupported } from "../../src/linux/shim.ts";
import { defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";

const criu = Bun.which("criu", { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" });
const skipReason = !isRoot ? "needs root" : !criu ? "criu not found in PATH" : "";
if (skipReason) console.warn(`checkpoint cgroup tests skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;

const made: string[] = [];
const dirs: string[] = [];
const cgDirs: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
  for (const d of cgDirs.reverse()) {
    try {
      rmdirSync(d);
    } catch {}
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmpDir(prefix: string): string {
  const d = mkdtempSync(`/tmp/ctbun-ckcg-${prefix}-`);
  dirs.push(d);
  return d;
}

async function start(prefix: string, patch: (c: any) => void = () => {}) {
  const id = uniqueId(prefix);
  made.push(id);
  const c = defaultConfig(["sh", "-c", "sleep 1000 & while true; do sleep 0.1; done"]);
  patch(c);
  const bundle = makeBundle(c);
  dirs.push(bundle);
  const r = runCtbun(["run", "-d", "-b", bundle, id]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return { id, bundle, images: tmpDir("img") };
}

interface Saved {
  pid: number;
  cgroup: { mode: string; paths: Record<string, string>; mountpoints: Record<string, string> };
}
const saved = (id: string): Saved => JSON.parse(readFileSync(join(TEST_ROOT, id, "state.json"), "utf8"));

/** /proc/<pid>/cgroup as hierarchy key ("" = cgroup2, else its controllers) -> path. */
function procCgroups(pid: number): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of readFileSync(`/proc/${pid}/cgroup`, "utf8").trim().split("\n")) {
    const [, ctrls, ...rest] = l.split(":");
    m.set(ctrls!, rest.join(":"));
  }
  return m;
}

/** The container's own cgroup in each hierarchy, relative to its root, from the state file. */
function expectedCgroups(s: Saved): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, dir] of Object.entries(s.cgroup.paths)) {
    const mnt = s.cgroup.mountpoints[k]!;
    m.set(k, dir.slice(mnt.length) || "/");
  }
  return m;
}

/** Every process of the container (the init and its descendants). */
function treePids(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    for (const t of readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, "utf8").trim().split(" ").filter(Boolean)) out.push(Number(t));
  }
  return out;
}

function checkpointRestore(id: string, bundle: string, img: string): void {
  const ck = runCtbun(["checkpoint", "--image-path", img, id]);
  expect(ck.stderr).toBe("");
  expect(ck.code).toBe(0);
  const rs = runCtbun(["restore", "-d", "--image-path", img, "-b", bundle, id]);
  expect(rs.stderr).toBe("");
  expect(rs.code).toBe(0);
}

function expectInContainerCgroups(id: string): Saved {
  const s = saved(id);
  const want = expectedCgroups(s);
  const pids = treePids(s.pid);
  expect(pids.length).toBeGreaterThanOrEqual(2);
  for (const p of pids) {
    // a child the shell is forking right now is listed before the kernel gives it its parent's
    // cgroups (it shows the root ones for that moment): look again at one that does not match
    const read = () => (existsSync(`/proc/${p}`) ? procCgroups(p) : undefined);
    let got: Map<string, string> | undefined;
    try {
      got = read();
      for (let i = 0; i < 20 && got && [...want].some(([k, path]) => got!.get(k) !== path); i++) {
        Bun.sleepSync(10);
        got = read();
      }
    } catch {
      got = read(); // it exited while being read: undefined, or it is still there and must match
    }
    if (!got) continue; // a sleep that has finished
    // every hierarchy the process is in, and the container has a cgroup in, is the container's
    for (const [k, path] of want) expect({ p, k, path: got.get(k) }).toEqual({ p, k, path });
    expect(got.size).toBe(want.size);
  }
  // CRIU (started in them) is gone: the cgroups hold exactly the container's processes
  for (const [k, dir] of Object.entries(s.cgroup.paths)) {
    if (k !== "" && s.cgroup.mode === "unified") continue;
    const procs = readFileSync(join(dir, "cgroup.procs"), "utf8").trim().split("\n").map(Number).sort();
    expect({ k, procs }).toEqual({ k, procs: [...pids].sort() });
  }
  return s;
}

suite("cgroups across checkpoint/restore", () => {
  test("the restored tree is in the container's cgroups in every hierarchy; inside its cgroup namespace they are /", async () => {
    const { id, bundle, images } = await start("ckcg");
    await Bun.sleep(200);
    for (let round = 0; round < 2; round++) {
      checkpointRestore(id, bundle, join(images, `r${round}`));
      const s = expectInContainerCgroups(id);
      // a tree of two processes at the top of the container's cgroups: CRIU was started in them
      // and placed nothing itself (its cgroup.procs writes each wait ~10 ms for an RCU grace period)
      const log = readFileSync(join(images, `r${round}`, "restore.log"), "utf8");
      if (criuSpawnSupported()) expect({ criuPlacedTasks: log.includes("cgns prefix") }).toEqual({ criuPlacedTasks: false });
      // its own cgroup namespace, rooted at the container's cgroups
      expect(readlinkSync(`/proc/${s.pid}/ns/cgroup`)).not.toBe(readlinkSync("/proc/self/ns/cgroup"));
      const inside = runCtbun(["exec", id, "cat", "/proc/self/cgroup"]);
      expect(inside.code).toBe(0);
      // (exec joins the init's cgroup namespace and cgroups: "/" means the namespace's root is
      // the container's cgroup)
      for (const l of inside.stdout.trim().split("\n")) expect(l).toMatch(/:\/$/);
    }
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
  });

  test("without a cgroup namespace too", async () => {
    const { id, bundle, images } = await start("ckcgnons", (c) => {
      c.linux.namespaces = c.linux.namespaces.filter((n: any) => n.type !== "cgroup");
    });
    await Bun.sleep(200);
    checkpointRestore(id, bundle, images);
    const s = expectInContainerCgroups(id);
    expect(readlinkSync(`/proc/${s.pid}/ns/cgroup`)).toBe(readlinkSync("/proc/self/ns/cgroup"));
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
  });

  test("update --memory acts on the restored container", async () => {
    const { id, bundle, images } = await start("ckcgupd");
    await Bun.sleep(200);
    checkpointRestore(id, bundle, images);
    const s = saved(id);
    const up = runCtbun(["update", "--memory", "67108864", id]);
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    const mem = s.cgroup.paths["memory"];
    const file = mem ? join(mem, "memory.limit_in_bytes") : join(s.cgroup.paths[""]!, "memory.max");
    expect(readFileSync(file, "utf8").trim()).toBe("67108864");
    // and the restored init is the one it limits
    const key = mem ? "memory" : "";
    expect(procCgroups(s.pid).get(key)).toBe(expectedCgroups(s).get(key));
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
  });

  test("a process in a nested cgroup comes back in it", async () => {
    const { id, bundle, images } = await start("ckcgnest");
    await Bun.sleep(200);
    const s0 = saved(id);
    // the container's `sleep 1000` moved into <container>/sub in some hierarchies (not cpuset,
    // whose new cgroups have no cpus)
    const nested = (k: string) => ["memory", "pids", ""].includes(k);
    const sleeper = treePids(s0.pid).find((p) => readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith("sleep\0" + "1000"))!;
    expect(sleeper).toBeGreaterThan(0);
    for (const [k, dir] of Object.entries(s0.cgroup.paths)) {
      if (!nested(k)) continue;
      const sub = join(dir, "sub");
      mkdirSync(sub);
      cgDirs.push(sub);
      writeFileSync(join(sub, "cgroup.procs"), String(sleeper));
    }
    checkpointRestore(id, bundle, images);
    const s = saved(id);
    const want = expectedCgroups(s);
    const pids = treePids(s.pid);
    const restored = pids.find((p) => readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith("sleep\0" + "1000"))!;
    expect(restored).toBeGreaterThan(0);
    for (const [k, path] of want) {
      expect({ k, path: procCgroups(s.pid).get(k) }).toEqual({ k, path });
      expect({ k, path: procCgroups(restored).get(k) }).toEqual({ k, path: nested(k) ? `${path}/sub` : path });
    }
    // the whole tree (killing the init of its pid namespace kills the rest, the nested one too)
    process.kill(s.pid, "SIGKILL");
    for (let i = 0; i < 200 && existsSync(`/proc/${restored}`); i++) await Bun.sleep(10);
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
    expect(existsSync(join(TEST_ROOT, id))).toBe(false);
  });
});
