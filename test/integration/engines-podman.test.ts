// podman (rootful, through conmon) runs containers with `--runtime ./ctbun` on private storage:
// its own root, runroot, tmpdir, network config dir, containers.conf and storage.conf under one
// temporary directory, vfs storage, cgroupfs, file events, no network. ctbun keeps its state in
// its default root (/run/ctbun), as runc would in /run/runc: podman's cleanup command does not
// pass --runtime-flag on, so a private runtime root would leave state behind for runc too.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PATH, type Res, sh, unmountUnder, until } from "../_engines.ts";
import { busyboxRootfs, ctbunExe, isRoot } from "../_harness.ts";

const missing = ["podman", "conmon"].filter((t) => !Bun.which(t, { PATH }));
const skipReason = !isRoot
  ? "needs root"
  : missing.length
    ? `${missing.join(", ")} not found (scripts/setup.sh installs Debian's podman)`
    : !existsSync(ctbunExe())
      ? "./ctbun is not built"
      : "";
if (skipReason) console.warn(`podman engine tests skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;

const IMAGE = "localhost/ctbun-busybox:test";
const RUNTIME_ROOT = "/run/ctbun"; // ctbun's default --root, which podman leaves alone
let dir = "";
let env: Record<string, string> = {};
const names: string[] = [];
const ids: string[] = [];
const cgroupParents: string[] = [];

function podman(args: string[], timeoutMs?: number): Res {
  const global = [
    "--root", join(dir, "root"),
    "--runroot", join(dir, "runroot"),
    "--tmpdir", join(dir, "tmp"),
    "--storage-driver", "vfs",
    "--runtime", ctbunExe(),
    "--cgroup-manager", "cgroupfs",
    "--events-backend", "file",
    "--network-config-dir", join(dir, "net"),
  ];
  return sh(["podman", ...global, ...args], { env, timeoutMs });
}

function ctbunState(id: string): any {
  const r = sh([ctbunExe(), "--root", RUNTIME_ROOT, "state", id]);
  return r.code === 0 ? JSON.parse(r.stdout) : null;
}

function inspect(name: string, format: string): string {
  return podman(["inspect", "--format", format, name]).stdout.trim();
}

/** CAP_SYS_RESOURCE: without it nobody (runc included) can raise RLIMIT_NOFILE to podman's default 1048576. */
function hasSysResource(): boolean {
  const eff = readFileSync("/proc/self/status", "utf8").match(/^CapEff:\s*([0-9a-f]+)$/m)?.[1] ?? "0";
  return ((BigInt(`0x${eff}`) >> 24n) & 1n) === 1n;
}

beforeAll(() => {
  if (skipReason) return;
  dir = mkdtempSync("/tmp/ctbun-podman-");
  for (const d of ["root", "runroot", "tmp", "net"]) mkdirSync(join(dir, d));
  for (const c of ["/sys/fs/cgroup", ...readdirSync("/sys/fs/cgroup").map((c) => `/sys/fs/cgroup/${c}`)]) {
    if (!existsSync(join(c, "libpod_parent"))) cgroupParents.push(join(c, "libpod_parent"));
  }
  // only these files are read (no /etc/containers, /usr/share/containers)
  const conf = [
    "[containers]",
    ...(hasSysResource() ? [] : ['default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]']),
    "[engine]",
    // podman passes `--log <file> --log-format json` only to runtimes named here, and then
    // reads the runtime's error from that file
    'runtime_supports_json = ["ctbun"]',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    "",
  ].join("\n");
  writeFileSync(join(dir, "containers.conf"), conf);
  writeFileSync(join(dir, "storage.conf"), `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/root"\nrunroot = "${dir}/runroot"\n`);
  env = { PATH, CONTAINERS_CONF: join(dir, "containers.conf"), CONTAINERS_STORAGE_CONF: join(dir, "storage.conf") };

  const rootfs = busyboxRootfs(join(dir, "rootfs"));
  const tar = join(dir, "rootfs.tar");
  const t = sh(["tar", "-C", rootfs, "--numeric-owner", "-cf", tar, "."]);
  if (t.code !== 0) throw new Error(`tar: ${t.stderr}`);
  const imp = podman(["import", "--change", 'CMD ["sh"]', tar, IMAGE], 60000);
  if (imp.code !== 0) throw new Error(`podman import: ${imp.stderr}`);
}, 60000);

afterAll(async () => {
  if (skipReason || !dir) return;
  for (const n of names) podman(["rm", "--force", "--time", "0", n]);
  // conmon and podman's cleanup command run on after the container: wait for ours to end
  const ours = () =>
    readdirSync("/proc")
      .filter((n) => /^\d+$/.test(n))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, "latin1").includes(dir) && !readFileSync(`/proc/${p}/stat`, "latin1").match(/^\d+ \(.*\) Z/);
        } catch {
          return false;
        }
      });
  const end = Date.now() + 10000;
  while (ours().length && Date.now() < end) await Bun.sleep(50);
  for (const p of ours()) process.kill(Number(p), "SIGKILL");
  for (const id of ids) if (ctbunState(id)) sh([ctbunExe(), "--root", RUNTIME_ROOT, "delete", "--force", id]);
  unmountUnder(dir);
  rmSync(dir, { recursive: true, force: true });
  // podman's cgroupfs parent (with conmon's cgroup inside), where this test created it
  for (const p of cgroupParents) {
    for (const sub of ["conmon", ""]) {
      try {
        rmdirSync(join(p, sub));
      } catch {}
    }
  }
}, 60000);

/** `podman run` through ctbun; remembers the name for cleanup. */
function run(name: string, flags: string[], cmd: string[]): Res {
  names.push(name);
  const r = podman(["run", "--name", name, "--network", "none", ...flags, IMAGE, ...cmd]);
  const id = podman(["inspect", "--format", "{{.Id}}", name]).stdout.trim();
  if (id) ids.push(id);
  return r;
}

suite("podman (--runtime ./ctbun)", () => {
  test("the imported busybox image is there", () => {
    const r = podman(["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    expect(r.stdout.split("\n")).toContain(IMAGE);
  });

  test("run in the foreground: output and exit status", () => {
    const r = run("fg", ["--rm"], ["sh", "-c", "echo hello from podman; cat /proc/1/comm; echo oops >&2; exit 3"]);
    expect(r.stdout).toBe("hello from podman\nsh\n");
    expect(r.stderr).toContain("oops");
    expect(r.code).toBe(3);
  });

  test("detached run, exec, pause/unpause, stop, rm", async () => {
    const name = "det";
    const r = run(name, ["-d"], ["sleep", "1000"]);
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(inspect(name, "{{.State.Status}}")).toBe("running");
    expect(inspect(name, "{{.OCIRuntime}}")).toBe(ctbunExe());

    // ctbun holds it: its state says running with the pid podman knows
    const st = ctbunState(id);
    expect(st.status).toBe("running");
    expect(String(st.pid)).toBe(inspect(name, "{{.State.Pid}}"));

    // exec (conmon runs `ctbun exec -d --pid-file ... --process ...`): same pid namespace, status back
    const ex = podman(["exec", name, "sh", "-c", "cat /proc/1/comm; echo in-exec"]);
    expect(ex.stdout).toBe("sleep\nin-exec\n");
    expect(ex.code).toBe(0);
    expect(podman(["exec", name, "sh", "-c", "exit 5"]).code).toBe(5);
    // exec -t: conmon's console socket gets ctbun's pty
    const tty = podman(["exec", "-t", name, "tty"]);
    expect(tty.stdout).toMatch(/^\/dev\/pts\/\d+\r?\n$/);
    expect(tty.code).toBe(0);
    const bad = podman(["exec", name, "/nope"]);
    expect(bad.code).toBe(127); // podman's "command not found", from ctbun's error text
    expect(bad.stderr).toContain('exec: "/nope": stat /nope: no such file or directory');

    expect(podman(["pause", name]).code).toBe(0);
    expect(inspect(name, "{{.State.Status}}")).toBe("paused");
    expect(ctbunState(id).status).toBe("paused");
    expect(podman(["unpause", name]).code).toBe(0);
    expect(inspect(name, "{{.State.Status}}")).toBe("running");
    expect(ctbunState(id).status).toBe("running");

    // sleep as PID 1 ignores SIGTERM: podman falls back to SIGKILL after the timeout
    expect(podman(["stop", "--time", "1", name]).code).toBe(0);
    expect(inspect(name, "{{.State.Status}}")).toBe("exited");
    expect(inspect(name, "{{.State.ExitCode}}")).toBe("137");
    expect(podman(["rm", name]).code).toBe(0);
    await until("ctbun's state to be deleted", () => ctbunState(id) === null);
    expect(existsSync(join(RUNTIME_ROOT, id))).toBe(false);
  }, 30000);

  test.skipIf(!Bun.which("criu", { PATH }))("checkpoint and restore: in place, then exported and imported under a new name", async () => {
    // a token only the shell's memory holds, and a counter: a restored shell goes on with both
    const counter = "tok=$RANDOM$RANDOM; i=0; while true; do i=$((i+1)); echo $tok $i > /tmp/count; sleep 0.05; done";
    const r = run("ck", ["-d"], ["sh", "-c", counter]);
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    const read = (name: string) => {
      // the shell truncates the file before each write: a read can land in between
      for (let k = 0; ; k++) {
        const [tok = "", i = "0"] = podman(["exec", name, "cat", "/tmp/count"]).stdout.trim().split(" ");
        if (tok || k === 20) return { tok, i: Number(i) };
        Bun.sleepSync(10);
      }
    };
    const goesOn = async (name: string, before: { tok: string; i: number }) => {
      const first = read(name);
      let now = first;
      await until(`${name}'s restored shell to write`, () => ((now = read(name)), now.i !== first.i && now.i > before.i));
      expect(now.tok).toBe(before.tok);
    };
    await until("the counter to reach 5", () => read("ck").i >= 5);

    // podman runs `ctbun checkpoint --image-path ... --work-path ...` itself (no conmon)
    let before = read("ck");
    const ck = podman(["container", "checkpoint", "ck"], 30000);
    expect(ck.code).toBe(0);
    expect(inspect("ck", "{{.State.Status}}")).toBe("exited");
    expect(ctbunState(id)).toBeNull(); // as runc: a checkpointed container is destroyed
    // conmon --restore runs `ctbun restore --detach --pid-file ... --image-path ... --work-path ...`
    const rs = podman(["container", "restore", "ck"], 30000);
    expect(rs.code).toBe(0);
    expect(inspect("ck", "{{.State.Status}}")).toBe("running");
    expect(ctbunState(id).status).toBe("running");
    await goesOn("ck", before);

    const archive = join(dir, "ck.tar.gz");
    before = read("ck");
    expect(podman(["container", "checkpoint", "--export", archive, "ck"], 30000).code).toBe(0);
    expect(podman(["rm", "ck"]).code).toBe(0);
    names.push("ck2");
    const imp = podman(["container", "restore", "--import", archive, "--name", "ck2"], 30000);
    expect(imp.code).toBe(0);
    ids.push(imp.stdout.trim());
    expect(inspect("ck2", "{{.State.Status}}")).toBe("running");
    await goesOn("ck2", before);
    expect(podman(["rm", "--force", "--time", "0", "ck2"]).code).toBe(0);
  }, 40000);

  test("run -t: a pty through conmon's console socket", () => {
    const r = run("tty", ["--rm", "-t"], ["sh", "-c", "tty; test -t 0 && echo stdin-is-a-tty"]);
    expect(r.stdout).toMatch(/^\/dev\/pts\/\d+\r?\n/);
    expect(r.stdout).toContain("stdin-is-a-tty");
    expect(r.code).toBe(0);
  });

  test("a missing command: podman reads ctbun's JSON --log and maps it to 127", () => {
    const r = run("bad", ["--rm"], ["/nope"]);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('ctbun create failed: unable to start container process: exec: "/nope": stat /nope: no such file or directory');
    expect(r.stderr).not.toContain("level=error"); // the message, not a raw log line
  });
});
