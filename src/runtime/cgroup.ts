// The container's cgroup as the lifecycle sees it: created and configured before the init
// runs, the init moved in by the parent during set-up, removed on delete.
import { loadCgroupManager, newCgroupManager, type CgroupManager, type SavedCgroup } from "../cgroups/manager.ts";
import { withDefaultDevices } from "../cgroups/devices.ts";
import { CtbunError } from "../errors.ts";
import type { Spec } from "../spec/types.ts";
import type { CreateOptions } from "./options.ts";
import type { SavedState } from "./state.ts";

export type { CgroupManager };

/**
 * Create and configure the cgroup of a new container. With `deferPids` the pids limit is left
 * for the caller to set with `setPidsLimit` once the init is ready: the init is a Bun process
 * with about five threads, and a small pids.max (1 for `limit: 0`) would stop it from starting
 * them. runc likewise sets the limits only when its init reports procReady.
 */
export function cgroupsFor(opts: CreateOptions, spec: Spec, o: { deferPids?: boolean } = {}): CgroupManager {
  const cg = newCgroupManager({ id: opts.id, cgroupsPath: spec.linux?.cgroupsPath, systemd: opts.systemdCgroup, rootless: process.getuid?.() !== 0 });
  try {
    cg.create();
    const resources = withDefaultDevices(spec.linux?.resources, (spec.linux?.devices ?? []).map((d) => d.path));
    if (o.deferPids) delete resources.pids;
    cg.set(resources);
  } catch (e) {
    try {
      cg.destroy();
    } catch {}
    throw new CtbunError("unable to apply cgroup configuration", { cause: e });
  }
  return cg;
}

/** The deferred half of `cgroupsFor(..., { deferPids: true })`. */
export function setPidsLimit(cg: CgroupManager, spec: Spec): void {
  const pids = spec.linux?.resources?.pids;
  if (!pids) return;
  try {
    cg.set({ pids });
  } catch (e) {
    throw new CtbunError("unable to apply cgroup configuration", { cause: e });
  }
}

/** The cgroup of an existing container, or undefined when it has none recorded. */
export function cgroupOf(s: SavedState): CgroupManager | undefined {
  return s.cgroup ? loadCgroupManager(s.cgroup as SavedCgroup) : undefined;
}
