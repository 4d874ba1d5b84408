// The CRIU RPC client against the real CRIU: VERSION, FEATURE_CHECK, and a DUMP + RESTORE of a
// plain process with notifications and stats. Needs root and criu (>= 4.1 on this kernel).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { closeFd, openDir } from "../../src/criu/options.ts";
import { readDumpStats, readRestoreStats } from "../../src/criu/stats.ts";
import { CriuSwrkError, criuSwrk, criu_req_type } from "../../src/criu/swrk.ts";
import { checkCriuFeatures, criuFeatures, criuVersion } from "../../src/criu/version.ts";
import { libc } from "../../src/linux/libc.ts";

const isRoot = process.getuid?.() === 0;
const criu = Bun.which("criu", { PATH: `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` });
const skipReason = !isRoot ? "needs root" : !criu ? "criu not found in PATH" : "";
if (skipReason) console.warn(`criu-rpc integration tests skipped: ${skipReason}`);
const it = skipReason ? test.skip : test;

/** True while any task uses pid as its pid, process group or session (CRIU needs it free). */
function pidInUse(pid: number): boolean {
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
      if (+d === pid || +f[2]! === pid || +f[3]! === pid) return true;
    } catch {}
  }
  return false;
}

function readCount(dir: string): number {
  try {
    return Number(readFileSync(join(dir, "count"), "utf8").trim() || "0");
  } catch {
    return 0;
  }
}

let base = "";
beforeAll(() => {
  if (skipReason) return;
  base = mkdtempSync("/tmp/ctbun-criu-rpc-");
});
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

describe("criu RPC (real criu)", () => {
  it("VERSION matches `criu --version`, and is cached", async () => {
    const t = performance.now();
    const v = await criuVersion(criu!);
    const first = performance.now() - t;
    const cli = Bun.spawnSync([criu!, "--version"]).stdout.toString();
    expect(cli).toContain(`Version: ${v.text}`);
    expect(v.number).toBeGreaterThanOrEqual(40100);
    const t2 = performance.now();
    await criuVersion(criu!);
    expect(performance.now() - t2).toBeLessThan(first);
    const rt: number[] = [];
    for (let i = 0; i < 10; i++) rt.push((await criuSwrk({ type: criu_req_type.VERSION }, { criuPath: criu! })).timings.totalMs);
    rt.sort((a, b) => a - b);
    console.log(`VERSION round trip (spawn + RPC + exit): median ${rt[5]!.toFixed(2)} ms, min ${rt[0]!.toFixed(2)} ms`);
  });

  it("FEATURE_CHECK answers; no soft-dirty here, so pre-dump is refused with runc's text", async () => {
    const f = await criuFeatures({ mem_track: true, lazy_pages: true }, criu!);
    expect(typeof f.mem_track).toBe("boolean");
    expect(typeof f.lazy_pages).toBe("boolean");
    console.log(`FEATURE_CHECK: ${JSON.stringify(f)}`);
    if (f.mem_track === false) {
      await expect(checkCriuFeatures({ mem_track: true }, criu!)).rejects.toThrow("criu is missing features: [MemTrack]");
    } else {
      await checkCriuFeatures({ mem_track: true }, criu!);
    }
  }, 60000);

  it("a failed DUMP reports runc's error and quotes the log", async () => {
    const img = join(base, "bad");
    mkdirSync(img);
    const fd = openDir(img);
    try {
      const e = await criuSwrk(
        { type: criu_req_type.DUMP, opts: { images_dir_fd: fd, pid: 999999, log_level: 4, log_file: "dump.log" } },
        { criuPath: criu!, logDir: img, logFile: "dump.log", timeoutMs: 30000 },
      ).catch((x) => x);
      expect(e).toBeInstanceOf(CriuSwrkError);
      expect(e.message).toStartWith("criu failed: type DUMP errno");
      expect(e.quoted.some((l: string) => l.includes("Error"))).toBe(true);
    } finally {
      closeFd(fd);
    }
  }, 60000);

  it("DUMP + RESTORE of a counter: notifications, stats, the count goes on", async () => {
    const dir = join(base, "x");
    const img = join(base, "img");
    const work = join(base, "work");
    for (const d of [dir, img, work]) mkdirSync(d);
    Bun.spawnSync(["mkfifo", join(dir, "tick")]);
    // no child processes (a `sleep` child would be re-parented to pid 1 on dump and keep the
    // session id busy until pid 1 reaps it), its own session, stdio /dev/null
    const loop = `i=0; while :; do i=$((i+1)); echo $i > ${dir}/count; read -t 0.1 x <> ${dir}/tick; done`;
    const p = Bun.spawn(["setsid", "busybox", "sh", "-c", loop], { stdio: ["ignore", "ignore", "ignore"] });
    const pid = p.pid;
    while (readCount(dir) < 5) await Bun.sleep(50);

    const imgFd = openDir(img);
    const workFd = openDir(work);
    let restoredPid = 0;
    try {
      // 1. a notify handler that fails aborts the dump and leaves the process running
      const e = await criuSwrk(
        { type: criu_req_type.DUMP, opts: { images_dir_fd: imgFd, work_dir_fd: workFd, pid, log_level: 4, log_file: "dump.log", notify_scripts: true } },
        {
          criuPath: criu!,
          timeoutMs: 60000,
          onNotify: (n) => {
            if (n.script === "pre-dump") throw new Error("refused by the test");
          },
        },
      ).catch((x) => x);
      expect(e.message).toBe("refused by the test");
      const c0 = readCount(dir);
      await Bun.sleep(300);
      expect(readCount(dir)).toBeGreaterThan(c0);
      expect(existsSync(`/proc/${pid}`)).toBe(true);

      // 2. the real dump
      const dumpNotes: string[] = [];
      const d = await criuSwrk(
        {
          type: criu_req_type.DUMP,
          opts: { images_dir_fd: imgFd, work_dir_fd: workFd, pid, log_level: 4, log_file: "dump.log", notify_scripts: true, leave_running: false, shell_job: false },
        },
        { criuPath: criu!, timeoutMs: 60000, logDir: work, logFile: "dump.log", onNotify: (n) => void dumpNotes.push(n.script) },
      );
      const atDump = readCount(dir);
      expect(d.resp.success).toBe(true);
      expect(dumpNotes).toContain("pre-dump");
      expect(dumpNotes).toContain("post-dump");
      await p.exited;
      expect(p.signalCode).toBe("SIGKILL");
      const ds = readDumpStats(work)!;
      expect(ds).toBeDefined();
      expect(ds.pagesWritten).toBeGreaterThan(0);
      expect(ds.frozenTime).toBeGreaterThan(0);
      console.log(`DUMP: ${d.timings.totalMs.toFixed(1)} ms total (${d.timings.rpcMs.toFixed(1)} ms RPC), notifies ${dumpNotes.join(",")}; stats ${JSON.stringify(ds)}`);

      // 3. restore as our child (rst_sibling) once the pid is free
      const w = performance.now();
      while (pidInUse(pid)) {
        if (performance.now() - w > 10000) throw new Error(`pid ${pid} still in use`);
        await Bun.sleep(5);
      }
      const rstNotes: { script: string; pid: number }[] = [];
      const r = await criuSwrk(
        { type: criu_req_type.RESTORE, opts: { images_dir_fd: imgFd, work_dir_fd: workFd, log_level: 4, log_file: "restore.log", notify_scripts: true, rst_sibling: true, shell_job: false } },
        {
          criuPath: criu!,
          timeoutMs: 60000,
          logDir: work,
          logFile: "restore.log",
          stdio: ["ignore", "ignore", "ignore"],
          onNotify: (n) => void rstNotes.push({ script: n.script, pid: n.pid }),
        },
      );
      restoredPid = r.resp.restore!.pid;
      expect(restoredPid).toBe(pid);
      const post = rstNotes.find((n) => n.script === "post-restore");
      expect(post?.pid).toBe(pid);
      const st = readFileSync(`/proc/${restoredPid}/stat`, "utf8");
      expect(Number(st.slice(st.lastIndexOf(")") + 2).split(" ")[1])).toBe(process.pid); // our child
      const rs = readRestoreStats(work)!;
      expect(rs).toBeDefined();
      expect(rs.restoreTime).toBeGreaterThan(0);
      console.log(`RESTORE: ${r.timings.totalMs.toFixed(1)} ms total (${r.timings.rpcMs.toFixed(1)} ms RPC), notifies ${rstNotes.map((n) => n.script).join(",")}; stats ${JSON.stringify(rs)}`);

      // the counter continues from where it was frozen, not from 0
      while (readCount(dir) === atDump) await Bun.sleep(20);
      const after = readCount(dir);
      expect(after).toBeGreaterThan(atDump);
      expect(after).toBeLessThanOrEqual(atDump + 3);
    } finally {
      closeFd(imgFd);
      closeFd(workFd);
      try {
        p.kill("SIGKILL");
      } catch {}
      if (restoredPid) {
        try {
          process.kill(restoredPid, "SIGKILL");
        } catch {}
        libc.symbols.waitpid(restoredPid, new Int32Array(1), 0);
      }
    }
  }, 120000);
});
