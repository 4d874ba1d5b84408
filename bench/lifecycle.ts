// Lifecycle benchmark: ctbun against runc (and crun when it works here), interleaved per
// iteration so both see the same machine state. Prints medians and ratios (ctbun / runc).
//   bun bench/lifecycle.ts [--runs 30] [--warmup 3]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultConfig } from "../test/_harness.ts";
import { busyboxRootfs } from "../scripts/rootfs.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const RUNS = opt("--runs", 30);
const WARMUP = opt("--warmup", 3);

interface Runtime {
  name: string;
  bin: string;
  root: string;
}
const runtimes: Runtime[] = [{ name: "ctbun", bin: join(import.meta.dir, "..", "ctbun"), root: "/run/ctbun-bench" }];
if (Bun.which("runc")) runtimes.push({ name: "runc", bin: Bun.which("runc")!, root: "/run/runc-bench" });

const work = mkdtempSync("/tmp/ctbun-bench-");
function bundle(args: string[]): string {
  const dir = mkdtempSync(join(work, "b-"));
  const c = defaultConfig(args);
  c.root = { path: busyboxRootfs(), readonly: true };
  writeFileSync(join(dir, "config.json"), JSON.stringify(c));
  return dir;
}
const trueBundle = bundle(["/bin/true"]);
const sleepBundle = bundle(["sleep", "1000"]);

function cmd(rt: Runtime, a: string[]): number {
  const t = performance.now();
  const r = Bun.spawnSync([rt.bin, "--root", rt.root, ...a], { stdin: "ignore", stdout: "ignore", stderr: "ignore" });
  const ms = performance.now() - t;
  if (r.exitCode !== 0 && !(a[0] === "kill")) throw new Error(`${rt.name} ${a.join(" ")} exited ${r.exitCode}`);
  return ms;
}

function waitStopped(rt: Runtime, id: string): void {
  for (let i = 0; i < 500; i++) {
    const r = Bun.spawnSync([rt.bin, "--root", rt.root, "state", id], { stdout: "pipe", stderr: "ignore" });
    if (r.stdout.toString().includes('"stopped"')) return;
    Bun.sleepSync(2);
  }
}

type Metric = "run /bin/true" | "create" | "start" | "kill KILL" | "delete" | "delete --force";
const samples: Record<string, Record<string, number[]>> = {};
const add = (rt: Runtime, m: Metric, ms: number) => ((samples[m] ??= {})[rt.name] ??= []).push(ms);

let seq = 0;
for (let i = 0; i < WARMUP + RUNS; i++) {
  for (const rt of i % 2 ? [...runtimes].reverse() : runtimes) {
    const record = i >= WARMUP;
    const id = `bench-${process.pid}-${seq++}`;
    const run = cmd(rt, ["run", "-b", trueBundle, id]);
    const c = cmd(rt, ["create", "-b", sleepBundle, id]);
    const s = cmd(rt, ["start", id]);
    const k = cmd(rt, ["kill", id, "KILL"]);
    waitStopped(rt, id);
    const d = cmd(rt, ["delete", id]);
    cmd(rt, ["run", "-d", "-b", sleepBundle, id]);
    const df = cmd(rt, ["delete", "--force", id]);
    if (record) {
      add(rt, "run /bin/true", run);
      add(rt, "create", c);
      add(rt, "start", s);
      add(rt, "kill KILL", k);
      add(rt, "delete", d);
      add(rt, "delete --force", df);
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
console.log(`lifecycle, median ms of ${RUNS} interleaved runs (${WARMUP} warm-up)`);
console.log(["metric", ...runtimes.map((r) => r.name), runtimes.length > 1 ? "ctbun/runc" : ""].join("\t"));
for (const [m, per] of Object.entries(samples)) {
  const meds = runtimes.map((r) => median(per[r.name] ?? [NaN]));
  const ratio = meds.length > 1 ? (meds[0]! / meds[1]!).toFixed(2) : "";
  console.log([m, ...meds.map((x) => x.toFixed(1)), ratio].join("\t"));
}
rmSync(work, { recursive: true, force: true });
