// One container, one operation at a time: an exclusive flock(2) on the container's state
// directory, held by the command for the length of the operation (runc keeps only an
// in-process mutex; two ctbun processes could otherwise interleave start/kill/delete).
// exec holds it only while it checks the status and joins, never while its process runs
// (see runtime/exec.ts).
import { SysError } from "../errors.ts";
import { errno, libc } from "../linux/libc.ts";
import { validateId } from "../spec/id.ts";
import { stateDir } from "./state.ts";
import { O_CLOEXEC, O_DIRECTORY, O_RDONLY } from "../linux/constants.ts";

const LOCK_EX = 2,
  ENOENT = 2,
  EINTR = 4;

const held = new Map<string, { fd: number; count: number }>();

/** Lock the container's directory; returns the unlock. Re-entrant within this process. A
 * container without a directory is not locked (the operation reports that it does not exist). */
export function lockContainer(root: string, id: string): () => void {
  validateId(id);
  const dir = stateDir(root, id);
  const h = held.get(dir);
  if (h) {
    h.count++;
    return () => release(dir);
  }
  const fd = libc.symbols.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0) {
    if (errno() === ENOENT) return () => {};
    throw new SysError("open", errno(), dir);
  }
  while (libc.symbols.flock(fd, LOCK_EX) < 0) {
    if (errno() !== EINTR) {
      const e = errno();
      libc.symbols.close(fd);
      throw new SysError("flock", e, dir);
    }
  }
  held.set(dir, { fd, count: 1 });
  return () => release(dir);
}

function release(dir: string): void {
  const h = held.get(dir);
  if (!h || --h.count > 0) return;
  held.delete(dir);
  libc.symbols.close(h.fd); // closing the only descriptor drops the lock
}

export async function withContainerLock<T>(root: string, id: string, fn: () => Promise<T> | T): Promise<T> {
  const unlock = lockContainer(root, id);
  try {
    return await fn();
  } finally {
    unlock();
  }
}
