// eventfd(2), read without blocking the event loop: the fd stays blocking and Bun's async
// fs.read runs the read(2) on its worker pool, so the callback comes as soon as the kernel (or
// another writer) adds to the counter, with no timer. Used for cgroup v1 notifications
// (memory.oom_control through cgroup.event_control).
import { ptr } from "bun:ffi";
import { closeSync, read } from "node:fs";
import { check, libc } from "./libc.ts";

export const EFD_CLOEXEC = 0o2000000;

/** A new blocking, close-on-exec eventfd. */
export function eventfd(initval = 0): number {
  return check(libc.symbols.eventfd(initval, EFD_CLOEXEC), "eventfd");
}

/** Add `value` to the counter (one 8-byte write). */
export function eventfdWrite(fd: number, value: bigint): void {
  const b = new BigUint64Array([value]);
  check(Number(libc.symbols.write(fd, ptr(b), 8)), "write", "eventfd");
}

/**
 * stop() wakes the pending read with this value added to the counter: values below it are the
 * notifications (a handful at most), so one read tells both what arrived and that it is time
 * to end.
 */
const STOP = 1n << 62n;

export interface EventfdWatch {
  /** Deliver what the counter holds now, then close the fd. Resolves when done. */
  stop(): Promise<void>;
}

/**
 * Call `onValue(n)` for each read of `fd` (n = notifications since the previous read) until
 * stop() or a read error. Owns `fd`: it is closed at the end.
 */
export function watchEventfd(fd: number, onValue: (n: number) => void): EventfdWatch {
  const buf = Buffer.alloc(8);
  let stopping = false;
  let closed = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const end = () => {
    if (!closed) {
      closed = true;
      closeSync(fd);
    }
    resolveDone();
  };
  const next = () =>
    read(fd, buf, 0, 8, null, (err, n) => {
      if (err || n !== 8) return end();
      const v = buf.readBigUInt64LE(0);
      const count = Number(v % STOP);
      try {
        if (count > 0) onValue(count);
      } catch {
        return end();
      }
      if (v >= STOP || stopping) return end();
      next();
    });
  next();
  return {
    stop() {
      if (!stopping && !closed) {
        stopping = true;
        try {
          eventfdWrite(fd, STOP);
        } catch {
          end();
        }
      }
      return done;
    },
  };
}
