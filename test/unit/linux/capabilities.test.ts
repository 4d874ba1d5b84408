import { describe, expect, test } from "bun:test";
import {
  CAP_LAST_KNOWN,
  CAPABILITIES,
  CAPABILITY_NAMES,
  capMask,
  capMaskWords,
  capNames,
  fullCapMask,
  isKnownCap,
  lastCap,
  parseCapNames,
} from "../../../src/linux/capabilities.ts";

describe("capability table", () => {
  test("numbers the capabilities 0..40 with no gaps, ending at CAP_CHECKPOINT_RESTORE", () => {
    expect(Object.values(CAPABILITIES)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(CAPABILITIES.CAP_CHECKPOINT_RESTORE).toBe(40);
    expect(CAP_LAST_KNOWN).toBe(40);
    expect(CAPABILITY_NAMES.length).toBe(41);
  });

  const known: [string, number][] = [
    ["CAP_CHOWN", 0],
    ["CAP_KILL", 5],
    ["CAP_NET_BIND_SERVICE", 10],
    ["CAP_SYS_ADMIN", 21],
    ["CAP_AUDIT_WRITE", 29],
    ["CAP_SETFCAP", 31],
    ["CAP_MAC_OVERRIDE", 32],
    ["CAP_PERFMON", 38],
    ["CAP_BPF", 39],
  ];
  for (const [name, bit] of known) {
    test(`${name} is bit ${bit}`, () => expect(CAPABILITIES[name]).toBe(bit));
  }
});

describe("parseCapNames() and capMask()", () => {
  test("capMask() sets one bit per name", () => {
    expect(capMask(["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"])).toBe((1n << 29n) | (1n << 5n) | (1n << 10n));
  });
  test("capMask() handles bits above 31", () => {
    expect(capMask(["CAP_CHECKPOINT_RESTORE", "CAP_MAC_ADMIN"])).toBe((1n << 40n) | (1n << 33n));
  });
  test("capMask() of nothing is 0", () => expect(capMask([])).toBe(0n));
  test("capMask() ignores duplicates", () => expect(capMask(["CAP_KILL", "CAP_KILL"])).toBe(1n << 5n));
  test("parseCapNames() keeps order", () => expect(parseCapNames(["CAP_SYS_ADMIN", "CAP_CHOWN"])).toEqual([21, 0]));

  for (const bad of ["CAP_FOO", "cap_kill", "KILL", "", "toString", "__proto__"]) {
    test(`parseCapNames() rejects ${JSON.stringify(bad)} with runc's text`, () => {
      expect(() => parseCapNames([bad])).toThrow(`unknown capability ${JSON.stringify(bad)}`);
      expect(isKnownCap(bad)).toBe(false);
    });
  }
});

describe("capNames() and capMaskWords()", () => {
  test("capNames() inverts capMask()", () => {
    expect(capNames(capMask(["CAP_NET_BIND_SERVICE", "CAP_KILL", "CAP_BPF"]))).toEqual(["CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_BPF"]);
  });
  test("capMaskWords() splits low and high 32 bits", () => {
    expect(capMaskWords((1n << 40n) | (1n << 31n) | 1n)).toEqual([0x80000001, 1 << 8]);
  });
  test("fullCapMask(40) has 41 bits", () => {
    expect(fullCapMask(40)).toBe((1n << 41n) - 1n);
    expect(capNames(fullCapMask(40)).length).toBe(41);
  });
});

describe("lastCap()", () => {
  test("lastCap() reads the kernel's number", () => expect(lastCap(() => "37\n")).toBe(37));
  test("lastCap() falls back to 40 when the file is unreadable", () => {
    expect(
      lastCap(() => {
        throw new Error("ENOENT");
      }),
    ).toBe(40);
  });
  test("lastCap() falls back to 40 on garbage", () => expect(lastCap(() => "x")).toBe(40));
  test("lastCap() reads this machine's /proc", () => {
    const n = lastCap();
    expect(n).toBeGreaterThanOrEqual(30);
  });
});
