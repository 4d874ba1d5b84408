// Placeholder until `ctbun pause` lands: the CLI parses every flag and calls this.
import { CtbunError } from "../errors.ts";
import type { PauseOptions } from "../cli/pause.ts";
export async function pause(_opts: PauseOptions): Promise<void> { throw new CtbunError("pause is not implemented yet"); }
