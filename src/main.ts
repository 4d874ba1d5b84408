// Entry point: global options, subcommand dispatch, and the one place where a failed command
// is logged and turned into an exit status.
//
// Output rules: stdout carries command output only (state, list, spec...); logs and errors go
// to stderr or the --log file. The process ends by returning with process.exitCode set, never
// by process.exit(), so piped stdout is always flushed.

import { writeSync } from "node:fs";
import { exitCodeOf, formatError } from "./errors.ts";
import { configureLog, log } from "./log.ts";
import { type Command, commandHelp, progName, usageLine } from "./cli/_command.ts";
import { HelpRequested, parseFlags, UsageError } from "./cli/_flags.ts";
import { appHelp, GLOBAL_FLAGS, toGlobals, versionText } from "./cli/_globals.ts";
import { writeStdout } from "./cli/_output.ts";
import { findCommand } from "./cli/_registry.ts";

// A compiled Bun binary honours BUN_OPTIONS (e.g. --preload). ctbun re-executes itself for
// `init`; make sure nothing inherited from the caller's environment reaches those children.
delete process.env.BUN_OPTIONS;

/** The subcommand being run, for the usage hint after a usage error. */
let current: Command | undefined;

async function main(argv: string[]): Promise<void> {
  // Global options stop at the first non-flag argument: the subcommand.
  const g = parseFlags(GLOBAL_FLAGS, argv, { reorder: false });
  if (g.bool("version")) {
    writeStdout(versionText());
    return;
  }
  const globals = toGlobals(g);
  configureLog({ file: globals.log, format: globals.logFormat, debug: globals.debug });
  if (g.isSet("criu")) log.warn("--criu is deprecated and ignored: ctbun runs criu from $PATH");

  const [name, ...rest] = g.args;
  if (name === undefined || g.bool("help")) {
    writeStdout(await appHelp());
    return;
  }
  if (name === "help" || name === "h") {
    const topic = rest[0];
    if (topic === undefined) {
      writeStdout(await appHelp());
      return;
    }
    const entry = findCommand(topic);
    if (!entry) throw new UsageError(`unknown command ${JSON.stringify(topic)}; see '${progName()} --help'`);
    writeStdout(await commandHelp((await entry.load()).default));
    return;
  }

  const entry = findCommand(name);
  if (!entry) throw new UsageError(`unknown command ${JSON.stringify(name)}; see '${progName()} --help'`);
  const cmd = (await entry.load()).default;
  current = cmd;
  let flags;
  try {
    flags = parseFlags(cmd.flags, rest, { reorder: cmd.reorder !== false });
  } catch (e) {
    if (e instanceof HelpRequested) {
      writeStdout(await commandHelp(cmd));
      return;
    }
    throw e;
  }
  log.debug(`${name}: flags parsed, args ${JSON.stringify(flags.args)}`);
  await cmd.run({ globals, flags, args: flags.args });
}

function fail(e: unknown): void {
  if (e instanceof UsageError && current) {
    const prog = progName();
    // synchronous, like the log line that follows it, so the two keep their order
    writeSync(2, `Usage: ${usageLine(current)}\n(see '${prog} ${current.name} --help')\n`);
  }
  log.error(formatError(e));
  process.exitCode = exitCodeOf(e);
}

main(process.argv.slice(2)).catch(fail);
