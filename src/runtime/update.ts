// Placeholder until `ctbun update` lands: the CLI parses every flag and calls this.
import { CtbunError } from "../errors.ts";
import type { UpdateOptions } from "../cli/update.ts";
export async function update(_opts: UpdateOptions): Promise<void> { throw new CtbunError("update is not implemented yet"); }
