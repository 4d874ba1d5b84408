// Entry point of the cgroup code: pick the layout, compute the container's directories from
// linux.cgroupsPath, and hand back a manager (v1/hybrid or v2) behind one interface.
//
// Paths, as runc computes them:
//   absolute "/a/b"  -> <mountpoint of each hierarchy>/a/b
//   relative "a/b"   -> v1: <our own cgroup in that hierarchy>/a/b
//                       v2: <parent of our own cgroup>/a/b (our cgroup has processes, so the
//                           no-internal-processes rule would stop it from delegating)
//   empty            -> /ctbun/<id> (runc uses the relative "<id>"; ctbun keeps its
//                       containers together under one absolute parent)
import { posix } from "node:path";
import { CtbunError } from "../errors.ts";
import { realBpfDeps } from "./_bpf-ffi.ts";
import { cleanPath, detectLayout, hostDir, parseProcCgroup, type CgroupLayout } from "./detect.ts";
import { realFs } from "./fs.ts";
import type { CgroupManager, CgroupOptions, LoadOptions, SavedCgroup } from "./types.ts";
import { V1Manager } from "./v1.ts";
import { V2Manager } from "./v2.ts";

export type { CgroupManager, CgroupOptions, FreezerState, SavedCgroup } from "./types.ts";

/** v1 hierarchies ctbun puts a container in: every mounted controller plus name=systemd. */
function joinsHierarchy(key: string): boolean {
  return key === "name=systemd" || !key.startsWith("name=");
}

let cachedLayout: CgroupLayout | undefined;

export function newCgroupManager(opts: CgroupOptions): CgroupManager {
  if (opts.systemd) throw new CtbunError("systemd cgroup driver is not supported");
  const fs = opts.fs ?? realFs();
  const layout = opts.layout ?? (opts.fs ? detectLayout(fs) : (cachedLayout ??= detectLayout(fs)));
  const raw = opts.cgroupsPath ?? "";
  const inner = raw === "" ? `/ctbun/${opts.id}` : cleanPath(raw);
  if (inner === "/" || inner === ".") throw new CtbunError(`invalid cgroupsPath "${raw}"`);
  const absolute = posix.isAbsolute(inner);
  let own: Record<string, string> = {};
  if (!absolute) own = parseProcCgroup(opts.procSelfCgroup ?? fs.readFile("/proc/self/cgroup"));

  if (layout.mode === "unified") {
    const u = layout.unified!;
    let dir: string;
    if (absolute) dir = posix.join(u.mountpoint, inner);
    else dir = posix.join(hostDir(u.mountpoint, u.root, posix.dirname(own[""] ?? "/")), inner);
    const bpf = opts.bpf;
    return new V2Manager(fs, dir, u.mountpoint, !!opts.rootless, [], bpf ? () => bpf : realBpfDeps, opts.sleep);
  }

  const dirs: Record<string, string> = {};
  const mounts: Record<string, string> = {};
  for (const [ctrl, h] of layout.v1) {
    if (!joinsHierarchy(ctrl)) continue;
    mounts[ctrl] = h.mountpoint;
    dirs[ctrl] = absolute
      ? posix.join(h.mountpoint, inner)
      : posix.join(hostDir(h.mountpoint, h.root, own[ctrl] ?? h.root), inner);
  }
  if (layout.mode === "hybrid" && layout.unified) {
    const u = layout.unified;
    mounts[""] = u.mountpoint;
    dirs[""] = absolute ? posix.join(u.mountpoint, inner) : posix.join(hostDir(u.mountpoint, u.root, own[""] ?? u.root), inner);
  }
  return new V1Manager(fs, dirs, mounts, !!opts.rootless, [], opts.sleep, opts.oomNotify);
}

/** The manager of an existing container, from what save() returned (state.json). */
export function loadCgroupManager(saved: SavedCgroup, opts: LoadOptions = {}): CgroupManager {
  if (saved?.version !== 1) throw new CtbunError("unsupported saved cgroup state");
  const fs = opts.fs ?? realFs();
  if (saved.mode === "unified") {
    const dir = saved.paths[""];
    if (!dir) throw new CtbunError("saved cgroup state has no v2 path");
    const bpf = opts.bpf;
    const mount = saved.mountpoints?.[""] ?? "/sys/fs/cgroup";
    return new V2Manager(fs, dir, mount, saved.rootless, saved.created, bpf ? () => bpf : realBpfDeps, opts.sleep);
  }
  return new V1Manager(fs, { ...saved.paths }, { ...(saved.mountpoints ?? {}) }, saved.rootless, saved.created, opts.sleep, opts.oomNotify);
}
