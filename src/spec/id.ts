// Container id rules. runc accepts ids matching ^[\w+-\.]+$ that stay the same under path
// cleaning; ctbun accepts exactly that set and also caps the length, because the id becomes a
// directory name under --root (NAME_MAX is 255, but runc's ids are conventionally <= 1024 and
// containerd uses 64-char hex ids).
import { CtbunError } from "../errors.ts";

export const MAX_ID_LENGTH = 1024;

const ID_CHARS = /^[A-Za-z0-9_+\-.]+$/;

/** Throws `invalid container id "<id>": <reason>` unless `id` is safe to use as a container id. */
export function validateId(id: string): void {
  const fail = (why: string): never => {
    throw new CtbunError(`invalid container id ${JSON.stringify(id)}: ${why}`);
  };
  if (id.length === 0) fail("must not be empty");
  if (id.length > MAX_ID_LENGTH) fail(`longer than ${MAX_ID_LENGTH} characters`);
  if (id === "." || id === "..") fail("must not be . or ..");
  if (id.includes("/")) fail("must not contain /");
  if (!ID_CHARS.test(id)) fail("only letters, digits and _ + - . are allowed");
}
