// exec benchmark: `exec <id> /bin/true` into one running busybox container per runtime, ctbun
// against runc, interleaved (the runtimes alternate which goes first each iteration) with
// private state roots. Prints the median, p10 and p90 of each and the ratio ctbun / runc.
//   bun bench/exec.ts [--runs 100] [--warmup 5] [--runc /usr/sbin/runc] [-- extra exec flags]
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { benchRuntimes, busyboxBundle, commandTimer, extraArgs, fmtMs as f, interleaved, option, pct } from "./_common.ts";

const argv = process.argv.slice(2);
const extra = extraArgs(argv);
const RUNS = Number(option(argv, "--runs", "100"));
const WARMUP = Number(option(argv, "--warmup", "5"));
const RUNC = option(argv, "--runc", "/usr/sbin/runc");

const work = mkdtempSync("/tmp/ctbun-bench-exec-");
const runtimes = await benchRuntimes(RUNC, { ctbun: join(work, "ctbun-root"), runc: join(work, "runc-root") });
const bundle = busyboxBundle(work, ["sleep", "100000"]);
const time = commandTimer(join(work, "stderr"));

const id = `bench-exec-${process.pid}`;
const samples = new Map<string, number[]>(runtimes.map((r) => [r.name, []]));
try {
  for (const rt of runtimes) time(rt, ["run", "-d", "-b", bundle, id]);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const rt of interleaved(i, runtimes)) {
      const ms = time(rt, ["exec", ...extra, id, "/bin/true"]);
      if (i >= WARMUP) samples.get(rt.name)!.push(ms);
    }
  }
} finally {
  for (const rt of runtimes) Bun.spawnSync([rt.bin, "--root", rt.root, "delete", "--force", id], { stdout: "ignore", stderr: "ignore" });
}

console.log(`exec ${[...extra, "<id>", "/bin/true"].join(" ")}: ${RUNS} runs (+${WARMUP} warm-up), interleaved, times in ms`);
console.log(`${"runtime".padEnd(8)}${"median".padStart(8)}${"p10".padStart(8)}${"p90".padStart(8)}`);
for (const rt of runtimes) {
  const xs = samples.get(rt.name)!;
  console.log(`${rt.name.padEnd(8)}${f(pct(xs, 0.5))} ${f(pct(xs, 0.1))} ${f(pct(xs, 0.9))}`);
}
if (runtimes.length > 1) console.log(`ctbun/runc (median) ${(pct(samples.get("ctbun")!, 0.5) / pct(samples.get("runc")!, 0.5)).toFixed(2)}`);
rmSync(work, { recursive: true, force: true });
