// What a subcommand module exports, argument-count checks with runc's wording, and help text.

import type { ArgsDef, CommandDef, SubCommandsDef } from "citty";
import { basename } from "node:path";
import type { GlobalOptions } from "../runtime/options.ts";
import { CtbunError } from "../errors.ts";
import { type FlagSpec, type ParsedFlags, UsageError } from "./_flags.ts";

export interface CommandContext {
  globals: GlobalOptions;
  flags: ParsedFlags;
  /** Positional arguments (container id first, for most commands). */
  args: string[];
}

export interface Command {
  name: string;
  summary: string;
  /** What follows the options in the usage line: "<container-id>". */
  argsUsage?: string;
  description?: string;
  flags: FlagSpec[];
  /** urfave/cli v1 argument reordering (flags after the id); false for exec and ps. */
  reorder?: boolean;
  run(ctx: CommandContext): Promise<void> | void;
}

export function defineCommand(c: Command): Command {
  return c;
}

/**
 * The program name used in messages. runc prints os.Args[0]; we print its base name
 * ("ctbun", or "runc" when installed under that name). Under `bun src/main.ts` argv0 is bun.
 */
export function progName(): string {
  return Bun.isStandaloneExecutable ? basename(process.argv0) || "ctbun" : "ctbun";
}

type ArgCheck = "exactly" | "min" | "max";

/** runc's checkArgs: `ctbun: "start" requires exactly 1 argument(s)`. */
export function checkArgs(cmd: string, args: readonly string[], expected: number, kind: ArgCheck = "exactly"): void {
  const n = args.length;
  let what: string | undefined;
  if (kind === "exactly" && n !== expected) what = "exactly";
  else if (kind === "min" && n < expected) what = "a minimum of";
  else if (kind === "max" && n > expected) what = "a maximum of";
  if (what) throw new UsageError(`${progName()}: ${JSON.stringify(cmd)} requires ${what} ${expected} argument(s)`);
}

/** The command as citty describes it: its metadata and options, for help rendering. */
export function cittyDef(cmd: Pick<Command, "name" | "summary" | "description" | "argsUsage" | "flags">, subCommands?: SubCommandsDef): CommandDef {
  const args: ArgsDef = {};
  for (const f of cmd.flags) {
    if (f.hidden) continue;
    const alias = f.alias?.length ? [...f.alias] : undefined;
    const def = f.default === undefined || f.default === "" || f.default === false ? undefined : String(f.default);
    args[f.name] = f.type === "bool" ? { type: "boolean", alias, description: f.usage } : { type: "string", alias, description: f.usage, default: def, valueHint: "value" };
  }
  for (const a of (cmd.argsUsage ?? "").match(/<[^>]+>/g) ?? []) {
    args[a.slice(1, -1)] = { type: "positional", required: true, description: "" };
  }
  return { meta: { name: cmd.name, description: cmd.description ?? cmd.summary }, args, subCommands };
}

/** Help text rendered by citty. citty decides on colours when it is loaded, so it is loaded
 * here (not on every command's start-up path), after NO_COLOR is set for a non-terminal. */
export async function renderHelp(def: CommandDef, parent?: CommandDef): Promise<string> {
  const { isatty } = await import("node:tty"); // not on the start-up path: node:tty costs ~3 ms
  if (!isatty(1)) process.env.NO_COLOR = "1";
  const { renderUsage } = await import("citty");
  return (await renderUsage(def, parent)) + "\n";
}

export function usageLine(cmd: Pick<Command, "name" | "argsUsage" | "flags">): string {
  const opts = cmd.flags.some((f) => !f.hidden) ? " [command options]" : "";
  return `${progName()} ${cmd.name}${opts}${cmd.argsUsage ? ` ${cmd.argsUsage}` : ""}`;
}

export function commandHelp(cmd: Command): Promise<string> {
  return renderHelp(cittyDef(cmd), cittyDef({ name: progName(), summary: "", flags: [] }));
}

/**
 * Adds one line of context the way runc does ("runc create failed: ..."), keeping the exit
 * code of the cause unless one is given.
 */
export function withContext(message: string, cause: unknown, exitCode?: number): CtbunError {
  const e = new CtbunError(message, { cause });
  e.exitCode = exitCode ?? (cause instanceof CtbunError ? cause.exitCode : 1);
  return e;
}
