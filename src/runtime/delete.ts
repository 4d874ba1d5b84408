// `ctbun delete`: remove a stopped (or created) container; --force kills a running one first.
import { ContainerNotExistError, CtbunError } from "../errors.ts";
import { log } from "../log.ts";
import { libc } from "../linux/libc.ts";
import { waitGone } from "../linux/shim.ts";
import { cgroupOf } from "./cgroup.ts";
import { removeStateDir } from "./criu-root.ts";
import { runHooks } from "./hooks.ts";
import { readSavedState, stateDir, statusOf, type SavedState } from "./state.ts";

export async function remove(root: string, id: string, force: boolean): Promise<void> {
  let s: SavedState;
  try {
    s = readSavedState(root, id);
  } catch (e) {
    if (e instanceof ContainerNotExistError) {
      // runc: a missing container is not an error for --force; stale dirs go
      if (force) {
        removeStateDir(stateDir(root, id));
        return;
      }
    }
    throw e;
  }
  const status = statusOf(root, s);
  if (status === "running" || status === "paused") {
    if (!force) throw new CtbunError(`cannot delete container ${id} that is not stopped: ${status}`);
  }
  if (status !== "stopped") {
    libc.symbols.kill(s.pid, 9);
    // a frozen init only dies once thawed (runc thaws after SIGKILL too)
    if (status === "paused") cgroupOf(s)?.thaw();
    if (!waitGone(s.pid, 10000)) throw new CtbunError(`container init still running after SIGKILL`);
  }
  await destroy(root, s);
}

/** Remove everything the container had: cgroup, state dir; then the poststop hooks. */
export async function destroy(root: string, s: SavedState): Promise<void> {
  const cg = cgroupOf(s);
  if (cg?.exists()) {
    // without a pid namespace the init's children outlive it: they go too
    if (cg.pids().length) {
      await cg.killAll(9);
      for (const pid of cg.pids()) waitGone(pid, 2000);
    }
    try {
      cg.destroy();
    } catch (e) {
      log.warn(`unable to remove cgroup: ${e instanceof Error ? e.message : e}`);
    }
  }
  removeStateDir(stateDir(root, s.id)); // never through a criu-root a killed restore left mounted
  try {
    runHooks("poststop", s.config.hooks?.poststop, {
      ociVersion: s.ociVersion,
      id: s.id,
      status: "stopped",
      bundle: s.bundle,
      annotations: s.annotations,
    });
  } catch (e) {
    log.warn(String(e instanceof Error ? e.message : e));
  }
}
