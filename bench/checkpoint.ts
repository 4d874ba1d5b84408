// Checkpoint/restore benchmark: ctbun vs runc vs CRIU alone (`criu dump` / `criu restore` of the
// same program as a plain process), interleaved per repetition, for containers whose process
// touches N MiB. Wall-clock ms of each CLI invocation (process start included), medians and
// ratios against CRIU alone.
//   bun bench/checkpoint.ts [--reps 9] [--sizes 16,256,1024] [--images /tmp] [--no-runc] [--archive]
// --archive adds ctbun's checkpoint --export / restore --import (zstd) against its plain ones.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultConfig } from "../test/_harness.ts";
import { busyboxRootfs } from "../scripts/rootfs.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : def;
};
const REPS = Number(opt("--reps", "9"));
const SIZES = opt("--sizes", "16,256,1024").split(",").map(Number);
const IMAGES = opt("--images", "/tmp");
const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const criu = Bun.which("criu", { PATH })!;
const ctbun = join(import.meta.dir, "..", "ctbun");
const runc = args.includes("--no-runc") ? undefined : Bun.which("runc", { PATH });
const ARCHIVE = args.includes("--archive");

const work = mkdtempSync(join(IMAGES, "ctbun-ckbench-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

// a static program that touches N MiB, says so in a file, then sleeps
const src = join(work, "touch.c");
writeFileSync(
  src,
  `#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
int main(int c, char **v) {
  size_t n = (size_t)atol(v[1]) << 20;
  char *p = malloc(n);
  for (size_t i = 0; i < n; i += 4096) p[i] = (char)(i >> 12) | 1;
  int fd = open(v[2], O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, "ok", 2);
  close(fd);
  for (;;) pause();
}
`,
);
const rootfs = join(work, "rootfs");
Bun.spawnSync(["cp", "-a", busyboxRootfs(), rootfs]);
const bin = join(rootfs, "bin", "touchmem");
const cc = Bun.spawnSync(["gcc", "-O2", "-static", "-o", bin, src], { stderr: "pipe" });
if (cc.exitCode !== 0) throw new Error(`gcc: ${cc.stderr}`);
const ready = join(work, "ready");
mkdirSync(ready);

function bundle(size: number): string {
  const dir = join(work, `bundle-${size}`);
  mkdirSync(dir, { recursive: true });
  const c = defaultConfig(["/bin/touchmem", String(size), "/ready/ok"]);
  c.root = { path: rootfs, readonly: true };
  c.mounts.push({ destination: "/ready", type: "bind", source: ready, options: ["rbind", "rw"] });
  c.linux.resources = { devices: [{ allow: false, access: "rwm" }] };
  writeFileSync(join(dir, "config.json"), JSON.stringify(c));
  return dir;
}

// stderr to a file, not a pipe: a detached container would hold a pipe open
const errFile = join(work, "stderr");
function timed(argv: string[], env?: Record<string, string>): number {
  const t = performance.now();
  const r = Bun.spawnSync(argv, { stdin: "ignore", stdout: "ignore", stderr: Bun.file(errFile), env: { PATH, ...env } });
  const ms = performance.now() - t;
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} exited ${r.exitCode}: ${readFileSync(errFile, "utf8").slice(-2000)}`);
  return ms;
}

async function waitReady(): Promise<void> {
  const f = join(ready, "ok");
  for (let i = 0; i < 3000 && !existsSync(f); i++) await Bun.sleep(5);
  if (!existsSync(f)) throw new Error("the program never got ready");
  rmSync(f);
}

function gone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, "latin1"));
  } catch {
    return true;
  }
}

type Row = Record<string, number[]>;
const results: Record<number, Row> = {};
const add = (size: number, k: string, ms: number) => ((results[size] ??= {})[k] ??= []).push(ms);

async function runtimeCycle(name: string, exe: string, root: string, size: number, b: string, record: boolean): Promise<void> {
  if (process.env.DEBUG) console.error(`cycle ${name} ${size}`);
  const id = `ckb-${process.pid}-${name}-${size}`;
  const img = join(work, `img-${name}-${size}`);
  rmSync(img, { recursive: true, force: true });
  Bun.spawnSync([exe, "--root", root, "delete", "--force", id], { stdio: ["ignore", "ignore", "ignore"] });
  // the container's stdio are /dev/null: runc cannot dump stdio on host files
  const run = Bun.spawnSync([exe, "--root", root, "run", "-d", "-b", b, id], { stdio: ["ignore", "ignore", "ignore"], env: { PATH } });
  if (run.exitCode !== 0) throw new Error(`${name} run -d failed`);
  await waitReady();
  Bun.spawnSync(["sync", "-f", IMAGES]);
  const ck = timed([exe, "--root", root, "checkpoint", "--image-path", img, id]);
  Bun.spawnSync(["sync", "-f", IMAGES]);
  const rs = timed([exe, "--root", root, "restore", "-d", "--image-path", img, "-b", b, id]);
  Bun.spawnSync([exe, "--root", root, "delete", "--force", id], { stdio: ["ignore", "ignore", "ignore"] });
  rmSync(img, { recursive: true, force: true });
  if (record) {
    add(size, `${name} checkpoint`, ck);
    add(size, `${name} restore`, rs);
  }
}

/** ctbun with one archive file instead of an image directory (TMPDIR for the import: IMAGES). */
async function archiveCycle(size: number, b: string, record: boolean): Promise<void> {
  const id = `ckb-${process.pid}-archive-${size}`;
  const file = join(work, `archive-${size}.tar.zst`);
  const root = "/run/ctbun-ckbench";
  Bun.spawnSync([ctbun, "--root", root, "delete", "--force", id], { stdio: ["ignore", "ignore", "ignore"] });
  const run = Bun.spawnSync([ctbun, "--root", root, "run", "-d", "-b", b, id], { stdio: ["ignore", "ignore", "ignore"], env: { PATH } });
  if (run.exitCode !== 0) throw new Error("ctbun run -d failed");
  await waitReady();
  Bun.spawnSync(["sync", "-f", IMAGES]);
  const ck = timed([ctbun, "--root", root, "checkpoint", "--export", file, id]);
  Bun.spawnSync(["sync", "-f", IMAGES]);
  const rs = timed([ctbun, "--root", root, "restore", "-d", "--import", file, "-b", b, id], { TMPDIR: IMAGES });
  Bun.spawnSync([ctbun, "--root", root, "delete", "--force", id], { stdio: ["ignore", "ignore", "ignore"] });
  rmSync(file, { force: true });
  if (record) {
    add(size, "ctbun export", ck);
    add(size, "ctbun import", rs);
  }
}

/**
 * CRIU alone as it runs here (no kerndat cache: /run is ext4), or `cached`: with ctbun's
 * kerndat cache at /run/criu.kdat (what ctbun shows CRIU in its private mount namespace).
 */
function kdatCache(): string | undefined {
  const dir = "/dev/shm/.ctbun-criu";
  try {
    const f = readdirSync(dir).find((x) => x.endsWith(".kdat"));
    return f ? join(dir, f) : undefined;
  } catch {
    return undefined;
  }
}
/** Run `argv`, with the cache copied to /run/criu.kdat for the duration when `cached`. */
function timedCriu(cached: boolean, argv: string[]): number {
  if (!cached) return timed([criu, ...argv]);
  const cache = kdatCache();
  if (!cache) throw new Error("no ctbun kerndat cache (run ctbun checkpoint once)");
  // CRIU loads the cache from wherever /run is; it only refuses to *write* one on non-tmpfs
  writeFileSync("/run/criu.kdat", readFileSync(cache), { mode: 0o600 });
  try {
    return timed([criu, ...argv]);
  } finally {
    writeFileSync("/run/criu.kdat", ""); // ctbun's empty placeholder again
  }
}

async function criuCycle(size: number, record: boolean, cached = false): Promise<void> {
  if (process.env.DEBUG) console.error(`cycle criu ${size}${cached ? " cached" : ""}`);
  const tag = cached ? "criu+kdat" : "criu";
  const img = join(work, `img-criu-${size}`);
  rmSync(img, { recursive: true, force: true });
  mkdirSync(img);
  const p = Bun.spawn(["setsid", join(rootfs, "bin", "touchmem"), String(size), join(ready, "ok")], { stdio: ["ignore", "ignore", "ignore"] });
  await waitReady();
  // setsid forks when it is a group leader; find the program itself
  let pid = p.pid;
  try {
    const kids = readFileSync(`/proc/${p.pid}/task/${p.pid}/children`, "utf8").trim();
    if (kids) pid = Number(kids.split(" ")[0]);
  } catch {}
  Bun.spawnSync(["sync", "-f", IMAGES]);
  const ck = timedCriu(cached, ["dump", "-t", String(pid), "-D", img, "-o", "dump.log", "-v4"]);
  await p.exited;
  for (let i = 0; i < 1000 && !gone(pid); i++) await Bun.sleep(2);
  Bun.spawnSync(["sync", "-f", IMAGES]);
  const rs = timedCriu(cached, ["restore", "-D", img, "-o", "restore.log", "-v4", "-d"]);
  try {
    process.kill(pid, "SIGKILL");
  } catch {}
  for (let i = 0; i < 1000 && !gone(pid); i++) await Bun.sleep(2);
  rmSync(img, { recursive: true, force: true });
  if (record) {
    add(size, `${tag} dump`, ck);
    add(size, `${tag} restore`, rs);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

for (const size of SIZES) {
  const b = bundle(size);
  for (let i = 0; i < REPS + 1; i++) {
    const record = i > 0; // one warm-up cycle
    const order: (() => Promise<void>)[] = [
      () => runtimeCycle("ctbun", ctbun, "/run/ctbun-ckbench", size, b, record),
      () => criuCycle(size, record),
      () => criuCycle(size, record, true),
    ];
    if (runc) order.push(() => runtimeCycle("runc", runc, "/run/runc-ckbench", size, b, record));
    if (ARCHIVE) order.push(() => archiveCycle(size, b, record));
    if (i % 2) order.reverse();
    for (const f of order) await f();
  }
  const r = results[size]!;
  const m = (k: string) => (r[k] ? median(r[k]!) : NaN);
  const line = (what: string, k: string, base: string) => `| ${size} MiB | ${what} | ${m(k).toFixed(1)} | ${m(base).toFixed(1)} | ${(m(k) / m(base)).toFixed(2)} |`;
  console.log(`\n| size | what | median ms | vs CRIU alone ms | ratio |\n|---|---|---:|---:|---:|`);
  console.log(line("ctbun checkpoint", "ctbun checkpoint", "criu dump"));
  console.log(line("ctbun checkpoint (vs CRIU+kdat cache)", "ctbun checkpoint", "criu+kdat dump"));
  if (runc) console.log(line("runc checkpoint", "runc checkpoint", "criu dump"));
  console.log(line("ctbun restore", "ctbun restore", "criu restore"));
  console.log(line("ctbun restore (vs CRIU+kdat cache)", "ctbun restore", "criu+kdat restore"));
  if (runc) console.log(line("runc restore", "runc restore", "criu restore"));
  if (ARCHIVE) {
    console.log(line("ctbun checkpoint --export (zstd) vs ctbun checkpoint", "ctbun export", "ctbun checkpoint"));
    console.log(line("ctbun restore --import vs ctbun restore", "ctbun import", "ctbun restore"));
  }
  console.log(`(REPS=${REPS}, images on ${IMAGES}; raw: ${JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.map((x) => +x.toFixed(1))])))})`);
}
