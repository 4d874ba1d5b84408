// What the images of an imported archive would give the restored processes, checked against the
// bundle's config.json before CRIU runs. CRIU restores each thread's credentials and seccomp mode
// from its core image, not from the spec: an archive from elsewhere could otherwise bring back a
// process with capabilities the container was never given. This is defence in depth, not a
// sandbox: a CRIU image also carries code and memory, so archives must still be trusted.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type protobuf from "protobufjs/minimal.js";
import { CtbunError } from "../errors.ts";
import { capMask, capNames } from "../linux/capabilities.ts";
import type { Spec } from "../spec/types.ts";
import { CORE_MAGIC, fields, imageEntries, message, reader } from "./image.ts";

/** core_entry.thread_core (5) -> thread_core_entry.creds (10) / seccomp_mode (11); creds_entry fields */
const SECCOMP_FILTER = 2;

export interface ThreadCreds {
  tid: number;
  uid: number;
  gid: number;
  capInh: bigint;
  capPrm: bigint;
  capEff: bigint;
  capBnd: bigint;
  capAmb: bigint;
  noNewPrivs?: number;
  seccompMode?: number;
}

/** repeated uint32 words (packed or not) into one mask, low word first. */
function words(acc: number[], r: protobuf.Reader, w: number): void {
  if (w === 2) {
    const end = r.uint32() + r.pos;
    while (r.pos < end) acc.push(r.uint32());
  } else acc.push(r.uint32());
}
const mask = (ws: number[]) => ws.reduce((m, v, i) => m | (BigInt(v >>> 0) << BigInt(32 * i)), 0n);

/** The credentials and seccomp mode a core-N.img restores (undefined when it has none). */
export function decodeThreadCreds(buf: Uint8Array, tid: number): ThreadCreds | undefined {
  const [e] = imageEntries(buf, CORE_MAGIC, `core-${tid}.img`);
  if (!e) return undefined;
  let out: ThreadCreds | undefined;
  const r = reader(e);
  fields(r, r.len, (f0, w0) => {
    if (f0 !== 5 || w0 !== 2) return false;
    let seccompMode: number | undefined;
    message(r, (f, w) => {
      if (f === 11 && w === 0) seccompMode = r.uint32();
      else if (f === 10 && w === 2) {
        const c = { inh: [] as number[], prm: [] as number[], eff: [] as number[], bnd: [] as number[], amb: [] as number[] };
        let uid = 0;
        let gid = 0;
        let nnp: number | undefined;
        message(r, (g, w3) => {
          if (g === 1 && w3 === 0) uid = r.uint32();
          else if (g === 2 && w3 === 0) gid = r.uint32();
          else if (g === 9) words(c.inh, r, w3);
          else if (g === 10) words(c.prm, r, w3);
          else if (g === 11) words(c.eff, r, w3);
          else if (g === 12) words(c.bnd, r, w3);
          else if (g === 19) words(c.amb, r, w3);
          else if (g === 18 && w3 === 0) nnp = r.uint32();
          else return false;
          return true;
        });
        out = { tid, uid, gid, capInh: mask(c.inh), capPrm: mask(c.prm), capEff: mask(c.eff), capBnd: mask(c.bnd), capAmb: mask(c.amb), ...(nnp !== undefined ? { noNewPrivs: nnp } : {}) };
      } else return false;
      return true;
    });
    if (out && seccompMode !== undefined) out.seccompMode = seccompMode;
    return true;
  });
  return out;
}

/**
 * Why these threads must not be restored into `spec` (undefined: they may). Every capability set
 * must lie within the spec's bounding set (what the container's processes can ever hold, even
 * after an exec), a spec with a seccomp profile needs filter mode, and noNewPrivileges needs
 * no_new_privs.
 */
export function credsProblem(threads: ThreadCreds[], spec: Spec): string | undefined {
  const bounding = capMask(spec.process?.capabilities?.bounding ?? []);
  for (const t of threads) {
    for (const [name, set] of [
      ["bounding", t.capBnd],
      ["permitted", t.capPrm],
      ["effective", t.capEff],
      ["inheritable", t.capInh],
      ["ambient", t.capAmb],
    ] as const) {
      const extra = set & ~bounding;
      if (extra) return `thread ${t.tid} would get ${name} capabilities config.json does not give: ${capNames(extra).join(", ")}`;
    }
    if (spec.linux?.seccomp && t.seccompMode !== SECCOMP_FILTER) return `thread ${t.tid} would run without the seccomp filter config.json asks for`;
    if (spec.process?.noNewPrivileges && t.noNewPrivs !== 1) return `thread ${t.tid} would run without no_new_privs, which config.json asks for`;
  }
  return undefined;
}

/** Check an image directory's threads against the spec; throws with the first problem. */
export function checkImageCreds(imageDir: string, spec: Spec): void {
  const threads: ThreadCreds[] = [];
  for (const f of readdirSync(imageDir)) {
    const m = /^core-(\d+)\.img$/.exec(f);
    if (!m) continue;
    const c = decodeThreadCreds(readFileSync(join(imageDir, f)), Number(m[1]));
    if (c) threads.push(c);
  }
  if (!threads.length) throw new CtbunError("the checkpoint has no thread credentials to check");
  const problem = credsProblem(threads, spec);
  if (problem) throw new CtbunError(`the checkpoint cannot be restored into this container: ${problem}`);
}
