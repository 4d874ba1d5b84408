// Pieces shared by `ctbun checkpoint` and `ctbun restore`: the CRIU version (cached on disk per
// binary), v1 cgroup binds of a container, statistics output, and step timings for --debug.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { CgroupV1Bind } from "../criu/options.ts";
import { formatDumpStats, formatRestoreStats, type DumpStats, type RestoreStats } from "../criu/stats.ts";
import { compareCriuVersion, criuVersion } from "../criu/version.ts";
import { isDebug, log } from "../log.ts";
import { readCgroupMounts } from "./rootfs.ts";

/** Where `criu` resolves to: the --criu path, else the first `criu` in PATH. */
export function resolveCriu(criuPath?: string): string {
  if (criuPath) return criuPath;
  return Bun.which("criu") ?? "criu";
}

/**
 * The installed CRIU's version number, at least `min`. Asking CRIU costs a process start (a few
 * ms); the answer is kept in <root>/.criu-version keyed by the binary's path, size, mtime and
 * inode, so it is asked again only when the binary changes.
 */
export async function criuVersionAtLeast(root: string, criu: string, min: number): Promise<number> {
  let key = "";
  try {
    const st = statSync(criu);
    key = `${criu}:${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {}
  const cacheFile = join(root, ".criu-version");
  if (key) {
    try {
      const c = JSON.parse(readFileSync(cacheFile, "utf8")) as { key: string; number: number };
      if (c.key === key && typeof c.number === "number") {
        compareCriuVersion(c.number, min);
        return c.number;
      }
    } catch {}
  }
  const v = await criuVersion(criu);
  compareCriuVersion(v.number, min);
  if (key) {
    try {
      mkdirSync(root, { recursive: true, mode: 0o711 });
      const tmp = `${cacheFile}.${process.pid}`;
      writeFileSync(tmp, JSON.stringify({ key, number: v.number, text: v.text }), { mode: 0o600 });
      renameSync(tmp, cacheFile);
    } catch {}
  }
  return v.number;
}

/** A v1 hierarchy's key in /proc/PID/cgroup for a mount's super options. */
function hierarchyKey(controllers: string[]): string {
  return controllers.join(",");
}

/**
 * The v1 hierarchies a container without a cgroup namespace sees as bind mounts: each host
 * hierarchy's mountpoint and the container's directory in it (from /proc/PID/cgroup).
 */
export function cgroupV1BindsOf(pid: number | "self"): CgroupV1Bind[] {
  const { mounts } = readCgroupMounts();
  const own: Record<string, string> = {};
  try {
    for (const line of readFileSync(`/proc/${pid}/cgroup`, "utf8").split("\n")) {
      const m = /^\d+:([^:]*):(.*)$/.exec(line);
      if (m) own[m[1]!] = m[2]!;
    }
  } catch {}
  const out: CgroupV1Bind[] = [];
  for (const cm of mounts) {
    const key = cm.fstype === "cgroup2" ? "" : hierarchyKey(cm.controllers);
    const p = own[key];
    if (p === undefined) continue;
    out.push({ mountPoint: cm.mountPoint, hostPath: `${cm.mountPoint}${p === "/" ? "" : p}` });
  }
  return out;
}

/** True when the host has v1 hierarchies (legacy or hybrid layout). */
export function hostHasV1(): boolean {
  return readCgroupMounts().mounts.some((m) => m.fstype === "cgroup");
}

/** Step timings, logged at --debug: "checkpoint timings: freeze 0.1ms criu 52.3ms ...". */
export class Steps {
  private t = performance.now();
  readonly start = this.t;
  readonly marks: Record<string, number> = {};
  mark(name: string): void {
    const now = performance.now();
    this.marks[name] = (this.marks[name] ?? 0) + (now - this.t);
    this.t = now;
  }
  log(what: string): void {
    if (!isDebug()) return;
    const parts = Object.entries(this.marks).map(([k, v]) => `${k} ${v.toFixed(1)}ms`);
    log.debug(`${what} timings: ${parts.join(" ")} total ${(performance.now() - this.start).toFixed(1)}ms`);
  }
  json(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.marks)) out[k] = Math.round(v * 1000) / 1000;
    out.total = Math.round((performance.now() - this.start) * 1000) / 1000;
    return out;
  }
}

/** Log CRIU's statistics at --debug. */
export function logStats(kind: "dump" | "restore", s: DumpStats | RestoreStats | undefined): void {
  if (!s) {
    log.debug(`no stats-${kind} image`);
    return;
  }
  log.debug(`criu ${kind} stats: ${kind === "dump" ? formatDumpStats(s as DumpStats) : formatRestoreStats(s as RestoreStats)}`);
}

/** --print-stats: one JSON object on stdout. */
export function printStatsJson(obj: unknown): void {
  const text = JSON.stringify(obj, (_k, v) => (typeof v === "bigint" ? Number(v) : v), 2) + "\n";
  const buf = Buffer.from(text);
  let off = 0;
  while (off < buf.length) off += writeSync(1, buf, off);
}
