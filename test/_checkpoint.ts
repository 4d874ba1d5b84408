// Shared set-up of the checkpoint/restore integration tests: CRIU detection, and per test file
// (call checkpointFixtures() at the top level) a busybox counter container that writes into a
// bind-mounted host directory, with everything it made removed after the file's tests.
import { afterAll, describe, expect } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "./_harness.ts";

export const criu = Bun.which("criu", { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" });
export const skipReason = !isRoot ? "needs root" : !criu ? "criu not found in PATH" : "";
export const COUNTER = "i=0; while true; do i=$((i+1)); echo $i > /data/count; sleep 0.1; done";

/** The number a counter last wrote to `file` (0 before its first write). */
export function readCount(file: string): number {
  try {
    return Number(readFileSync(file, "utf8").trim() || "0");
  } catch {
    return 0;
  }
}

/** Wait until the counter in `file` reaches `atLeast` (or `ms` pass); its value then. */
export async function waitCountIn(file: string, atLeast: number, ms = 5000): Promise<number> {
  const end = Date.now() + ms;
  let c = readCount(file);
  while (c < atLeast && Date.now() < end) {
    await Bun.sleep(20);
    c = readCount(file);
  }
  return c;
}

/** The counter of a counterBundle (its host directory `data`). */
export const count = (data: string): number => readCount(join(data, "count"));
export const waitCount = (data: string, atLeast: number, ms = 5000): Promise<number> => waitCountIn(join(data, "count"), atLeast, ms);

export function status(id: string): string | undefined {
  const r = runCtbun(["state", id]);
  return r.code === 0 ? JSON.parse(r.stdout).status : undefined;
}

/** Nothing of container `id` is left: no state dir, no cgroup, no criu-root mount. */
export function expectNoTrace(id: string): void {
  expect(existsSync(join(TEST_ROOT, id))).toBe(false);
  for (const ctrl of ["freezer", "memory", "pids", "cpu"]) expect(existsSync(`/sys/fs/cgroup/${ctrl}/ctbun/${id}`)).toBe(false);
  expect(readFileSync("/proc/self/mountinfo", "utf8")).not.toContain(`/${id}/criu-root`);
}

export function checkpointFixtures(file: string) {
  if (skipReason) console.warn(`${file}: checkpoint integration tests skipped: ${skipReason}`);
  const made: string[] = [];
  const dirs: string[] = [];
  afterAll(() => {
    for (const id of made) forceDelete(id);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const tmpDir = (prefix: string): string => {
    const d = mkdtempSync(`/tmp/ctbun-ck-${prefix}-`);
    dirs.push(d);
    return d;
  };
  /** A bundle running the counter with /data bound to a fresh host dir. */
  const counterBundle = (patch: (c: any) => void = () => {}): { bundle: string; data: string } => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", COUNTER]);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    patch(c);
    const bundle = makeBundle(c);
    dirs.push(bundle);
    return { bundle, data };
  };
  const startCounter = async (prefix: string, patch?: (c: any) => void) => {
    const id = uniqueId(prefix);
    made.push(id);
    const { bundle, data } = counterBundle(patch);
    const r = runCtbun(["run", "-d", "-b", bundle, id]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(await waitCount(data, 3)).toBeGreaterThanOrEqual(3);
    return { id, bundle, data, images: tmpDir("img") };
  };
  /** An id for a container the test makes itself (deleted after the file's tests). */
  const newId = (prefix: string): string => {
    const id = uniqueId(prefix);
    made.push(id);
    return id;
  };
  return { made, dirs, tmpDir, counterBundle, startCounter, newId, suite: skipReason ? describe.skip : describe };
}
