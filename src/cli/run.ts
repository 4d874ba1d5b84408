// ctbun run <container-id>: create + start, then (unless --detach) wait and exit with the
// container's status.

import type { RunOptions } from "../runtime/options.ts";
import { checkArgs, defineCommand, progName, withContext } from "./_command.ts";
import { BUNDLE, CONSOLE_SOCKET, DETACH, NO_NEW_KEYRING, NO_PIVOT, NO_SUBREAPER, PID_FILE, PIDFD_SOCKET, PRESERVE_FDS } from "./_common.ts";
import { createOptions } from "./create.ts";

export default defineCommand({
  name: "run",
  summary: "create a container, start it and wait for it",
  argsUsage: "<container-id>",
  description:
    "Creates a container from the bundle and starts its process. Without --detach, ctbun\n" +
    "stays in the foreground, forwards signals and exits with the container's exit status\n" +
    "(128+N when it was killed by signal N).",
  flags: [
    BUNDLE,
    CONSOLE_SOCKET,
    PIDFD_SOCKET,
    DETACH,
    { name: "keep", type: "bool", usage: "keep the container's state after it exits (delete it later yourself)" },
    PID_FILE,
    NO_SUBREAPER,
    NO_PIVOT,
    NO_NEW_KEYRING,
    PRESERVE_FDS,
  ],
  async run(ctx) {
    checkArgs("run", ctx.args, 1);
    const opts: RunOptions & { pidfdSocket?: string } = {
      ...createOptions(ctx),
      detach: ctx.flags.bool("detach"),
      keep: ctx.flags.bool("keep"),
      noSubreaper: ctx.flags.bool("no-subreaper"),
    };
    const { run } = await import("../runtime/run.ts");
    try {
      process.exitCode = await run(opts);
    } catch (e) {
      throw withContext(`${progName()} run failed`, e);
    }
  },
});
