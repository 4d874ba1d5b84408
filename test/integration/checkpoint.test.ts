// checkpoint/restore through the compiled ./ctbun with the real CRIU (root only): a busybox
// counter that writes into a bind-mounted host directory is dumped, shown gone, restored and
// shown to continue; then tty, pipes, options and every refusal.
import { expect, test } from "bun:test";
import { dlopen, ptr } from "bun:ffi";
import { cpSync, existsSync, readdirSync, readFileSync, readlinkSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { libc } from "../../src/linux/libc.ts";
import { acceptFd, listenUnix } from "../../src/linux/shim.ts";
import { checkpointFixtures, count, criu, expectNoTrace, status, waitCount } from "../_checkpoint.ts";
import { ctbunExe, defaultConfig, forceDelete, makeBundle, readUntil, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";

const { made, dirs, tmpDir, counterBundle, startCounter, suite } = checkpointFixtures("checkpoint.test.ts");

suite("checkpoint and restore of a detached counter", () => {
  test("checkpoint removes the container; restore continues from the checkpointed value, twice", async () => {
    const { id, bundle, data, images } = await startCounter("ck");
    for (let round = 0; round < 2; round++) {
      const img = join(images, `r${round}`);
      const ck = runCtbun(["checkpoint", "--image-path", img, id]);
      expect(ck.stderr).toBe("");
      expect(ck.code).toBe(0);
      expect(runCtbun(["state", id]).code).toBe(1);
      expect(existsSync(join(img, "inventory.img"))).toBe(true);
      expect(JSON.parse(readFileSync(join(img, "descriptors.json"), "utf8"))).toHaveLength(3);
      const at = count(data);
      expect(at).toBeGreaterThan(0);
      await Bun.sleep(300);
      expect(count(data)).toBe(at); // nothing runs while checkpointed
      const rs = runCtbun(["restore", "-d", "--image-path", img, "-b", bundle, id]);
      expect(rs.stderr).toBe("");
      expect(rs.code).toBe(0);
      expect(status(id)).toBe("running");
      const after = await waitCount(data, at + 3);
      expect(after).toBeGreaterThanOrEqual(at + 3);
      // it counts on from where it was, not from 0
      expect(after).toBeLessThan(at + 60);
      expect(existsSync(join(TEST_ROOT, id, "criu-root"))).toBe(false);
    }
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
    expectNoTrace(id);
  });

  test("a read-only root stays read-only after restore", async () => {
    const { id, bundle, images } = await startCounter("ckro");
    const probe = () => runCtbun(["exec", id, "sh", "-c", "touch /ro-probe 2>/dev/null && echo rw || echo ro; awk '$5 == \"/\" { split($6, o, \",\"); print o[1] }' /proc/self/mountinfo"]).stdout.trim();
    expect(probe()).toStartWith("ro\nro");
    expect(runCtbun(["checkpoint", "--image-path", images, id]).code).toBe(0);
    const rs = runCtbun(["restore", "-d", "--image-path", images, "-b", bundle, id]);
    expect(rs.stderr).toBe("");
    expect(probe()).toStartWith("ro\nro");
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
  });

  test("--leave-running keeps it running and thawed; --work-path gets the logs; --pid-file on restore", async () => {
    const { id, bundle, data, images } = await startCounter("ckleave");
    const work = tmpDir("work");
    const r = runCtbun(["checkpoint", "--leave-running", "--work-path", work, "--image-path", images, id]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(status(id)).toBe("running");
    const at = count(data);
    expect(await waitCount(data, at + 2)).toBeGreaterThanOrEqual(at + 2);
    expect(existsSync(join(work, "dump.log"))).toBe(true);
    expect(existsSync(join(work, "stats-dump"))).toBe(true);
    expect(existsSync(join(images, "dump.log"))).toBe(false);
    // the dump found the cgroup frozen by ctbun: CRIU never slept in its freezer loop
    const log = readFileSync(join(work, "dump.log"), "utf8");
    expect(log).toMatch(/freezer.state=FROZEN/);
    expect(log).not.toMatch(/freezer.state=FREEZING/);

    // the same image restores as a second container once the first is gone
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
    const pidFile = join(work, "pid");
    const rs = runCtbun(["restore", "-d", "--work-path", work, "--pid-file", pidFile, "--image-path", images, "-b", bundle, id]);
    expect(rs.stderr).toBe("");
    expect(rs.code).toBe(0);
    expect(existsSync(join(work, "restore.log"))).toBe(true);
    const state = JSON.parse(runCtbun(["state", id]).stdout);
    expect(state.status).toBe("running");
    expect(readFileSync(pidFile, "utf8")).toBe(String(state.pid));
  });

  test("--print-stats prints CRIU's statistics as JSON", async () => {
    const { id, bundle, images } = await startCounter("ckstats");
    const ck = runCtbun(["checkpoint", "--print-stats", "--image-path", images, id]);
    expect(ck.code).toBe(0);
    const d = JSON.parse(ck.stdout);
    expect(d.type).toBe("dump");
    expect(d.criu.pagesWritten).toBeGreaterThan(0);
    expect(typeof d.criu.frozenTime).toBe("number");
    expect(d.timings.total).toBeGreaterThan(0);
    const rs = runCtbun(["restore", "-d", "--print-stats", "--image-path", images, "-b", bundle, id]);
    expect(rs.code).toBe(0);
    const s = JSON.parse(rs.stdout);
    expect(s.type).toBe("restore");
    expect(s.criu.pagesRestored).toBeGreaterThan(0);
    expect(s.pid).toBe(JSON.parse(runCtbun(["state", id]).stdout).pid);
  });

  test("time namespace: the container's timeOffsets survive; the restored config records the time namespace", async () => {
    const DAYS3 = 3 * 86400;
    const { id, bundle, images } = await startCounter("cktime", (c) => {
      c.linux.namespaces.push({ type: "time" });
      c.linux.timeOffsets = { monotonic: { secs: DAYS3 }, boottime: { secs: DAYS3 } };
    });
    const uptime = () => {
      const r = runCtbun(["exec", id, "cat", "/proc/uptime"]);
      expect(r.code).toBe(0);
      return Number(r.stdout.split(" ")[0]);
    };
    const hostUp = () => Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
    const before = uptime();
    expect(before - hostUp()).toBeGreaterThan(DAYS3 - 5);
    expect(runCtbun(["checkpoint", "--image-path", images, id]).code).toBe(0);
    const rs = runCtbun(["restore", "-d", "--image-path", images, "-b", bundle, id]);
    expect(rs.stderr).toBe("");
    expect(rs.code).toBe(0);
    const after = uptime();
    // still three days ahead of the host, and on from where it was
    expect(after - hostUp()).toBeGreaterThan(DAYS3 - 5);
    expect(after).toBeGreaterThanOrEqual(before);
    expect(after - before).toBeLessThan(60);
    const st = JSON.parse(readFileSync(join(TEST_ROOT, id, "state.json"), "utf8"));
    expect(st.config.linux.namespaces.filter((n: any) => n.type === "time")).toHaveLength(1);
    // exec lands in the restored init's time namespace
    const ns = runCtbun(["exec", id, "readlink", "/proc/self/ns/time"]).stdout.trim();
    expect(ns).toBe(readlinkSync(`/proc/${st.pid}/ns/time`));
  });

  test("a container without a time namespace is restored into one (CRIU's), and the config says so", async () => {
    const { id, bundle, images } = await startCounter("cktime0");
    expect(runCtbun(["checkpoint", "--image-path", images, id]).code).toBe(0);
    expect(runCtbun(["restore", "-d", "--image-path", images, "-b", bundle, id]).code).toBe(0);
    const st = JSON.parse(readFileSync(join(TEST_ROOT, id, "state.json"), "utf8"));
    expect(st.config.linux.namespaces.some((n: any) => n.type === "time")).toBe(true);
    expect(readlinkSync(`/proc/${st.pid}/ns/time`)).not.toBe(readlinkSync("/proc/self/ns/time"));
    expect(runCtbun(["exec", id, "readlink", "/proc/self/ns/time"]).stdout.trim()).toBe(readlinkSync(`/proc/${st.pid}/ns/time`));
  });

  test("a paused container is checkpointed (as runc does) and stays paused with --leave-running", async () => {
    const { id, images } = await startCounter("ckpause");
    expect(runCtbun(["pause", id]).code).toBe(0);
    const r = runCtbun(["checkpoint", "--leave-running", "--image-path", images, id]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(status(id)).toBe("paused");
    expect(runCtbun(["resume", id]).code).toBe(0);
    expect(status(id)).toBe("running");
  });
});

/** A pipe from libc: [read, write]. */
const libcPipe = dlopen("libc.so.6", { pipe: { args: ["ptr"], returns: "i32" } }).symbols.pipe;
function pipe(): [number, number] {
  const fds = new Int32Array(2);
  expect(libcPipe(ptr(fds))).toBe(0);
  return [fds[0]!, fds[1]!];
}

async function readFor(fd: number, ms: number): Promise<string> {
  libc.symbols.fcntl(fd, 4 /* F_SETFL */, 0o4000 /* O_NONBLOCK */);
  const buf = new Uint8Array(65536);
  let out = "";
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const n = Number(libc.symbols.read(fd, ptr(buf), buf.length));
    if (n > 0) out += Buffer.from(buf.subarray(0, n)).toString();
    else await Bun.sleep(20);
  }
  return out;
}

suite("stdio", () => {
  test("pipes as stdio: the restored process writes to the pipes the restore is given", async () => {
    const id = uniqueId("ckpipe");
    made.push(id);
    const c = defaultConfig(["sh", "-c", "i=0; while true; do i=$((i+1)); echo out$i; echo err$i >&2; sleep 0.1; done"]);
    const bundle = makeBundle(c);
    dirs.push(bundle);
    const [outR, outW] = pipe();
    const [errR, errW] = pipe();
    const run = Bun.spawnSync([ctbunExe(), "--root", TEST_ROOT, "run", "-d", "-b", bundle, id], { stdin: "ignore", stdout: outW, stderr: errW });
    expect(run.exitCode).toBe(0);
    const before = await readFor(outR, 400);
    expect(before).toMatch(/out\d+/);
    const images = tmpDir("img");
    const ck = runCtbun(["checkpoint", "--image-path", images, id]);
    expect(ck.stderr).toBe("");
    expect(ck.code).toBe(0);
    const fds = JSON.parse(readFileSync(join(images, "descriptors.json"), "utf8"));
    expect(fds[1]).toMatch(/^pipe:\[\d+\]$/);
    expect(fds[2]).toMatch(/^pipe:\[\d+\]$/);
    const last = Math.max(...[...before.matchAll(/out(\d+)/g)].map((m) => +m[1]!));
    await readFor(outR, 100); // drain
    const rs = Bun.spawnSync([ctbunExe(), "--root", TEST_ROOT, "restore", "-d", "--image-path", images, "-b", bundle, id], {
      stdin: "ignore",
      stdout: outW,
      stderr: errW,
    });
    expect(rs.exitCode).toBe(0);
    const after = await readFor(outR, 500);
    const errAfter = await readFor(errR, 50);
    const nums = [...after.matchAll(/out(\d+)/g)].map((m) => +m[1]!);
    expect(nums.length).toBeGreaterThan(0);
    expect(Math.min(...nums)).toBeGreaterThanOrEqual(last);
    expect(Math.min(...nums)).toBeLessThan(last + 20);
    expect(errAfter).toMatch(/err\d+/);
    for (const fd of [outR, outW, errR, errW]) libc.symbols.close(fd);
    forceDelete(id);
  });

  test("tty: restore hands a new working pty master to --console-socket", async () => {
    const id = uniqueId("cktty");
    made.push(id);
    const c = defaultConfig(["sh"]);
    c.process.terminal = true;
    const bundle = makeBundle(c);
    dirs.push(bundle);
    const sock = join(tmpDir("sock"), "console.sock");
    let lfd = listenUnix(sock);
    const run = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "run", "-d", "--console-socket", sock, "-b", bundle, id], { stdio: ["ignore", "ignore", "pipe"] });
    let { fd } = acceptFd(lfd, 10000);
    expect(await run.exited).toBe(0);
    libc.symbols.close(lfd);
    rmSync(sock);
    const say = (f: number, s: string) => libc.symbols.write(f, ptr(Buffer.from(s)), Buffer.byteLength(s));
    say(fd, "X=be''fore; echo $X\n");
    expect(await readUntil(fd, "before", 5000)).toContain("before");
    const images = tmpDir("img");
    const ck = runCtbun(["checkpoint", "--image-path", images, id]);
    expect(ck.stderr).toBe("");
    expect(ck.code).toBe(0);
    libc.symbols.close(fd);

    lfd = listenUnix(sock);
    const rs = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "restore", "-d", "--console-socket", sock, "--image-path", images, "-b", bundle, id], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    ({ fd } = acceptFd(lfd, 10000));
    expect(await rs.exited).toBe(0);
    libc.symbols.close(lfd);
    // the shell kept its variable: it is the same process, on a new pty
    say(fd, "echo X=$X; tty\n");
    const out = await readUntil(fd, "/dev/pts/", 5000);
    expect(out).toContain("X=before");
    say(fd, "exit\n");
    libc.symbols.close(fd);
    forceDelete(id);
  });

  test("tty restore without --console-socket in detached mode is refused", () => {
    const c = defaultConfig(["sh"]);
    c.process.terminal = true;
    const bundle = makeBundle(c);
    dirs.push(bundle);
    const id = uniqueId("cktty");
    const r = runCtbun(["restore", "-d", "--image-path", tmpDir("img"), "-b", bundle, id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot allocate tty if runc will detach without setting console socket");
    expectNoTrace(id);
  });
});

suite("refusals: clear error, exit 1, nothing left behind, others untouched", () => {
  test("checkpoint of a created or stopped container", () => {
    const id = uniqueId("ckcreated");
    made.push(id);
    const { bundle } = counterBundle();
    expect(runCtbun(["create", "-b", bundle, id]).code).toBe(0);
    const r = runCtbun(["checkpoint", "--image-path", tmpDir("img"), id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Container cannot be checkpointed in created state");
    expect(status(id)).toBe("created");
    expect(runCtbun(["kill", id, "KILL"]).code).toBe(0);
    for (let i = 0; i < 100 && status(id) !== "stopped"; i++) Bun.sleepSync(10);
    const s = runCtbun(["checkpoint", "--image-path", tmpDir("img"), id]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain("Container cannot be checkpointed in stopped state");
  });

  test("checkpoint of a missing container", () => {
    const r = runCtbun(["checkpoint", "--image-path", tmpDir("img"), uniqueId("nope")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("container does not exist");
  });

  test("--pre-dump on a kernel without soft-dirty tracking", async () => {
    const { id, data, images } = await startCounter("ckpre");
    const r = runCtbun(["checkpoint", "--pre-dump", "--image-path", images, id]);
    const features = await criuHasMemTrack();
    if (features) {
      expect(r.code).toBe(0);
    } else {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("criu is missing features: [MemTrack]");
    }
    expect(status(id)).toBe("running");
    const at = count(data);
    expect(await waitCount(data, at + 2)).toBeGreaterThanOrEqual(at + 2);
  });

  test("a failing dump leaves the container running and thawed, and quotes CRIU's log", async () => {
    const { id, data, images } = await startCounter("ckfail");
    // nothing listens on port 1: CRIU cannot reach the page server
    const r = runCtbun(["checkpoint", "--page-server", "127.0.0.1:1", "--image-path", images, id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("criu failed");
    expect(r.stderr).toContain(`Quoting`);
    expect(status(id)).toBe("running");
    expect(existsSync(join(TEST_ROOT, id, "checkpoint"))).toBe(false);
    const at = count(data);
    expect(await waitCount(data, at + 2)).toBeGreaterThanOrEqual(at + 2);
  });

  test("restore from a nonexistent image dir", () => {
    const { bundle } = counterBundle();
    const id = uniqueId("cknoimg");
    const r = runCtbun(["restore", "-d", "--image-path", "/tmp/ctbun-no-such-image-dir", "-b", bundle, id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/tmp/ctbun-no-such-image-dir: no such file or directory");
    expectNoTrace(id);
  });

  test("restore from a directory that holds no checkpoint", () => {
    const { bundle } = counterBundle();
    const id = uniqueId("ckempty");
    const empty = tmpDir("empty");
    const r = runCtbun(["restore", "-d", "--image-path", empty, "-b", bundle, id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is not a checkpoint");
    expectNoTrace(id);
  });

  test("restore onto an existing id leaves the running container alone", async () => {
    const a = await startCounter("ckexist");
    const r0 = runCtbun(["checkpoint", "--leave-running", "--image-path", a.images, a.id]);
    expect(r0.code).toBe(0);
    const r = runCtbun(["restore", "-d", "--image-path", a.images, "-b", a.bundle, a.id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("container with given ID already exists");
    expect(status(a.id)).toBe("running");
    const at = count(a.data);
    expect(await waitCount(a.data, at + 2)).toBeGreaterThanOrEqual(at + 2);
  });

  test("an image of another container (its bind mount is not in this bundle)", async () => {
    const a = await startCounter("ckforeign");
    expect(runCtbun(["checkpoint", "--image-path", a.images, a.id]).code).toBe(0);
    const c = defaultConfig(["sh", "-c", "sleep 100"]);
    const other = makeBundle(c);
    dirs.push(other);
    const id = uniqueId("ckforeign2");
    const r = runCtbun(["restore", "-d", "--image-path", a.images, "-b", other, id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("criu failed");
    expectNoTrace(id);
    // the image itself is fine with the right bundle
    made.push(a.id);
    const ok = runCtbun(["restore", "-d", "--image-path", a.images, "-b", a.bundle, a.id]);
    expect(ok.code).toBe(0);
    expect(status(a.id)).toBe("running");
  });

  test("a corrupt image", async () => {
    const a = await startCounter("ckcorrupt");
    expect(runCtbun(["checkpoint", "--image-path", a.images, a.id]).code).toBe(0);
    const bad = tmpDir("bad");
    cpSync(a.images, bad, { recursive: true });
    const pages = readdirSync(bad).find((f) => /^pages-\d+\.img$/.test(f))!;
    truncateSync(join(bad, pages), 100);
    writeFileSync(join(bad, "inventory.img"), Buffer.from("not a criu image at all"));
    const id = uniqueId("ckcorrupt2");
    const r = runCtbun(["restore", "-d", "--image-path", bad, "-b", a.bundle, id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("criu failed");
    expectNoTrace(id);
    const bad2 = tmpDir("bad2");
    cpSync(a.images, bad2, { recursive: true });
    writeFileSync(join(bad2, "descriptors.json"), "{");
    const r2 = runCtbun(["restore", "-d", "--image-path", bad2, "-b", a.bundle, id]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("descriptors.json");
    expectNoTrace(id);
  });
});

async function criuHasMemTrack(): Promise<boolean> {
  const { criuFeatures } = await import("../../src/criu/version.ts");
  const f = await criuFeatures({ mem_track: true }, criu!);
  return !!f.mem_track;
}
