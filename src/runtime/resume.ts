// `ctbun resume`: thaw a container frozen by `pause` ("container not paused" otherwise).
import type { PauseOptions } from "../cli/pause.ts";
import { ContainerNotPausedError, CtbunError } from "../errors.ts";
import { cgroupOf } from "./cgroup.ts";
import { readSavedState, statusOf } from "./state.ts";

export async function resume(opts: PauseOptions): Promise<void> {
  const s = readSavedState(opts.root, opts.id);
  if (statusOf(opts.root, s) !== "paused") throw new ContainerNotPausedError();
  const cg = cgroupOf(s);
  if (!cg) throw new ContainerNotPausedError();
  try {
    cg.thaw();
  } catch (e) {
    throw new CtbunError("unable to thaw container", { cause: e });
  }
}
