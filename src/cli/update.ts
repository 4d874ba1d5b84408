// ctbun update [options] <container-id>: change the resource limits of a running container.
//
// Either -r FILE|- gives a whole runtime-spec LinuxResources object (other flags are then
// ignored, as in runc), or individual flags set single values. Either way the runtime gets one
// partial LinuxResources plus the Intel RDT schemata.

import { readFileSync } from "node:fs";
import { CtbunError } from "../errors.ts";
import { log } from "../log.ts";
import type { LinuxResources } from "../spec/types.ts";
import { checkArgs, defineCommand } from "./_command.ts";
import type { FlagSpec, ParsedFlags } from "./_flags.ts";


/** What the runtime's update() receives. Only the fields the user set are present. */
export interface UpdateOptions {
  root: string;
  id: string;
  resources: LinuxResources;
  l3CacheSchema?: string;
  memBwSchema?: string;
}

const SIZE_UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * A memory size as docker's units.RAMInBytes reads it: "512m", "1.5g", "1024", "2 GiB"
 * (binary multiples); "-1" means unlimited.
 */
export function parseMemory(opt: string, value: string): number {
  if (value === "-1") return -1;
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value);
  const size = m ? Number.parseFloat(m[1] ?? "") : Number.NaN;
  if (!m || !Number.isFinite(size)) throw new CtbunError(`invalid value for ${opt}: invalid size: '${value}'`);
  return Math.trunc(size * (SIZE_UNITS[(m[2] ?? "").toLowerCase()] ?? 1));
}

function parseNumber(opt: string, value: string, unsigned: boolean): number {
  const n = /^[+-]?\d+$/.test(value) ? Number.parseInt(value, 10) : undefined;
  if (n === undefined || !Number.isSafeInteger(n) || (unsigned && n < 0)) {
    throw new CtbunError(`invalid value for ${opt}: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  return n;
}

const s = (name: string, usage: string, hidden = false): FlagSpec => ({ name, type: "string", usage, hidden });

const FLAGS: FlagSpec[] = [
  {
    name: "resources",
    alias: ["r"],
    type: "string",
    usage: "read a LinuxResources JSON object from this file ('-' for stdin); all other options are then ignored",
  },
  { name: "blkio-weight", type: "uint", usage: "block IO weight (10 to 1000)" },
  s("cpu-period", "CPU CFS period in microseconds"),
  s("cpu-quota", "CPU CFS quota in microseconds per period"),
  s("cpu-burst", "CPU CFS burst in microseconds"),
  s("cpu-share", "CPU shares (relative weight)"),
  s("cpu-rt-period", "CPU realtime period in microseconds"),
  s("cpu-rt-runtime", "CPU realtime runtime in microseconds per period"),
  s("cpuset-cpus", "CPUs the container may run on (0-3, 0,1)"),
  s("cpuset-mems", "memory nodes the container may use (0-3, 0,1)"),
  s("memory", "memory limit in bytes (suffixes k, m, g...; -1 for unlimited)"),
  s("memory-reservation", "memory soft limit in bytes"),
  s("memory-swap", "memory plus swap limit in bytes (-1 for unlimited)"),
  s("cpu-idle", "set the cgroup's cpu.idle (0 or 1)"),
  { name: "pids-limit", type: "int", usage: "maximum number of pids allowed in the container (-1 for unlimited; 0 is a limit, as in runc >= 1.4)" },
  s("l3-cache-schema", "Intel RDT L3 cache schema"),
  s("mem-bw-schema", "Intel RDT memory bandwidth schema"),
  s("kernel-memory", "obsolete, ignored", true),
  s("kernel-memory-tcp", "obsolete, ignored", true),
];

function readResources(path: string): LinuxResources {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    throw new CtbunError(`unable to read resources from ${path === "-" ? "stdin" : path}`, { cause: e });
  }
  try {
    const r = JSON.parse(text) as unknown;
    if (r === null || typeof r !== "object" || Array.isArray(r)) throw new Error("not a JSON object");
    return r as LinuxResources;
  } catch (e) {
    throw new CtbunError("unable to parse resources", { cause: e });
  }
}

/** The partial LinuxResources described by the individual flags. */
export function resourcesFromFlags(f: ParsedFlags): LinuxResources {
  const r: LinuxResources = {};
  const cpu: NonNullable<LinuxResources["cpu"]> = {};
  const mem: NonNullable<LinuxResources["memory"]> = {};
  if (f.isSet("blkio-weight")) r.blockIO = { weight: f.number("blkio-weight") };
  const num = (opt: string, unsigned: boolean): number | undefined => {
    const v = f.optString(opt);
    return v === undefined ? undefined : parseNumber(opt, v, unsigned);
  };
  const set = <T extends object, K extends keyof T>(obj: T, key: K, v: T[K] | undefined): void => {
    if (v !== undefined) obj[key] = v;
  };
  set(cpu, "period", num("cpu-period", true));
  set(cpu, "quota", num("cpu-quota", false));
  set(cpu, "burst", num("cpu-burst", true));
  set(cpu, "shares", num("cpu-share", true));
  set(cpu, "realtimePeriod", num("cpu-rt-period", true));
  set(cpu, "realtimeRuntime", num("cpu-rt-runtime", false));
  set(cpu, "idle", num("cpu-idle", false));
  set(cpu, "cpus", f.optString("cpuset-cpus"));
  set(cpu, "mems", f.optString("cpuset-mems"));
  for (const [opt, key] of [
    ["memory", "limit"],
    ["memory-reservation", "reservation"],
    ["memory-swap", "swap"],
  ] as const) {
    const v = f.optString(opt);
    if (v !== undefined) mem[key] = parseMemory(opt, v);
  }
  if (Object.keys(cpu).length > 0) r.cpu = cpu;
  if (Object.keys(mem).length > 0) r.memory = mem;
  if (f.isSet("pids-limit")) r.pids = { limit: f.number("pids-limit") };
  return r;
}

export default defineCommand({
  name: "update",
  summary: "change a container's resource limits",
  argsUsage: "<container-id>",
  description:
    "Changes cgroup limits of a container, from individual options or from a JSON\n" +
    "LinuxResources object given with -r (e.g. `-r -` to read it from stdin):\n" +
    '   {"memory": {"limit": 0, "reservation": 0, "swap": 0}, "cpu": {"shares": 0, "quota": 0,\n' +
    '    "period": 0, "cpus": "", "mems": ""}, "blockIO": {"weight": 0}, "pids": {"limit": 0}}',
  flags: FLAGS,
  async run({ globals, flags, args }) {
    checkArgs("update", args, 1);
    for (const opt of ["kernel-memory", "kernel-memory-tcp"]) {
      if (flags.isSet(opt)) log.warn(`--${opt} is obsolete and ignored (the kernel no longer limits kernel memory separately)`);
    }
    const file = flags.optString("resources");
    const opts: UpdateOptions = {
      root: globals.root,
      id: args[0] as string,
      resources: file !== undefined ? readResources(file) : resourcesFromFlags(flags),
    };
    if (file === undefined) {
      opts.l3CacheSchema = flags.optString("l3-cache-schema");
      opts.memBwSchema = flags.optString("mem-bw-schema");
    }
    const { update } = await import("../runtime/update.ts");
    const { withContainerLock } = await import("../runtime/lock.ts");
    await withContainerLock(opts.root, opts.id, () => update(opts));
  },
});

