// A process ctbun waits for in the foreground (run, exec, restore without -d): signals are
// forwarded to it, its pty (if any) is pumped to our terminal in raw mode, and its wait
// status becomes our exit code (128+signal when it was killed, as runc).
import { ptr } from "bun:ffi";
import { libc } from "../linux/libc.ts";
import { pumpPty } from "../linux/shim.ts";

const FORWARDED: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15, SIGWINCH: 28 };
const TIOCGWINSZ = 0x5413,
  TIOCSWINSZ = 0x5414;

export function exitCodeFromWait(status: number): number {
  if (status < 0) return 255;
  const sig = status & 0x7f;
  return sig === 0 ? (status >> 8) & 0xff : 128 + sig;
}

/**
 * Supervise `pid` until `waited` settles. `begin` runs once the signal handlers are in place
 * (e.g. `start`, so a signal sent right after the process starts is not lost).
 */
export async function superviseForeground(opts: { pid: number; master?: number; waited: Promise<number>; begin?: () => Promise<void> }): Promise<number> {
  const { pid, master } = opts;
  let restoreTty: (() => void) | undefined;
  if (master !== undefined) {
    restoreTty = makeRaw(0);
    copyWinsize(0, master);
    pumpPty(master, 0, 1);
  }
  const handlers = Object.entries(FORWARDED).map(([name, num]) => {
    const h = () => {
      if (name === "SIGWINCH") {
        if (master !== undefined) copyWinsize(0, master);
      } else libc.symbols.kill(pid, num);
    };
    process.on(name as NodeJS.Signals, h);
    return [name, h] as const;
  });
  try {
    await opts.begin?.();
    return exitCodeFromWait(await opts.waited);
  } finally {
    for (const [n, h] of handlers) process.off(n as NodeJS.Signals, h);
    if (master !== undefined) await Bun.sleep(5); // let the pump copy what came last
    restoreTty?.();
  }
}

/** Put our terminal in raw mode (when stdin is one); returns the undo. */
function makeRaw(fd: number): (() => void) | undefined {
  const saved = new Uint8Array(64);
  if (libc.symbols.tcgetattr(fd, ptr(saved)) < 0) return undefined;
  const raw = saved.slice();
  libc.symbols.cfmakeraw(ptr(raw));
  libc.symbols.tcsetattr(fd, 0, ptr(raw));
  return () => void libc.symbols.tcsetattr(fd, 0, ptr(saved));
}

function copyWinsize(from: number, to: number): void {
  const ws = new Uint16Array(4);
  if (libc.symbols.ioctl(from, TIOCGWINSZ, ptr(ws)) === 0) libc.symbols.ioctl(to, TIOCSWINSZ, ptr(ws));
}
