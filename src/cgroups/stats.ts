// runc's `events --stats` data (types.Stats in runc's types/events.go), and the parsers that fill
// it from v1 and v2 files. Field names and omission rules follow runc's JSON tags: fields
// tagged omitempty are left out when zero, the rest are always present.
import { posix } from "node:path";
import type { CgroupFs } from "./fs.ts";
import { parseCpuList } from "./convert.ts";

export interface PsiData {
  avg10: number;
  avg60: number;
  avg300: number;
  total: number;
}
export interface PsiStats {
  some?: PsiData;
  full?: PsiData;
}
export interface CpuUsage {
  total?: number;
  percpu?: number[];
  percpu_kernel?: number[];
  percpu_user?: number[];
  kernel: number;
  user: number;
}
export interface Throttling {
  periods?: number;
  throttledPeriods?: number;
  throttledTime?: number;
}
export interface CpuSetStats {
  cpus?: number[];
  cpu_exclusive: number;
  mems?: number[];
  mem_hardwall: number;
  mem_exclusive: number;
  memory_migrate: number;
  memory_spread_page: number;
  memory_spread_slab: number;
  memory_pressure: number;
  sched_load_balance: number;
  sched_relax_domain_level: number;
}
export interface MemoryEntry {
  limit: number;
  usage?: number;
  max?: number;
  failcnt: number;
}
export interface BlkioEntry {
  major?: number;
  minor?: number;
  op?: string;
  value?: number;
}
export interface BlkioStats {
  ioServiceBytesRecursive?: BlkioEntry[];
  ioServicedRecursive?: BlkioEntry[];
  ioQueueRecursive?: BlkioEntry[];
  ioServiceTimeRecursive?: BlkioEntry[];
  ioWaitTimeRecursive?: BlkioEntry[];
  ioMergedRecursive?: BlkioEntry[];
  ioTimeRecursive?: BlkioEntry[];
  sectorsRecursive?: BlkioEntry[];
  psi?: PsiStats;
}
export interface HugetlbStats {
  usage?: number;
  max?: number;
  failcnt: number;
}

/** runc types.Stats, as `ctbun events --stats` prints it in "data". */
export interface RuncStats {
  cpu: { usage: CpuUsage; throttling: Throttling; psi?: PsiStats };
  cpuset: CpuSetStats;
  memory: {
    cache?: number;
    usage: MemoryEntry;
    swap: MemoryEntry;
    kernel: MemoryEntry;
    kernelTCP: MemoryEntry;
    raw?: Record<string, number>;
    psi?: PsiStats;
  };
  pids: { current?: number; limit?: number };
  blkio: BlkioStats;
  hugetlb: Record<string, HugetlbStats>;
  intel_rdt: Record<string, never>;
  network_interfaces: null;
}

/**
 * A zero RuncStats. The optional fields are listed (as undefined, which JSON.stringify drops)
 * so that keys come out in runc's order when they are filled in.
 */
export function emptyStats(): RuncStats {
  const mem = (): MemoryEntry => ({ limit: 0, usage: undefined, max: undefined, failcnt: 0 });
  const u = undefined;
  return {
    cpu: {
      usage: { total: u, percpu: u, percpu_kernel: u, percpu_user: u, kernel: 0, user: 0 },
      throttling: { periods: u, throttledPeriods: u, throttledTime: u },
      psi: u,
    },
    cpuset: {
      cpus: u,
      cpu_exclusive: 0,
      mems: u,
      mem_hardwall: 0,
      mem_exclusive: 0,
      memory_migrate: 0,
      memory_spread_page: 0,
      memory_spread_slab: 0,
      memory_pressure: 0,
      sched_load_balance: 0,
      sched_relax_domain_level: 0,
    },
    memory: { cache: u, usage: mem(), swap: mem(), kernel: mem(), kernelTCP: mem(), raw: u, psi: u },
    pids: { current: u, limit: u },
    blkio: {},
    hugetlb: {},
    intel_rdt: {},
    network_interfaces: null,
  };
}

/** Drop the omitempty fields that are zero/empty (runc's encoder does the same). */
export function setIfNonZero<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v === undefined || v === 0 || (Array.isArray(v) && v.length === 0)) return;
  o[k] = v;
}

// ---- file helpers --------------------------------------------------------------------------

/** Contents of dir/name, or undefined when the file does not exist or cannot be read. */
export function tryRead(fs: CgroupFs, dir: string, name: string): string | undefined {
  try {
    return fs.readFile(posix.join(dir, name));
  } catch {
    return undefined;
  }
}

/**
 * "max" on v2 is reported as the largest u64, as runc does. A JS number cannot hold
 * 18446744073709551615, so it is kept as 2^64 (exact in a double) and statsJson() prints it
 * as the u64 maximum, which Go decoders (containerd) accept.
 */
export const U64_MAX = 2 ** 64;

/**
 * Exact decimal texts of the integers above 2^53 that parseUint has read (v1 reports "no
 * limit" as 9223372036854771712, which a double prints as 9223372036854772000): statsJson
 * writes them back digit for digit, as Go's uint64 encoding does.
 */
const exactTexts = new Map<string, string>([[String(U64_MAX), "18446744073709551615"]]);

/** JSON text of stats (or an events envelope holding them) with large integers written exactly. */
export function statsJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/(?<=[:\[,]\s*)\d{17,}(?=\s*[,}\]])/g, (n) => exactTexts.get(n) ?? n);
}

/** A single number; "max" reads as U64_MAX. */
export function parseUint(s: string): number {
  const t = s.trim();
  if (t === "max") return U64_MAX;
  const n = Number(t);
  if (!Number.isFinite(n)) return 0;
  if (n > Number.MAX_SAFE_INTEGER && /^\d+$/.test(t)) exactTexts.set(String(n), t);
  return n;
}

export function readUint(fs: CgroupFs, dir: string, name: string): number | undefined {
  const s = tryRead(fs, dir, name);
  return s === undefined ? undefined : parseUint(s);
}

/** "key value" lines (memory.stat, cpu.stat, memory.events). */
export function parseKeyValues(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^(\S+)\s+(\S+)$/.exec(line.trim());
    if (m) out[m[1]!] = parseUint(m[2]!);
  }
  return out;
}

/** A PSI file: "some avg10=0.00 avg60=0.00 avg300=0.00 total=0" (+ "full ..."). */
export function parsePsi(text: string): PsiStats {
  const out: PsiStats = {};
  for (const line of text.split("\n")) {
    const [kind, ...kvs] = line.trim().split(/\s+/);
    if (kind !== "some" && kind !== "full") continue;
    const d: PsiData = { avg10: 0, avg60: 0, avg300: 0, total: 0 };
    for (const kv of kvs) {
      const [k, v] = kv.split("=");
      if (k === "avg10" || k === "avg60" || k === "avg300" || k === "total") d[k] = Number(v);
    }
    out[kind] = d;
  }
  return out;
}

/** v1 blkio files: "8:0 Read 123" lines (the "Total N" line is skipped) or "8:0 123". */
export function parseBlkioFile(text: string): BlkioEntry[] {
  const out: BlkioEntry[] = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/[\s:]+/).filter(Boolean);
    if (f.length < 3) continue;
    const e: BlkioEntry = {};
    setIfNonZero(e, "major", Number(f[0]));
    setIfNonZero(e, "minor", Number(f[1]));
    if (f.length >= 4) e.op = f[2];
    setIfNonZero(e, "value", Number(f[f.length - 1]));
    out.push(e);
  }
  return out;
}

/** v2 io.stat ("8:0 rbytes=1 wbytes=2 rios=3 wios=4 ...") in v1 terms (Read/Write tables). */
export function parseIoStat(text: string): BlkioStats {
  const bytes: BlkioEntry[] = [];
  const ios: BlkioEntry[] = [];
  for (const line of text.split("\n")) {
    const [dev, ...kvs] = line.trim().split(/\s+/);
    const m = /^(\d+):(\d+)$/.exec(dev ?? "");
    if (!m) continue;
    for (const kv of kvs) {
      const [k, v] = kv.split("=");
      const table = k === "rbytes" || k === "wbytes" ? bytes : k === "rios" || k === "wios" ? ios : undefined;
      if (!table) continue;
      const e: BlkioEntry = {};
      setIfNonZero(e, "major", Number(m[1]));
      setIfNonZero(e, "minor", Number(m[2]));
      e.op = k!.startsWith("r") ? "Read" : "Write";
      setIfNonZero(e, "value", Number(v));
      table.push(e);
    }
  }
  const out: BlkioStats = {};
  setIfNonZero(out, "ioServiceBytesRecursive", bytes);
  setIfNonZero(out, "ioServicedRecursive", ios);
  return out;
}

export function parseCpusetStats(fs: CgroupFs, dir: string, prefix: string, into: CpuSetStats): void {
  const cpus = tryRead(fs, dir, `${prefix}cpus`);
  const mems = tryRead(fs, dir, `${prefix}mems`);
  if (cpus !== undefined) setIfNonZero(into, "cpus", parseCpuList(cpus));
  if (mems !== undefined) setIfNonZero(into, "mems", parseCpuList(mems));
  const nums: [keyof CpuSetStats, string][] = [
    ["cpu_exclusive", "cpu_exclusive"],
    ["mem_hardwall", "mem_hardwall"],
    ["mem_exclusive", "mem_exclusive"],
    ["memory_migrate", "memory_migrate"],
    ["memory_spread_page", "memory_spread_page"],
    ["memory_spread_slab", "memory_spread_slab"],
    ["memory_pressure", "memory_pressure"],
    ["sched_load_balance", "sched_load_balance"],
    ["sched_relax_domain_level", "sched_relax_domain_level"],
  ];
  for (const [key, file] of nums) {
    const s = tryRead(fs, dir, prefix + file);
    if (s !== undefined) (into as unknown as Record<string, number>)[key] = Number(s.trim()) || 0;
  }
}

/** Huge page size names ("2MB", "1GB") from /sys/kernel/mm/hugepages. */
export function hugePageSizes(fs: CgroupFs): string[] {
  try {
    return fs
      .readdir("/sys/kernel/mm/hugepages")
      .map((d) => /^hugepages-(\d+)kB$/.exec(d.name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => {
        const kb = Number(m[1]);
        return kb >= 1 << 20 ? `${kb >> 20}GB` : kb >= 1 << 10 ? `${kb >> 10}MB` : `${kb}KB`;
      });
  } catch {
    return [];
  }
}
