// exec benchmark: `exec <id> /bin/true` into one running busybox container per runtime, ctbun
// against runc, interleaved (the runtimes alternate which goes first each iteration) with
// private state roots. Prints the median, p10 and p90 of each and the ratio ctbun / runc.
//   bun bench/exec.ts [--runs 100] [--warmup 5] [--runc /usr/sbin/runc] [-- extra exec flags]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { busyboxRootfs } from "../scripts/rootfs.ts";
import { defaultConfig } from "../test/_harness.ts";

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const extra = dash >= 0 ? argv.slice(dash + 1) : [];
const opt = (name: string, def: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && (dash < 0 || i < dash) && argv[i + 1] !== undefined ? argv[i + 1]! : def;
};
const RUNS = Number(opt("--runs", "100"));
const WARMUP = Number(opt("--warmup", "5"));
const RUNC = opt("--runc", "/usr/sbin/runc");

interface Runtime {
  name: string;
  bin: string;
  root: string;
}
const work = mkdtempSync("/tmp/ctbun-bench-exec-");
const runtimes: Runtime[] = [{ name: "ctbun", bin: join(import.meta.dir, "..", "ctbun"), root: join(work, "ctbun-root") }];
if (await Bun.file(RUNC).exists()) runtimes.push({ name: "runc", bin: RUNC, root: join(work, "runc-root") });
else console.error(`${RUNC} not found: timing ctbun alone`);

const bundle = mkdtempSync(join(work, "bundle-"));
const config = defaultConfig(["sleep", "100000"]);
config.root = { path: busyboxRootfs(), readonly: true };
writeFileSync(join(bundle, "config.json"), JSON.stringify(config));
const errFile = join(work, "stderr");

function time(rt: Runtime, args: string[]): number {
  const t = performance.now();
  // files, not pipes: a detached container keeps the runtime's stdio open
  const r = Bun.spawnSync([rt.bin, "--root", rt.root, ...args], { stdin: "ignore", stdout: "ignore", stderr: Bun.file(errFile) });
  const ms = performance.now() - t;
  if (r.exitCode !== 0) throw new Error(`${rt.name} ${args.join(" ")}: exit ${r.exitCode}: ${readFileSync(errFile, "utf8").trim()}`);
  return ms;
}

const id = `bench-exec-${process.pid}`;
const samples = new Map<string, number[]>(runtimes.map((r) => [r.name, []]));
try {
  for (const rt of runtimes) time(rt, ["run", "-d", "-b", bundle, id]);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const order = i % 2 ? [...runtimes].reverse() : runtimes;
    for (const rt of order) {
      const ms = time(rt, ["exec", ...extra, id, "/bin/true"]);
      if (i >= WARMUP) samples.get(rt.name)!.push(ms);
    }
  }
} finally {
  for (const rt of runtimes) Bun.spawnSync([rt.bin, "--root", rt.root, "delete", "--force", id], { stdout: "ignore", stderr: "ignore" });
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))] ?? NaN;
};
const f = (n: number) => n.toFixed(1).padStart(7);
console.log(`exec ${[...extra, "<id>", "/bin/true"].join(" ")}: ${RUNS} runs (+${WARMUP} warm-up), interleaved, times in ms`);
console.log(`${"runtime".padEnd(8)}${"median".padStart(8)}${"p10".padStart(8)}${"p90".padStart(8)}`);
for (const rt of runtimes) {
  const xs = samples.get(rt.name)!;
  console.log(`${rt.name.padEnd(8)}${f(pct(xs, 0.5))} ${f(pct(xs, 0.1))} ${f(pct(xs, 0.9))}`);
}
if (runtimes.length > 1) console.log(`ctbun/runc (median) ${(pct(samples.get("ctbun")!, 0.5) / pct(samples.get("runc")!, 0.5)).toFixed(2)}`);
rmSync(work, { recursive: true, force: true });
