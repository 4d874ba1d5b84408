// Placeholder until `ctbun resume` lands: the CLI parses every flag and calls this.
import { CtbunError } from "../errors.ts";
import type { PauseOptions } from "../cli/pause.ts";
export async function resume(_opts: PauseOptions): Promise<void> { throw new CtbunError("resume is not implemented yet"); }
