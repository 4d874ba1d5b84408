// config.json features applied inside the container: hooks, devices, sysctl, namespaces by
// path, time offsets, umask, oom_score_adj, domainname, propagation, fds, signals.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { ctbunExe, defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";

const made: string[] = [];
const tmp = mkdtempSync("/tmp/ctbun-config-");
afterAll(() => {
  made.forEach((id) => forceDelete(id));
  rmSync(tmp, { recursive: true, force: true });
});

function runWith(args: string[], patch: (c: any) => void, extra: string[] = []) {
  const c = defaultConfig(args);
  patch(c);
  const id = uniqueId("cfg");
  made.push(id);
  return { id, ...runCtbun(["run", ...extra, "-b", makeBundle(c), id]) };
}

describe.skipIf(!isRoot)("hooks", () => {
  test("all six hooks run in order with the state on stdin", () => {
    const log = join(tmp, "hooks.log");
    const hook = join(tmp, "hook.sh");
    writeFileSync(hook, `#!/bin/sh\nread -r state\necho "$1 $state" >> ${log}\n`);
    chmodSync(hook, 0o755);
    const h = (name: string) => [{ path: hook, args: ["hook.sh", name] }];
    const r = runWith(["true"], (c) => {
      // startContainer runs inside the container: its path and the log are container paths
      const inside = [{ path: "/bin/sh", args: ["sh", "-c", 'read -r s; echo "startContainer $s" >> /hooklog/hooks.log'] }];
      c.mounts.push({ destination: "/hooklog", type: "bind", source: tmp, options: ["rbind", "rw"] });
      c.hooks = { prestart: h("prestart"), createRuntime: h("createRuntime"), createContainer: h("createContainer"), startContainer: inside, poststart: h("poststart"), poststop: h("poststop") };
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = readFileSync(log, "utf8").trim().split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual(["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"]);
    const state = JSON.parse(lines[0]!.slice(lines[0]!.indexOf(" ") + 1));
    expect(state.id).toBe(r.id);
    expect(state.status).toBe("creating");
    expect(state.pid).toBeGreaterThan(0);
    expect(JSON.parse(lines[5]!.slice(lines[5]!.indexOf(" ") + 1)).status).toBe("stopped");
  });

  test("a failing prestart hook fails create and leaves nothing", () => {
    const r = runWith(["true"], (c) => (c.hooks = { prestart: [{ path: "/bin/false" }] }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error running prestart hook #0: exit status 1");
    expect(existsSync(join(TEST_ROOT, r.id))).toBe(false);
  });

  test("a hook past its timeout is killed and reported", () => {
    const r = runWith(["true"], (c) => (c.hooks = { createRuntime: [{ path: "/bin/sleep", args: ["sleep", "5"], timeout: 1 }] }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("timeout after 1 seconds");
  });
});

describe.skipIf(!isRoot)("process and kernel settings", () => {
  test("linux.devices, sysctl, umask, oom_score_adj and domainname", () => {
    const r = runWith(["sh", "-c", "ls -l /dev/mynull | cut -c1; cat /proc/sys/net/ipv4/ip_forward; umask; cat /proc/self/oom_score_adj; cat /proc/sys/kernel/domainname"], (c) => {
      c.linux.devices = [{ path: "/dev/mynull", type: "c", major: 1, minor: 3, fileMode: 0o666 }];
      c.linux.resources.devices.push({ allow: true, type: "c", major: 1, minor: 3, access: "rwm" });
      c.linux.sysctl = { "net.ipv4.ip_forward": "1" };
      c.process.user.umask = 0o027;
      c.process.oomScoreAdj = 123;
      c.domainname = "example.org";
    });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(["c", "1", "0027", "123", "example.org"]);
  });

  test("a namespace joined by path is the same namespace", () => {
    const holder = Bun.spawn(["unshare", "--uts", "sh", "-c", "hostname joined-uts; sleep 30"]);
    Bun.sleepSync(200);
    try {
      const r = runWith(["hostname"], (c) => {
        c.linux.namespaces = c.linux.namespaces.map((n: any) => (n.type === "uts" ? { type: "uts", path: `/proc/${holder.pid}/ns/uts` } : n));
        delete c.hostname;
      });
      expect(r.stderr).toBe("");
      expect(r.stdout.trim()).toBe("joined-uts");
    } finally {
      holder.kill(9);
    }
  });

  test("a time namespace shifts CLOCK_MONOTONIC by the configured offset", () => {
    const r = runWith(["cat", "/proc/uptime"], (c) => {
      c.linux.namespaces.push({ type: "time" });
      c.linux.timeOffsets = { boottime: { secs: 86400 * 100, nanosecs: 0 } };
    });
    expect(r.stderr).toBe("");
    expect(Number(r.stdout.split(" ")[0])).toBeGreaterThan(86400 * 100);
  });

  test("--no-pivot runs in a chroot over a moved mount", () => {
    const r = runWith(["sh", "-c", "ls / | head -1; echo $$"], () => {}, ["--no-pivot"]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(["bin", "1"]);
  });

  test("--preserve-fds passes fds 3.. through, nothing more", () => {
    const id = uniqueId("fds");
    made.push(id);
    const b = makeBundle(defaultConfig(["sh", "-c", "ls /proc/self/fd | tr '\\n' ' '; cat <&3"]));
    const data = join(tmp, "fd3.txt");
    writeFileSync(data, "through fd 3");
    const r = Bun.spawnSync(["sh", "-c", `exec 3<${data}; exec ${ctbunExe()} --root ${TEST_ROOT} run --preserve-fds 1 -b ${b} ${id}`], { stdout: "pipe", stderr: "pipe" });
    expect(r.stderr.toString()).toBe("");
    expect(r.stdout.toString()).toBe("0 1 2 3 4 through fd 3");
  });

  test("a session keyring named after the container, unless --no-new-keyring", () => {
    const unmasked = (c: any) => (c.linux.maskedPaths = c.linux.maskedPaths.filter((p: string) => p !== "/proc/keys"));
    const withRing = runWith(["cat", "/proc/keys"], unmasked);
    expect(withRing.code).toBe(0);
    expect(withRing.stdout).toContain(`_ses.${withRing.id}`);
    const without = runWith(["cat", "/proc/keys"], unmasked, ["--no-new-keyring"]);
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain(`_ses.${without.id}`);
  });
});

describe.skipIf(!isRoot)("foreground run forwards signals", () => {
  test("SIGTERM to ctbun reaches the container's process", async () => {
    const id = uniqueId("sig");
    made.push(id);
    const b = makeBundle(defaultConfig(["sh", "-c", "trap 'echo got-term; exit 7' TERM; while :; do sleep 0.05; done"]));
    const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "run", "-b", b, id], { stdout: "pipe", stderr: "pipe" });
    for (let i = 0; i < 300; i++) {
      if (runCtbun(["state", id]).stdout.includes('"running"')) break;
      await Bun.sleep(10);
    }
    await Bun.sleep(100);
    p.kill("SIGTERM");
    expect(await p.exited).toBe(7);
    expect(await new Response(p.stdout).text()).toBe("got-term\n");
  });
});
