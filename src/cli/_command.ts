// What a subcommand module exports, argument-count checks with runc's wording, and help text.

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

function flagLabel(f: FlagSpec): string {
  const takesValue = f.type !== "bool";
  const names = [f.name, ...(f.alias ?? [])].map((n) => `${n.length === 1 ? "-" : "--"}${n}${takesValue ? " value" : ""}`);
  return names.join(", ");
}

function flagUsage(f: FlagSpec): string {
  if (f.default === undefined || f.default === "" || f.default === false) return f.usage;
  return `${f.usage} (default: ${String(f.default)})`;
}

/** Two-column option list, hidden flags left out. */
export function formatFlags(flags: readonly FlagSpec[]): string {
  const shown = flags.filter((f) => !f.hidden);
  const width = Math.max(0, ...shown.map((f) => flagLabel(f).length));
  return shown.map((f) => `   ${flagLabel(f).padEnd(width)}   ${flagUsage(f)}\n`).join("");
}

export function usageLine(cmd: Pick<Command, "name" | "argsUsage" | "flags">): string {
  const opts = cmd.flags.some((f) => !f.hidden) ? " [command options]" : "";
  return `${progName()} ${cmd.name}${opts}${cmd.argsUsage ? ` ${cmd.argsUsage}` : ""}`;
}

export function commandHelp(cmd: Command): string {
  let out = `NAME:\n   ${progName()} ${cmd.name} - ${cmd.summary}\n\nUSAGE:\n   ${usageLine(cmd)}\n`;
  if (cmd.description) out += `\nDESCRIPTION:\n${cmd.description.replace(/^/gm, "   ")}\n`;
  const flags = formatFlags(cmd.flags);
  if (flags) out += `\nOPTIONS:\n${flags}`;
  return out;
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
