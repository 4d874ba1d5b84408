// <state dir>/criu-root: the rbind of the rootfs a restore hands CRIU as its root. Kept in a
// tiny module of its own because `delete` uses it too and must not load the CRIU code.
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { libc } from "../linux/libc.ts";

export const CRIU_ROOT = "criu-root";
const MNT_DETACH = 2;

function isMountpoint(path: string): boolean {
  try {
    const inner = statSync(path);
    const outer = statSync(join(path, ".."));
    return inner.dev !== outer.dev || inner.ino === outer.ino;
  } catch {
    return false;
  }
}

/**
 * Detach `<state dir>/criu-root` if a restore left it mounted (ctbun killed mid-restore). It is
 * an rbind of the container's rootfs: removing the state dir recursively while it is mounted
 * would delete the rootfs itself. Returns false when it could not be detached.
 */
export function detachCriuRoot(stateDirPath: string): boolean {
  const p = join(stateDirPath, CRIU_ROOT);
  for (let i = 0; i < 8 && isMountpoint(p); i++) if (libc.symbols.umount2(p, MNT_DETACH) < 0) break;
  return !isMountpoint(p);
}

/** Remove a container's state dir, never through a mounted criu-root. */
export function removeStateDir(stateDirPath: string): void {
  if (!detachCriuRoot(stateDirPath)) throw new Error(`${join(stateDirPath, CRIU_ROOT)} is still mounted: not removing ${stateDirPath}`);
  rmSync(stateDirPath, { recursive: true, force: true });
}
