// ctbun ps [--format table|json] <container-id> [ps options]
//
// Arguments after the id go to ps(1) unchanged (default "-ef"); flags must come before the id.

import { CtbunError } from "../errors.ts";
import { checkArgs, defineCommand } from "./_command.ts";
import { writeStdout } from "./_output.ts";

/** What the runtime's ps() receives; it resolves to the exact text to print. */
export interface PsOptions {
  root: string;
  id: string;
  format: "table" | "json";
  /** Arguments for ps(1) in table format. */
  psArgs: string[];
}

export default defineCommand({
  name: "ps",
  summary: "show the processes of a container",
  argsUsage: "<container-id> [ps options]",
  description: "Lists the container's processes with ps(1) (table), or their host pids as a JSON array.",
  reorder: false,
  flags: [{ name: "format", alias: ["f"], type: "string", default: "table", usage: "output format: table or json" }],
  async run({ globals, flags, args }) {
    checkArgs("ps", args, 1, "min");
    const format = flags.string("format");
    if (format !== "table" && format !== "json") throw new CtbunError("invalid format option");
    const psArgs = args.slice(1);
    const opts: PsOptions = { root: globals.root, id: args[0] as string, format, psArgs: psArgs.length > 0 ? psArgs : ["-ef"] };
    const { ps } = await import("../runtime/ps.ts");
    writeStdout(await ps(opts));
  },
});
