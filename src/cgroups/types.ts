// The cgroup manager contract shared by the v1/hybrid and v2 implementations.
import type { LinuxResources } from "../spec/types.ts";
import type { FreezerState, Sleep } from "./_common.ts";
import type { BpfDeps } from "./devices-bpf.ts";
import type { CgroupLayout, CgroupMode } from "./detect.ts";
import type { CgroupFs } from "./fs.ts";
import type { RuncStats } from "./stats.ts";

export type { FreezerState } from "./_common.ts";

export interface CgroupManager {
  readonly mode: CgroupMode;
  /** controller -> absolute directory (runc's cgroup_paths); v2: {"": dir}; hybrid adds "". */
  paths(): Record<string, string>;
  /** Create the directories (v1: cpuset parents get cpus/mems; v2: controllers enabled). */
  create(): void;
  /** Move a process in (creates the directories first if needed). */
  apply(pid: number): void;
  /** Write linux.resources. `devices` is applied literally when present, skipped when absent. */
  set(r: LinuxResources): void;
  /** Freeze and wait until the kernel reports FROZEN. */
  freeze(): Promise<void>;
  thaw(): void;
  freezerState(): FreezerState;
  /** Every pid in the cgroup and its sub-cgroups. */
  pids(): number[];
  stats(): RuncStats;
  /** OOM kills so far (v2 memory.events, v1 memory.oom_control); undefined when unknown. */
  oomKillCount(): number | undefined;
  /**
   * Call `onOom` once per OOM kill, as the kill counter moves: v1 wakes on an eventfd from
   * memory.oom_control (polling when that cannot be registered, or with `poll`), v2 polls
   * memory.events every `intervalMs`. The returned stop() reports kills counted up to then
   * and stops.
   */
  oomEvents(onOom: () => void, opts?: { intervalMs?: number; poll?: boolean }): () => Promise<void>;
  /** Signal every process: v2 cgroup.kill for SIGKILL, else freeze, signal each pid, thaw. */
  killAll(signal: number | string): Promise<void>;
  /** Remove what ctbun created, leaf first; never a directory it did not create. */
  destroy(): void;
  exists(): boolean;
  /** JSON-safe description for state.json; loadCgroupManager() turns it back into a manager. */
  save(): SavedCgroup;
}

/**
 * Register for OOM notifications of a v1 memory cgroup directory: `onWake` is called when the
 * kernel signals an OOM there (before it kills). Throws when it cannot register.
 */
export type OomNotify = (memDir: string, onWake: () => void) => { stop(): Promise<void> };

export interface SavedCgroup {
  version: 1;
  mode: CgroupMode;
  paths: Record<string, string>;
  /** Directories ctbun made (all hierarchies), outermost first. */
  created: string[];
  rootless: boolean;
  /** v1: controller -> mountpoint of its hierarchy (cpuset parents, hybrid unified). */
  mountpoints?: Record<string, string>;
}

export interface CgroupOptions {
  id: string;
  /** linux.cgroupsPath: absolute (from each hierarchy root) or relative (to ours). */
  cgroupsPath?: string;
  /** --systemd-cgroup: not supported, creating a manager throws. */
  systemd?: boolean;
  /** Ignore permission errors (EPERM/EACCES/EROFS) as runc does for rootless containers. */
  rootless?: boolean;
  /** Injected for tests; the real filesystem by default. */
  fs?: CgroupFs;
  /** Detected layout (tests, or to skip re-reading mountinfo). */
  layout?: CgroupLayout;
  /** Contents of /proc/self/cgroup (tests). */
  procSelfCgroup?: string;
  /** bpf(2) access for the v2 device program; a bun:ffi-based default is used when absent. */
  bpf?: BpfDeps;
  sleep?: Sleep;
  /** v1 OOM notifications; the eventfd one (_oom-eventfd.ts) by default. */
  oomNotify?: OomNotify;
}

export interface LoadOptions {
  fs?: CgroupFs;
  bpf?: BpfDeps;
  sleep?: Sleep;
  oomNotify?: OomNotify;
}
