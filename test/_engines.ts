// Helpers shared by the engine tests (test/integration/engines-*.test.ts).
import { readFileSync } from "node:fs";

export const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export interface Res {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command to completion with a clean environment (PATH only, unless env is given). */
export function sh(cmd: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Res {
  const r = Bun.spawnSync(cmd, { env: opts.env ?? { PATH }, stdin: "ignore", stdout: "pipe", stderr: "pipe", timeout: opts.timeoutMs ?? 30000 });
  return { code: r.exitCode ?? 128 + 9, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

export async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

/** Detach every mount below dir, deepest first (snapshots, rootfs, shm an engine left). */
export function unmountUnder(dir: string): void {
  const mounts = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4])
    .filter((m): m is string => !!m && m.startsWith(dir + "/"))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) sh(["umount", "-l", m]);
}
