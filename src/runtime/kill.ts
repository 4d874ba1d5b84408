// `ctbun kill`: signal the init, or with --all every process in the container's cgroup.
import { ContainerNotRunningError, SysError } from "../errors.ts";
import { errno, libc } from "../linux/libc.ts";
import { cgroupOf } from "./cgroup.ts";
import { readSavedState, statusOf } from "./state.ts";

export async function kill(root: string, id: string, signal: number, all: boolean): Promise<void> {
  const s = readSavedState(root, id);
  const status = statusOf(root, s);
  if (status === "stopped") throw new ContainerNotRunningError();
  const cg = all ? cgroupOf(s) : undefined;
  if (cg) return cg.killAll(signal);
  if (libc.symbols.kill(s.pid, signal) < 0) throw new SysError("kill", errno());
  // SIGKILL to a frozen init stays pending until it is thawed: thaw, as runc does
  if (signal === 9 && status === "paused") cgroupOf(s)?.thaw();
}
