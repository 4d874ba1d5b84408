// `ctbun ps`: the container's processes. JSON: the host pids in its cgroup (`null` when there
// are none, as Go encodes a nil slice). Table: host ps(1) with the given arguments (default
// -ef), keeping the header and the rows whose PID column is one of the container's pids.
import type { PsOptions } from "../cli/ps.ts";
import { CtbunError } from "../errors.ts";
import { cgroupOf } from "./cgroup.ts";
import { readSavedState, statusOf } from "./state.ts";

function containerPids(opts: PsOptions): number[] {
  const s = readSavedState(opts.root, opts.id);
  const cg = cgroupOf(s);
  if (!cg) return statusOf(opts.root, s) === "stopped" ? [] : [s.pid];
  try {
    return cg.pids();
  } catch (e) {
    // a stopped container whose cgroup is gone simply has no processes
    if (statusOf(opts.root, s) === "stopped") return [];
    throw new CtbunError("unable to get all container pids", { cause: e });
  }
}

/** Index of the PID column in a ps header line. */
export function pidIndex(header: string): number {
  const i = header.trim().split(/\s+/).indexOf("PID");
  if (i < 0) throw new CtbunError("couldn't find PID field in ps output");
  return i;
}

/** Keep the header and the rows of `output` whose PID column is in `pids`. */
export function filterPsOutput(output: string, pids: readonly number[]): string {
  const lines = output.split("\n");
  const header = lines[0] ?? "";
  const idx = pidIndex(header);
  const want = new Set(pids);
  const out = [header];
  for (const line of lines.slice(1)) {
    if (line.length === 0) continue;
    const field = line.trim().split(/\s+/)[idx] ?? "";
    if (!/^[+-]?\d+$/.test(field)) throw new CtbunError(`unable to parse pid: strconv.Atoi: parsing ${JSON.stringify(field)}: invalid syntax`);
    if (want.has(Number(field))) out.push(line);
  }
  return out.join("\n") + "\n";
}

export async function ps(opts: PsOptions): Promise<string> {
  const pids = containerPids(opts);
  if (opts.format === "json") return (pids.length ? JSON.stringify(pids) : "null") + "\n";
  let r;
  try {
    r = Bun.spawnSync(["ps", ...opts.psArgs], { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  } catch (e) {
    throw new CtbunError(`exec: "ps": executable file not found in $PATH`, { cause: e });
  }
  const output = r.stdout.toString() + r.stderr.toString();
  if (r.exitCode !== 0) {
    const how = r.exitCode === null ? `signal: ${r.signalCode ?? "killed"}` : `exit status ${r.exitCode}`;
    throw new CtbunError(`${how}: ${output}`);
  }
  return filterPsOutput(r.stdout.toString(), pids);
}
