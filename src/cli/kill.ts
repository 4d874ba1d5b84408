// ctbun kill <container-id> [signal]
//
// The signal is a number ("9"), a name ("KILL") or a SIG name ("SIGKILL"); SIGTERM by default.
// A leading dash is also accepted after the id (`kill <id> -9`, `kill <id> -KILL`), as kill(1)
// users type it. Since "-9" is not one of kill's flags, the urfave-style reordering leaves it
// among the positional arguments, so it arrives here as the second argument.

import { checkArgs, defineCommand } from "./_command.ts";

/** The signal argument as the user wrote it, minus a kill(1)-style leading dash. */
export function signalArg(args: readonly string[]): string {
  const s = args[1] ?? "SIGTERM";
  return s.length > 1 && s.startsWith("-") ? s.slice(1) : s;
}

export default defineCommand({
  name: "kill",
  summary: "signal a container's init process (SIGTERM unless told otherwise)",
  argsUsage: "<container-id> [signal]",
  description: "Sends a signal to the container's init process, e.g. `ctbun kill mycontainer KILL`.",
  flags: [{ name: "all", alias: ["a"], type: "bool", hidden: true, usage: "obsolete: send the signal to every process of the container" }],
  async run({ globals, flags, args }) {
    checkArgs("kill", args, 1, "min");
    checkArgs("kill", args, 2, "max");
    const [{ parseSignal }, { kill }] = await Promise.all([import("../linux/signals.ts"), import("../runtime/kill.ts")]);
    const signal = parseSignal(signalArg(args));
    const { withContainerLock } = await import("../runtime/lock.ts");
    await withContainerLock(globals.root, args[0] as string, () => kill(globals.root, args[0] as string, signal, flags.bool("all")));
  },
});
