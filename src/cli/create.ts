// ctbun create <container-id>

import type { CreateOptions } from "../runtime/options.ts";
import { checkArgs, type CommandContext, defineCommand, progName, withContext } from "./_command.ts";
import { absPath, BUNDLE, bundlePath, CONSOLE_SOCKET, NO_NEW_KEYRING, NO_PIVOT, PID_FILE, PIDFD_SOCKET, PRESERVE_FDS } from "./_common.ts";

/** The create/run options common to both commands (pidfdSocket rides along until the runtime takes it). */
export function createOptions({ globals, flags, args }: CommandContext): CreateOptions & { pidfdSocket?: string } {
  return {
    root: globals.root,
    id: args[0] as string,
    bundle: bundlePath(flags.optString("bundle")),
    consoleSocket: absPath(flags.optString("console-socket")),
    pidfdSocket: absPath(flags.optString("pidfd-socket")),
    pidFile: absPath(flags.optString("pid-file")),
    noPivot: flags.bool("no-pivot"),
    noNewKeyring: flags.bool("no-new-keyring"),
    preserveFds: flags.number("preserve-fds"),
    systemdCgroup: globals.systemdCgroup,
  };
}

export default defineCommand({
  name: "create",
  summary: "set up a container from a bundle, ready for start",
  argsUsage: "<container-id>",
  description:
    "Sets up a container from a bundle (a directory holding config.json and a root\n" +
    "filesystem) and leaves it in the \"created\" state; `start` then runs the process\n" +
    "named by process.args in config.json. <container-id> must be unique under --root.",
  flags: [BUNDLE, CONSOLE_SOCKET, PIDFD_SOCKET, PID_FILE, NO_PIVOT, NO_NEW_KEYRING, PRESERVE_FDS],
  async run(ctx) {
    checkArgs("create", ctx.args, 1);
    const opts = createOptions(ctx);
    const { create } = await import("../runtime/create.ts");
    try {
      await create(opts);
    } catch (e) {
      throw withContext(`${progName()} create failed`, e);
    }
  },
});
