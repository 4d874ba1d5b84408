// ctbun start <container-id>

import { checkArgs, defineCommand } from "./_command.ts";

export default defineCommand({
  name: "start",
  summary: "start the process of a created container",
  argsUsage: "<container-id>",
  description: "Runs the process of a container made by `create` (its state becomes \"running\").",
  flags: [],
  async run({ globals, args }) {
    checkArgs("start", args, 1);
    const { start } = await import("../runtime/start.ts");
    const { withContainerLock } = await import("../runtime/lock.ts");
    await withContainerLock(globals.root, args[0] as string, () => start(globals.root, args[0] as string));
  },
});
