// ctbun state <container-id>: the OCI state JSON, with no trailing newline (as runc prints it).

import { checkArgs, defineCommand } from "./_command.ts";
import { writeStdout } from "./_output.ts";

export default defineCommand({
  name: "state",
  summary: "print a container's state as JSON",
  argsUsage: "<container-id>",
  description: "Prints the state of the container as JSON.",
  flags: [],
  async run({ globals, args }) {
    checkArgs("state", args, 1);
    const { stateJson } = await import("../runtime/state.ts");
    writeStdout(stateJson(globals.root, args[0] as string));
  },
});
