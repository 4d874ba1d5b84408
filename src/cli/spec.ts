// ctbun spec [--bundle dir] [--rootless]: writes a starting config.json (tab-indented, mode
// 0666 before umask, no trailing newline, as runc writes it) and never overwrites one.

import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CtbunError, SysError } from "../errors.ts";
import { checkArgs, defineCommand } from "./_command.ts";
import { BUNDLE } from "./_common.ts";
import { goJson } from "./_output.ts";

/** The errno of a node:fs error (Bun reports it negated, as Node does). */
function errnoOf(e: unknown): number {
  const n = (e as { errno?: number }).errno;
  return typeof n === "number" && n !== 0 ? Math.abs(n) : 22;
}

export default defineCommand({
  name: "spec",
  summary: "write a default config.json to start a bundle from",
  description:
    "Writes config.json, a starting point to edit, into the bundle directory (default: the\n" +
    "current directory). The default process is `sh` on a terminal, with rootfs \"rootfs\".\n" +
    "With --rootless the spec maps the caller's ids to root in a user namespace.",
  flags: [
    { ...BUNDLE, usage: "directory to write config.json to (default: the current directory)" },
    { name: "rootless", type: "bool", usage: "write a spec for running without root: user namespace with the caller's ids as root" },
  ],
  async run({ flags, args }) {
    checkArgs("spec", args, 0);
    const bundle = flags.optString("bundle");
    if (bundle !== undefined) {
      // runc changes into the bundle first, so a bad one fails as chdir does
      let isDir = false;
      try {
        isDir = statSync(bundle).isDirectory();
      } catch (e) {
        throw new SysError("chdir", errnoOf(e), bundle);
      }
      if (!isDir) throw new SysError("chdir", 20, bundle);
    }
    const file = join(bundle ?? ".", "config.json");
    let exists = true;
    try {
      statSync(file);
    } catch (e) {
      if ((e as { code?: string }).code !== "ENOENT") throw new SysError("stat", errnoOf(e), "config.json");
      exists = false;
    }
    if (exists) throw new CtbunError("File config.json exists. Remove it first");
    const { defaultSpec } = await import("../spec/template.ts");
    const spec = defaultSpec({ rootless: flags.bool("rootless") });
    try {
      writeFileSync(file, goJson(spec, "\t"), { mode: 0o666, flag: "wx" });
    } catch (e) {
      throw new SysError("open", errnoOf(e), "config.json");
    }
  },
});
