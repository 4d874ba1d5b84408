import { tempDir } from "../../_harness.ts";
import { describe, expect, test } from "bun:test";
import { readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CriuSwrkError, criuSwrk, criu_req_type, describeExit, failedText, quoteCriuErrors } from "../../../src/criu/swrk.ts";

const fake = join(import.meta.dir, "fixtures", "fake-criu");
const env = (scenario: string) => ({ ...process.env, FAKE_CRIU_SCRIPT: scenario });
const run = (scenario: string, opts: Parameters<typeof criuSwrk>[1] = {}, type = criu_req_type.DUMP) =>
  criuSwrk({ type, opts: { images_dir_fd: -1 } }, { criuPath: fake, timeoutMs: 20000, env: env(scenario), ...opts });

function openFds(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 64; i++) {
    try {
      const t = readlinkSync(`/proc/self/fd/${i}`);
      if (!t.startsWith("anon_inode:")) out.push(`${i}:${t}`);
    } catch {}
  }
  return out.sort();
}

describe("swrk dialogue against a fake criu", () => {
  test("notifies are handled in order and acknowledged", async () => {
    const seen: string[] = [];
    const r = await run("notify", { onNotify: (n) => void seen.push(`${n.script}:${n.pid}`) });
    expect(seen).toEqual(["pre-dump:0", "post-dump:42"]);
    expect(r.resp.type).toBe(criu_req_type.DUMP);
    expect(r.resp.dump?.restored).toBe(false);
    expect(Object.keys(r.timings.notifies)).toEqual(["pre-dump", "post-dump"]);
  });

  test("a failing notify handler is answered with notify_success=false and its error wins", async () => {
    const e = await run("nack", { onNotify: () => Promise.reject(new Error("hook said no")) }).catch((x) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe("hook said no");
  });

  test("fds that come with a notify reach the handler and are closed afterwards", async () => {
    const before = openFds();
    let target = "";
    await run("fds", { onNotify: (n) => void (target = readlinkSync(`/proc/self/fd/${n.fds[0]}`)) });
    expect(target).toBe("/dev/null");
    expect(openFds()).toEqual(before);
  });

  test("EOF: criu died without answering", async () => {
    const e = await run("eof").catch((x) => x);
    expect(e).toBeInstanceOf(CriuSwrkError);
    expect(e.message).toBe("unexpected EOF (criu exit status 3)");
  });

  test("unsuccessful reply: runc's text plus CRIU's message, and the log is quoted", async () => {
    const dir = tempDir("ctbun-log-");
    writeFileSync(join(dir, "restore.log"), "(0.1) a\n(0.2) Error (criu/x.c:1): boom\n(0.3) b\n");
    const e = await run("fail", { logDir: dir, logFile: "restore.log" }, criu_req_type.RESTORE).catch((x) => x);
    expect(e.message).toBe("criu failed: type RESTORE errno 17: Can't fork for 77: File exists");
    expect(e.crErrno).toBe(17);
    expect(e.quoted).toEqual(["1:(0.1) a", "2:(0.2) Error (criu/x.c:1): boom"]);
  });

  test("a reply of another type is refused", async () => {
    const e = await run("wrongtype").catch((x) => x);
    expect(e.message).toStartWith("unable to parse the response");
  });

  test("non-zero exit after a good reply fails, except for pre-dump", async () => {
    const e = await run("exit1").catch((x) => x);
    expect(e.message).toBe("criu failed: exit status 1");
    const ok = await run("exit1", {}, criu_req_type.PRE_DUMP);
    expect(ok.resp.success).toBe(true);
  });

  test("a hung criu is killed at the deadline", async () => {
    const t = performance.now();
    const e = await run("hang", { timeoutMs: 1500 }).catch((x) => x);
    expect(e.message).toBe("timed out waiting for criu");
    expect(performance.now() - t).toBeLessThan(4000);
  }, 20000);

  test("a missing binary", async () => {
    const e = await criuSwrk({ type: criu_req_type.VERSION }, { criuPath: "no-such-criu-binary" }).catch((x) => x);
    expect(e.message).toBe('exec: "no-such-criu-binary": executable file not found in $PATH');
  });

  test("no fd leaks over a run of calls", async () => {
    const before = openFds();
    await run("notify");
    await run("eof").catch(() => {});
    await run("wrongtype").catch(() => {});
    expect(openFds()).toEqual(before);
  });

  test("the request options arrive intact", async () => {
    const r = await criuSwrk(
      { type: criu_req_type.DUMP, opts: { images_dir_fd: 7, log_level: 4, log_file: "dump.log", ext_mnt: [{ key: "/a", val: "/a" }], empty_ns: 0x40000000 } },
      { criuPath: fake, env: env("echo-opts") },
    );
    const o = JSON.parse(r.resp.cr_errmsg);
    expect(o.images_dir_fd).toBe(7);
    expect(o.ext_mnt).toEqual([{ key: "/a", val: "/a" }]);
    expect(o.empty_ns).toBe(0x40000000);
  });
});

describe("pure helpers", () => {
  test("failedText drops the harmless rlimit first error", () => {
    expect(failedText(criu_req_type.DUMP, 0, "")).toBe("criu failed: type DUMP errno 0");
    expect(failedText(criu_req_type.DUMP, 0, "Error (criu/util.c:1533): rlimit: Can't setup RLIMIT_NOFILE for self: Operation not permitted\n")).toBe(
      "criu failed: type DUMP errno 0",
    );
    expect(failedText(criu_req_type.NOTIFY, 0, "Error (a.c:1): x\n")).toBe("criu failed: type NOTIFY errno 0: x");
  });
  test("describeExit is Go's wording", () => {
    expect(describeExit(1, null)).toBe("exit status 1");
    expect(describeExit(null, "SIGKILL")).toBe("signal: killed");
    expect(describeExit(null, "SIGSEGV")).toBe("signal: segmentation fault");
  });
  test("quoteCriuErrors: 5 lines of context, gaps, each line once", () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    lines[2] = "x Error one";
    lines[3] = "x Error two";
    lines[14] = "";
    lines[16] = "x Error three";
    const q = quoteCriuErrors(lines.join("\n") + "\n");
    expect(q).toEqual(["1:line 1", "2:line 2", "3:x Error one", "4:x Error two", "...", "12:line 12", "13:line 13", "14:line 14", "16:line 16", "17:x Error three"]);
    expect(quoteCriuErrors("no errors\nhere\n")).toEqual([]);
    // adjacent windows: no gap marker
    const adj = ["a", "b", "c", "d", "e", "f", "Error 1", "g", "h", "i", "j", "k", "Error 2"];
    expect(quoteCriuErrors(adj.join("\n"))).not.toContain("...");
  });
});
