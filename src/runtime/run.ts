// `ctbun run`: create + start; in the foreground, forward signals, pump the pty, wait for the
// init and exit with its status (128+signal when it was killed), then delete the container.
import { ptr } from "bun:ffi";
import { libc } from "../linux/libc.ts";
import { trace } from "../log.ts";
import { pumpPty, waitPidAsync } from "../linux/shim.ts";
import { createContainer } from "./create.ts";
import { remove } from "./delete.ts";
import type { RunOptions } from "./options.ts";
import { start } from "./start.ts";

const PR_SET_CHILD_SUBREAPER = 36;
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGWINCH"] as const;
const SIGNUM: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15, SIGWINCH: 28 };
const TIOCGWINSZ = 0x5413,
  TIOCSWINSZ = 0x5414;

export function exitCodeFromWait(status: number): number {
  if (status < 0) return 255;
  const sig = status & 0x7f;
  if (sig === 0) return (status >> 8) & 0xff;
  return 128 + sig;
}

export async function run(opts: RunOptions): Promise<number> {
  if (opts.detach) {
    await createContainer(opts, { keepConsole: false }).then((c) => {
      if (c.consoleMaster !== undefined) libc.symbols.close(c.consoleMaster);
    });
    await start(opts.root, opts.id);
    return 0;
  }
  // the init is a grandchild: as subreaper we can wait for it
  if (!opts.noSubreaper) libc.symbols.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  const created = await createContainer(opts, { keepConsole: true });
  const pid = created.state.pid;
  const master = created.consoleMaster;
  let restoreTty: (() => void) | undefined;
  if (master !== undefined) {
    restoreTty = makeRaw(0);
    copyWinsize(0, master);
    pumpPty(master, 0, 1);
  }
  const waited = waitPidAsync(pid);
  const handlers: [string, () => void][] = FORWARDED.map((name) => [
    name,
    () => {
      if (name === "SIGWINCH") {
        if (master !== undefined) copyWinsize(0, master);
        return;
      }
      libc.symbols.kill(pid, SIGNUM[name]!);
    },
  ]);
  for (const [n, h] of handlers) process.on(n as NodeJS.Signals, h);
  let code: number;
  try {
    await start(opts.root, opts.id);
    trace("run: started");
    code = exitCodeFromWait(await waited);
    trace("run: exited");
  } finally {
    for (const [n, h] of handlers) process.off(n as NodeJS.Signals, h);
    restoreTty?.();
  }
  if (master !== undefined) {
    // let the pump drain what the process wrote last
    await Bun.sleep(5);
  }
  if (!opts.keep) await remove(opts.root, opts.id, true);
  trace("run: deleted");
  return code;
}

/** Put our terminal in raw mode (when stdin is one); returns the undo. */
function makeRaw(fd: number): (() => void) | undefined {
  const saved = new Uint8Array(64);
  if (libc.symbols.tcgetattr(fd, ptr(saved)) < 0) return undefined;
  const raw = saved.slice();
  libc.symbols.cfmakeraw(ptr(raw));
  libc.symbols.tcsetattr(fd, 0, ptr(raw));
  return () => {
    libc.symbols.tcsetattr(fd, 0, ptr(saved));
  };
}

function copyWinsize(from: number, to: number): void {
  const ws = new Uint16Array(4);
  if (libc.symbols.ioctl(from, TIOCGWINSZ, ptr(ws)) === 0) libc.symbols.ioctl(to, TIOCSWINSZ, ptr(ws));
}
