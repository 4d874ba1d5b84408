// Logging: text or runc-style JSON lines ({"level","msg","time"}) to stderr or the --log file.
// stdout is never written here: it belongs to command output (state, list, ...).
import { createConsola, type ConsolaReporter, type LogObject } from "consola/core";
import { appendFileSync, constants, openSync, writeSync } from "node:fs";
import { SysError } from "./errors.ts";

export type LogFormat = "text" | "json";
type Level = "debug" | "info" | "warning" | "error" | "fatal";

let logFd = 2;
let logFormat: LogFormat = "text";
let debugOn = false;
/** True when the log goes to a file: errors are then also printed on stderr (as runc does). */
let toFile = false;
let logFile: string | undefined;

export function configureLog(opts: { file?: string; format?: LogFormat; debug?: boolean }): void {
  if (opts.format) logFormat = opts.format;
  if (opts.debug !== undefined) {
    debugOn = opts.debug;
    consola.level = debugOn ? 4 : 3;
  }
  if (opts.file) {
    // runc opens its log O_APPEND|O_SYNC: lines from concurrent ctbun processes interleave whole
    try {
      logFd = openSync(opts.file, constants.O_CREAT | constants.O_WRONLY | constants.O_APPEND | constants.O_SYNC, 0o644);
    } catch (e) {
      const errno = Math.abs((e as { errno?: number }).errno ?? 22);
      throw new SysError("open", errno, opts.file);
    }
    toFile = true;
    logFile = opts.file;
  }
}

/** Environment for a re-executed ctbun (init) so it logs where and how this process does. */
export function logEnv(): string[] {
  const env = [`_CTBUN_LOG_FORMAT=${logFormat}`, `_CTBUN_DEBUG=${debugOn ? 1 : 0}`];
  if (logFile) env.push(`_CTBUN_LOG=${logFile}`);
  return env;
}

/** The counterpart of logEnv() in the re-executed process. */
export function configureLogFromEnv(env: Record<string, string | undefined>): void {
  configureLog({ file: env._CTBUN_LOG, format: env._CTBUN_LOG_FORMAT === "json" ? "json" : "text", debug: env._CTBUN_DEBUG === "1" });
}

export function isDebug(): boolean {
  return debugOn;
}

/**
 * RFC 3339 to the second, the timestamp shape logrus (runc's logger) writes. Always UTC: asking
 * for the local offset makes the engine load time zone data, which costs several milliseconds
 * on every failing command.
 */
export function rfc3339(d: Date = new Date()): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** logrus' text formatter quotes a value only when it holds more than [A-Za-z0-9-._/@^+]. */
function textValue(v: string): string {
  return v !== "" && /^[A-Za-z0-9\-._/@^+]+$/.test(v) ? v : JSON.stringify(v);
}

function emit(level: Level, msg: string): void {
  const time = rfc3339();
  let line: string;
  if (logFormat === "json") line = JSON.stringify({ level, msg, time }) + "\n";
  else line = `time="${time}" level=${level} msg=${textValue(msg)}\n`;
  try {
    writeSync(logFd, line);
  } catch {
    // a closed or broken log must not turn into a second error
  }
  if (toFile && (level === "error" || level === "fatal")) {
    try {
      writeSync(2, msg + "\n");
    } catch {}
  }
}

/** consola's log types mapped to logrus' level names (what containerd reads back). */
const LEVELS: Record<string, Level> = { debug: "debug", trace: "debug", verbose: "debug", info: "info", log: "info", success: "info", start: "info", ready: "info", box: "info", warn: "warning", error: "error", fail: "error", fatal: "fatal" };

/** A consola reporter that writes runc's line shapes to stderr or the --log file. */
const runcReporter: ConsolaReporter = {
  log(obj: LogObject) {
    // plain joining: node:util's format() would cost ~2 ms of start-up on every command
    emit(LEVELS[obj.type] ?? "info", obj.args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "));
  },
};

/** The project's logger: consola with our reporter only (never stdout, no colours or icons). */
export const consola = createConsola({ level: 3, reporters: [runcReporter] });

export const log = {
  debug(msg: string): void {
    if (debugOn) consola.debug(msg);
  },
  info(msg: string): void {
    consola.info(msg);
  },
  warn(msg: string): void {
    consola.warn(msg);
  },
  error(msg: string): void {
    consola.error(msg);
  },
};

/** Append to a file by path (hook and init logs forwarded from children). */
export function appendLog(path: string, text: string): void {
  appendFileSync(path, text);
}

/** `--debug` phase timing: milliseconds since the process started, one line per step. */
export function trace(step: string): void {
  if (isDebug()) log.debug(`${step} at ${performance.now().toFixed(1)} ms`);
}
