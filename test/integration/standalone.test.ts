// ./ctbun is one file: copied alone elsewhere it runs containers, with no node_modules, no
// project files and a TMPDIR that does not exist (the shim comes from a memfd).
import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ctbunExe, defaultConfig, isRoot, makeBundle, uniqueId } from "../_harness.ts";

const dir = mkdtempSync("/tmp/ctbun-alone-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!isRoot)("standalone binary", () => {
  test("a copy of ./ctbun runs a container from an empty directory", () => {
    const exe = join(dir, "ctbun");
    copyFileSync(ctbunExe(), exe);
    const bundle = makeBundle(defaultConfig(["sh", "-c", "echo alone"]));
    const r = Bun.spawnSync([exe, "--root", join(dir, "state"), "run", "-b", bundle, uniqueId("alone")], {
      cwd: dir,
      env: { PATH: "/usr/bin:/bin", TMPDIR: "/nonexistent-tmp" },
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(r.stderr.toString()).toBe("");
    expect(r.stdout.toString()).toBe("alone\n");
    expect(r.exitCode).toBe(0);
  });

  test("a bunfig.toml or .env in the working directory is not read (containerd runs us in the bundle)", async () => {
    const cwd = mkdtempSync(join(dir, "cwd-"));
    await Bun.write(join(cwd, "bunfig.toml"), 'preload = ["./evil.ts"]\n');
    await Bun.write(join(cwd, "evil.ts"), 'console.log("EVIL");\n');
    await Bun.write(join(cwd, ".env"), "CTBUN_EVIL=1\n");
    const r = Bun.spawnSync([ctbunExe(), "--version"], { cwd, env: { PATH: "/usr/bin:/bin" }, stdout: "pipe", stderr: "pipe" });
    expect(r.stdout.toString()).not.toContain("EVIL");
    expect(r.stdout.toString()).toStartWith("ctbun version ");
  });

  test("BUN_OPTIONS does not reach the re-executed ctbun init", async () => {
    const marks = join(dir, "preload-marks");
    const evil = join(dir, "mark.ts");
    await Bun.write(evil, `require("node:fs").appendFileSync(${JSON.stringify(marks)}, process.argv.slice(2).join(" ") + "\\n");\n`);
    const bundle = makeBundle(defaultConfig(["true"]));
    const r = Bun.spawnSync([ctbunExe(), "--root", join(dir, "state"), "run", "-b", bundle, uniqueId("opts")], {
      env: { PATH: "/usr/bin:/bin", BUN_OPTIONS: `--preload ${evil}` },
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(r.exitCode).toBe(0);
    // the caller's own invocation honours it (the caller controls that environment); init must not
    const lines = (await Bun.file(marks).text()).trim().split("\n");
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain("run");
  });
});
