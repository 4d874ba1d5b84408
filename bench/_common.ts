// Shared by the benchmarks: command-line options, the runtimes compared, busybox bundles,
// timing one runtime command, interleaving and percentiles.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { busyboxRootfs } from "../scripts/rootfs.ts";
import { defaultConfig } from "../test/_harness.ts";

export interface Runtime {
  name: string;
  bin: string;
  root: string;
}

/** `--name value` from the command line (before a `--`), else `def`. */
export function option(argv: string[], name: string, def: string): string {
  const dash = argv.indexOf("--");
  const i = argv.indexOf(name);
  return i >= 0 && (dash < 0 || i < dash) && argv[i + 1] !== undefined ? argv[i + 1]! : def;
}

/** What follows `--` on the command line. */
export function extraArgs(argv: string[]): string[] {
  const dash = argv.indexOf("--");
  return dash >= 0 ? argv.slice(dash + 1) : [];
}

export const CTBUN = join(import.meta.dir, "..", "ctbun");

/** ctbun, and runc when `runc` exists (else a note on stderr): private state roots. */
export async function benchRuntimes(runc: string | null, roots: { ctbun: string; runc: string }): Promise<Runtime[]> {
  const runtimes: Runtime[] = [{ name: "ctbun", bin: CTBUN, root: roots.ctbun }];
  if (runc && (await Bun.file(runc).exists())) runtimes.push({ name: "runc", bin: runc, root: roots.runc });
  else console.error(`${runc ?? "runc"} not found: timing ctbun alone`);
  return runtimes;
}

/** A bundle under `work` running `args` in the read-only busybox rootfs. */
export function busyboxBundle(work: string, args: string[], prefix = "bundle-"): string {
  const dir = mkdtempSync(join(work, prefix));
  const c = defaultConfig(args);
  c.root = { path: busyboxRootfs(), readonly: true };
  writeFileSync(join(dir, "config.json"), JSON.stringify(c));
  return dir;
}

/**
 * A timer of runtime commands that throws with the runtime's stderr when one fails. stderr goes
 * to `errFile`, not a pipe: a detached container inherits it and would hold a pipe open.
 */
export function commandTimer(errFile: string): (rt: Runtime, args: string[]) => number {
  return (rt, args) => {
    const t = performance.now();
    const r = Bun.spawnSync([rt.bin, "--root", rt.root, ...args], { stdin: "ignore", stdout: "ignore", stderr: Bun.file(errFile) });
    const ms = performance.now() - t;
    if (r.exitCode !== 0) throw new Error(`${rt.name} ${args.join(" ")}: exit ${r.exitCode}: ${readFileSync(errFile, "utf8").trim()}`);
    return ms;
  };
}

/** The runtimes in the order of iteration `i`: which goes first alternates. */
export function interleaved<T>(i: number, runtimes: T[]): T[] {
  return i % 2 ? [...runtimes].reverse() : runtimes;
}

/** Nearest-rank percentile (q in 0..1). */
export function pct(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))] ?? NaN;
}

/** The median (mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Milliseconds, one decimal, right-aligned in 7 columns. */
export const fmtMs = (n: number): string => n.toFixed(1).padStart(7);
