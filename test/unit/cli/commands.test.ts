import { describe, expect, test } from "bun:test";
import { checkArgs, commandHelp } from "../../../src/cli/_command.ts";
import { parseFlags, UsageError } from "../../../src/cli/_flags.ts";
import { GLOBAL_FLAGS, toGlobals, versionText } from "../../../src/cli/_globals.ts";
import { goJson, tabwrite } from "../../../src/cli/_output.ts";
import { COMMANDS } from "../../../src/cli/_registry.ts";
import { signalArg } from "../../../src/cli/kill.ts";
import { parseMemory, resourcesFromFlags } from "../../../src/cli/update.ts";
import updateCommand from "../../../src/cli/update.ts";

describe("checkArgs()", () => {
  test("words argument-count errors as runc does", () => {
    expect(() => checkArgs("start", [], 1)).toThrow('ctbun: "start" requires exactly 1 argument(s)');
    expect(() => checkArgs("kill", [], 1, "min")).toThrow('ctbun: "kill" requires a minimum of 1 argument(s)');
    expect(() => checkArgs("kill", ["a", "b", "c"], 2, "max")).toThrow('ctbun: "kill" requires a maximum of 2 argument(s)');
    expect(() => checkArgs("list", ["x"], 0)).toThrow(UsageError);
    expect(() => checkArgs("start", ["id"], 1)).not.toThrow();
  });
});

describe("kill signal argument", () => {
  test("signalArg() defaults to SIGTERM and drops a kill(1)-style dash", () => {
    expect(signalArg(["id"])).toBe("SIGTERM");
    expect(signalArg(["id", "KILL"])).toBe("KILL");
    expect(signalArg(["id", "SIGKILL"])).toBe("SIGKILL");
    expect(signalArg(["id", "9"])).toBe("9");
    expect(signalArg(["id", "-9"])).toBe("9");
    expect(signalArg(["id", "-KILL"])).toBe("KILL");
    expect(signalArg(["id", "-"])).toBe("-");
  });

  test("`kill id -9` and `kill id KILL` reach the command as two positionals", async () => {
    const kill = (await import("../../../src/cli/kill.ts")).default;
    expect(parseFlags(kill.flags, ["id", "-9"]).args).toEqual(["id", "-9"]);
    expect(parseFlags(kill.flags, ["id", "KILL"]).args).toEqual(["id", "KILL"]);
    const all = parseFlags(kill.flags, ["id", "-a", "-SIGTERM"]);
    expect(all.bool("all")).toBe(true);
    expect(all.args).toEqual(["id", "-SIGTERM"]);
  });
});

describe("command table", () => {
  test("every command loads, is named as registered, and has unique flag names", async () => {
    for (const entry of COMMANDS) {
      const cmd = (await entry.load()).default;
      expect(cmd.name).toBe(entry.name);
      const names = cmd.flags.flatMap((f) => [f.name, ...(f.alias ?? [])]);
      expect(new Set(names).size).toBe(names.length);
      const help = await commandHelp(cmd);
      expect(help).toContain(`USAGE ctbun ${entry.name}`);
      for (const f of cmd.flags.filter((x) => !x.hidden)) expect(help).toContain(`--${f.name}`);
    }
  });

  test("exec passes its command verbatim, create accepts flags after the id", async () => {
    const exec = (await import("../../../src/cli/exec.ts")).default;
    const f = parseFlags(exec.flags, ["-e", "A=1", "--cwd=/tmp", "id", "sh", "-c", "echo x"], { reorder: exec.reorder !== false });
    expect(f.strings("env")).toEqual(["A=1"]);
    expect(f.string("cwd")).toBe("/tmp");
    expect(f.args).toEqual(["id", "sh", "-c", "echo x"]);

    const create = (await import("../../../src/cli/create.ts")).default;
    const c = parseFlags(create.flags, ["id", "-b", "/bundle", "--pid-file", "p"], { reorder: create.reorder !== false });
    expect(c.args).toEqual(["id"]);
    expect(c.string("bundle")).toBe("/bundle");
  });

  test("checkpoint and restore accept the CRIU extras and repeatable --empty-ns", async () => {
    const cp = (await import("../../../src/cli/checkpoint.ts")).default;
    const f = parseFlags(cp.flags, ["id", "--tcp-close", "--network-lock", "nftables", "--print-stats", "--empty-ns", "network", "--empty-ns=network", "-criu", "/x"]);
    expect(f.bool("tcp-close")).toBe(true);
    expect(f.string("network-lock")).toBe("nftables");
    expect(f.bool("print-stats")).toBe(true);
    expect(f.strings("empty-ns")).toEqual(["network", "network"]);
    expect(f.number("status-fd")).toBe(-1);
    const rs = (await import("../../../src/cli/restore.ts")).default;
    const r = parseFlags(rs.flags, ["-d", "--lsm-profile", "apparmor:x", "id"]);
    expect(r.bool("detach")).toBe(true);
    expect(() => parseFlags(rs.flags, ["id", "--lsm-mount-context"])).not.toThrow(); // takes "id" as its value
    expect(() => parseFlags(rs.flags, ["--lsm-mount-context"])).toThrow("flag needs an argument: -lsm-mount-context");
  });
});

describe("global options", () => {
  test("toGlobals() validates --log-format and --root", () => {
    expect(() => toGlobals(parseFlags(GLOBAL_FLAGS, ["--log-format", "xml"], { reorder: false }))).toThrow("invalid log-format: xml");
    expect(() => toGlobals(parseFlags(GLOBAL_FLAGS, ["--root", "/"], { reorder: false }))).toThrow("option --root argument should not be set to /");
    const g = toGlobals(parseFlags(GLOBAL_FLAGS, ["--root", "/tmp/r/", "--debug", "--log-format=json", "state"], { reorder: false }));
    expect(g).toMatchObject({ root: "/tmp/r", debug: true, logFormat: "json", rootless: "auto", systemdCgroup: false });
  });

  test("toGlobals() normalises --rootless like runc's parseBoolOrAuto", () => {
    const rootless = (v: string) => toGlobals(parseFlags(GLOBAL_FLAGS, [`--rootless=${v}`], { reorder: false })).rootless;
    expect(rootless("AUTO")).toBe("auto");
    expect(rootless("")).toBe("auto");
    expect(rootless("1")).toBe("true");
    expect(rootless("False")).toBe("false");
    expect(() => rootless("maybe")).toThrow("invalid --rootless value");
  });

  test("global parsing stops at the subcommand", () => {
    const f = parseFlags(GLOBAL_FLAGS, ["--root", "/r", "delete", "--force", "id"], { reorder: false });
    expect(f.args).toEqual(["delete", "--force", "id"]);
  });

  test("versionText() has the lines go-runc parses", () => {
    const lines = versionText().split("\n");
    expect(lines[0]).toMatch(/^ctbun version \d+\.\d+\.\d+$/);
    expect(lines[1]).toMatch(/^commit: \S+$/);
    expect(lines[2]).toBe("spec: 1.2.1");
  });
});

describe("output helpers", () => {
  test("tabwrite() pads like Go's tabwriter(minwidth 12, padding 3)", () => {
    expect(tabwrite([["ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"]], 12, 3)).toBe(
      "ID          PID         STATUS      BUNDLE      CREATED     OWNER\n",
    );
    const out = tabwrite(
      [
        ["ID", "PID", "OWNER"],
        ["a-very-long-container", "1", "root"],
      ],
      12,
      3,
    );
    // 21 characters + 3 of padding = a 24-wide column
    expect(out).toBe(`${"ID".padEnd(24)}PID         OWNER\n${"a-very-long-container".padEnd(24)}1           root\n`);
  });

  test("goJson() escapes HTML characters as encoding/json does", () => {
    expect(goJson({ a: "<b>&" })).toBe('{"a":"\\u003cb\\u003e\\u0026"}');
    expect(goJson(null)).toBe("null");
    expect(goJson({ a: [1] }, "\t")).toBe('{\n\t"a": [\n\t\t1\n\t]\n}');
  });
});

describe("update", () => {
  test("parseMemory() reads sizes like docker's RAMInBytes", () => {
    expect(parseMemory("memory", "1024")).toBe(1024);
    expect(parseMemory("memory", "512m")).toBe(512 * 1024 * 1024);
    expect(parseMemory("memory", "1.5g")).toBe(1.5 * 1024 ** 3);
    expect(parseMemory("memory", "2 GiB")).toBe(2 * 1024 ** 3);
    expect(parseMemory("memory-swap", "-1")).toBe(-1);
    expect(() => parseMemory("memory", "lots")).toThrow("invalid value for memory: invalid size: 'lots'");
  });

  test("resourcesFromFlags() sets only what was given", () => {
    const f = parseFlags(updateCommand.flags, ["id", "--memory", "1m", "--cpu-quota=-1", "--cpuset-cpus", "0-1", "--pids-limit", "10", "--blkio-weight", "500"]);
    expect(resourcesFromFlags(f)).toEqual({
      blockIO: { weight: 500 },
      cpu: { quota: -1, cpus: "0-1" },
      memory: { limit: 1048576 },
      pids: { limit: 10 },
    });
    expect(resourcesFromFlags(parseFlags(updateCommand.flags, ["id"]))).toEqual({});
    // runc >= 1.4: --pids-limit 0 is a limit (not "unset"), -1 is unlimited
    expect(resourcesFromFlags(parseFlags(updateCommand.flags, ["id", "--pids-limit", "0"]))).toEqual({ pids: { limit: 0 } });
    expect(resourcesFromFlags(parseFlags(updateCommand.flags, ["id", "--pids-limit=-1"]))).toEqual({ pids: { limit: -1 } });
    expect(() => resourcesFromFlags(parseFlags(updateCommand.flags, ["id", "--cpu-period", "-5"]))).toThrow("invalid value for cpu-period");
  });
});
