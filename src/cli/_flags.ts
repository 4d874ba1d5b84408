// A small re-implementation of the command-line contract runc inherits from Go's `flag` package
// and urfave/cli v1, driven by per-command flag tables:
//
// - `-name` and `--name` are the same flag; values go in `-name=value` or the next argument
//   (even when that argument starts with a dash, as in Go);
// - bools take no separate value (`-d`, `--detach=false`);
// - parsing stops at the first non-flag argument or after `--`;
// - for most commands, urfave/cli v1 first moves every *known* flag (and the argument after a
//   flag written without `=`) in front of the positional arguments, so `delete id --force`
//   works. `exec` and `ps` turn that off: everything after the container id is theirs.
//
// Error texts are Go's, byte for byte: engines (podman, containerd) grep for some of them.

import { CtbunError } from "../errors.ts";

export type FlagType = "bool" | "string" | "int" | "uint" | "strings" | "ints" | "duration";

export interface FlagSpec {
  /** Canonical long name without dashes: "console-socket". */
  name: string;
  /** Other spellings, usually one letter: ["b"]. */
  alias?: readonly string[];
  type: FlagType;
  usage: string;
  /** Shown in help as "(default: X)"; parsed values start from it. */
  default?: string | number | boolean;
  hidden?: boolean;
}

export type FlagValue = string | number | boolean | string[] | number[];

/** A command-line usage problem (bad flag, wrong argument count): exit 1 plus a usage hint. */
export class UsageError extends CtbunError {}

/** `-h`/`--help` was given: print help and exit 0. */
export class HelpRequested extends Error {
  constructor() {
    super("help requested");
    this.name = "HelpRequested";
  }
}

export class ParsedFlags {
  constructor(
    private readonly values: Map<string, FlagValue>,
    private readonly seen: Set<string>,
    /** Positional arguments, in order (after the flags were taken out). */
    readonly args: string[],
  ) {}

  isSet(name: string): boolean {
    return this.seen.has(name);
  }
  string(name: string): string {
    const v = this.values.get(name);
    return typeof v === "string" ? v : v === undefined ? "" : String(v);
  }
  /** The value, or undefined when the flag was not given (or given as ""). */
  optString(name: string): string | undefined {
    const v = this.string(name);
    return v === "" ? undefined : v;
  }
  bool(name: string): boolean {
    return this.values.get(name) === true;
  }
  number(name: string): number {
    const v = this.values.get(name);
    return typeof v === "number" ? v : 0;
  }
  strings(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? (v as string[]).slice() : [];
  }
  numbers(name: string): number[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? (v as number[]).slice() : [];
  }
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  switch (s) {
    case "1":
    case "t":
    case "T":
    case "true":
    case "TRUE":
    case "True":
      return true;
    case "0":
    case "f":
    case "F":
    case "false":
    case "FALSE":
    case "False":
      return false;
  }
  return undefined;
}

/** Go's rule for digit separators: each "_" sits between digits (a base prefix counts as one). */
function underscoresOk(body: string): boolean {
  return !/(^|[^0-9a-fA-FxXoObB])_|_($|[^0-9a-fA-F])/.test(body) && !/^_|__|_$/.test(body);
}

/** Go's strconv.ParseInt(s, 0, 64): base prefixes 0x, 0b, 0o, a leading 0 for octal, "_" separators. */
export function parseGoInt(s: string, unsigned = false): number | undefined {
  let body = s;
  let negative = false;
  if (body.startsWith("+") || body.startsWith("-")) {
    if (unsigned) return undefined;
    negative = body[0] === "-";
    body = body.slice(1);
  }
  if (body.includes("_")) {
    if (!underscoresOk(body)) return undefined;
    body = body.replaceAll("_", "");
  }
  let digits = body;
  let radix = 10;
  let re = /^[0-9]+$/;
  if (/^0[xX]/.test(body)) [digits, radix, re] = [body.slice(2), 16, /^[0-9a-fA-F]+$/];
  else if (/^0[bB]/.test(body)) [digits, radix, re] = [body.slice(2), 2, /^[01]+$/];
  else if (/^0[oO]/.test(body)) [digits, radix, re] = [body.slice(2), 8, /^[0-7]+$/];
  else if (body.length > 1 && body[0] === "0") [digits, radix, re] = [body.slice(1), 8, /^[0-7]+$/];
  if (!re.test(digits)) return undefined;
  const n = Number.parseInt(digits, radix);
  if (!Number.isSafeInteger(n)) return undefined;
  return negative ? -n : n;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  "μs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds ("5s", "1m30s", "250ms", "0"). */
export function parseGoDuration(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest[0] === "-") sign = -1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  let total = 0;
  const re = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== "") {
    const m = re.exec(rest);
    if (!m) return undefined;
    total += Number.parseFloat(m[1] ?? "0") * (DURATION_UNITS[m[2] ?? ""] ?? 0);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** Strips the dashes and any "=value" the way urfave/cli v1 does when deciding what is a flag. */
function bareName(arg: string): string {
  let s = arg;
  if (s.startsWith("--")) s = s.slice(2);
  else if (s.startsWith("-")) s = s.slice(1);
  const eq = s.indexOf("=");
  return eq >= 0 ? s.slice(0, eq) : s;
}

/**
 * urfave/cli v1's argument reordering: known flags (and the value of a value flag written
 * without "=") move in front; other arguments keep their order after them; "--" and all that
 * follows stay at the end. `known` maps each flag name to whether it takes a value.
 *
 * One deliberate difference: urfave also pulls the argument after a *bool* flag forward, which
 * makes Go's parser stop there, so runc rejects `create --no-pivot id -b /x` and
 * `kill id -a -9`. Here a bool never takes the next argument, and both work.
 */
export function reorderArgs(known: ReadonlyMap<string, boolean>, argv: readonly string[]): string[] {
  const flags: string[] = [];
  let rest: string[] = [];
  let maybeValue = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const takesValue = arg !== "-" && arg !== "--" && arg.startsWith("-") ? known.get(bareName(arg)) : undefined;
    const isFlag = takesValue !== undefined;
    if (maybeValue && !isFlag) {
      maybeValue = false;
      flags.push(arg);
    } else if (arg === "--") {
      rest = ["--", ...rest, ...argv.slice(i + 1)];
      break;
    } else if (isFlag) {
      flags.push(arg);
      maybeValue = takesValue === true && !arg.includes("=");
    } else {
      rest.push(arg);
    }
  }
  return [...flags, ...rest];
}

function initialValue(spec: FlagSpec): FlagValue | undefined {
  if (spec.type === "strings" || spec.type === "ints") return [];
  if (spec.default !== undefined) {
    if (spec.type === "duration" && typeof spec.default === "string") return parseGoDuration(spec.default);
    return spec.default;
  }
  if (spec.type === "bool") return false;
  if (spec.type === "string") return "";
  return 0;
}

function invalid(value: string, name: string, why = "parse error"): UsageError {
  return new UsageError(`invalid value ${JSON.stringify(value)} for flag -${name}: ${why}`);
}

/** Every name a flag table answers to (true: takes a value), plus urfave's built-in help flag. */
export function flagNames(specs: readonly FlagSpec[]): Map<string, boolean> {
  const names = new Map<string, boolean>([
    ["help", false],
    ["h", false],
  ]);
  for (const s of specs) {
    for (const n of [s.name, ...(s.alias ?? [])]) names.set(n, s.type !== "bool");
  }
  return names;
}

/**
 * Parse `argv` against `specs`. With `reorder` (the default), known flags may also follow the
 * positional arguments; without it, the first positional argument ends flag parsing.
 * Throws UsageError with Go's message, or HelpRequested for -h/--help.
 */
export function parseFlags(specs: readonly FlagSpec[], argv: readonly string[], opts: { reorder?: boolean } = {}): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    for (const a of s.alias ?? []) byName.set(a, s);
  }
  const values = new Map<string, FlagValue>();
  for (const s of specs) {
    const v = initialValue(s);
    if (v !== undefined) values.set(s.name, v);
  }
  const seen = new Set<string>();
  const a = opts.reorder === false ? argv.slice() : reorderArgs(flagNames(specs), argv);

  let i = 0;
  while (i < a.length) {
    const s = a[i] as string;
    if (s.length < 2 || s[0] !== "-") break;
    let dashes = 1;
    if (s[1] === "-") {
      dashes = 2;
      if (s.length === 2) {
        i++;
        break;
      }
    }
    let name = s.slice(dashes);
    if (name.length === 0 || name[0] === "-" || name[0] === "=") throw new UsageError(`bad flag syntax: ${s}`);
    i++;
    let value: string | undefined;
    const eq = name.indexOf("=", 1);
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = byName.get(name);
    if (!spec) {
      if (name === "help" || name === "h") throw new HelpRequested();
      throw new UsageError(`flag provided but not defined: -${name}`);
    }
    if (spec.type === "bool") {
      let b = true;
      if (value !== undefined) {
        const parsed = parseGoBool(value);
        if (parsed === undefined) throw new UsageError(`invalid boolean value ${JSON.stringify(value)} for -${name}: parse error`);
        b = parsed;
      }
      values.set(spec.name, b);
      seen.add(spec.name);
      continue;
    }
    if (value === undefined && i < a.length) value = a[i++];
    if (value === undefined) throw new UsageError(`flag needs an argument: -${name}`);
    switch (spec.type) {
      case "string":
        values.set(spec.name, value);
        break;
      case "strings":
        (values.get(spec.name) as string[]).push(value);
        break;
      case "int":
      case "uint": {
        const n = parseGoInt(value, spec.type === "uint");
        if (n === undefined) throw invalid(value, name);
        values.set(spec.name, n);
        break;
      }
      case "ints": {
        const n = parseGoInt(value);
        if (n === undefined) throw invalid(value, name);
        (values.get(spec.name) as number[]).push(n);
        break;
      }
      case "duration": {
        const ms = parseGoDuration(value);
        if (ms === undefined) throw invalid(value, name);
        values.set(spec.name, ms);
        break;
      }
    }
    seen.add(spec.name);
  }
  return new ParsedFlags(values, seen, a.slice(i));
}
