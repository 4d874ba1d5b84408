// Signal names <-> numbers for Linux on x86_64 and aarch64 (both use the generic numbering).
// Real-time signals follow the glibc convention: SIGRTMIN is 34 (32 and 33 belong to the C
// library's threads), SIGRTMAX is 64; "RTMIN+n" and "RTMAX-n" name the ones in between.
import { CtbunError } from "../errors.ts";

export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGILL = 4;
export const SIGTRAP = 5;
export const SIGABRT = 6;
export const SIGBUS = 7;
export const SIGFPE = 8;
export const SIGKILL = 9;
export const SIGUSR1 = 10;
export const SIGSEGV = 11;
export const SIGUSR2 = 12;
export const SIGPIPE = 13;
export const SIGALRM = 14;
export const SIGTERM = 15;
export const SIGSTKFLT = 16;
export const SIGCHLD = 17;
export const SIGCONT = 18;
export const SIGSTOP = 19;
export const SIGTSTP = 20;
export const SIGTTIN = 21;
export const SIGTTOU = 22;
export const SIGURG = 23;
export const SIGXCPU = 24;
export const SIGXFSZ = 25;
export const SIGVTALRM = 26;
export const SIGPROF = 27;
export const SIGWINCH = 28;
export const SIGIO = 29;
export const SIGPWR = 30;
export const SIGSYS = 31;
export const SIGRTMIN = 34;
export const SIGRTMAX = 64;
/** Highest signal number the kernel accepts (_NSIG - 1). */
export const NSIG_MAX = 64;

/** Canonical names, in number order. */
export const SIGNALS: Readonly<Record<string, number>> = {
  SIGHUP,
  SIGINT,
  SIGQUIT,
  SIGILL,
  SIGTRAP,
  SIGABRT,
  SIGBUS,
  SIGFPE,
  SIGKILL,
  SIGUSR1,
  SIGSEGV,
  SIGUSR2,
  SIGPIPE,
  SIGALRM,
  SIGTERM,
  SIGSTKFLT,
  SIGCHLD,
  SIGCONT,
  SIGSTOP,
  SIGTSTP,
  SIGTTIN,
  SIGTTOU,
  SIGURG,
  SIGXCPU,
  SIGXFSZ,
  SIGVTALRM,
  SIGPROF,
  SIGWINCH,
  SIGIO,
  SIGPWR,
  SIGSYS,
};

/** Other names the C library accepts for the same numbers. */
const ALIASES: Readonly<Record<string, number>> = {
  SIGIOT: SIGABRT,
  SIGCLD: SIGCHLD,
  SIGPOLL: SIGIO,
  SIGUNUSED: SIGSYS,
};

const NAME_OF = new Map<number, string>(Object.entries(SIGNALS).map(([name, n]) => [n, name]));

/** Number of a real-time name without the SIG prefix ("RTMIN", "RTMIN+3", "RTMAX-1"), or -1. */
function parseRealtime(name: string): number {
  const m = /^RT(MIN|MAX)(?:([+-])(\d+))?$/.exec(name);
  if (!m) return -1;
  const base = m[1] === "MIN" ? SIGRTMIN : SIGRTMAX;
  if (m[2] === undefined) return base;
  const offset = Number(m[3]);
  // RTMIN counts up and RTMAX counts down; the other direction leaves the RT range
  if ((m[1] === "MIN" && m[2] !== "+") || (m[1] === "MAX" && m[2] !== "-")) return -1;
  const n = m[1] === "MIN" ? base + offset : base - offset;
  return n >= SIGRTMIN && n <= SIGRTMAX ? n : -1;
}

/**
 * A signal given as a number ("9") or a name with or without "SIG", in any case ("KILL",
 * "sigkill", "SIGRTMIN+2"). Throws `unknown signal "FOO"` for anything else.
 */
export function parseSignal(s: string): number {
  const raw = s.trim();
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    if (n <= NSIG_MAX) return n;
    throw new CtbunError(`unknown signal "${s}"`);
  }
  const upper = raw.toUpperCase();
  const name = upper.startsWith("SIG") ? upper : `SIG${upper}`;
  const n = SIGNALS[name] ?? ALIASES[name] ?? parseRealtime(name.slice(3));
  if (n < 0 || n === undefined) throw new CtbunError(`unknown signal "${s}"`);
  return n;
}

/** "SIGKILL" for 9, "SIGRTMIN+1" for 35, "SIGRTMAX" for 64; "SIG32"-style for numbers without a name. */
export function signalName(n: number): string {
  const name = NAME_OF.get(n);
  if (name) return name;
  if (n === SIGRTMIN) return "SIGRTMIN";
  if (n === SIGRTMAX) return "SIGRTMAX";
  if (n > SIGRTMIN && n < SIGRTMAX) {
    // name from the nearer end, as kill -l does (RTMIN+1..RTMIN+15, RTMAX-14..RTMAX-1)
    return n - SIGRTMIN <= (SIGRTMAX - SIGRTMIN) / 2 ? `SIGRTMIN+${n - SIGRTMIN}` : `SIGRTMAX-${SIGRTMAX - n}`;
  }
  return `SIG${n}`;
}
