import { describe, expect, test } from "bun:test";
import { tempDir } from "../../_harness.ts";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { compareCriuVersion, encodeCriuVersion, formatCriuVersion, missingFeatures } from "../../../src/criu/version.ts";
import { decodeStatsImage, dumpStatsFrom, encodeStatsImage, readDumpStats, readRestoreStats, restoreStatsFrom } from "../../../src/criu/stats.ts";

describe("criu version numbers", () => {
  test("major*10000 + minor*100 + sublevel", () => {
    expect(encodeCriuVersion({ major_number: 4, minor_number: 1, sublevel: 1 })).toBe(40101);
    expect(encodeCriuVersion({ major_number: 3, minor_number: 17 })).toBe(31700);
    expect(formatCriuVersion(40101)).toBe("4.1.1");
  });
  test("a git build counts as the next minor", () => {
    expect(encodeCriuVersion({ major_number: 4, minor_number: 1, sublevel: 1, gitid: "v4.1.1-12-gdeadbee" })).toBe(40200);
  });
  test("runc's error text", () => {
    expect(() => compareCriuVersion(30000, 31600)).toThrow("CRIU version 30000 must be 31600 or higher");
    expect(() => compareCriuVersion(40101, 30000)).not.toThrow();
  });
});

describe("missing features", () => {
  test("names in runc's order; unanswered features are not missing", () => {
    expect(missingFeatures({ mem_track: true, lazy_pages: true }, { mem_track: false, lazy_pages: false })).toEqual(["MemTrack", "LazyPages"]);
    expect(missingFeatures({ mem_track: true }, { mem_track: false, lazy_pages: false })).toEqual(["MemTrack"]);
    expect(missingFeatures({ lazy_pages: true }, { lazy_pages: true })).toEqual([]);
    expect(missingFeatures({ mem_track: true }, {})).toEqual([]);
    expect(missingFeatures({ mem_track: true }, null)).toEqual([]);
  });
});

describe("stats images", () => {
  const dump = {
    freezing_time: 403,
    frozen_time: 15141,
    memdump_time: 882,
    memwrite_time: 189,
    pages_scanned: 49,
    pages_skipped_parent: 0,
    pages_written: 35,
    pages_lazy: 0,
    irmap_resolve: 0,
    page_pipes: 8,
  };
  test("dump round trip gives plain numbers", () => {
    const s = dumpStatsFrom(decodeStatsImage(encodeStatsImage({ dump })))!;
    expect(s).toEqual({
      freezingTime: 403,
      frozenTime: 15141,
      memdumpTime: 882,
      memwriteTime: 189,
      pagesScanned: 49,
      pagesSkippedParent: 0,
      pagesWritten: 35,
      pagesLazy: 0,
      irmapResolve: 0,
      pagePipes: 8,
    });
    expect(typeof s.pagesScanned).toBe("number");
  });
  test("64-bit counts above 2^32", () => {
    const s = dumpStatsFrom(decodeStatsImage(encodeStatsImage({ dump: { ...dump, pages_written: 2 ** 40 + 3 } })))!;
    expect(s.pagesWritten).toBe(2 ** 40 + 3);
  });
  test("restore", () => {
    const r = restoreStatsFrom(decodeStatsImage(encodeStatsImage({ restore: { pages_compared: 9, pages_skipped_cow: 2, forking_time: 486, restore_time: 7196, pages_restored: 33 } })));
    expect(r).toEqual({ pagesCompared: 9, pagesSkippedCow: 2, forkingTime: 486, restoreTime: 7196, pagesRestored: 33 });
  });
  test("the on-disk header is CRIU's", () => {
    const b = encodeStatsImage({ dump });
    expect(Buffer.from(b.subarray(0, 8)).toString("hex")).toBe("4059105506330957");
  });
  test("files: present, absent, corrupt", () => {
    const dir = tempDir("ctbun-stats-");
    expect(readDumpStats(dir)).toBeUndefined();
    expect(readRestoreStats(dir)).toBeUndefined();
    writeFileSync(join(dir, "stats-dump"), encodeStatsImage({ dump }));
    expect(readDumpStats(dir)?.frozenTime).toBe(15141);
    writeFileSync(join(dir, "stats-restore"), Buffer.from("garbage-garbage"));
    expect(() => readRestoreStats(dir)).toThrow("stats-restore: bad magic");
    const cut = encodeStatsImage({ dump }).subarray(0, 20);
    writeFileSync(join(dir, "stats-dump"), cut);
    expect(() => readDumpStats(dir)).toThrow("cut short");
  });
});
