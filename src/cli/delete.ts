// ctbun delete [--force] <container-id>

import { ContainerNotExistError } from "../errors.ts";
import { checkArgs, defineCommand } from "./_command.ts";

export default defineCommand({
  name: "delete",
  summary: "remove a container and everything ctbun keeps for it",
  argsUsage: "<container-id>",
  description: "Removes a stopped (or, with --force, any) container and its state.",
  flags: [{ name: "force", alias: ["f"], type: "bool", usage: "kill the container with SIGKILL first if it is still running" }],
  async run({ globals, flags, args }) {
    checkArgs("delete", args, 1);
    const force = flags.bool("force");
    const { remove } = await import("../runtime/delete.ts");
    try {
      const { withContainerLock } = await import("../runtime/lock.ts");
      await withContainerLock(globals.root, args[0] as string, () => remove(globals.root, args[0] as string, force));
    } catch (e) {
      // deleting what is already gone succeeds under --force (engines rely on it)
      if (force && e instanceof ContainerNotExistError) return;
      throw e;
    }
  },
});
