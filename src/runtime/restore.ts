// Placeholder until `ctbun restore` lands: the CLI parses every flag and calls this.
import { CtbunError } from "../errors.ts";
import type { RestoreOptions } from "../criu/options.ts";
export async function restore(_opts: RestoreOptions): Promise<number> { throw new CtbunError("restore is not implemented yet"); }
