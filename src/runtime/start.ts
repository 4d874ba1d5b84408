// `ctbun start`: open exec.fifo for reading, which releases the init blocked on its write end.
import { ptr } from "bun:ffi";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { CtbunError, InvalidStatusError, SysError } from "../errors.ts";
import { errno, libc } from "../linux/libc.ts";
import { isAlive } from "../linux/proc.ts";
import { runHooks } from "./hooks.ts";
import { EXEC_FIFO, readSavedState, stateDir, statusOf, type SavedState } from "./state.ts";
import { O_CLOEXEC, O_NONBLOCK, O_RDONLY } from "../linux/constants.ts";

const POLLIN = 1;

export async function start(root: string, id: string): Promise<void> {
  const s = readSavedState(root, id);
  const status = statusOf(root, s);
  if (status === "stopped") throw new InvalidStatusError(status, "cannot start a container that has stopped");
  if (status !== "created") throw new InvalidStatusError(status, "cannot start an already running container");
  releaseInit(root, s);
  runHooks("poststart", s.config.hooks?.poststart, {
    ociVersion: s.ociVersion,
    id: s.id,
    status: "running",
    pid: s.pid,
    bundle: s.bundle,
    annotations: s.annotations,
  });
}

/** Read the init's byte from exec.fifo, watching that the init is still alive meanwhile. */
export function releaseInit(root: string, s: SavedState): void {
  const fifo = join(stateDir(root, s.id), EXEC_FIFO);
  const fd = libc.symbols.open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0) throw new CtbunError("exec fifo", { cause: new SysError("open", errno(), fifo) });
  try {
    const pfd = new Int32Array([fd, POLLIN, 0, 0]);
    const buf = new Uint8Array(1);
    for (;;) {
      const n = libc.symbols.read(fd, ptr(buf), 1);
      if (n === 1) break;
      if (n < 0 && errno() !== 11) throw new SysError("read", errno(), fifo);
      if (!isAlive(s.pid, s.initStart)) {
        // an init that wrote its byte and then died (its process failed to start) still
        // counts as started: the byte stays in the fifo after the writer is gone
        if (Number(libc.symbols.read(fd, ptr(buf), 1)) === 1) break;
        throw new CtbunError("container process is already dead");
      }
      libc.symbols.poll(ptr(pfd), 1, 50);
    }
  } finally {
    libc.symbols.close(fd);
  }
  rmSync(fifo, { force: true });
}
