// `ctbun pause`: freeze every process of a running (or created) container with the cgroup
// freezer (v1 freezer.state, v2 cgroup.freeze). As in runc, any other status, including an
// already paused container, is refused with "container not running".
import type { PauseOptions } from "../cli/pause.ts";
import { ContainerNotRunningError, CtbunError } from "../errors.ts";
import { cgroupOf } from "./cgroup.ts";
import { readSavedState, statusOf } from "./state.ts";

export async function pause(opts: PauseOptions): Promise<void> {
  const s = readSavedState(opts.root, opts.id);
  const status = statusOf(opts.root, s);
  if (status !== "running" && status !== "created") throw new ContainerNotRunningError();
  const cg = cgroupOf(s);
  if (!cg) throw new CtbunError("cannot pause a container without a cgroup");
  try {
    await cg.freeze();
  } catch (e) {
    throw new CtbunError("unable to freeze container", { cause: e });
  }
}
