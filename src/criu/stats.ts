// CRIU's statistics images: `stats-dump` and `stats-restore`, written into CRIU's work
// directory (the images directory when no work directory is given) at the end of a dump or
// restore.
//
// File layout (CRIU's "service" image, little-endian):
//   u32 IMG_SERVICE_MAGIC  0x55105940
//   u32 STATS_MAGIC        0x57093306
//   u32 length, then `length` bytes of one encoded stats_entry
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stats_entry } from "./stats.gen.js";

export const IMG_SERVICE_MAGIC = 0x55105940;
export const STATS_MAGIC = 0x57093306;

/** Times in microseconds, counts in pages. */
export interface DumpStats {
  freezingTime: number;
  frozenTime: number;
  memdumpTime: number;
  memwriteTime: number;
  pagesScanned: number;
  pagesSkippedParent: number;
  pagesWritten: number;
  pagesLazy: number;
  irmapResolve?: number;
  pagePipes?: number;
  pagePipeBufs?: number;
  shpagesScanned?: number;
  shpagesSkippedParent?: number;
  shpagesWritten?: number;
}

export interface RestoreStats {
  pagesCompared: number;
  pagesSkippedCow: number;
  forkingTime: number;
  restoreTime: number;
  pagesRestored?: number;
}

export class StatsImageError extends Error {}

/** uint64 fields come back as Long objects (protobufjs finds the `long` package) or numbers. */
function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v && typeof v === "object" && "toNumber" in v) return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0);
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Decode a stats image; `which` names it in errors. */
export function decodeStatsImage(buf: Uint8Array, which = "stats"): stats_entry {
  if (buf.length < 12) throw new StatsImageError(`${which}: image too short (${buf.length} bytes)`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const m0 = dv.getUint32(0, true);
  const m1 = dv.getUint32(4, true);
  if (m0 !== IMG_SERVICE_MAGIC || m1 !== STATS_MAGIC)
    throw new StatsImageError(`${which}: bad magic 0x${m0.toString(16)}/0x${m1.toString(16)}`);
  const len = dv.getUint32(8, true);
  if (12 + len > buf.length) throw new StatsImageError(`${which}: entry of ${len} bytes is cut short`);
  return stats_entry.decode(buf.subarray(12, 12 + len));
}

/** Build the on-disk bytes of a stats image (tests, and tools that fake CRIU output). */
export function encodeStatsImage(entry: stats_entry.$Properties): Uint8Array {
  const body = stats_entry.encode(entry).finish();
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, IMG_SERVICE_MAGIC, true);
  dv.setUint32(4, STATS_MAGIC, true);
  dv.setUint32(8, body.length, true);
  out.set(body, 12);
  return out;
}

export function dumpStatsFrom(entry: stats_entry): DumpStats | undefined {
  const d = entry.dump;
  if (!d) return undefined;
  const out: DumpStats = {
    freezingTime: d.freezing_time,
    frozenTime: d.frozen_time,
    memdumpTime: d.memdump_time,
    memwriteTime: d.memwrite_time,
    pagesScanned: num(d.pages_scanned),
    pagesSkippedParent: num(d.pages_skipped_parent),
    pagesWritten: num(d.pages_written),
    pagesLazy: num(d.pages_lazy),
  };
  if (has(d, "irmap_resolve")) out.irmapResolve = d.irmap_resolve ?? 0;
  if (has(d, "page_pipes")) out.pagePipes = num(d.page_pipes);
  if (has(d, "page_pipe_bufs")) out.pagePipeBufs = num(d.page_pipe_bufs);
  if (has(d, "shpages_scanned")) out.shpagesScanned = num(d.shpages_scanned);
  if (has(d, "shpages_skipped_parent")) out.shpagesSkippedParent = num(d.shpages_skipped_parent);
  if (has(d, "shpages_written")) out.shpagesWritten = num(d.shpages_written);
  return out;
}

export function restoreStatsFrom(entry: stats_entry): RestoreStats | undefined {
  const r = entry.restore;
  if (!r) return undefined;
  const out: RestoreStats = {
    pagesCompared: num(r.pages_compared),
    pagesSkippedCow: num(r.pages_skipped_cow),
    forkingTime: r.forking_time,
    restoreTime: r.restore_time,
  };
  if (has(r, "pages_restored")) out.pagesRestored = num(r.pages_restored);
  return out;
}

function readImage(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** `<dir>/stats-dump`, or undefined when CRIU left none (e.g. a failed dump). */
export function readDumpStats(dir: string): DumpStats | undefined {
  const buf = readImage(join(dir, "stats-dump"));
  return buf && dumpStatsFrom(decodeStatsImage(buf, "stats-dump"));
}

/** `<dir>/stats-restore`, or undefined when CRIU left none. */
export function readRestoreStats(dir: string): RestoreStats | undefined {
  const buf = readImage(join(dir, "stats-restore"));
  return buf && restoreStatsFrom(decodeStatsImage(buf, "stats-restore"));
}

/** One line for --debug logs: "freezing 123us frozen 4567us memdump ... pages written 12". */
export function formatDumpStats(s: DumpStats): string {
  return (
    `freezing ${s.freezingTime}us frozen ${s.frozenTime}us memdump ${s.memdumpTime}us memwrite ${s.memwriteTime}us ` +
    `pages scanned ${s.pagesScanned} skipped-parent ${s.pagesSkippedParent} written ${s.pagesWritten} lazy ${s.pagesLazy}`
  );
}

export function formatRestoreStats(s: RestoreStats): string {
  return (
    `forking ${s.forkingTime}us restore ${s.restoreTime}us pages compared ${s.pagesCompared} ` +
    `skipped-cow ${s.pagesSkippedCow}${s.pagesRestored === undefined ? "" : ` restored ${s.pagesRestored}`}`
  );
}
