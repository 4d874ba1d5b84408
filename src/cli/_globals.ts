// Global options (before the subcommand), the version text and the top-level help.

import { resolve } from "node:path";
import { CtbunError } from "../errors.ts";
import type { GlobalOptions } from "../runtime/options.ts";
import { gitCommit } from "./_buildinfo.ts" with { type: "macro" };
import { type FlagSpec, type ParsedFlags, parseGoBool } from "./_flags.ts";
import { cittyDef, progName, renderHelp } from "./_command.ts";
import { COMMANDS } from "./_registry.ts";

export const VERSION = "0.1.0";
export const SPEC_VERSION = "1.2.1";
export const COMMIT: string = gitCommit();

const DEFAULT_ROOT = "/run/ctbun";

/** Like runc: non-root users with $XDG_RUNTIME_DIR keep state there, everybody else in /run. */
export function defaultRoot(): string {
  const xdg = process.env.XDG_RUNTIME_DIR;
  if (xdg && process.geteuid?.() !== 0) return `${xdg}/ctbun`;
  return DEFAULT_ROOT;
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "debug", type: "bool", usage: "also log debug messages" },
  { name: "log", type: "string", usage: "append log lines to this file instead of writing them to stderr" },
  { name: "log-format", type: "string", default: "text", usage: "log line format: text or json" },
  { name: "root", type: "string", usage: `directory holding the state of containers, best on a tmpfs (default: ${DEFAULT_ROOT})` },
  { name: "systemd-cgroup", type: "bool", usage: "manage cgroups through systemd (cgroupsPath is then slice:prefix:name)" },
  { name: "rootless", type: "string", default: "auto", usage: "tolerate cgroup permission errors: true, false or auto" },
  // runc dropped --criu in 1.4; accepted here (and ignored, with a warning) so old callers keep working
  { name: "criu", type: "string", usage: "ignored: criu is taken from $PATH", hidden: true },
  { name: "version", alias: ["v"], type: "bool", usage: "print the version and exit" },
  { name: "help", alias: ["h"], type: "bool", usage: "print this help" },
];

/** Turns parsed global flags into GlobalOptions (validating what runc validates up front). */
export function toGlobals(f: ParsedFlags): GlobalOptions {
  const logFormat = f.string("log-format");
  if (logFormat !== "text" && logFormat !== "json" && logFormat !== "") throw new CtbunError(`invalid log-format: ${logFormat}`);
  let root = defaultRoot();
  if (f.isSet("root")) {
    root = resolve(f.string("root"));
    if (root === "/") throw new CtbunError("option --root argument should not be set to /");
  }
  // runc's parseBoolOrAuto: "" or any case of "auto", else a Go bool
  const raw = f.string("rootless");
  let rootless = "auto";
  if (raw !== "" && raw.toLowerCase() !== "auto") {
    const b = parseGoBool(raw);
    if (b === undefined) throw new CtbunError(`invalid --rootless value ${JSON.stringify(raw)}: want true, false or auto`);
    rootless = String(b);
  }
  return {
    root,
    debug: f.bool("debug"),
    systemdCgroup: f.bool("systemd-cgroup"),
    rootless,
    log: f.optString("log"),
    logFormat: logFormat === "json" ? "json" : "text",
  };
}

/**
 * `ctbun --version`. containerd's go-runc reads the first line and insists on the prefix
 * "runc version ", then "commit: " and "spec: " lines. When this binary is installed or
 * symlinked as `runc` (argv[0] base name), the first line says "runc version" so that
 * containerd's version probe accepts it; otherwise it names ctbun.
 */
export function versionText(): string {
  const name = progName() === "runc" ? "runc" : "ctbun";
  return `${name} version ${VERSION}\ncommit: ${COMMIT}\nspec: ${SPEC_VERSION}\nbun: ${Bun.version}\n`;
}

export function appHelp(): Promise<string> {
  const subCommands = Object.fromEntries(COMMANDS.filter((c) => !c.hidden).map((c) => [c.name, cittyDef({ name: c.name, summary: c.summary, flags: [] })]));
  const root = cittyDef(
    { name: progName(), summary: "", description: `an OCI container runtime (runc-compatible) with CRIU checkpoint/restore (${VERSION}, spec ${SPEC_VERSION})`, flags: GLOBAL_FLAGS },
    subCommands,
  );
  return renderHelp(root);
}
