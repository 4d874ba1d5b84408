// Placeholder until `ctbun events` lands: the CLI parses every flag and calls this.
import { CtbunError } from "../errors.ts";
import type { EventsOptions } from "../cli/events.ts";
export async function events(_opts: EventsOptions): Promise<void> { throw new CtbunError("events is not implemented yet"); }
