// The CLI contract of the compiled ./ctbun (build it first: node_modules/.bin/bun build.ts).
// Nothing here creates a container, so these run without root.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ctbunExe, runCtbun } from "../_harness.ts";

const tmp = mkdtempSync("/tmp/ctbun-cli-");
const root = join(tmp, "root");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!existsSync(ctbunExe()))("ctbun CLI", () => {
  test("--version prints the version lines containerd parses", () => {
    const r = runCtbun(["--version"], { root });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^ctbun version \d+\.\d+\.\d+$/);
    expect(lines[1]).toMatch(/^commit: /);
    expect(lines[2]).toBe("spec: 1.2.1");
    expect(runCtbun(["-v"], { root }).stdout).toBe(r.stdout);
  });

  test("--version says `runc version` when the binary is called runc", () => {
    const link = join(tmp, "runc");
    symlinkSync(ctbunExe(), link);
    const r = Bun.spawnSync([link, "--version"], { env: { PATH: "/usr/bin:/bin" } });
    expect(r.stdout.toString().split("\n")[0]).toMatch(/^runc version \d/);
  });

  test("features prints 4-space JSON with the checkpoint annotation", () => {
    const r = runCtbun(["features"], { root });
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout);
    expect(f.annotations["org.opencontainers.runc.checkpoint.enabled"]).toBe("true");
    expect(f.hooks).toContain("createRuntime");
    expect(f.linux.namespaces).toContain("pid");
    expect(f.linux.capabilities).toContain("CAP_CHECKPOINT_RESTORE");
    expect(f.linux.cgroup).toMatchObject({ v1: true, v2: true });
    expect(r.stdout.split("\n")[1]).toMatch(/^ {4}"/);
    expect(r.stdout.endsWith("}\n")).toBe(true);
  });

  test("spec writes a tab-indented config.json once and then refuses", () => {
    const bundle = mkdtempSync(join(tmp, "bundle-"));
    const r = runCtbun(["spec"], { root, cwd: bundle });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const text = readFileSync(join(bundle, "config.json"), "utf8");
    expect(text.split("\n")[1]).toMatch(/^\t"ociVersion"/);
    expect(text.endsWith("}")).toBe(true);
    expect(JSON.parse(text).process.args).toEqual(["sh"]);
    expect(statSync(join(bundle, "config.json")).mode & 0o777).toBe(0o666 & ~process.umask());

    const again = runCtbun(["spec"], { root, cwd: bundle });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("File config.json exists. Remove it first");
  });

  test("spec --bundle writes into that directory and --rootless adds a user namespace", () => {
    const bundle = mkdtempSync(join(tmp, "bundle-"));
    const r = runCtbun(["spec", "--rootless", "-b", bundle], { root, cwd: tmp });
    expect(r.code).toBe(0);
    const spec = JSON.parse(readFileSync(join(bundle, "config.json"), "utf8"));
    expect(spec.linux.namespaces.map((n: { type: string }) => n.type)).toContain("user");
    const missing = runCtbun(["spec", "-b", join(tmp, "nope")], { root });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file or directory");
  });

  test("an unknown command exits 1", () => {
    const r = runCtbun(["bogus"], { root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bogus");
  });

  test("--help prints the command list on stdout", () => {
    const r = runCtbun(["--help"], { root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("checkpoint");
    expect(r.stdout).not.toContain("\n   init ");
    const c = runCtbun(["create", "--help"], { root });
    expect(c.code).toBe(0);
    expect(c.stdout).toContain("--console-socket");
  });

  test("state of a missing container fails with runc's text", () => {
    const r = runCtbun(["state", "nonexistent"], { root });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("container does not exist");
  });

  test("list on an empty root prints null (json), a header (table), nothing (-q)", () => {
    const json = runCtbun(["list", "--format", "json"], { root });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe("null\n");
    expect(runCtbun(["list", "-f=json"], { root }).stdout).toBe("null\n");
    const table = runCtbun(["list"], { root });
    expect(table.code).toBe(0);
    expect(table.stdout).toBe("ID          PID         STATUS      BUNDLE      CREATED     OWNER\n");
    expect(runCtbun(["list", "-q"], { root }).stdout).toBe("");
    const bad = runCtbun(["list", "--format", "yaml"], { root });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("invalid format option");
  });

  test("--log-format json --log FILE writes runc-shaped JSON error lines", () => {
    const logFile = join(tmp, "log.json");
    const r = runCtbun(["--log-format", "json", "--log", logFile, "state", "nonexistent"], { root });
    expect(r.code).toBe(1);
    const lines = readFileSync(logFile, "utf8").trim().split("\n");
    const last = JSON.parse(lines[lines.length - 1] as string);
    expect(last).toMatchObject({ level: "error", msg: "container does not exist" });
    expect(typeof last.time).toBe("string");
    // with a log file, the error is still shown on stderr
    expect(r.stderr).toContain("container does not exist");
  });

  test("an invalid --log-format is refused", () => {
    const r = runCtbun(["--log-format", "xml", "list"], { root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("invalid log-format: xml");
  });

  test("a flag without its value gets Go's message", () => {
    const r = runCtbun(["create", "--console-socket"], { root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("flag needs an argument: -console-socket");
    const u = runCtbun(["create", "--bogus", "x"], { root });
    expect(u.code).toBe(1);
    expect(u.stderr).toContain("flag provided but not defined: -bogus");
  });

  test("argument-count errors use runc's wording", () => {
    const lastMsg = (stderr: string): string => JSON.parse(stderr.trim().split("\n").pop() as string).msg;
    const r = runCtbun(["--log-format=json", "start"], { root });
    expect(r.code).toBe(1);
    expect(lastMsg(r.stderr)).toBe('ctbun: "start" requires exactly 1 argument(s)');
    expect(r.stderr).toContain("Usage: ctbun start <container-id>");
    expect(lastMsg(runCtbun(["--log-format=json", "kill", "a", "b", "c"], { root }).stderr)).toBe('ctbun: "kill" requires a maximum of 2 argument(s)');
  });

  test("delete --force of a missing container succeeds; without --force it fails", () => {
    expect(runCtbun(["delete", "--force", "nonexistent"], { root }).code).toBe(0);
    expect(runCtbun(["delete", "nonexistent", "-f"], { root }).code).toBe(0);
    const r = runCtbun(["delete", "nonexistent"], { root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("container does not exist");
  });

  test("kill accepts a trailing -SIGNAL and rejects unknown signals", () => {
    const r = runCtbun(["kill", "nonexistent", "-9"], { root });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("flag provided but not defined");
  });

  test("exec failures exit 255", () => {
    const r = runCtbun(["exec", "nonexistent", "sh", "-c", "true"], { root });
    expect(r.code).toBe(255);
    expect(r.stderr).toContain("exec failed: ");
  });
});
