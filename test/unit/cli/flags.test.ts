import { describe, expect, test } from "bun:test";
import {
  type FlagSpec,
  HelpRequested,
  parseFlags,
  parseGoBool,
  parseGoDuration,
  parseGoInt,
  reorderArgs,
  UsageError,
} from "../../../src/cli/_flags.ts";

const CREATE: FlagSpec[] = [
  { name: "bundle", alias: ["b"], type: "string", usage: "" },
  { name: "console-socket", type: "string", usage: "" },
  { name: "pid-file", type: "string", usage: "" },
  { name: "no-pivot", type: "bool", usage: "" },
  { name: "preserve-fds", type: "uint", default: 0, usage: "" },
];

const EXEC: FlagSpec[] = [
  { name: "env", alias: ["e"], type: "strings", usage: "" },
  { name: "tty", alias: ["t"], type: "bool", usage: "" },
  { name: "user", alias: ["u"], type: "string", usage: "" },
  { name: "detach", alias: ["d"], type: "bool", usage: "" },
  { name: "additional-gids", alias: ["g"], type: "ints", usage: "" },
  { name: "process", alias: ["p"], type: "string", usage: "" },
];

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseFlags()", () => {
  test("accepts single and double dashes for long flags", () => {
    for (const spelling of ["-bundle", "--bundle"]) {
      const f = parseFlags(CREATE, [spelling, "/b", "c1"]);
      expect(f.string("bundle")).toBe("/b");
      expect(f.args).toEqual(["c1"]);
    }
  });

  test("accepts short aliases with one or two dashes", () => {
    expect(parseFlags(CREATE, ["-b", "/x", "c1"]).string("bundle")).toBe("/x");
    expect(parseFlags(CREATE, ["--b", "/x", "c1"]).string("bundle")).toBe("/x");
  });

  test("takes the value after = (which may be empty or contain =)", () => {
    expect(parseFlags(CREATE, ["--bundle=/a=b", "c1"]).string("bundle")).toBe("/a=b");
    expect(parseFlags(CREATE, ["-pid-file=", "c1"]).isSet("pid-file")).toBe(true);
    expect(parseFlags(CREATE, ["-pid-file=", "c1"]).optString("pid-file")).toBeUndefined();
  });

  test("takes the next argument as the value even when it starts with a dash (Go)", () => {
    expect(parseFlags(CREATE, ["--console-socket", "--pid-file", "c1"]).string("console-socket")).toBe("--pid-file");
  });

  test("reports a missing value with Go's message and a single dash", () => {
    expect(usageError(() => parseFlags(CREATE, ["--console-socket"]))).toBe("flag needs an argument: -console-socket");
    expect(usageError(() => parseFlags(CREATE, ["-console-socket"]))).toBe("flag needs an argument: -console-socket");
    expect(usageError(() => parseFlags(CREATE, ["-b"]))).toBe("flag needs an argument: -b");
  });

  test("reports an unknown flag with Go's message", () => {
    expect(usageError(() => parseFlags(CREATE, ["--bogus", "c1"]))).toBe("flag provided but not defined: -bogus");
    expect(usageError(() => parseFlags(CREATE, ["-x=1", "c1"]))).toBe("flag provided but not defined: -x");
  });

  test("rejects bad flag syntax", () => {
    expect(usageError(() => parseFlags(CREATE, ["---bundle", "x"]))).toBe("bad flag syntax: ---bundle");
    expect(usageError(() => parseFlags(CREATE, ["-=x"]))).toBe("bad flag syntax: -=x");
  });

  test("treats bools as switches with an optional =value", () => {
    expect(parseFlags(CREATE, ["--no-pivot", "c1"]).bool("no-pivot")).toBe(true);
    expect(parseFlags(CREATE, ["--no-pivot=false", "c1"]).bool("no-pivot")).toBe(false);
    expect(parseFlags(CREATE, ["-no-pivot=1", "c1"]).bool("no-pivot")).toBe(true);
    expect(parseFlags(CREATE, ["c1"]).bool("no-pivot")).toBe(false);
    // a bool never consumes the next argument
    const f = parseFlags(CREATE, ["--no-pivot", "false"]);
    expect(f.bool("no-pivot")).toBe(true);
    expect(f.args).toEqual(["false"]);
    expect(usageError(() => parseFlags(CREATE, ["--no-pivot=maybe"]))).toBe('invalid boolean value "maybe" for -no-pivot: parse error');
  });

  test("parses numbers like Go and rejects bad ones", () => {
    expect(parseFlags(CREATE, ["--preserve-fds", "3", "c"]).number("preserve-fds")).toBe(3);
    expect(parseFlags(CREATE, ["c"]).number("preserve-fds")).toBe(0);
    expect(usageError(() => parseFlags(CREATE, ["--preserve-fds=x", "c"]))).toBe('invalid value "x" for flag -preserve-fds: parse error');
    expect(usageError(() => parseFlags(CREATE, ["--preserve-fds=-1", "c"]))).toBe('invalid value "-1" for flag -preserve-fds: parse error');
  });

  test("collects repeatable flags in order", () => {
    const f = parseFlags(EXEC, ["-e", "A=1", "--env=B=2", "-env", "C=3", "-g", "10", "--additional-gids=0x10", "id", "sh"], { reorder: false });
    expect(f.strings("env")).toEqual(["A=1", "B=2", "C=3"]);
    expect(f.numbers("additional-gids")).toEqual([10, 16]);
    expect(f.args).toEqual(["id", "sh"]);
  });

  test("lets the last of a repeated single-value flag win", () => {
    expect(parseFlags(CREATE, ["-b", "/1", "-b", "/2", "c"]).string("bundle")).toBe("/2");
  });

  test("stops at -- and keeps what follows as arguments", () => {
    const f = parseFlags(CREATE, ["-b", "/b", "--", "--no-pivot"]);
    expect(f.bool("no-pivot")).toBe(false);
    expect(f.args).toEqual(["--no-pivot"]);
  });

  test("treats a lone dash as an argument", () => {
    expect(parseFlags(CREATE, ["-"]).args).toEqual(["-"]);
  });

  test("signals -h/--help", () => {
    expect(() => parseFlags(CREATE, ["--help"])).toThrow(HelpRequested);
    expect(() => parseFlags(CREATE, ["c1", "-h"])).toThrow(HelpRequested);
  });
});

describe("parseFlags() with urfave/cli v1 reordering", () => {
  test("accepts flags after the container id", () => {
    const f = parseFlags(CREATE, ["c1", "--bundle", "/b", "--no-pivot", "-pid-file=/p"]);
    expect(f.string("bundle")).toBe("/b");
    expect(f.bool("no-pivot")).toBe(true);
    expect(f.string("pid-file")).toBe("/p");
    expect(f.args).toEqual(["c1"]);
  });

  test("leaves unknown dash-arguments after the id as positionals", () => {
    const f = parseFlags([{ name: "all", alias: ["a"], type: "bool", usage: "" }], ["c1", "-9"]);
    expect(f.args).toEqual(["c1", "-9"]);
  });

  test("consumes the id as the value of a trailing value flag, as runc does", () => {
    const f = parseFlags(CREATE, ["c1", "--console-socket"]);
    expect(f.string("console-socket")).toBe("c1");
    expect(f.args).toEqual([]);
  });

  test("reorderArgs() moves flags and their values, keeps -- and what follows last", () => {
    const known = new Map([
      ["b", true],
      ["bundle", true],
      ["force", false],
      ["f", false],
    ]);
    expect(reorderArgs(known, ["id", "-b", "/x", "more"])).toEqual(["-b", "/x", "id", "more"]);
    expect(reorderArgs(known, ["id", "--force"])).toEqual(["--force", "id"]);
    expect(reorderArgs(known, ["id", "--", "-b", "x"])).toEqual(["--", "id", "-b", "x"]);
    expect(reorderArgs(known, ["id", "--bundle=/x", "z"])).toEqual(["--bundle=/x", "id", "z"]);
    // a bool does not pull the next argument along (runc would, and then reject "-b /x")
    expect(reorderArgs(known, ["--force", "id", "-b", "/x"])).toEqual(["--force", "-b", "/x", "id"]);
  });
});

describe("parseFlags() without reordering (exec, ps)", () => {
  test("passes everything after the container id verbatim", () => {
    const f = parseFlags(EXEC, ["-t", "id", "sh", "-c", "ls -l /", "-e", "X=1"], { reorder: false });
    expect(f.bool("tty")).toBe(true);
    expect(f.strings("env")).toEqual([]);
    expect(f.args).toEqual(["id", "sh", "-c", "ls -l /", "-e", "X=1"]);
  });

  test("keeps a command that looks like a flag of ours", () => {
    const f = parseFlags(EXEC, ["id", "--tty", "-d"], { reorder: false });
    expect(f.bool("tty")).toBe(false);
    expect(f.args).toEqual(["id", "--tty", "-d"]);
  });
});

describe("Go value parsers", () => {
  test("parseGoBool() accepts strconv.ParseBool spellings only", () => {
    for (const t of ["1", "t", "T", "true", "TRUE", "True"]) expect(parseGoBool(t)).toBe(true);
    for (const f of ["0", "f", "F", "false", "FALSE", "False"]) expect(parseGoBool(f)).toBe(false);
    for (const x of ["yes", "tRuE", ""]) expect(parseGoBool(x)).toBeUndefined();
  });

  test("parseGoInt() handles base prefixes and signs", () => {
    expect(parseGoInt("42")).toBe(42);
    expect(parseGoInt("-7")).toBe(-7);
    expect(parseGoInt("0x1f")).toBe(31);
    expect(parseGoInt("0o17")).toBe(15);
    expect(parseGoInt("017")).toBe(15);
    expect(parseGoInt("0b101")).toBe(5);
    expect(parseGoInt("0x_ff")).toBe(255);
    expect(parseGoInt("1_000")).toBe(1000);
    expect(parseGoInt("1__0")).toBeUndefined();
    expect(parseGoInt("_1")).toBeUndefined();
    expect(parseGoInt("0x")).toBeUndefined();
    expect(parseGoInt("+5")).toBe(5);
    expect(parseGoInt("09")).toBeUndefined();
    expect(parseGoInt("-1", true)).toBeUndefined();
    expect(parseGoInt("")).toBeUndefined();
  });

  test("parseGoDuration() reads Go durations in milliseconds", () => {
    expect(parseGoDuration("5s")).toBe(5000);
    expect(parseGoDuration("1m30s")).toBe(90_000);
    expect(parseGoDuration("250ms")).toBe(250);
    expect(parseGoDuration("1.5h")).toBe(5_400_000);
    expect(parseGoDuration("0")).toBe(0);
    expect(parseGoDuration("-2s")).toBe(-2000);
    expect(parseGoDuration("5")).toBeUndefined();
    expect(parseGoDuration("s")).toBeUndefined();
  });
});
