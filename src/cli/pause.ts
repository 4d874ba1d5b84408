// ctbun pause <container-id>

import { checkArgs, defineCommand } from "./_command.ts";

/** What the runtime's pause() and resume() receive. */
export interface PauseOptions {
  root: string;
  id: string;
}

export default defineCommand({
  name: "pause",
  summary: "freeze every process of a container",
  argsUsage: "<container-id>",
  description: "Freezes every process of the container (cgroup freezer).",
  flags: [],
  async run({ globals, args }) {
    checkArgs("pause", args, 1);
    const { pause } = await import("../runtime/pause.ts");
    const { withContainerLock } = await import("../runtime/lock.ts");
    await withContainerLock(globals.root, args[0] as string, () => pause({ root: globals.root, id: args[0] as string } satisfies PauseOptions));
  },
});
