// Placeholder until `ctbun checkpoint` lands: the CLI parses every flag and calls this.
import { CtbunError } from "../errors.ts";
import type { CheckpointOptions } from "../criu/options.ts";
export async function checkpoint(_opts: CheckpointOptions): Promise<void> { throw new CtbunError("checkpoint is not implemented yet"); }
