// Placeholder until `ctbun ps` lands: the CLI parses every flag and calls this.
import { CtbunError } from "../errors.ts";
import type { PsOptions } from "../cli/ps.ts";
export async function ps(_opts: PsOptions): Promise<string> { throw new CtbunError("ps is not implemented yet"); }
