// The container's cgroup as the lifecycle sees it: created and configured before the init
// runs, the init moved in by the parent during set-up, removed on delete.
import { loadCgroupManager, newCgroupManager, type CgroupManager, type SavedCgroup } from "../cgroups/manager.ts";
import { withDefaultDevices } from "../cgroups/devices.ts";
import { CtbunError } from "../errors.ts";
import type { Spec } from "../spec/types.ts";
import type { CreateOptions } from "./options.ts";
import type { SavedState } from "./state.ts";

export type { CgroupManager };

/** Create and configure the cgroup of a new container. */
export function cgroupsFor(opts: CreateOptions, spec: Spec): CgroupManager {
  const cg = newCgroupManager({ id: opts.id, cgroupsPath: spec.linux?.cgroupsPath, systemd: opts.systemdCgroup, rootless: process.getuid?.() !== 0 });
  try {
    cg.create();
    cg.set(withDefaultDevices(spec.linux?.resources, (spec.linux?.devices ?? []).map((d) => d.path)));
  } catch (e) {
    try {
      cg.destroy();
    } catch {}
    throw new CtbunError("unable to apply cgroup configuration", { cause: e });
  }
  return cg;
}

/** The cgroup of an existing container, or undefined when it has none recorded. */
export function cgroupOf(s: SavedState): CgroupManager | undefined {
  return s.cgroup ? loadCgroupManager(s.cgroup as SavedCgroup) : undefined;
}
