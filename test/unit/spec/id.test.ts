import { describe, expect, test } from "bun:test";
import { CtbunError } from "../../../src/errors.ts";
import { MAX_ID_LENGTH, validateId } from "../../../src/spec/id.ts";

describe("validateId()", () => {
  const good = ["a", "c1", "my-container", "my_container", "a.b", "a+b", "A-Z_0.9+", "...", ".hidden", "x".repeat(MAX_ID_LENGTH), "0123456789abcdef".repeat(4)];
  for (const id of good) {
    test(`validateId() accepts ${JSON.stringify(id.length > 40 ? `${id.slice(0, 20)}…(${id.length})` : id)}`, () => {
      expect(() => validateId(id)).not.toThrow();
    });
  }

  const bad: [string, string][] = [
    ["", "must not be empty"],
    [".", "must not be . or .."],
    ["..", "must not be . or .."],
    ["a/b", "must not contain /"],
    ["/abs", "must not contain /"],
    ["../x", "must not contain /"],
    ["a b", "only letters"],
    ["a:b", "only letters"],
    ["a\\b", "only letters"],
    ["a\nb", "only letters"],
    ["a\0b", "only letters"],
    ["é", "only letters"],
    ["a*", "only letters"],
    ["x".repeat(MAX_ID_LENGTH + 1), "longer than 1024"],
  ];
  for (const [id, why] of bad) {
    test(`validateId() rejects ${JSON.stringify(id.length > 40 ? id.slice(0, 10) : id)} (${why})`, () => {
      let err: unknown;
      try {
        validateId(id);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CtbunError);
      expect((err as Error).message).toStartWith(`invalid container id ${JSON.stringify(id)}: `);
      expect((err as Error).message).toContain(why);
    });
  }
});
