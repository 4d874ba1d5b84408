// The value conversions from OCI (cgroup v1 units) to cgroup v2 files, as runc does them.
import { CtbunError } from "../errors.ts";

/**
 * cpu.shares [2, 262144] (default 1024) -> cpu.weight [1, 10000] (default 100).
 * runc >= 1.3.2 / crun >= 1.23 use a log-quadratic curve so that 1024 maps to 100:
 * with l = log2(shares), weight = ceil(10^((l^2 + 125 l) / 612 - 7/34)). 0 means unset.
 */
export function cpuSharesToWeight(shares: number): number {
  if (shares === 0) return 0;
  if (shares <= 2) return 1;
  if (shares >= 262144) return 10000;
  const l = Math.log2(shares);
  const exponent = (l * l + 125 * l) / 612 - 7 / 34;
  return Math.ceil(Math.pow(10, exponent));
}

/** blkio.weight [10, 1000] -> io.weight [1, 10000], linearly. 0 means unset. */
export function blkioWeightToIoWeight(weight: number): number {
  if (weight === 0) return 0;
  return 1 + Math.floor(((weight - 10) * 9999) / 990);
}

/**
 * OCI memory.swap is memory+swap; v2 memory.swap.max is swap alone. Returns the value for
 * memory.swap.max (-1 = "max", 0 = leave alone) or throws runc's messages.
 */
export function swapToV2(swap: number, memory: number): number {
  if (memory === -1 && swap === 0) return -1;
  if (swap === -1 || swap === 0) return swap;
  if (memory === -1) return swap;
  if (memory === 0) throw new CtbunError("unable to set swap limit without memory limit");
  if (memory < 0) throw new CtbunError(`invalid memory value: ${memory}`);
  if (swap < memory) throw new CtbunError("memory+swap limit should be >= memory limit");
  return swap - memory;
}

/**
 * The value for pids.max (v1 and v2) from OCI `linux.resources.pids.limit`, as runc >= 1.4 does
 * it (runtime-spec 1.3 made the field optional and 0 a real limit; opencontainers/cgroups
 * PidsLimit became a pointer):
 *   - absent (`pids: {}` or no `limit`) -> undefined: pids.max is not written;
 *   - negative (-1)                     -> "max" (unlimited);
 *   - 0                                 -> "1": a real limit, not "unlimited" as before runc 1.4.
 *     runc writes 1 because systemd's TasksMax cannot be 0 and the fs and systemd drivers must
 *     agree; pids.max is checked only at fork, so 0 and 1 both stop any fork in a container
 *     that has a process;
 *   - N > 0                             -> "N".
 * `update --pids-limit` follows the same rules (0 limits, -1 lifts the limit).
 */
export function pidsMax(limit: number | null | undefined): string | undefined {
  if (limit === undefined || limit === null) return undefined;
  if (limit < 0) return "max";
  return String(Math.max(limit, 1));
}

/** Value for a v2 *.max/*.low/*.high file: -1 -> "max", 0 -> "" (do not write). */
export function v2Num(n: number): string {
  if (n === 0) return "";
  if (n === -1) return "max";
  return String(n);
}

/** "2MB" page size names as the kernel uses them in hugetlb file names, from kB sizes. */
export function hugePageSizeName(kb: number): string {
  if (kb >= 1 << 20) return `${kb >> 20}GB`;
  if (kb >= 1 << 10) return `${kb >> 10}MB`;
  return `${kb}KB`;
}

/** "0-3,5" -> [0,1,2,3,5] (cpuset stats). */
export function parseCpuList(s: string): number[] {
  const out: number[] = [];
  for (const part of s.trim().split(",")) {
    if (!part) continue;
    const [a, b] = part.split("-");
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) continue;
    for (let i = from; i <= to; i++) out.push(i);
  }
  return out;
}
