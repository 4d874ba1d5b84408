// The real cgroup v1 OOM notifier: an eventfd registered on memory.oom_control through
// cgroup.event_control ("<eventfd> <fd of memory.oom_control>"), read by src/linux/eventfd.ts
// off the event loop. Loaded lazily (only `events` on v1 needs it), as _bpf-ffi.ts is.
import { closeSync, constants as C, openSync } from "node:fs";
import { posix } from "node:path";
import { realFs } from "./fs.ts";
import type { OomNotify } from "./types.ts";

const O_CLOEXEC = 0o2000000;

export const realOomNotify: OomNotify = (memDir, onWake) => {
  const { eventfd, watchEventfd } = require("../linux/eventfd.ts") as typeof import("../linux/eventfd.ts");
  const efd = eventfd();
  let ofd = -1;
  try {
    ofd = openSync(posix.join(memDir, "memory.oom_control"), C.O_RDONLY | O_CLOEXEC);
    // the kernel keeps its own reference to the eventfd; memory.oom_control is needed only here
    realFs().writeFile(posix.join(memDir, "cgroup.event_control"), `${efd} ${ofd}`);
  } catch (e) {
    closeSync(efd);
    throw e;
  } finally {
    if (ofd >= 0) closeSync(ofd);
  }
  return watchEventfd(efd, () => onWake());
};
