// CRIU version and feature detection over the RPC (seed groups N1, N4–N8).
// The version is asked once per criu binary per ctbun process (one CLI invocation) and cached.
import { CriuError } from "../errors.ts";
import { log } from "../log.ts";
import { criuSwrk, type SwrkOptions } from "./swrk.ts";
import { criu_req_type } from "./rpc.gen.js";

/** Minimum CRIU versions ctbun gates on, as major*10000 + minor*100 + sublevel (runc's values). */
export const CRIU_MIN = {
  /** Any checkpoint/restore: the VERSION RPC exists since 3.0. */
  base: 30000,
  extNetNs: 31100,
  cgroupV2Freezer: 31400,
  timeNs: 31400,
  extPidNs: 31500,
  statusReadyNotify: 31500,
  lsm: 31600,
  /** Kernels >= 6.13 split [vvar_vclock]; only CRIU >= 4.1 copes (anchors §6.4). */
  vvarVclock: 40100,
} as const;

export interface CriuVersionInfo {
  /** major*10000 + minor*100 + sublevel, with runc's git-build convention applied. */
  number: number;
  text: string;
  gitid?: string;
  name?: string;
}

const cache = new Map<string, Promise<CriuVersionInfo>>();

/** Turn a VERSION reply into runc's integer: a git build counts as the next minor release. */
export function encodeCriuVersion(v: { major_number: number; minor_number: number; sublevel?: number | null; gitid?: string | null }): number {
  let minor = v.minor_number;
  let sub = v.sublevel ?? 0;
  if (v.gitid) {
    minor += 1;
    sub = 0;
  }
  return v.major_number * 10000 + minor * 100 + sub;
}

/** "4.1.1" for 40101. */
export function formatCriuVersion(n: number): string {
  return `${Math.floor(n / 10000)}.${Math.floor(n / 100) % 100}.${n % 100}`;
}

/** Ask CRIU for its version (VERSION RPC). Cached per binary for the life of the process. */
export function criuVersion(criuPath = "criu"): Promise<CriuVersionInfo> {
  let p = cache.get(criuPath);
  if (!p) {
    p = (async () => {
      let r;
      try {
        r = await criuSwrk({ type: criu_req_type.VERSION }, { criuPath, timeoutMs: 30000 });
      } catch (e) {
        throw new CriuError(`CRIU version check failed: ${(e as Error).message}`);
      }
      const v = r.resp.version;
      if (!v) throw new CriuError("CRIU version check failed: no version in the reply");
      const info: CriuVersionInfo = {
        number: encodeCriuVersion(v),
        text: `${v.major_number}.${v.minor_number}${v.sublevel ? `.${v.sublevel}` : ""}`,
        ...(v.gitid ? { gitid: v.gitid } : {}),
        ...(v.name ? { name: v.name } : {}),
      };
      log.debug(`Using CRIU ${info.number} at: ${criuPath}`);
      return info;
    })();
    cache.set(criuPath, p);
    // a failed probe is not cached: the next call asks again
    p.catch(() => cache.delete(criuPath));
  }
  return p;
}

/** Forget cached versions (tests). */
export function resetCriuVersionCache(): void {
  cache.clear();
}

export function compareCriuVersion(have: number, min: number): void {
  if (have < min) throw new CriuError(`CRIU version ${have} must be ${min} or higher`);
}

/** Throw runc's "CRIU version X must be Y or higher" unless the installed CRIU is new enough. */
export async function checkCriuVersion(min: number, criuPath?: string): Promise<number> {
  const v = await criuVersion(criuPath);
  compareCriuVersion(v.number, min);
  return v.number;
}

/** True when the installed CRIU is at least min (no throw). */
export async function criuAtLeast(min: number, criuPath?: string): Promise<boolean> {
  return (await criuVersion(criuPath)).number >= min;
}

export interface WantedFeatures {
  mem_track?: boolean;
  lazy_pages?: boolean;
  pidfd_store?: boolean;
}

const FEATURE_NAMES: [keyof WantedFeatures, string][] = [
  ["mem_track", "MemTrack"],
  ["lazy_pages", "LazyPages"],
  ["pidfd_store", "PidfdStore"],
];

/**
 * Which of the wanted features CRIU says it lacks, in runc's names and order. A feature CRIU
 * does not mention in its answer is not counted as missing (as runc, which skips nil fields).
 */
export function missingFeatures(want: WantedFeatures, got: Partial<Record<keyof WantedFeatures, boolean | null>> | null | undefined): string[] {
  const out: string[] = [];
  for (const [key, name] of FEATURE_NAMES) {
    if (!want[key]) continue;
    if (!got || !Object.prototype.hasOwnProperty.call(got, key) || got[key] == null) continue;
    if (!got[key]) out.push(name);
  }
  return out;
}

/** Run FEATURE_CHECK; the raw answer (only the fields CRIU set). */
export async function criuFeatures(want: WantedFeatures, criuPath?: string): Promise<Partial<Record<keyof WantedFeatures, boolean>>> {
  let r;
  try {
    r = await criuSwrk({ type: criu_req_type.FEATURE_CHECK, features: want }, { criuPath, timeoutMs: 60000 });
  } catch (e) {
    throw new CriuError(`CRIU feature check failed: ${(e as Error).message}`);
  }
  const f = r.resp.features;
  const out: Partial<Record<keyof WantedFeatures, boolean>> = {};
  for (const [key] of FEATURE_NAMES) {
    if (f && Object.prototype.hasOwnProperty.call(f, key) && f[key] != null) out[key] = !!f[key];
  }
  log.debug(`Feature check says: ${JSON.stringify(out)}`);
  return out;
}

/** Throw "criu is missing features: [MemTrack]" when CRIU lacks a wanted feature. */
export async function checkCriuFeatures(want: WantedFeatures, criuPath?: string): Promise<void> {
  const got = await criuFeatures(want, criuPath);
  const missing = missingFeatures(want, got);
  for (const m of missing) log.debug(`CRIU does not support ${m}`);
  if (missing.length) throw new CriuError(`criu is missing features: [${missing.join(" ")}]`);
}

/** Options shared by the swrk-calling helpers above. */
export type CriuPathOption = Pick<SwrkOptions, "criuPath">;
