// ctbun list [--format table|json] [--quiet]

import { CtbunError } from "../errors.ts";
import { checkArgs, defineCommand } from "./_command.ts";
import { goJson, tabwrite, writeStdout } from "./_output.ts";

interface Listed {
  id: string;
  pid: number;
  status: string;
  bundle: string;
  created: string;
  owner: string;
}

export default defineCommand({
  name: "list",
  summary: "show the containers under --root",
  description: "Lists the containers under --root as a table, as JSON, or (with -q) by id only.",
  flags: [
    { name: "format", alias: ["f"], type: "string", default: "table", usage: "output format: table or json" },
    { name: "quiet", alias: ["q"], type: "bool", usage: "print only the container ids" },
  ],
  async run({ globals, flags, args }) {
    checkArgs("list", args, 0);
    const format = flags.string("format");
    const { listJson } = await import("../runtime/state.ts");
    const items = listJson(globals.root);
    if (flags.bool("quiet")) {
      writeStdout((items ?? []).map((c) => `${(c as Listed).id}\n`).join(""));
      return;
    }
    switch (format) {
      case "table": {
        // runc: tabwriter.NewWriter(w, 12 /*minwidth*/, 1, 3 /*padding*/, ' ', 0)
        const rows = [["ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"]];
        for (const item of items ?? []) {
          const c = item as Listed;
          rows.push([c.id, String(c.pid), c.status, c.bundle, c.created, c.owner]);
        }
        writeStdout(tabwrite(rows, 12, 3));
        return;
      }
      case "json":
        // one line from json.Encoder; a nil slice (no containers) encodes as null
        writeStdout(`${goJson(items && items.length > 0 ? items : null)}\n`);
        return;
      default:
        throw new CtbunError("invalid format option");
    }
  },
});
