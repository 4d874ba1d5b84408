// Flags shared by several commands (create, run, exec, restore), declared once.

import { isAbsolute, resolve } from "node:path";
import type { FlagSpec } from "./_flags.ts";

export const BUNDLE: FlagSpec = {
  name: "bundle",
  alias: ["b"],
  type: "string",
  usage: "path to the bundle directory (holding config.json); defaults to the current directory",
};
export const CONSOLE_SOCKET: FlagSpec = {
  name: "console-socket",
  type: "string",
  usage: "path of an AF_UNIX socket that receives the pseudoterminal master fd of the container's console",
};
export const PIDFD_SOCKET: FlagSpec = {
  name: "pidfd-socket",
  type: "string",
  usage: "path of an AF_UNIX socket that receives a pidfd of the started process",
};
export const PID_FILE: FlagSpec = { name: "pid-file", type: "string", usage: "write the pid of the started process to this file" };
export const NO_PIVOT: FlagSpec = {
  name: "no-pivot",
  type: "bool",
  usage: "jail the process with MS_MOVE+chroot instead of pivot_root (needed when the rootfs is on a ramdisk)",
};
export const NO_NEW_KEYRING: FlagSpec = {
  name: "no-new-keyring",
  type: "bool",
  usage: "keep the caller's session keyring instead of creating a new one for the container",
};
export const PRESERVE_FDS: FlagSpec = {
  name: "preserve-fds",
  type: "uint",
  default: 0,
  usage: "pass N extra file descriptors, starting at fd 3 (after $LISTEN_FDS ones), to the container",
};
export const DETACH: FlagSpec = { name: "detach", alias: ["d"], type: "bool", usage: "return once the container is running instead of waiting for it" };
export const NO_SUBREAPER: FlagSpec = { name: "no-subreaper", type: "bool", usage: "do not make ctbun a child subreaper while it waits" };
export const MANAGE_CGROUPS_MODE: FlagSpec = {
  name: "manage-cgroups-mode",
  type: "string",
  usage: "how CRIU handles cgroups: soft, full, strict or ignore",
};
export const EMPTY_NS: FlagSpec = {
  name: "empty-ns",
  type: "strings",
  usage: "namespace CRIU does not save or restore (only \"network\"); may be repeated",
};
export const CRIU_PATH: FlagSpec = { name: "criu", type: "string", usage: "ignored: criu is taken from $PATH", hidden: true };

/**
 * runc's revisePaths: relative --pid-file/--console-socket/... paths are taken from the
 * caller's current directory, since the runtime later works relative to the bundle.
 */
export function absPath(p: string | undefined): string | undefined {
  if (p === undefined || p === "") return undefined;
  return isAbsolute(p) ? resolve(p) : resolve(process.cwd(), p);
}

export function bundlePath(p: string | undefined): string {
  return absPath(p) ?? process.cwd();
}
