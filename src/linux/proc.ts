// /proc readers: process start time and state (liveness that survives pid reuse).
import { readFileSync } from "node:fs";

export interface ProcStat {
  state: string; // R S D Z T X ...
  ppid: number;
  startTime: number; // field 22, clock ticks since boot
}

export function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "latin1");
  } catch {
    return undefined;
  }
  // comm may hold spaces and parentheses: fields restart after the last ')'
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: rest[0] ?? "?", ppid: Number(rest[1]), startTime: Number(rest[19]) };
}

/** The process `pid` exists, started at `startTime`, and is not a zombie. */
export function isAlive(pid: number, startTime: number): boolean {
  if (!pid) return false;
  const st = readProcStat(pid);
  return st !== undefined && st.startTime === startTime && st.state !== "Z" && st.state !== "X";
}
