// Operations benchmark: pause, resume and delete --force of a running busybox container, ctbun
// against runc, interleaved (the runtimes alternate which goes first each iteration) with
// private state roots. Prints the median and p90 of each and the ratio ctbun / runc.
//   bun bench/ops.ts [--runs 30] [--warmup 3] [--runc /usr/sbin/runc]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { busyboxRootfs } from "../scripts/rootfs.ts";
import { defaultConfig } from "../test/_harness.ts";

const argv = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : def;
};
const RUNS = Number(opt("--runs", "30"));
const WARMUP = Number(opt("--warmup", "3"));
const RUNC = opt("--runc", "/usr/sbin/runc");

interface Runtime {
  name: string;
  bin: string;
  root: string;
}
const work = mkdtempSync("/tmp/ctbun-bench-ops-");
const runtimes: Runtime[] = [{ name: "ctbun", bin: join(import.meta.dir, "..", "ctbun"), root: join(work, "ctbun-root") }];
if (await Bun.file(RUNC).exists()) runtimes.push({ name: "runc", bin: RUNC, root: join(work, "runc-root") });
else console.error(`${RUNC} not found: timing ctbun alone`);

const bundle = mkdtempSync(join(work, "bundle-"));
const config = defaultConfig(["sleep", "1000"]);
config.root = { path: busyboxRootfs(), readonly: true };
writeFileSync(join(bundle, "config.json"), JSON.stringify(config));

// stderr goes to a file: a detached container inherits it and would hold a pipe open
const errFile = join(work, "stderr");
function time(rt: Runtime, args: string[]): number {
  const t = performance.now();
  const r = Bun.spawnSync([rt.bin, "--root", rt.root, ...args], { stdin: "ignore", stdout: "ignore", stderr: Bun.file(errFile) });
  const ms = performance.now() - t;
  if (r.exitCode !== 0) throw new Error(`${rt.name} ${args.join(" ")}: exit ${r.exitCode}: ${readFileSync(errFile, "utf8").trim()}`);
  return ms;
}

const OPS = ["pause", "resume", "delete --force"] as const;
const samples = new Map<string, number[]>();
const add = (rt: Runtime, op: string, ms: number) => {
  const k = `${op}\0${rt.name}`;
  samples.set(k, [...(samples.get(k) ?? []), ms]);
};

try {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const order = i % 2 ? [...runtimes].reverse() : runtimes;
    for (const rt of order) {
      const id = `ops-${process.pid}-${i}`;
      time(rt, ["run", "-d", "-b", bundle, id]);
      const p = time(rt, ["pause", id]);
      const r = time(rt, ["resume", id]);
      const d = time(rt, ["delete", "--force", id]);
      if (i >= WARMUP) {
        add(rt, "pause", p);
        add(rt, "resume", r);
        add(rt, "delete --force", d);
      }
    }
  }
} finally {
  for (const rt of runtimes) {
    for (let i = 0; i < WARMUP + RUNS; i++) {
      Bun.spawnSync([rt.bin, "--root", rt.root, "delete", "--force", `ops-${process.pid}-${i}`], { stdout: "ignore", stderr: "ignore" });
    }
  }
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))] ?? NaN;
};
const f = (n: number) => n.toFixed(1).padStart(7);
const header = `${"operation".padEnd(16)}${runtimes.map((r) => `${r.name} med`.padStart(11) + "p90".padStart(8)).join("")}${runtimes.length > 1 ? "  ctbun/runc" : ""}`;
console.log(`${RUNS} runs (+${WARMUP} warm-up), interleaved, times in ms`);
console.log(header);
for (const op of OPS) {
  const meds = runtimes.map((rt) => pct(samples.get(`${op}\0${rt.name}`) ?? [], 0.5));
  const cells = runtimes.map((rt, j) => `    ${f(meds[j]!)}${f(pct(samples.get(`${op}\0${rt.name}`) ?? [], 0.9)).padStart(8)}`).join("");
  const ratio = runtimes.length > 1 ? `  ${(meds[0]! / meds[1]!).toFixed(2).padStart(10)}` : "";
  console.log(`${op.padEnd(16)}${cells}${ratio}`);
}
rmSync(work, { recursive: true, force: true });
