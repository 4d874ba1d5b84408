// containerd drives ./ctbun through its runc v2 shim (`ctr run --runc-binary ./ctbun`).
// The test starts its own containerd: private config, root, state dir, sockets, FIFO dir and
// runtime root, all under one temporary directory, never the default ones. (containerd 1.6
// hard-codes two places: the shim's socket in /run/containerd/s/<hash of our address>, and the
// FIFOs of `ctr container restore`, which has no --fifo-dir, in /run/containerd/fifo.)
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PATH, type Res, sh, unmountUnder, until } from "../_engines.ts";
import { busyboxRootfs, ctbunExe, isRoot } from "../_harness.ts";

const tools = ["containerd", "ctr", "containerd-shim-runc-v2"];
const missing = tools.filter((t) => !Bun.which(t, { PATH }));
const skipReason = !isRoot
  ? "needs root"
  : missing.length
    ? `${missing.join(", ")} not found (scripts/setup.sh installs Debian's containerd)`
    : !existsSync(ctbunExe())
      ? "./ctbun is not built"
      : "";
if (skipReason) console.warn(`containerd engine tests skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;

const NS = "ctbun-test";
const IMAGE = "docker.io/ctbun/busybox:test";
let dir = "";
let sock = "";
let runtimeRoot = "";
let containerd: ReturnType<typeof Bun.spawn> | undefined;
let hadRunContainerd = true;
const made: string[] = [];

function ctr(args: string[], timeoutMs?: number): Res {
  return sh(["ctr", "-a", sock, "-n", NS, ...args], { timeoutMs });
}

/** `ctr run` through ctbun (always our FIFO dir and runtime root). */
function ctrRun(flags: string[], id: string, cmd: string[]): Res {
  made.push(id);
  return ctr(["run", ...flags, "--fifo-dir", join(dir, "fifo"), "--runc-binary", ctbunExe(), "--runc-root", runtimeRoot, IMAGE, id, ...cmd]);
}

/** ctbun's own view of a container containerd made (the shim gives it --root <runtime root>/<ns>). */
function ctbunState(id: string): any {
  const r = sh([ctbunExe(), "--root", join(runtimeRoot, NS), "state", id]);
  return r.code === 0 ? JSON.parse(r.stdout) : null;
}

function taskStatus(id: string): string | undefined {
  const line = ctr(["task", "ls"]).stdout.split("\n").find((l) => l.split(/\s+/)[0] === id);
  return line?.trim().split(/\s+/)[2];
}

/** An image in docker-archive form (manifest.json, config, one layer) from the busybox rootfs. */
async function imageTar(): Promise<string> {
  const rootfs = busyboxRootfs(join(dir, "rootfs"));
  const img = join(dir, "image");
  mkdirSync(img);
  const layer = sh(["tar", "-C", rootfs, "--numeric-owner", "-cf", join(img, "layer.tar"), "."]);
  if (layer.code !== 0) throw new Error(`tar: ${layer.stderr}`);
  const diffId = new Bun.CryptoHasher("sha256").update(await Bun.file(join(img, "layer.tar")).arrayBuffer()).digest("hex");
  const config = {
    architecture: process.arch === "arm64" ? "arm64" : "amd64",
    os: "linux",
    config: { Env: [`PATH=${PATH}`], Cmd: ["sh"] },
    rootfs: { type: "layers", diff_ids: [`sha256:${diffId}`] },
    history: [{ created_by: "ctbun engines test" }],
  };
  writeFileSync(join(img, "config.json"), JSON.stringify(config));
  writeFileSync(join(img, "manifest.json"), JSON.stringify([{ Config: "config.json", RepoTags: [IMAGE], Layers: ["layer.tar"] }]));
  const tar = join(dir, "image.tar");
  const r = sh(["tar", "-C", img, "-cf", tar, "manifest.json", "config.json", "layer.tar"]);
  if (r.code !== 0) throw new Error(`tar: ${r.stderr}`);
  return tar;
}

beforeAll(async () => {
  if (skipReason) return;
  dir = mkdtempSync("/tmp/ctbun-containerd-");
  sock = join(dir, "containerd.sock");
  runtimeRoot = join(dir, "runtime-root");
  hadRunContainerd = existsSync("/run/containerd");
  const config = [
    "version = 2",
    `root = "${dir}/root"`,
    `state = "${dir}/state"`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    "[grpc]",
    `  address = "${sock}"`,
    "[ttrpc]",
    `  address = "${sock}.ttrpc"`,
    "[debug]",
    `  address = "${dir}/debug.sock"`,
    "[metrics]",
    '  address = ""',
    "",
  ].join("\n");
  writeFileSync(join(dir, "config.toml"), config);
  containerd = Bun.spawn(["containerd", "--config", join(dir, "config.toml"), "--log-level", "info"], {
    env: { PATH },
    stdin: "ignore",
    stdout: Bun.file(join(dir, "containerd.log")),
    stderr: Bun.file(join(dir, "containerd.log")),
  });
  await until("containerd to serve", () => existsSync(sock) && ctr(["version"]).code === 0, 15000);
  const tar = await imageTar();
  const imp = ctr(["images", "import", tar], 30000);
  if (imp.code !== 0) throw new Error(`ctr images import: ${imp.stderr}`);
}, 60000);

afterAll(async () => {
  if (skipReason || !dir) return;
  for (const id of made) {
    ctr(["task", "kill", "-s", "SIGKILL", id]);
    ctr(["task", "delete", "--force", id]);
    ctr(["container", "delete", id]);
  }
  if (containerd) {
    containerd.kill("SIGTERM");
    const t = setTimeout(() => containerd?.kill("SIGKILL"), 5000);
    await containerd.exited;
    clearTimeout(t);
  }
  // a shim outlives containerd by design: stop any that serve our address
  for (const p of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, "latin1").split("\0");
      if (cmd[0]?.endsWith("containerd-shim-runc-v2") && cmd.includes(sock)) process.kill(Number(p), "SIGKILL");
    } catch {}
  }
  // snapshot and rootfs mounts under our dir, deepest first
  unmountUnder(dir);
  rmSync(dir, { recursive: true, force: true });
  // cgroups containerd asked for (/<ns>/<id>): ctbun removed the leaves, the namespace parent is ours too
  for (const base of ["/sys/fs/cgroup", ...(existsSync("/sys/fs/cgroup/cgroup.controllers") ? [] : readdirSync("/sys/fs/cgroup").map((c) => `/sys/fs/cgroup/${c}`))]) {
    try {
      rmdirSync(join(base, NS));
    } catch {}
  }
  if (!hadRunContainerd) {
    // shim sockets, and the FIFOs of `ctr container restore` (which has no --fifo-dir)
    for (const d of ["/run/containerd/s", "/run/containerd/fifo", "/run/containerd"]) {
      try {
        rmdirSync(d);
      } catch {}
    }
  }
}, 60000);

suite("containerd (ctr --runc-binary ./ctbun)", () => {
  test("run in the foreground: output and exit status come back through the shim", () => {
    const r = ctrRun(["--rm"], "fg", ["sh", "-c", "echo hello from ctbun; cat /proc/1/comm; echo oops >&2; exit 3"]);
    expect(r.stdout).toBe("hello from ctbun\nsh\n");
    expect(r.stderr).toContain("oops");
    expect(r.code).toBe(3);
    expect(ctbunState("fg")).toBeNull(); // --rm deleted it through ctbun
  });

  test("detached run, exec, ps, pause/resume, metrics, kill, delete", async () => {
    const id = "det";
    const counter = "i=0; while true; do i=$((i+1)); echo $i > /tmp/count; sleep 0.05; done";
    const r = ctrRun(["-d"], id, ["sh", "-c", counter]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(taskStatus(id)).toBe("RUNNING");

    // ctbun, not runc, holds the container: its state under the runtime root the shim gave it
    const st = ctbunState(id);
    expect(st.status).toBe("running");
    const pid = st.pid as number;
    expect(ctr(["task", "ls"]).stdout).toContain(String(pid));
    expect(readFileSync(`/proc/${pid}/cmdline`, "latin1")).toStartWith("sh\0-c\0");

    // (the counter, read from the host through the bundle's rootfs, has started: under load the
    // exec below could otherwise come first)
    const count = join(dir, "state", "io.containerd.runtime.v2.task", NS, id, "rootfs", "tmp", "count");
    const read = () => Number(readFileSync(count, "utf8").trim() || "0");
    await until("the counter to start", () => existsSync(count) && read() > 0);

    // exec: same pid namespace and filesystem as the init; exit status forwarded
    const ex = ctr(["task", "exec", "--fifo-dir", join(dir, "fifo"), "--exec-id", "e1", id, "sh", "-c", "cat /proc/1/comm; test -s /tmp/count && echo counting"]);
    expect(ex.stdout).toBe("sh\ncounting\n");
    expect(ex.code).toBe(0);
    const ex5 = ctr(["task", "exec", "--fifo-dir", join(dir, "fifo"), "--exec-id", "e2", id, "sh", "-c", "exit 5"]);
    expect(ex5.code).toBe(5);

    // ps: the shim runs `ps --format json`
    const ps = ctr(["task", "ps", id]);
    expect(ps.code).toBe(0);
    expect(ps.stdout.split("\n").slice(1).map((l) => l.split(/\s+/)[0])).toContain(String(pid));

    // pause/resume: the counter stops, then moves
    expect(ctr(["task", "pause", id]).code).toBe(0);
    expect(taskStatus(id)).toBe("PAUSED");
    expect(ctbunState(id).status).toBe("paused");
    const frozen = read();
    await Bun.sleep(300);
    expect(read()).toBe(frozen);
    expect(ctr(["task", "resume", id]).code).toBe(0);
    expect(taskStatus(id)).toBe("RUNNING");
    await until("the counter to move after resume", () => read() > frozen);

    // metrics: the shim reads the container's cgroup (ctbun put the init there)
    const m = ctr(["task", "metrics", "--format", "json", id]);
    expect(m.code).toBe(0);
    const metrics = JSON.parse(m.stdout);
    expect(metrics.pids.current).toBeGreaterThanOrEqual(1);
    expect(metrics.memory).toBeDefined();
    // and ctbun's own stats for the same container (what go-runc's Stats() asks for)
    const ev = sh([ctbunExe(), "--root", join(runtimeRoot, NS), "events", "--stats", id]);
    expect(ev.code).toBe(0);
    const stats = JSON.parse(ev.stdout);
    expect(stats.type).toBe("stats");
    expect(stats.id).toBe(id);
    expect(stats.data.pids.current).toBeGreaterThanOrEqual(1);

    // kill: sh as PID 1 ignores SIGTERM, SIGKILL stops it; task delete reports 137
    expect(ctr(["task", "kill", "-s", "SIGKILL", id]).code).toBe(0);
    await until("the task to stop", () => taskStatus(id) === "STOPPED");
    const del = ctr(["task", "delete", id]);
    expect(del.code).toBe(0);
    expect(del.stdout + del.stderr).toContain("137");
    expect(ctbunState(id)).toBeNull();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(ctr(["container", "delete", id]).code).toBe(0);
    expect(ctr(["container", "ls", "-q"]).stdout).not.toContain(id);
  });

  test("a missing command: the error comes from ctbun's --log JSON, as runc's does", () => {
    const r = ctrRun(["--rm"], "bad", ["/nonexistent"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('OCI runtime create failed: ctbun create failed: unable to start container process: exec: "/nonexistent": stat /nonexistent: no such file or directory');
    ctr(["container", "delete", "bad"]);
    expect(ctbunState("bad")).toBeNull();
  });

  test("exec of a missing command fails with runc's text, the container keeps running", () => {
    const id = "exbad";
    expect(ctrRun(["-d"], id, ["sleep", "1000"]).code).toBe(0);
    const r = ctr(["task", "exec", "--fifo-dir", join(dir, "fifo"), "--exec-id", "x", id, "/nope"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('OCI runtime exec failed: exec failed: unable to start container process: exec: "/nope": stat /nope: no such file or directory');
    expect(taskStatus(id)).toBe("RUNNING");
    expect(ctr(["task", "kill", "-s", "SIGKILL", id]).code).toBe(0);
  });

  test.skipIf(!Bun.which("criu", { PATH }))("checkpoint and restore through the shim (ctr container checkpoint --task, restore --live)", async () => {
    const id = "ck";
    // a token only the shell's memory holds, and a counter: a restored shell goes on with both
    const counter = "tok=$RANDOM$RANDOM; i=0; while true; do i=$((i+1)); echo $tok $i > /tmp/count; sleep 0.05; done";
    expect(ctrRun(["-d"], id, ["sh", "-c", counter]).code).toBe(0);
    const read = () => {
      const [tok = "", i = "0"] = ctr(["task", "exec", "--fifo-dir", join(dir, "fifo"), "--exec-id", `c${Date.now()}`, id, "cat", "/tmp/count"]).stdout.trim().split(" ");
      return { tok, i: Number(i) };
    };
    await until("the counter to reach 5", () => read().i >= 5);

    // the shim runs `ctbun checkpoint --image-path ... --work-path ... --leave-running`
    const before = read();
    const ck = ctr(["container", "checkpoint", "--task", "--rw", id, "ctbun.test/ck:1"], 30000);
    expect(ck.stderr).toBe("");
    expect(ck.code).toBe(0);
    expect(taskStatus(id)).toBe("RUNNING");

    expect(ctr(["task", "kill", "-s", "SIGKILL", id]).code).toBe(0);
    await until("the task to stop", () => taskStatus(id) === "STOPPED");
    expect(ctr(["task", "delete", id]).code).toBe(0);
    expect(ctr(["container", "delete", id]).code).toBe(0);

    // the shim runs `ctbun restore --detach --pid-file ... -no-subreaper --bundle ...`
    const rs = ctr(["container", "restore", "--live", "--rw", id, "ctbun.test/ck:1"], 30000);
    expect(rs.stderr).toBe("");
    expect(rs.code).toBe(0);
    expect(taskStatus(id)).toBe("RUNNING");
    expect(ctbunState(id).status).toBe("running");
    const first = read();
    let now = first;
    await until("the restored shell to write", () => ((now = read()), now.i !== first.i && now.i > before.i));
    expect(now.tok).toBe(before.tok);
    expect(ctr(["task", "kill", "-s", "SIGKILL", id]).code).toBe(0);
  }, 30000);

  test.skipIf(!Bun.which("script", { PATH }))("run -t: the shim's console socket receives ctbun's pty", () => {
    // ctr needs a terminal of its own for -t: script(1) gives it one
    const cmd = ["ctr", "-a", sock, "-n", NS, "run", "-t", "--rm", "--fifo-dir", join(dir, "fifo"), "--runc-binary", ctbunExe(), "--runc-root", runtimeRoot, IMAGE, "tty", "sh", "-c", "tty; test -t 0 && echo stdin-is-a-tty"];
    made.push("tty");
    const r = sh(["script", "-qec", cmd.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" "), "/dev/null"]);
    expect(r.stdout).toMatch(/\/dev\/pts\/\d+\r*\n/);
    expect(r.stdout).toContain("stdin-is-a-tty");
    expect(r.code).toBe(0);
  });
});
