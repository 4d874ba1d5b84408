// `ctbun events`: the container's events as newline-delimited JSON in runc's envelope,
// {"type":"stats"|"oom","id":"<id>","data":{...}} (no "data" for oom).
//
// --stats prints one stats event and returns. Otherwise a stats event is printed every
// --interval and an oom event each time the kernel OOM-kills a process of the container
// (v1 memory.oom_control oom_kill, v2 memory.events oom_kill, polled every 50 ms), until the
// container's init is gone; the OOM counter is read once more after that, so a kill that ended
// the container is still reported before events returns.
import type { EventsOptions } from "../cli/events.ts";
import { writeStdout } from "../cli/_output.ts";
import { statsJson, type RuncStats } from "../cgroups/stats.ts";
import { CtbunError } from "../errors.ts";
import { log } from "../log.ts";
import { isAlive } from "../linux/proc.ts";
import { cgroupOf } from "./cgroup.ts";
import { readSavedState, statusOf } from "./state.ts";

/** How often the OOM counter and the init are looked at. */
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
    let last = cg.oomKillCount() ?? 0;
    let done = false;
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clearInterval(statsTimer);
      clearInterval(watchTimer);
      if (err) reject(err);
      else resolve();
    };
    const checkOom = (): boolean => {
      let now: number | undefined;
      try {
        now = cg.oomKillCount();
      } catch {
        now = undefined; // cgroup removed under us
      }
      for (; now !== undefined && last < now; last++) {
        if (!emit({ type: "oom", id })) return false;
      }
      return true;
    };
    const statsTimer = setInterval(() => {
      let data: RuncStats;
      try {
        data = stats();
      } catch (e) {
        log.error(e instanceof Error ? e.message : String(e));
        return;
      }
      try {
        if (!emit({ type: "stats", id, data })) finish();
      } catch (e) {
        finish(e);
      }
    }, opts.interval);
    const watchTimer = setInterval(() => {
      try {
        if (!checkOom()) return finish();
        if (!isAlive(s.pid, s.initStart)) {
          checkOom();
          finish();
        }
      } catch (e) {
        finish(e);
      }
    }, WATCH_MS);
  });
}
