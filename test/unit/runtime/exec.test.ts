// `ctbun exec`'s pure parts: the process built from config.json and flags (runc's getProcess),
// --cgroup parsing and targets, env de-duplication.
import { describe, expect, test } from "bun:test";
import type { ExecOptions } from "../../../src/cli/exec.ts";
import { cgroupTargets, dedupeEnv, processFor, subCgroupPaths } from "../../../src/runtime/exec.ts";
import type { SavedState } from "../../../src/runtime/state.ts";

function opts(o: Partial<ExecOptions> = {}): ExecOptions {
  return {
    root: "/run/ctbun",
    id: "c",
    args: ["sh"],
    env: [],
    tty: false,
    additionalGids: [],
    detach: false,
    noNewPrivs: false,
    caps: [],
    preserveFds: 0,
    cgroups: [],
    ignorePaused: false,
    ...o,
  };
}

const spec: any = {
  ociVersion: "1.2.0",
  process: {
    terminal: true,
    user: { uid: 0, gid: 0, additionalGids: [10] },
    args: ["sleep", "1000"],
    env: ["PATH=/bin", "A=1"],
    cwd: "/",
    capabilities: { bounding: ["CAP_KILL"], effective: ["CAP_KILL"], permitted: ["CAP_KILL"] },
    noNewPrivileges: true,
    apparmorProfile: "",
  },
};

describe("processFor (runc's getProcess)", () => {
  test("the container's process with the command replaced; terminal only with -t", () => {
    const p = processFor(opts({ args: ["ls", "-l"] }), spec);
    expect(p.args).toEqual(["ls", "-l"]);
    expect(p.terminal).toBe(false);
    expect(p.env).toEqual(["PATH=/bin", "A=1"]);
    expect(p.user).toEqual({ uid: 0, gid: 0, additionalGids: [10] });
    expect(p.noNewPrivileges).toBe(true);
    expect(spec.process.args).toEqual(["sleep", "1000"]); // not modified
    expect(processFor(opts({ tty: true }), spec).terminal).toBe(true);
  });

  test("flags: cwd, env appended, user and gid, extra groups, caps to bounding/effective/permitted", () => {
    const p = processFor(opts({ cwd: "/tmp", env: ["A=2", "B=3"], user: "1000:1001", additionalGids: [5], caps: ["CAP_NET_ADMIN"] }), spec);
    expect(p.cwd).toBe("/tmp");
    expect(p.env).toEqual(["PATH=/bin", "A=1", "A=2", "B=3"]);
    expect(p.user).toEqual({ uid: 1000, gid: 1001, additionalGids: [10, 5] });
    expect(p.capabilities).toEqual({
      bounding: ["CAP_KILL", "CAP_NET_ADMIN"],
      effective: ["CAP_KILL", "CAP_NET_ADMIN"],
      permitted: ["CAP_KILL", "CAP_NET_ADMIN"],
    });
    expect(processFor(opts({ user: "7" }), spec).user).toMatchObject({ uid: 7, gid: 0 });
  });

  test("--cap adds to ambient only when the spec has inheritable capabilities", () => {
    const s = structuredClone(spec);
    s.process.capabilities.inheritable = ["CAP_KILL"];
    expect(processFor(opts({ caps: ["CAP_CHOWN"] }), s).capabilities!.ambient).toEqual(["CAP_CHOWN"]);
  });

  test("errors worded as runc's", () => {
    expect(() => processFor(opts({ user: "x" }), spec)).toThrow('bad uid: strconv.Atoi: parsing "x": invalid syntax');
    expect(() => processFor(opts({ user: "1:y" }), spec)).toThrow("bad gid");
    expect(() => processFor(opts({ additionalGids: [-1] }), spec)).toThrow("additional-gids must be a positive number -1");
    expect(() => processFor(opts({ cwd: "tmp" }), spec)).toThrow("Cwd must be an absolute path");
    expect(() => processFor(opts({ args: [] }), spec)).toThrow("exec args cannot be empty");
  });
});

describe("--cgroup", () => {
  test("runc's getSubCgroupPaths", () => {
    expect([...subCgroupPaths(["sub"])]).toEqual([["", "sub"]]);
    expect([...subCgroupPaths(["cpu,cpuacct:a", "memory:b"])]).toEqual([
      ["cpu", "a"],
      ["cpuacct", "a"],
      ["memory", "b"],
    ]);
    expect(() => subCgroupPaths([":a"])).toThrow("invalid --cgroup argument: :a (empty <controller> prefix)");
    expect(() => subCgroupPaths(["cpu:a", "cpu:b"])).toThrow("controller cpu specified multiple times");
    expect(() => subCgroupPaths(["a", "b"])).toThrow("invalid --cgroup argument: a (missing <controller>: prefix)");
  });

  const v1: SavedState = {
    cgroup: {
      version: 1,
      mode: "hybrid",
      paths: { cpu: "/sys/fs/cgroup/cpu/ctbun/c", pids: "/sys/fs/cgroup/pids/ctbun/c", "": "/sys/fs/cgroup/unified/ctbun/c" },
      created: [],
      rootless: false,
      mountpoints: { cpu: "/sys/fs/cgroup/cpu", pids: "/sys/fs/cgroup/pids", "": "/sys/fs/cgroup/unified" },
    },
  } as any;

  test("v1 tasks files and the cgroup2 directory, sub-paths kept inside the container's cgroup", () => {
    expect(cgroupTargets(v1, [])).toEqual({
      v1Tasks: ["/sys/fs/cgroup/cpu/ctbun/c/tasks", "/sys/fs/cgroup/pids/ctbun/c/tasks"],
      v2Dir: "/sys/fs/cgroup/unified/ctbun/c",
    });
    expect(cgroupTargets(v1, ["pids:../../../x"]).v1Tasks).toContain("/sys/fs/cgroup/pids/ctbun/c/x/tasks");
    expect(() => cgroupTargets(v1, ["sub"])).toThrow("missing <controller>: prefix");
    expect(() => cgroupTargets(v1, ["blkio:sub"])).toThrow("unknown controller blkio in --cgroup");
  });

  test("v2: one directory", () => {
    const v2 = { cgroup: { version: 1, mode: "unified", paths: { "": "/sys/fs/cgroup/ctbun/c" }, created: [], rootless: false } } as any;
    expect(cgroupTargets(v2, ["sub"])).toEqual({ v1Tasks: [], v2Dir: "/sys/fs/cgroup/ctbun/c/sub" });
  });
});

test("dedupeEnv: later values win, at the first one's place", () => {
  expect(dedupeEnv(["A=1", "B=2", "A=3", "C", "C=4"])).toEqual(["A=3", "B=2", "C=4"]);
});
