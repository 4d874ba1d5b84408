// Helpers shared by the v1 and v2 managers.
import { posix } from "node:path";
import { CtbunError } from "../errors.ts";
import type { LinuxResources } from "../spec/types.ts";
import { EACCES, EBUSY, EINTR, EINVAL, ENOENT, EPERM, EROFS, errnoOf, type CgroupFs } from "./fs.ts";

export type FreezerState = "THAWED" | "FREEZING" | "FROZEN" | "UNKNOWN";

export type Sleep = (ms: number) => Promise<void>;
export const defaultSleep: Sleep = (ms) => Bun.sleep(ms);

/** Errors a rootless runtime expects from a cgroup tree it does not own. */
export function isPermissionError(e: unknown): boolean {
  const n = errnoOf(e);
  return n === EPERM || n === EACCES || n === EROFS;
}

export function isNotExist(e: unknown): boolean {
  return errnoOf(e) === ENOENT;
}

/**
 * Write one value into dir/file. A failure reads like runc's:
 * `failed to write "1000": write /sys/fs/cgroup/.../pids.max: invalid argument` (the errno
 * stays reachable through `cause` for callers that branch on it).
 */
export function writeCg(fs: CgroupFs, dir: string, file: string, value: string): void {
  try {
    fs.writeFile(posix.join(dir, file), value);
  } catch (e) {
    throw new CtbunError(`failed to write ${JSON.stringify(value)}`, { cause: e });
  }
}

/** Add a pid to a cgroup: retries EINVAL a few times (a task still in TASK_NEW), as runc does. */
export function writeProc(fs: CgroupFs, dir: string, pid: number): void {
  for (let i = 0; ; i++) {
    try {
      fs.writeFile(posix.join(dir, "cgroup.procs"), String(pid));
      return;
    } catch (e) {
      if (errnoOf(e) === EINVAL && i < 5) {
        Bun.sleepSync(30);
        continue;
      }
      throw new CtbunError(`failed to write ${pid}`, { cause: e });
    }
  }
}

/** All pids in dir and its sub-cgroups. */
export function allPids(fs: CgroupFs, dir: string): number[] {
  const out = new Set<number>();
  const walk = (d: string) => {
    let text: string;
    try {
      text = fs.readFile(posix.join(d, "cgroup.procs"));
    } catch (e) {
      if (isNotExist(e)) return;
      throw e;
    }
    for (const l of text.split("\n")) if (l.trim()) out.add(Number(l));
    for (const ent of fs.readdir(d)) if (ent.isDir) walk(posix.join(d, ent.name));
  };
  walk(dir);
  return [...out];
}

/** rmdir with runc's patience for EBUSY (tasks that are still exiting). Missing is fine. */
export function rmdirRetry(fs: CgroupFs, path: string, retry: boolean): void {
  let delay = 1;
  for (let tries = 10; ; ) {
    try {
      fs.rmdir(path);
      return;
    } catch (e) {
      const n = errnoOf(e);
      if (n === ENOENT) return;
      if (n === EINTR) continue;
      if (n === EBUSY && retry && tries-- > 0) {
        Bun.sleepSync(delay);
        delay *= 2;
        continue;
      }
      throw e;
    }
  }
}

/** Remove a cgroup and every sub-cgroup in it, deepest first. */
export function removeTree(fs: CgroupFs, path: string): void {
  try {
    rmdirRetry(fs, path, false);
    return;
  } catch {
    // has children, or busy: fall through
  }
  let entries;
  try {
    entries = fs.readdir(path);
  } catch (e) {
    if (isNotExist(e)) return;
    throw e;
  }
  for (const ent of entries) if (ent.isDir) removeTree(fs, posix.join(path, ent.name));
  rmdirRetry(fs, path, true);
}

/**
 * Remove the leaf cgroups and then the parents ctbun created, deepest first. Directories ctbun
 * did not create are left alone; a created parent that is still in use is kept.
 */
export function destroyDirs(fs: CgroupFs, leaves: string[], created: readonly string[]): void {
  const own = new Set(created);
  const errors: unknown[] = [];
  for (const leaf of leaves) {
    if (!own.has(leaf)) continue;
    try {
      removeTree(fs, leaf);
    } catch (e) {
      errors.push(e);
    }
  }
  const parents = [...own].filter((d) => !leaves.includes(d)).sort((a, b) => b.length - a.length);
  for (const p of parents) {
    try {
      rmdirRetry(fs, p, false);
    } catch {
      // not empty (another container under it) or busy: keep it
    }
  }
  if (errors.length) throw new CtbunError("failed to remove cgroup paths", { cause: errors[0] });
}

/**
 * Poll `check` until it returns true: a few immediate re-checks, then sleeps of 1, 2, 4 ... ms
 * up to `maxStepMs`, giving up after `totalMs`. Returns false on timeout.
 */
export async function pollUntil(
  check: (attempt: number) => boolean,
  sleep: Sleep,
  opts: { totalMs?: number; maxStepMs?: number; spins?: number } = {},
): Promise<boolean> {
  const total = opts.totalMs ?? 10_000;
  const maxStep = opts.maxStepMs ?? 16;
  const spins = opts.spins ?? 3;
  const start = performance.now();
  let step = 1;
  for (let i = 0; ; i++) {
    if (check(i)) return true;
    if (performance.now() - start >= total) return false;
    if (i < spins) continue;
    await sleep(step);
    step = Math.min(step * 2, maxStep);
  }
}

/** Resolve a numeric signal or a name ("KILL", "SIGKILL") for process.kill. */
export function signalOf(sig: number | string): number | NodeJS.Signals {
  if (typeof sig === "number") return sig;
  const s = sig.toUpperCase();
  return (s.startsWith("SIG") ? s : `SIG${s}`) as NodeJS.Signals;
}

export function isSigkill(sig: number | string): boolean {
  return sig === 9 || signalOf(sig) === "SIGKILL";
}

/** Send a signal to each pid; pids that are already gone are skipped. */
export function signalPids(pids: number[], sig: number | string): void {
  const s = signalOf(sig);
  for (const pid of pids) {
    try {
      process.kill(pid, s);
    } catch (e) {
      if ((e as { code?: string }).code !== "ESRCH") throw e;
    }
  }
}

/** Signal every pid of a cgroup with the cgroup frozen, so nothing forks past the signal
 * (frozen tasks get it on thaw); when freezing is impossible, signal anyway. */
export async function signalAllFrozen(cg: { freeze(): Promise<void>; thaw(): void; pids(): number[] }, sig: number | string, canFreeze: boolean): Promise<void> {
  let frozen = false;
  if (canFreeze) {
    try {
      await cg.freeze();
      frozen = true;
    } catch {
      // signal anyway
    }
  }
  try {
    signalPids(cg.pids(), sig);
  } finally {
    if (frozen) cg.thaw();
  }
}

/** Merge the created lists, keeping order and uniqueness. */
export function addCreated(list: string[], more: string[]): void {
  for (const d of more) if (!list.includes(d)) list.push(d);
}

/** rdma.max takes one "<device> hca_handle=N hca_object=M" line per write (v1 and v2 alike). */
export function setRdma(fs: CgroupFs, dir: string, r: LinuxResources): void {
  for (const [dev, v] of Object.entries(r.rdma ?? {})) {
    const parts = [dev];
    if (v.hcaHandles !== undefined) parts.push(`hca_handle=${v.hcaHandles}`);
    if (v.hcaObjects !== undefined) parts.push(`hca_object=${v.hcaObjects}`);
    if (parts.length > 1) writeCg(fs, dir, "rdma.max", parts.join(" "));
  }
}

/** Poll a counter; call onOom once per increase. stop() looks once more, then stops. */
export function pollOom(read: () => number | undefined, onOom: () => void, intervalMs = 50): () => Promise<void> {
  let last = read() ?? 0;
  const check = () => {
    let now: number | undefined;
    try {
      now = read();
    } catch (e) {
      if (!isNotExist(e)) throw e;
    }
    if (now === undefined) return;
    for (; last < now; last++) onOom();
  };
  const t = setInterval(check, intervalMs);
  return async () => {
    clearInterval(t);
    check();
  };
}

/**
 * When a wake-up source says an OOM happened, look at the kill counter now and a few times
 * shortly after: the kernel signals (v1 memory.oom_control eventfd) before it picks and kills
 * a victim. An OOM that kills nothing (OOM killer disabled, a victim still dying) moves nothing.
 */
export const OOM_RECHECK_MS = [1, 5, 20, 100, 500];

export function oomOnWake(read: () => number | undefined, onOom: () => void): { wake(): void; flush(): void } {
  const safeRead = () => {
    try {
      return read();
    } catch {
      return undefined; // the cgroup is gone (its removal signals the eventfd too)
    }
  };
  let last = safeRead() ?? 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const check = () => {
    const now = safeRead();
    for (; now !== undefined && last < now; last++) onOom();
  };
  return {
    wake() {
      check();
      for (const ms of OOM_RECHECK_MS) {
        const t = setTimeout(() => {
          timers.delete(t);
          check();
        }, ms);
        timers.add(t);
      }
    },
    flush() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      check();
    },
  };
}
