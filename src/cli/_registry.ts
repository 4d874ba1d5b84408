// The subcommand table. Modules load on demand, so `ctbun state` evaluates only cli/state.ts
// and what it imports (never the CRIU protobuf code, for instance).

import type { Command } from "./_command.ts";

export interface CommandEntry {
  name: string;
  summary: string;
  hidden?: boolean;
  load(): Promise<{ default: Command }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "checkpoint", summary: "checkpoint a running container", load: () => import("./checkpoint.ts") },
  { name: "create", summary: "create a container", load: () => import("./create.ts") },
  { name: "delete", summary: "delete any resources held by the container (often used with detached containers)", load: () => import("./delete.ts") },
  { name: "events", summary: "display container events such as OOM notifications, cpu, memory, and IO usage statistics", load: () => import("./events.ts") },
  { name: "exec", summary: "execute new process inside the container", load: () => import("./exec.ts") },
  { name: "features", summary: "show the enabled features", load: () => import("./features.ts") },
  { name: "init", summary: "initialize the namespaces and launch the process (do not call it outside of ctbun)", hidden: true, load: () => import("./init.ts") },
  { name: "kill", summary: "kill sends the specified signal (default: SIGTERM) to the container's init process", load: () => import("./kill.ts") },
  { name: "list", summary: "lists containers started by ctbun with the given root", load: () => import("./list.ts") },
  { name: "pause", summary: "pause suspends all processes inside the container", load: () => import("./pause.ts") },
  { name: "ps", summary: "ps displays the processes running inside a container", load: () => import("./ps.ts") },
  { name: "restore", summary: "restore a container from a previous checkpoint", load: () => import("./restore.ts") },
  { name: "resume", summary: "resumes all processes that have been previously paused", load: () => import("./resume.ts") },
  { name: "run", summary: "create and run a container", load: () => import("./run.ts") },
  { name: "spec", summary: "create a new specification file", load: () => import("./spec.ts") },
  { name: "start", summary: "executes the user defined process in a created container", load: () => import("./start.ts") },
  { name: "state", summary: "output the state of a container", load: () => import("./state.ts") },
  { name: "update", summary: "update container resource constraints", load: () => import("./update.ts") },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
