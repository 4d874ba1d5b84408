// runc's --pid-file: the decimal pid, no newline, written to ".<name>" beside it and renamed
// into place so a reader never sees a partial file.
import { renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export function writePidFile(path: string, pid: number): void {
  const abs = resolve(path);
  const tmp = join(dirname(abs), `.${basename(abs)}`);
  writeFileSync(tmp, String(pid), { mode: 0o666 });
  renameSync(tmp, abs);
}
