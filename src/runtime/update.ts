// `ctbun update`: change the cgroup limits of a live container.
//
// As runc does, the partial LinuxResources from the command line is merged into the resources
// recorded at create (so inter-dependent values such as memory and memory+swap are applied
// together), the merged set is written through the cgroup manager (devices excepted: update
// never changes device rules), and only after that succeeds is it saved into state.json,
// where a later restore finds it. If applying fails, the old values are written back.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { UpdateOptions } from "../cli/update.ts";
import { ContainerNotRunningError, CtbunError } from "../errors.ts";
import { log } from "../log.ts";
import type { LinuxResources } from "../spec/types.ts";
import { cgroupOf } from "./cgroup.ts";
import { readSavedState, statusOf, writeSavedState } from "./state.ts";

/** The command-line flag that sets each field, for error messages. */
const FLAG_OF: Record<string, string> = {
  "memory.limit": "--memory",
  "memory.reservation": "--memory-reservation",
  "memory.swap": "--memory-swap",
  "cpu.shares": "--cpu-share",
  "cpu.quota": "--cpu-quota",
  "cpu.period": "--cpu-period",
  "cpu.burst": "--cpu-burst",
  "cpu.realtimePeriod": "--cpu-rt-period",
  "cpu.realtimeRuntime": "--cpu-rt-runtime",
  "cpu.cpus": "--cpuset-cpus",
  "cpu.mems": "--cpuset-mems",
  "cpu.idle": "--cpu-idle",
  "blockIO.weight": "--blkio-weight",
  "pids.limit": "--pids-limit",
};

function bad(field: string, value: unknown, why: string): CtbunError {
  const flag = FLAG_OF[field];
  return new CtbunError(`invalid value for ${field}${flag ? ` (${flag})` : ""}: ${JSON.stringify(value)}: ${why}`);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function checkObject(field: string, v: unknown): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw bad(field, v, "expected a JSON object");
  return v;
}

function checkInt(field: string, v: unknown, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, why?: string): void {
  if (v === undefined || v === null) return;
  if (typeof v !== "number" || !Number.isSafeInteger(v)) throw bad(field, v, "expected an integer");
  if (v < min || v > max) throw bad(field, v, why ?? `must be between ${min} and ${max}`);
}

const CPU_LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/**
 * Check the types and ranges of a partial LinuxResources (from flags or from `-r`), with a
 * message naming the field and flag. Limits the kernel would reject with a bare EINVAL are
 * caught here.
 */
export function validateResources(r: unknown): LinuxResources {
  if (!isObj(r)) throw new CtbunError("invalid resources: expected a JSON object");
  const mem = checkObject("memory", r.memory);
  if (mem) {
    for (const k of ["limit", "reservation", "swap"] as const) {
      checkInt(`memory.${k}`, mem[k], -1, Number.MAX_SAFE_INTEGER, "must be a size in bytes, or -1 for unlimited");
    }
    checkInt("memory.swappiness", mem.swappiness, -1, 100, "must be between 0 and 100");
    for (const k of ["kernel", "kernelTCP"] as const) checkInt(`memory.${k}`, mem[k]);
    for (const k of ["disableOOMKiller", "useHierarchy", "checkBeforeUpdate"] as const) {
      if (mem[k] !== undefined && typeof mem[k] !== "boolean") throw bad(`memory.${k}`, mem[k], "expected true or false");
    }
  }
  const cpu = checkObject("cpu", r.cpu);
  if (cpu) {
    const shares = cpu.shares;
    checkInt("cpu.shares", shares, 0, 262144, "must be between 2 and 262144");
    if (shares === 1) throw bad("cpu.shares", shares, "must be between 2 and 262144");
    checkInt("cpu.quota", cpu.quota, -1, Number.MAX_SAFE_INTEGER, "must be -1 (unlimited) or at least 1000 microseconds");
    if (typeof cpu.quota === "number" && cpu.quota > 0 && cpu.quota < 1000) throw bad("cpu.quota", cpu.quota, "must be -1 (unlimited) or at least 1000 microseconds");
    checkInt("cpu.period", cpu.period, 0, 1_000_000, "must be between 1000 and 1000000 microseconds");
    if (typeof cpu.period === "number" && cpu.period > 0 && cpu.period < 1000) throw bad("cpu.period", cpu.period, "must be between 1000 and 1000000 microseconds");
    checkInt("cpu.burst", cpu.burst, 0, Number.MAX_SAFE_INTEGER, "must not be negative");
    checkInt("cpu.realtimePeriod", cpu.realtimePeriod, 0, Number.MAX_SAFE_INTEGER, "must not be negative");
    checkInt("cpu.realtimeRuntime", cpu.realtimeRuntime, -1, Number.MAX_SAFE_INTEGER, "must be -1 or a number of microseconds");
    checkInt("cpu.idle", cpu.idle, 0, 1, "must be 0 or 1");
    for (const k of ["cpus", "mems"] as const) {
      const v = cpu[k];
      if (v === undefined || v === null || v === "") continue;
      if (typeof v !== "string" || !CPU_LIST.test(v.replace(/\s/g, ""))) throw bad(`cpu.${k}`, v, 'expected a list such as "0-3" or "0,2"');
    }
  }
  const pids = checkObject("pids", r.pids);
  if (pids) checkInt("pids.limit", pids.limit);
  const bio = checkObject("blockIO", r.blockIO);
  if (bio) {
    for (const k of ["weight", "leafWeight"] as const) {
      checkInt(`blockIO.${k}`, bio[k], 0, 1000, "must be between 10 and 1000");
      if (typeof bio[k] === "number" && (bio[k] as number) > 0 && (bio[k] as number) < 10) throw bad(`blockIO.${k}`, bio[k], "must be between 10 and 1000");
    }
    for (const k of ["weightDevice", "throttleReadBpsDevice", "throttleWriteBpsDevice", "throttleReadIOPSDevice", "throttleWriteIOPSDevice"] as const) {
      const list = bio[k];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) throw bad(`blockIO.${k}`, list, "expected an array");
      list.forEach((d, i) => {
        if (!isObj(d)) throw bad(`blockIO.${k}[${i}]`, d, "expected a JSON object");
        checkInt(`blockIO.${k}[${i}].major`, d.major, 0);
        checkInt(`blockIO.${k}[${i}].minor`, d.minor, 0);
        for (const f of ["rate", "weight", "leafWeight"]) checkInt(`blockIO.${k}[${i}].${f}`, d[f], 0);
      });
    }
  }
  if (r.hugepageLimits !== undefined && r.hugepageLimits !== null) {
    if (!Array.isArray(r.hugepageLimits)) throw bad("hugepageLimits", r.hugepageLimits, "expected an array");
    r.hugepageLimits.forEach((h, i) => {
      if (!isObj(h) || typeof h.pageSize !== "string" || !/^\d+[KMG]B$/.test(h.pageSize)) {
        throw bad(`hugepageLimits[${i}].pageSize`, isObj(h) ? h.pageSize : h, 'expected a page size such as "2MB"');
      }
      checkInt(`hugepageLimits[${i}].limit`, h.limit, 0);
    });
  }
  const unified = checkObject("unified", r.unified);
  if (unified) {
    for (const [k, v] of Object.entries(unified)) {
      if (typeof v !== "string") throw bad(`unified.${k}`, v, "expected a string");
      if (k.includes("/") || k.startsWith(".")) throw bad("unified", k, "not a cgroup file name");
    }
  }
  checkObject("network", r.network);
  checkObject("rdma", r.rdma);
  return r as LinuxResources;
}

function dropNulls<T extends Obj>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/**
 * `patch` over `old`: sub-objects merge field by field, lists and scalars replace, and
 * `devices` is never taken from the patch. `memory.limit: -1` without a swap value also makes
 * swap unlimited (runc's "both unlimited" compatibility rule).
 */
export function mergeResources(old: LinuxResources | undefined, patch: LinuxResources): LinuxResources {
  const out: LinuxResources = structuredClone(old ?? {});
  const p = patch as Obj;
  for (const key of ["memory", "cpu", "blockIO", "pids", "network", "unified", "rdma"] as const) {
    const v = p[key];
    if (!isObj(v)) continue;
    (out as Obj)[key] = { ...((out as Obj)[key] as Obj | undefined), ...dropNulls(v) };
  }
  if (Array.isArray(patch.hugepageLimits)) {
    const bySize = new Map((out.hugepageLimits ?? []).map((h) => [h.pageSize, h]));
    for (const h of patch.hugepageLimits) bySize.set(h.pageSize, h);
    out.hugepageLimits = [...bySize.values()];
  }
  if (patch.memory?.limit === -1 && (patch.memory.swap === undefined || patch.memory.swap === null)) {
    out.memory = { ...out.memory, swap: -1 };
  }
  return out;
}

/** Relations between merged values the kernel would refuse with a bare "invalid argument". */
function checkMerged(r: LinuxResources, patch: LinuxResources): void {
  const m = r.memory;
  if (m && m.limit !== undefined && m.swap !== undefined && m.limit > 0 && m.swap > 0 && m.swap < m.limit) {
    const which = patch.memory?.swap !== undefined ? "memory.swap (--memory-swap)" : "memory.limit (--memory)";
    throw new CtbunError(
      `invalid value for ${which}: memory+swap limit ${m.swap} is lower than the memory limit ${m.limit}; ` +
        "set --memory-swap to at least --memory (or -1 for unlimited)",
    );
  }
  if (m && m.reservation !== undefined && m.limit !== undefined && m.limit > 0 && m.reservation > m.limit) {
    throw new CtbunError(`invalid value for memory.reservation (--memory-reservation): ${m.reservation} is above the memory limit ${m.limit}`);
  }
  const c = r.cpu;
  if (c?.realtimeRuntime !== undefined && c.realtimePeriod && c.realtimeRuntime > c.realtimePeriod) {
    throw new CtbunError(
      `invalid value for cpu.realtimeRuntime (--cpu-rt-runtime): ${c.realtimeRuntime} is above the realtime period ${c.realtimePeriod}`,
    );
  }
}

/** Expand "0-2,5" into its members. */
export function parseList(list: string): number[] {
  const out: number[] = [];
  for (const part of list.replace(/\s/g, "").split(",")) {
    if (!part) continue;
    const [a, b] = part.split("-").map(Number);
    for (let i = a!; i <= (b ?? a!); i++) out.push(i);
  }
  return out;
}

/** cpus/mems must be a subset of the parent cgroup's (else the kernel answers ERANGE/EINVAL). */
function checkCpuset(dir: string | undefined, patch: LinuxResources): void {
  if (!dir) return;
  for (const [key, file] of [
    ["cpus", "cpus"],
    ["mems", "mems"],
  ] as const) {
    const want = patch.cpu?.[key];
    if (!want) continue;
    let avail: string | undefined;
    for (const name of [`cpuset.effective_${file}`, `cpuset.${file}`]) {
      try {
        avail = readFileSync(join(dirname(dir), name), "utf8").trim();
        break;
      } catch {}
    }
    if (avail === undefined) continue;
    const ok = new Set(parseList(avail));
    const missing = parseList(want).filter((n) => !ok.has(n));
    if (missing.length) {
      throw new CtbunError(
        `invalid value for cpu.${key} (--cpuset-${key}): ${JSON.stringify(want)}: ${key === "cpus" ? "CPUs" : "memory nodes"} ${missing.slice(0, 8).join(",")}${missing.length > 8 ? ",..." : ""} are not available (available: ${avail})`,
      );
    }
  }
}

function withoutDevices(r: LinuxResources): LinuxResources {
  const { devices: _d, ...rest } = r;
  return rest;
}

export async function update(opts: UpdateOptions): Promise<void> {
  if (opts.l3CacheSchema) throw new CtbunError("Intel RDT/CAT: l3 cache schema is not enabled (Intel RDT is not supported by ctbun)");
  if (opts.memBwSchema) throw new CtbunError("Intel RDT/MBA: memory bandwidth schema is not enabled (Intel RDT is not supported by ctbun)");
  const patch = validateResources(opts.resources);
  for (const k of ["kernel", "kernelTCP"] as const) {
    if (patch.memory?.[k] !== undefined) log.warn(`memory.${k} is obsolete and ignored`);
  }
  const s = readSavedState(opts.root, opts.id);
  if (statusOf(opts.root, s) === "stopped") throw new ContainerNotRunningError();
  const cg = cgroupOf(s);
  if (!cg) throw new CtbunError("cannot update a container without a cgroup");
  const old = s.config.linux?.resources ?? {};
  const merged = mergeResources(old, patch);
  if (merged.memory) {
    delete merged.memory.kernel;
    delete merged.memory.kernelTCP;
  }
  checkMerged(merged, patch);
  checkCpuset(cg.paths().cpuset, patch);
  try {
    cg.set(withoutDevices(merged));
  } catch (e) {
    try {
      cg.set(withoutDevices(old));
    } catch (e2) {
      log.warn(
        `Setting back cgroup configs failed due to error: ${e2 instanceof Error ? e2.message : e2}, your state.json and actual configs might be inconsistent.`,
      );
    }
    throw new CtbunError("unable to update container resources", { cause: e });
  }
  s.config.linux = { ...s.config.linux, resources: merged };
  writeSavedState(opts.root, s);
}
