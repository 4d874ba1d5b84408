// Operations benchmark: pause, resume and delete --force of a running busybox container, ctbun
// against runc, interleaved (the runtimes alternate which goes first each iteration) with
// private state roots. Prints the median and p90 of each and the ratio ctbun / runc.
//   bun bench/ops.ts [--runs 30] [--warmup 3] [--runc /usr/sbin/runc]
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { benchRuntimes, busyboxBundle, commandTimer, fmtMs as f, interleaved, option, pct, type Runtime } from "./_common.ts";

const argv = process.argv.slice(2);
const RUNS = Number(option(argv, "--runs", "30"));
const WARMUP = Number(option(argv, "--warmup", "3"));
const RUNC = option(argv, "--runc", "/usr/sbin/runc");

const work = mkdtempSync("/tmp/ctbun-bench-ops-");
const runtimes = await benchRuntimes(RUNC, { ctbun: join(work, "ctbun-root"), runc: join(work, "runc-root") });
const bundle = busyboxBundle(work, ["sleep", "1000"]);
const time = commandTimer(join(work, "stderr"));

const OPS = ["pause", "resume", "delete --force"] as const;
const samples = new Map<string, number[]>();
const add = (rt: Runtime, op: string, ms: number) => {
  const k = `${op}\0${rt.name}`;
  samples.set(k, [...(samples.get(k) ?? []), ms]);
};

try {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const rt of interleaved(i, runtimes)) {
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
