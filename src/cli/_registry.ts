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
  { name: "checkpoint", summary: "save a running container's processes to disk with CRIU", load: () => import("./checkpoint.ts") },
  { name: "create", summary: "set up a container from a bundle, ready for start", load: () => import("./create.ts") },
  { name: "delete", summary: "remove a container and everything ctbun keeps for it", load: () => import("./delete.ts") },
  { name: "events", summary: "stream a container's resource statistics and OOM events as JSON", load: () => import("./events.ts") },
  { name: "exec", summary: "run an additional process in a running container", load: () => import("./exec.ts") },
  { name: "features", summary: "print, as JSON, what this runtime supports", load: () => import("./features.ts") },
  { name: "init", summary: "internal: first process of a new container (never run it by hand)", hidden: true, load: () => import("./init.ts") },
  { name: "inspect", summary: "show what a checkpoint archive or image directory holds", load: () => import("./inspect.ts") },
  { name: "kill", summary: "signal a container's init process (SIGTERM unless told otherwise)", load: () => import("./kill.ts") },
  { name: "list", summary: "show the containers under --root", load: () => import("./list.ts") },
  { name: "pause", summary: "freeze every process of a container", load: () => import("./pause.ts") },
  { name: "ps", summary: "show the processes of a container", load: () => import("./ps.ts") },
  { name: "restore", summary: "recreate a container from a CRIU checkpoint", load: () => import("./restore.ts") },
  { name: "resume", summary: "thaw a container frozen by pause", load: () => import("./resume.ts") },
  { name: "run", summary: "create a container, start it and wait for it", load: () => import("./run.ts") },
  { name: "spec", summary: "write a default config.json to start a bundle from", load: () => import("./spec.ts") },
  { name: "start", summary: "start the process of a created container", load: () => import("./start.ts") },
  { name: "state", summary: "print a container's state as JSON", load: () => import("./state.ts") },
  { name: "update", summary: "change a container's resource limits", load: () => import("./update.ts") },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
