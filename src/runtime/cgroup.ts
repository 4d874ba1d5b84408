// The container's cgroup as the lifecycle sees it: created before the init runs, the init
// moved in by the parent, resources applied, removed on delete. Backed by src/cgroups/.
import type { Spec } from "../spec/types.ts";
import type { CreateOptions } from "./options.ts";

export interface ContainerCgroup {
  apply(pid: number): void;
  paths(): Record<string, string>;
  save(): unknown;
  destroy(): void;
}

/** The cgroup for a new container (undefined while the cgroup manager is not available). */
export function cgroupsFor(_opts: CreateOptions, _spec: Spec): ContainerCgroup | undefined {
  return undefined;
}
