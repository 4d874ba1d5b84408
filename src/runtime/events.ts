// `ctbun events`: the container's events as newline-delimited JSON in runc's envelope,
// {"type":"stats"|"oom","id":"<id>","data":{...}} (no "data" for oom).
//
// --stats prints one stats event and returns. Otherwise a stats event is printed every
// --interval and an oom event each time the kernel OOM-kills a process of the container
// (the oom_kill counter: v1 memory.oom_control, looked at when the eventfd registered through
// cgroup.event_control fires; v2 memory.events, polled every 50 ms), until the container's init
// is gone; the counter is read once more after that, so a kill that ended the container is
// still reported before events returns.
import type { EventsOptions } from "../cli/events.ts";
import { writeStdout } from "../cli/_output.ts";
import { statsJson, type RuncStats } from "../cgroups/stats.ts";
import { CtbunError } from "../errors.ts";
import { log } from "../log.ts";
import { isAlive } from "../linux/proc.ts";
import { cgroupOf } from "./cgroup.ts";
import { readSavedState, statusOf } from "./state.ts";

/** How often the init is looked at (and the OOM counter where no eventfd wakes us). */
const WATCH_MS = 50;

export interface RuncEvent {
  type: "stats" | "oom";
  id: string;
  data?: RuncStats;
}

export function eventLine(e: RuncEvent): string {
  return statsJson(e) + "\n";
}

/** Write one line; false when stdout is gone (a closed pipe ends the stream quietly). */
function emit(e: RuncEvent): boolean {
  try {
    writeStdout(eventLine(e));
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "EPIPE") return false;
    throw err;
  }
}

export async function events(opts: EventsOptions): Promise<void> {
  const s = readSavedState(opts.root, opts.id);
  if (statusOf(opts.root, s) === "stopped") throw new CtbunError(`container with id ${opts.id} is not running`);
  const cg = cgroupOf(s);
  if (!cg) throw new CtbunError("unable to get container cgroup stats: the container has no cgroup");
  const id = s.id;
  const stats = (): RuncStats => {
    try {
      return cg.stats();
    } catch (e) {
      throw new CtbunError("unable to get container cgroup stats", { cause: e });
    }
  };

  if (opts.stats) {
    emit({ type: "stats", id, data: stats() });
    return;
  }

  await new Promise<void>((resolve, reject) => {
    let done = false;
    let closed = false; // stdout gone: no more lines
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clearInterval(statsTimer);
      clearInterval(watchTimer);
      // the last look at the OOM counter happens in stopOom
      stopOom().then(
        () => (err ? reject(err) : resolve()),
        (e) => reject(err ?? e),
      );
    };
    const stopOom = cg.oomEvents(
      () => {
        if (closed) return;
        try {
          if (!emit({ type: "oom", id })) {
            closed = true;
            queueMicrotask(() => finish());
          }
        } catch (e) {
          closed = true;
          queueMicrotask(() => finish(e));
        }
      },
      { intervalMs: WATCH_MS },
    );
    const statsTimer = setInterval(() => {
      let data: RuncStats;
      try {
        data = stats();
      } catch (e) {
        log.error(e instanceof Error ? e.message : String(e));
        return;
      }
      if (closed) return;
      try {
        if (!emit({ type: "stats", id, data })) {
          closed = true;
          finish();
        }
      } catch (e) {
        closed = true;
        finish(e);
      }
    }, opts.interval);
    const watchTimer = setInterval(() => {
      try {
        if (!isAlive(s.pid, s.initStart)) finish();
      } catch (e) {
        finish(e);
      }
    }, WATCH_MS);
  });
}
