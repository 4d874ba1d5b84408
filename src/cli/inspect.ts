// ctbun inspect [--format tree|json] <archive|image-dir>...: what a checkpoint holds (container,
// times, sizes, CRIU's dump statistics, process tree), read without CRIU. Modelled on
// `checkpointctl inspect`; the JSON is an array with one object per checkpoint.

import { CtbunError } from "../errors.ts";
import { checkArgs, defineCommand } from "./_command.ts";
import { writeStdout } from "./_output.ts";

export default defineCommand({
  name: "inspect",
  summary: "show what a checkpoint archive or image directory holds",
  argsUsage: "<archive|image-dir> [...]",
  description:
    "Reads checkpoints made by `checkpoint --export` (archives) or `checkpoint --image-path`\n" +
    "(image directories) and shows the container, the times, the sizes, CRIU's dump statistics\n" +
    "and the process tree, as a tree or (--format json) as checkpointctl's JSON.",
  flags: [{ name: "format", type: "string", default: "tree", usage: "output format: tree or json" }],
  async run({ flags, args }) {
    checkArgs("inspect", args, 1, "min");
    const format = flags.string("format");
    if (format !== "tree" && format !== "json") throw new CtbunError(`invalid output format: ${format}`);
    const { inspect, treeView } = await import("../criu/inspect.ts");
    const infos = [];
    for (const a of args) infos.push(await inspect(a));
    writeStdout(format === "json" ? `${JSON.stringify(infos, null, 2)}\n` : infos.map(treeView).join("\n"));
  },
});
