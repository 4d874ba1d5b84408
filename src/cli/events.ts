// ctbun events [--interval 5s] [--stats] <container-id>

import { CtbunError } from "../errors.ts";
import { checkArgs, defineCommand } from "./_command.ts";

/** What the runtime's events() receives; it writes JSON lines to stdout until the container stops. */
export interface EventsOptions {
  root: string;
  id: string;
  /** Milliseconds between stats events. */
  interval: number;
  /** Print one stats event and return. */
  stats: boolean;
}

export default defineCommand({
  name: "events",
  summary: "stream a container's resource statistics and OOM events as JSON",
  argsUsage: "<container-id>",
  description: "Streams the container's events (stats every --interval, OOM) as JSON lines.",
  flags: [
    { name: "interval", type: "duration", default: "5s", usage: "time between stats events (Go duration: 500ms, 5s, 1m)" },
    { name: "stats", type: "bool", usage: "print the container's stats once and exit" },
  ],
  async run({ globals, flags, args }) {
    checkArgs("events", args, 1);
    const interval = flags.number("interval");
    if (interval <= 0) throw new CtbunError("duration interval must be greater than 0");
    const opts: EventsOptions = { root: globals.root, id: args[0] as string, interval, stats: flags.bool("stats") };
    const { events } = await import("../runtime/events.ts");
    await events(opts);
  },
});
