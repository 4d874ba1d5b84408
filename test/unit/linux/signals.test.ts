import { describe, expect, test } from "bun:test";
import { CtbunError } from "../../../src/errors.ts";
import { parseSignal, signalName, SIGNALS, SIGKILL, SIGRTMAX, SIGRTMIN, SIGTERM } from "../../../src/linux/signals.ts";

describe("parseSignal()", () => {
  const cases: [string, number][] = [
    ["9", 9],
    ["15", 15],
    ["0", 0],
    ["64", 64],
    ["KILL", 9],
    ["SIGKILL", 9],
    ["kill", 9],
    ["sigterm", 15],
    ["SigHup", 1],
    ["TERM", 15],
    ["SIGCHLD", 17],
    ["CLD", 17],
    ["IOT", 6],
    ["SIGPOLL", 29],
    ["WINCH", 28],
    ["SIGSTKFLT", 16],
    ["SIGPWR", 30],
    ["SYS", 31],
    ["RTMIN", 34],
    ["SIGRTMIN", 34],
    ["SIGRTMIN+1", 35],
    ["rtmin+30", 64],
    ["RTMAX", 64],
    ["SIGRTMAX-1", 63],
    ["RTMAX-30", 34],
    [" USR1 ", 10],
  ];
  for (const [input, n] of cases) {
    test(`parseSignal() reads ${JSON.stringify(input)} as ${n}`, () => {
      expect(parseSignal(input)).toBe(n);
    });
  }

  const bad = ["FOO", "SIGFOO", "", "65", "-1", "1.5", "RTMIN+31", "RTMAX-31", "RTMIN-1", "RTMAX+1", "SIG", "9x"];
  for (const input of bad) {
    test(`parseSignal() rejects ${JSON.stringify(input)} with unknown signal`, () => {
      expect(() => parseSignal(input)).toThrow(CtbunError);
      expect(() => parseSignal(input)).toThrow(`unknown signal ${JSON.stringify(input)}`);
    });
  }
});

describe("signalName()", () => {
  const cases: [number, string][] = [
    [1, "SIGHUP"],
    [SIGKILL, "SIGKILL"],
    [SIGTERM, "SIGTERM"],
    [17, "SIGCHLD"],
    [29, "SIGIO"],
    [31, "SIGSYS"],
    [SIGRTMIN, "SIGRTMIN"],
    [35, "SIGRTMIN+1"],
    [49, "SIGRTMIN+15"],
    [50, "SIGRTMAX-14"],
    [63, "SIGRTMAX-1"],
    [SIGRTMAX, "SIGRTMAX"],
    [32, "SIG32"],
    [0, "SIG0"],
  ];
  for (const [n, name] of cases) {
    test(`signalName() names ${n} ${name}`, () => {
      expect(signalName(n)).toBe(name);
    });
  }

  test("signalName() and parseSignal() round-trip every signal 1..64", () => {
    for (let n = 1; n <= 64; n++) {
      if (n === 32 || n === 33) continue;
      expect(parseSignal(signalName(n))).toBe(n);
    }
  });

  test("the table has the 31 standard signals with distinct numbers 1..31", () => {
    const nums = Object.values(SIGNALS).sort((a, b) => a - b);
    expect(nums).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  });
});
