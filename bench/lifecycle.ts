// Lifecycle benchmark: ctbun against runc (and crun when it works here), interleaved per
// iteration so both see the same machine state. Prints medians and ratios (ctbun / runc).
//   bun bench/lifecycle.ts [--runs 30] [--warmup 3]
import { mkdtempSync, rmSync } from "node:fs";
import { benchRuntimes, busyboxBundle, interleaved, median, option, type Runtime } from "./_common.ts";

const args = process.argv.slice(2);
const RUNS = Number(option(args, "--runs", "30"));
const WARMUP = Number(option(args, "--warmup", "3"));

const runtimes = await benchRuntimes(Bun.which("runc"), { ctbun: "/run/ctbun-bench", runc: "/run/runc-bench" });

const work = mkdtempSync("/tmp/ctbun-bench-");
const trueBundle = busyboxBundle(work, ["/bin/true"], "b-");
const sleepBundle = busyboxBundle(work, ["sleep", "1000"], "b-");

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
  for (const rt of interleaved(i, runtimes)) {
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

console.log(`lifecycle, median ms of ${RUNS} interleaved runs (${WARMUP} warm-up)`);
console.log(["metric", ...runtimes.map((r) => r.name), runtimes.length > 1 ? "ctbun/runc" : ""].join("\t"));
for (const [m, per] of Object.entries(samples)) {
  const meds = runtimes.map((r) => median(per[r.name] ?? [NaN]));
  const ratio = meds.length > 1 ? (meds[0]! / meds[1]!).toFixed(2) : "";
  console.log([m, ...meds.map((x) => x.toFixed(1)), ratio].join("\t"));
}
rmSync(work, { recursive: true, force: true });
