// ctbun resume <container-id>

import { checkArgs, defineCommand } from "./_command.ts";
import type { PauseOptions } from "./pause.ts";

export default defineCommand({
  name: "resume",
  summary: "thaw a container frozen by pause",
  argsUsage: "<container-id>",
  description: "Thaws the processes of a container frozen by `pause`.",
  flags: [],
  async run({ globals, args }) {
    checkArgs("resume", args, 1);
    const { resume } = await import("../runtime/resume.ts");
    const { withContainerLock } = await import("../runtime/lock.ts");
    await withContainerLock(globals.root, args[0] as string, () => resume({ root: globals.root, id: args[0] as string } satisfies PauseOptions));
  },
});
