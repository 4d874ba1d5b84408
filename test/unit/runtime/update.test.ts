// update: validation and the merge of a partial LinuxResources into the saved one.
import { describe, expect, test } from "bun:test";
import { mergeResources, validateResources } from "../../../src/runtime/update.ts";

describe("update resources", () => {
  test("pids.limit 0 from --pids-limit or -r replaces the old limit (runc >= 1.4: 0 is a limit, not 'unset')", () => {
    const old = { pids: { limit: 50 }, memory: { limit: 1 << 20 } };
    expect(mergeResources(old, validateResources({ pids: { limit: 0 } })).pids).toEqual({ limit: 0 });
    expect(mergeResources(old, validateResources({ pids: { limit: -1 } })).pids).toEqual({ limit: -1 });
    // no pids in the patch, or pids without a limit: the old limit stays
    expect(mergeResources(old, validateResources({ memory: { limit: 2 << 20 } })).pids).toEqual({ limit: 50 });
    expect(mergeResources(old, validateResources({ pids: {} })).pids).toEqual({ limit: 50 });
    expect(mergeResources(old, validateResources({ pids: { limit: null } })).pids).toEqual({ limit: 50 });
  });

  test("pids.limit must be an integer", () => {
    expect(() => validateResources({ pids: { limit: "many" } })).toThrow('invalid value for pids.limit (--pids-limit): "many": expected an integer');
    expect(() => validateResources({ pids: { limit: 1.5 } })).toThrow("expected an integer");
  });
});
