// Logging: text or runc-style JSON lines ({"level","msg","time"}) to stderr or the --log file.
// stdout is never written here: it belongs to command output (state, list, ...).
import { appendFileSync, openSync, writeSync } from "node:fs";

export type LogFormat = "text" | "json";
type Level = "debug" | "info" | "warning" | "error" | "fatal";

let logFd = 2;
let logFormat: LogFormat = "text";
let debugOn = false;
/** True when the log goes to a file: errors are then also printed on stderr (as runc does). */
let toFile = false;

export function configureLog(opts: { file?: string; format?: LogFormat; debug?: boolean }): void {
  if (opts.format) logFormat = opts.format;
  if (opts.debug !== undefined) debugOn = opts.debug;
  if (opts.file) {
    logFd = openSync(opts.file, "a", 0o644);
    toFile = true;
  }
}

export function isDebug(): boolean {
  return debugOn;
}

function emit(level: Level, msg: string): void {
  const time = new Date().toISOString();
  let line: string;
  if (logFormat === "json") line = JSON.stringify({ level, msg, time }) + "\n";
  else line = `time="${time}" level=${level} msg=${JSON.stringify(msg)}\n`;
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

export const log = {
  debug(msg: string): void {
    if (debugOn) emit("debug", msg);
  },
  info(msg: string): void {
    emit("info", msg);
  },
  warn(msg: string): void {
    emit("warning", msg);
  },
  error(msg: string): void {
    emit("error", msg);
  },
};

/** Append to a file by path (hook and init logs forwarded from children). */
export function appendLog(path: string, text: string): void {
  appendFileSync(path, text);
}
