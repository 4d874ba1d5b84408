// `ctbun kill`: signal the init (or, with --all, every process of the container).
import { ContainerNotRunningError, SysError } from "../errors.ts";
import { errno, libc } from "../linux/libc.ts";
import { readSavedState, statusOf } from "./state.ts";

export function kill(root: string, id: string, signal: number, all: boolean): void {
  const s = readSavedState(root, id);
  if (statusOf(root, s) === "stopped") throw new ContainerNotRunningError();
  if (libc.symbols.kill(s.pid, signal) < 0) throw new SysError("kill", errno());
  void all; // TODO(cgroups): signal every pid of the container's cgroup
}
