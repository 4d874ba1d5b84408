// Placeholder until `ctbun exec` lands: the CLI parses every flag and calls this.
import { CtbunError } from "../errors.ts";
import type { ExecOptions } from "../cli/exec.ts";
export async function exec(_opts: ExecOptions): Promise<number> { throw new CtbunError("exec is not implemented yet"); }
