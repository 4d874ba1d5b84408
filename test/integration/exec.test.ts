// `ctbun exec` through the compiled binary, against busybox containers (root only).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ptr } from "bun:ffi";
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cstr, libc } from "../../src/linux/libc.ts";
import { acceptFd, listenUnix } from "../../src/linux/shim.ts";
import { ctbunExe, defaultConfig, forceDelete, isRoot, makeBundle, readUntil, runCtbun, TEST_ROOT, uniqueId, type CtbunResult } from "../_harness.ts";

const made: string[] = [];
const cleanups: (() => void)[] = [];
const bundles: string[] = [];
afterAll(() => {
  for (const c of cleanups.reverse()) {
    try {
      c();
    } catch {}
  }
  for (const id of made) forceDelete(id);
  for (const b of bundles) rmSync(b, { recursive: true, force: true });
});

/** A running container (`sleep`), with the config patched. */
function startContainer(patch: (c: any) => void = () => {}): { id: string; pid: number } {
  const c = defaultConfig(["sleep", "100000"]);
  patch(c);
  const id = uniqueId("exec");
  made.push(id);
  const b = makeBundle(c);
  bundles.push(b);
  const r = runCtbun(["run", "-d", "-b", b, id]);
  if (r.code !== 0) throw new Error(`run -d failed: ${r.stderr}`);
  return { id, pid: JSON.parse(runCtbun(["state", id]).stdout).pid };
}

function exec(id: string, args: string[], flags: string[] = [], opts: { stdin?: string } = {}): CtbunResult {
  return runCtbun(["exec", ...flags, id, ...args], opts);
}

function cgroupDirs(id: string): Record<string, string> {
  return JSON.parse(readFileSync(join(TEST_ROOT, id, "state.json"), "utf8")).cgroup.paths;
}

function setFrozen(id: string, frozen: boolean): void {
  const dirs = cgroupDirs(id);
  if (dirs.freezer) writeFileSync(join(dirs.freezer, "freezer.state"), frozen ? "FROZEN" : "THAWED");
  else writeFileSync(join(dirs[""]!, "cgroup.freeze"), frozen ? "1" : "0");
}

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, "latin1"));
  } catch {
    return false;
  }
}

describe.skipIf(!isRoot)("exec joins the container", () => {
  let c: { id: string; pid: number };
  beforeAll(() => {
    c = startContainer((cfg) => (cfg.hostname = "exec-host"));
  });

  test("same pid namespace: pid 1 is the init, the process has a small pid", () => {
    const r = exec(c.id, ["sh", "-c", "cat /proc/1/comm; echo $$; ps"]);
    expect(r.code).toBe(0);
    const [comm, pid] = r.stdout.split("\n");
    expect(comm).toBe("sleep");
    expect(Number(pid)).toBeLessThan(1000);
    expect(r.stdout).toMatch(/^\s*1 root\s+sleep 100000$/m);
  });

  test("same hostname, ipc and network namespaces as the init", () => {
    const r = exec(c.id, ["sh", "-c", "hostname; for n in ipc net uts pid mnt cgroup; do [ $(readlink /proc/self/ns/$n) = $(readlink /proc/1/ns/$n) ] || echo differs $n; done"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("exec-host\n");
    for (const n of ["ipc", "net", "uts", "pid", "mnt", "cgroup"]) {
      // and different from the host's (the container has its own of each)
      expect(readlinkSync(`/proc/${c.pid}/ns/${n}`)).not.toBe(readlinkSync(`/proc/self/ns/${n}`));
    }
  });

  test("same mounts and root: mountinfo matches the init's", () => {
    const r = exec(c.id, ["sh", "-c", "cat /proc/self/mountinfo; echo ==; cat /proc/1/mountinfo"]);
    expect(r.code).toBe(0);
    const [mine, init] = r.stdout.split("==\n");
    expect(mine).toBe(init!);
    // read from the host, /proc/<init>/mountinfo is relative to the init's root too; only the
    // roots of cgroup mounts differ (they are relative to the reader's cgroup namespace)
    const cgroupRoot = (t: string) => t.replace(/^(\S+ \S+ \S+ )\S+(.* - cgroup2? )/gm, "$1<root>$2");
    expect(cgroupRoot(mine!)).toBe(cgroupRoot(readFileSync(`/proc/${c.pid}/mountinfo`, "utf8")));
    expect(mine!.split("\n").map((l) => l.split(" ")[4])).toContain("/");
  });

  test("same cgroups: inside (cgroup namespace) and seen from the host", () => {
    const r = exec(c.id, ["sh", "-c", "cat /proc/self/cgroup; echo ==; cat /proc/1/cgroup"]);
    expect(r.code).toBe(0);
    const [mine, init] = r.stdout.split("==\n");
    expect(mine).toBe(init!);
    expect(mine).toMatch(/^0::\/$/m);
    const pidFile = `/tmp/${uniqueId("pid")}`;
    const d = exec(c.id, ["sleep", "30"], ["-d", "--pid-file", pidFile]);
    expect(d.code).toBe(0);
    const pid = Number(readFileSync(pidFile, "utf8"));
    try {
      expect(readFileSync(`/proc/${pid}/cgroup`, "utf8")).toBe(readFileSync(`/proc/${c.pid}/cgroup`, "utf8"));
    } finally {
      process.kill(pid, "SIGKILL");
      rmSync(pidFile, { force: true });
    }
  });

  test("-u uid:gid and -g", () => {
    const r = exec(c.id, ["id"], ["-u", "1000:1000", "-g", "5", "-g", "7"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("uid=1000 gid=1000 groups=5,7");
    expect(exec(c.id, ["id", "-u"], ["-u", "12"]).stdout.trim()).toBe("12");
    const bad = exec(c.id, ["id"], ["-u", "x"]);
    expect(bad.code).toBe(255);
    expect(bad.stderr).toContain("bad uid");
  });

  test("capabilities: the container's by default, --cap adds one", () => {
    const def = exec(c.id, ["grep", "-E", "^Cap(Eff|Bnd|Amb)", "/proc/self/status"]);
    expect(def.stdout).toContain("CapEff:\t0000000020000420");
    expect(def.stdout).toContain("CapBnd:\t0000000020000420");
    const r = exec(c.id, ["grep", "-E", "^Cap(Eff|Bnd|Prm)", "/proc/self/status"], ["--cap", "CAP_SYS_ADMIN"]);
    expect(r.stdout).toContain("CapEff:\t0000000020200420");
    expect(r.stdout).toContain("CapPrm:\t0000000020200420");
    expect(r.stdout).toContain("CapBnd:\t0000000020200420");
    // a non-root user keeps no capabilities unless they are ambient
    expect(exec(c.id, ["grep", "CapEff", "/proc/self/status"], ["-u", "1000"]).stdout).toContain("CapEff:\t0000000000000000");
  });

  test("env, cwd and HOME", () => {
    const r = exec(c.id, ["sh", "-c", "echo $FOO $TERM $HOME; pwd"], ["-e", "FOO=bar", "-e", "TERM=dumb", "--cwd", "/tmp"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("bar dumb /root\n/tmp\n");
  });

  test("the exit status passes through; a signal gives 128+signo", () => {
    expect(exec(c.id, ["sh", "-c", "exit 7"]).code).toBe(7);
    expect(exec(c.id, ["sh", "-c", "kill -TERM $$"]).code).toBe(143);
    expect(exec(c.id, ["true"]).code).toBe(0);
  });

  test("signals to ctbun in the foreground go to the process", async () => {
    const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "exec", c.id, "sleep", "30"], { stdout: "ignore", stderr: "pipe" });
    await Bun.sleep(400);
    p.kill("SIGTERM");
    expect(await p.exited).toBe(143);
    const q = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "exec", c.id, "sh", "-c", "trap 'exit 42' USR1; while true; do usleep 10000; done"], { stdout: "ignore", stderr: "pipe" });
    await Bun.sleep(400);
    q.kill("SIGUSR1");
    expect(await q.exited).toBe(42);
  });

  test("stdin and stdout pass through", () => {
    const r = exec(c.id, ["cat"], [], { stdin: "through the container\n" });
    expect(r.stdout).toBe("through the container\n");
  });

  test("-d with --pid-file: exits 0 at once, the pid is the running process", () => {
    const pidFile = `/tmp/${uniqueId("pid")}`;
    const t0 = Date.now();
    const r = exec(c.id, ["sleep", "30"], ["-d", "--pid-file", pidFile]);
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    const text = readFileSync(pidFile, "utf8");
    expect(text).toMatch(/^\d+$/);
    const pid = Number(text);
    expect(alive(pid)).toBe(true);
    expect(readFileSync(`/proc/${pid}/cmdline`, "latin1")).toBe("sleep\x0030\x00");
    // in the container's pid namespace
    expect(readFileSync(`/proc/${pid}/status`, "latin1")).toMatch(/^NSpid:\t\d+\t\d+$/m);
    process.kill(pid, "SIGKILL");
    rmSync(pidFile, { force: true });
  });

  test("-t -d with --console-socket hands over a pty from the container's devpts", async () => {
    const sock = `/tmp/${uniqueId("console")}.sock`;
    const lfd = listenUnix(sock);
    cleanups.push(() => rmSync(sock, { force: true }));
    const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "exec", "-t", "-d", "--console-socket", sock, c.id, "sh"], { stdout: "ignore", stderr: "pipe" });
    const { fd } = acceptFd(lfd, 10000);
    expect(await p.exited).toBe(0);
    const cmd = Buffer.from("echo h''i; tty; exit\n");
    libc.symbols.write(fd, ptr(cmd), cmd.length);
    const out = await readUntil(fd, "/dev/pts/", 5000);
    expect(out).toContain("hi");
    expect(out).toMatch(/\/dev\/pts\/\d+/);
    libc.symbols.close(fd);
    libc.symbols.close(lfd);
  });

  test("--pidfd-socket receives a pidfd of the exec'd process", () => {
    const sock = `/tmp/${uniqueId("pidfd")}.sock`;
    const lfd = listenUnix(sock);
    cleanups.push(() => {
      libc.symbols.close(lfd);
      rmSync(sock, { force: true });
    });
    const pidFile = `/tmp/${uniqueId("pid")}`;
    cleanups.push(() => rmSync(pidFile, { force: true }));
    expect(exec(c.id, ["sleep", "30"], ["-d", "--pidfd-socket", sock, "--pid-file", pidFile]).code).toBe(0);
    const { fd } = acceptFd(lfd, 5000);
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(readFileSync(`/proc/self/fdinfo/${fd}`, "latin1")).toMatch(new RegExp(`^Pid:\\t${pid}$`, "m"));
    libc.symbols.close(fd);
    process.kill(pid, "SIGKILL");
  });

  test("-t in the foreground pumps the pty", () => {
    const r = exec(c.id, ["tty"], ["-t"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\/dev\/pts\/\d+\r?\n$/);
  });

  test("console socket and tty flags are checked as runc does", () => {
    const a = exec(c.id, ["true"], ["-t", "-d"]);
    expect(a.code).toBe(255);
    expect(a.stderr).toContain("cannot allocate tty if runc will detach without setting console socket");
    const b = exec(c.id, ["true"], ["--console-socket", "/tmp/nothing.sock"]);
    expect(b.code).toBe(255);
    expect(b.stderr).toContain("cannot use console socket if runc will not detach or allocate tty");
  });

  test("a command that does not exist: exit 255 and a clear message", () => {
    const r = exec(c.id, ["no-such-command"]);
    expect(r.code).toBe(255);
    expect(r.stderr).toContain('exec failed: unable to start container process: exec: \\"no-such-command\\": executable file not found in $PATH');
    const abs = exec(c.id, ["/no/such"]);
    expect(abs.code).toBe(255);
    expect(abs.stderr).toContain("no such file or directory");
    const cwd = exec(c.id, ["true"], ["--cwd", "/nowhere"]);
    expect(cwd.code).toBe(255);
    expect(cwd.stderr).toContain("chdir to cwd");
  });

  test("no host fd reaches the process; --preserve-fds passes exactly the ones asked for", async () => {
    const r = exec(c.id, ["sh", "-c", "ls /proc/$$/fd; true"]);
    expect(r.stdout.split(/\s+/).filter(Boolean)).toEqual(["0", "1", "2"]);
    // an fd ctbun inherits is not passed on unless asked for
    const file = `/tmp/${uniqueId("fd")}`;
    writeFileSync(file, "preserved\n");
    cleanups.push(() => rmSync(file, { force: true }));
    const fd = libc.symbols.open(file, 0, 0);
    const cmd = ["sh", "-c", "ls /proc/$$/fd; cat <&3; true"];
    const run = async (extra: string[]) => {
      const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "exec", ...extra, c.id, ...cmd], { stdio: ["ignore", "pipe", "pipe", fd] });
      const out = await new Response(p.stdout).text();
      await p.exited;
      return out;
    };
    const without = await run([]);
    expect(without.split(/\s+/).filter(Boolean)).toEqual(["0", "1", "2"]);
    const withFd = await run(["--preserve-fds", "1"]);
    expect(withFd).toBe("0\n1\n2\n3\npreserved\n");
    // more preserved numbers than the caller passed: ctbun's namespace and cgroup fds must
    // still not show up there
    const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "exec", "--preserve-fds", "12", c.id, "sh", "-c", "ls -l /proc/$$/fd; true"], {
      stdio: ["ignore", "pipe", "pipe", fd],
    });
    const links = await new Response(p.stdout).text();
    await p.exited;
    expect(links).toContain(file.split("/").pop()!);
    expect(links).not.toMatch(/(mnt|net|pid|uts|ipc|cgroup|user|time):\[|\/sys\/fs\/cgroup|\/proc\/\d+\/root/);
    libc.symbols.close(fd);
  });

  test("the working directory and root are the container's, not the host's", () => {
    const r = exec(c.id, ["sh", "-c", "readlink /proc/self/cwd; ls /proc/self/cwd/; echo ==; ls /proc/self/root/; echo ==; ls /"], ["--cwd", "/"]);
    expect(r.code).toBe(0);
    const [cwd, root, slash] = r.stdout.split("==\n");
    expect(cwd!.split("\n")[0]).toBe("/");
    expect(root).toBe(slash!);
    expect(root).toContain("bin");
    expect(root).not.toContain("work");
    expect(exec(c.id, ["readlink", "/proc/self/cwd"], ["--cwd", "/tmp"]).stdout).toBe("/tmp\n");
  });

  test("-p process.json replaces the command line", () => {
    const file = `/tmp/${uniqueId("process")}.json`;
    cleanups.push(() => rmSync(file, { force: true }));
    writeFileSync(file, JSON.stringify({ args: ["sh", "-c", "echo $X; id -u; pwd"], env: ["X=from-json", "PATH=/bin"], cwd: "/tmp", user: { uid: 2, gid: 2 } }));
    const r = exec(c.id, [], ["-p", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("from-json\n2\n/tmp\n");
    writeFileSync(file, JSON.stringify({ args: ["true"], cwd: "tmp", user: { uid: 0, gid: 0 } }));
    const bad = exec(c.id, [], ["-p", file]);
    expect(bad.code).toBe(255);
    expect(bad.stderr).toContain("Cwd must be an absolute path");
  });

  test("--cgroup runs the process in a sub-cgroup of the container's", () => {
    const dirs = cgroupDirs(c.id);
    if (!dirs.pids) return; // a v1 check: this machine
    const sub = join(dirs.pids, "sub");
    mkdirSync(sub);
    try {
      const r = exec(c.id, ["cat", "/proc/self/cgroup"], ["--cgroup", "pids:sub"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^\d+:pids:\/sub$/m);
      expect(r.stdout).toMatch(/^\d+:memory:\/$/m);
      const bad = exec(c.id, ["true"], ["--cgroup", "sub"]);
      expect(bad.code).toBe(255);
      expect(bad.stderr).toContain("missing <controller>: prefix");
      const unknown = exec(c.id, ["true"], ["--cgroup", "nosuch:sub"]);
      expect(unknown.stderr).toContain("unknown controller nosuch");
    } finally {
      rmdirSync(sub);
    }
  });

  test("AppArmor and SELinux asked for where they are absent: clear errors", () => {
    if (!existsSync("/sys/module/apparmor/parameters/enabled")) {
      const r = exec(c.id, ["true"], ["--apparmor", "some-profile"]);
      expect(r.code).toBe(255);
      expect(r.stderr).toContain("AppArmor is not enabled");
    }
    if (!existsSync("/sys/fs/selinux/enforce")) {
      const r = exec(c.id, ["true"], ["--process-label", "system_u:system_r:container_t:s0"]);
      expect(r.code).toBe(255);
      expect(r.stderr).toContain("selinux is disabled or not supported");
    }
  });
});

describe.skipIf(!isRoot)("the copying clone path (what user and time namespaces take)", () => {
  test("joins, runs, reports errors and statuses the same way", () => {
    const c = startContainer((cfg) => (cfg.hostname = "fork-path"));
    const env = { _CTBUN_EXEC_FORK: "1" };
    const r = runCtbun(["exec", "-u", "1000:1000", "-g", "5", "--cwd", "/tmp", c.id, "sh", "-c", "hostname; id; pwd; cat /proc/1/comm; tail -1 /proc/self/cgroup; ls /proc/$$/fd; true"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("fork-path\nuid=1000 gid=1000 groups=5\n/tmp\nsleep\n0::/\n0\n1\n2\n");
    expect(runCtbun(["exec", c.id, "sh", "-c", "exit 9"], { env }).code).toBe(9);
    const bad = runCtbun(["exec", c.id, "no-such-command"], { env });
    expect(bad.code).toBe(255);
    expect(bad.stderr).toContain("executable file not found in $PATH");
  });
});

describe.skipIf(!isRoot)("exec into containers with more namespaces", () => {
  test("a user namespace: joined first, ids are the container's", () => {
    const c = startContainer((cfg) => {
      cfg.linux.namespaces.push({ type: "user" });
      cfg.linux.uidMappings = [{ containerID: 0, hostID: 100000, size: 65536 }];
      cfg.linux.gidMappings = [{ containerID: 0, hostID: 100000, size: 65536 }];
      cfg.mounts = cfg.mounts.filter((m: any) => m.type !== "cgroup");
    });
    const r = exec(c.id, ["sh", "-c", "id -u; cat /proc/self/uid_map; for n in user mnt pid net; do [ $(readlink /proc/self/ns/$n) = $(readlink /proc/1/ns/$n) ] || echo differs $n; done"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").map((l) => l.trim().split(/\s+/).join(" "))).toEqual(["0", "0 100000 65536", ""]);
    const pidFile = `/tmp/${uniqueId("pid")}`;
    cleanups.push(() => rmSync(pidFile, { force: true }));
    expect(exec(c.id, ["sleep", "30"], ["-d", "-u", "1000", "-g", "5", "--pid-file", pidFile]).code).toBe(0);
    const pid = Number(readFileSync(pidFile, "utf8"));
    // seen from the host: the mapped ids
    const status = readFileSync(`/proc/${pid}/status`, "latin1");
    expect(status).toMatch(/^Uid:\t101000\t101000\t101000\t101000$/m);
    expect(status).toMatch(/^Groups:\t100005 ?$/m);
    process.kill(pid, "SIGKILL");
  });

  test("a time namespace: the exec'd process sees the container's clocks", () => {
    const c = startContainer((cfg) => {
      cfg.linux.namespaces.push({ type: "time" });
      cfg.linux.timeOffsets = { boottime: { secs: 864000, nanosecs: 0 }, monotonic: { secs: 864000, nanosecs: 0 } };
    });
    const r = exec(c.id, ["cat", "/proc/uptime"]);
    expect(r.code).toBe(0);
    const inside = Number(r.stdout.split(" ")[0]);
    const host = Number(readFileSync("/proc/uptime", "latin1").split(" ")[0]);
    expect(inside - host).toBeGreaterThan(863000);
  });
});

describe.skipIf(!isRoot)("exec and no_new_privs", () => {
  test("the container's setting by default, --no-new-privs turns it on", () => {
    const c = startContainer((cfg) => (cfg.process.noNewPrivileges = false));
    expect(exec(c.id, ["grep", "NoNewPrivs", "/proc/self/status"]).stdout).toBe("NoNewPrivs:\t0\n");
    expect(exec(c.id, ["grep", "NoNewPrivs", "/proc/self/status"], ["--no-new-privs"]).stdout).toBe("NoNewPrivs:\t1\n");
  });
});

describe.skipIf(!isRoot)("exec refuses containers that are not running", () => {
  test("a stopped container", async () => {
    const id = uniqueId("exec-stopped");
    made.push(id);
    const b = makeBundle(defaultConfig(["true"]));
    bundles.push(b);
    expect(runCtbun(["run", "-d", "-b", b, id]).code).toBe(0);
    for (let i = 0; i < 200 && JSON.parse(runCtbun(["state", id]).stdout).status !== "stopped"; i++) await Bun.sleep(10);
    const r = exec(id, ["true"]);
    expect(r.code).toBe(255);
    expect(r.stderr).toContain("cannot exec in a stopped container");
  });

  test("a paused one, unless --ignore-paused (which runs once it is resumed)", async () => {
    const c = startContainer();
    expect(runCtbun(["pause", c.id]).code).toBe(0);
    let resumed = false;
    try {
      const r = exec(c.id, ["true"]);
      expect(r.code).toBe(255);
      expect(r.stderr).toContain("cannot exec in a paused container");
      const out = `/tmp/${uniqueId("out")}`;
      cleanups.push(() => rmSync(out, { force: true }));
      const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "exec", "--ignore-paused", c.id, "echo", "after resume"], { stdout: Bun.file(out), stderr: "pipe" });
      await Bun.sleep(300);
      expect(p.exitCode).toBe(null); // frozen with the container
      // `resume` takes the container lock: the frozen exec must not be holding it
      const res = runCtbun(["resume", c.id], { timeoutMs: 5000 });
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      resumed = true;
      expect(await p.exited).toBe(0);
      expect(readFileSync(out, "utf8")).toBe("after resume\n");
    } finally {
      if (!resumed) setFrozen(c.id, false);
    }
  });

  test("exec takes the container lock to check and join, and does not hold it while the process runs", async () => {
    const c = startContainer();
    const fd = libc.symbols.open(cstr(join(TEST_ROOT, c.id)), 0o200000 /* O_DIRECTORY */ | 0o2000000 /* O_CLOEXEC */, 0);
    expect(fd).toBeGreaterThanOrEqual(0);
    let locked = libc.symbols.flock(fd, 2 /* LOCK_EX */) === 0;
    try {
      expect(locked).toBe(true);
      const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "exec", c.id, "echo", "joined"], { stdout: "pipe", stderr: "pipe" });
      await Bun.sleep(300);
      expect(p.exitCode).toBe(null); // waiting for the lock
      libc.symbols.close(fd);
      locked = false;
      expect(await p.exited).toBe(0);
      expect(await new Response(p.stdout).text()).toBe("joined\n");
    } finally {
      if (locked) libc.symbols.close(fd);
    }
    // a running exec: pause, resume and kill of the container are not held up
    const q = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "exec", c.id, "sleep", "5"], { stdout: "ignore", stderr: "pipe" });
    for (let i = 0; i < 200 && !runCtbun(["ps", "--format", "json", c.id]).stdout.includes(","); i++) await Bun.sleep(10);
    const t0 = Date.now();
    expect(runCtbun(["pause", c.id], { timeoutMs: 4000 }).code).toBe(0);
    expect(runCtbun(["resume", c.id], { timeoutMs: 4000 }).code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(q.exitCode).toBe(null);
    q.kill(); // forwarded to sleep
    expect(await q.exited).toBe(143);
  });

  test("a container that does not exist", () => {
    const r = exec(uniqueId("nope"), ["true"]);
    expect(r.code).toBe(255);
    expect(r.stderr).toContain("container does not exist");
  });
});

const hasLibseccomp = Bun.spawnSync(["sh", "-c", "ldconfig -p | grep -q libseccomp.so.2"]).exitCode === 0;

describe.skipIf(!isRoot || !hasLibseccomp)("exec applies the container's seccomp filter and personality", () => {
  const profile = {
    defaultAction: "SCMP_ACT_ALLOW",
    syscalls: [
      { names: ["mkdir", "mkdirat"], action: "SCMP_ACT_ERRNO", errnoRet: 13 },
      { names: ["mknod", "mknodat"], action: "SCMP_ACT_KILL" },
    ],
  };
  for (const nnp of [true, false]) {
    test(`errno and kill actions (noNewPrivileges ${nnp})`, () => {
      const c = startContainer((cfg) => {
        cfg.linux.seccomp = profile;
        cfg.process.noNewPrivileges = nnp;
        cfg.linux.personality = { domain: "LINUX32" };
      });
      const r = exec(c.id, ["sh", "-c", "mkdir /tmp/x; grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status; uname -m"]);
      expect(r.stderr).toContain("Permission denied"); // EACCES, the profile's errnoRet
      expect(r.stdout).toContain("Seccomp:\t2");
      expect(r.stdout).toContain(`NoNewPrivs:\t${nnp ? 1 : 0}`);
      expect(r.stdout.trim().split("\n").at(-1)).toMatch(/^i[3-6]86$|^armv/); // LINUX32
      expect(exec(c.id, ["mknod", "/tmp/p", "p"]).code).toBe(128 + 31); // SIGSYS
    });
  }

  test("SCMP_ACT_NOTIFY: the exec'd process's listener fd goes to listenerPath", async () => {
    const sock = `/tmp/${uniqueId("agent")}.sock`;
    const lfd = listenUnix(sock);
    cleanups.push(() => {
      libc.symbols.close(lfd);
      rmSync(sock, { force: true });
    });
    const c = startContainer((cfg) => {
      cfg.linux.seccomp = { defaultAction: "SCMP_ACT_ALLOW", listenerPath: sock, listenerMetadata: "exec-test", syscalls: [{ names: ["mkdirat"], action: "SCMP_ACT_NOTIFY" }] };
    });
    const init = acceptFd(lfd, 5000); // the init's, sent at create
    libc.symbols.close(init.fd);
    const pidFile = `/tmp/${uniqueId("pid")}`;
    cleanups.push(() => rmSync(pidFile, { force: true }));
    expect(exec(c.id, ["sleep", "30"], ["-d", "--pid-file", pidFile]).code).toBe(0);
    const got = acceptFd(lfd, 5000);
    libc.symbols.close(got.fd);
    const msg = JSON.parse(got.payload);
    expect(msg.fds).toEqual(["seccompFd"]);
    expect(msg.metadata).toBe("exec-test");
    expect(msg.pid).toBe(Number(readFileSync(pidFile, "utf8")));
    expect(msg.state.id).toBe(c.id);
    process.kill(msg.pid, "SIGKILL");
  });
});

const hasStrace = Bun.spawnSync(["strace", "-V"]).exitCode === 0;

describe.skipIf(!isRoot || !hasStrace)("exec hardening", () => {
  // strace holds the final process just before its execve: it is then in the container's pid
  // namespace, already with the container's credentials, and /proc/<pid>/exe is still the host's
  // ctbun (CVE-2019-5736), its fds and cwd were ctbun's (CVE-2024-21626). A process of the
  // container looks for it and tries to reach them.
  test("the process being set up exposes neither ctbun's binary nor its fds, cwd or root", async () => {
    const c = startContainer();
    const probe = [
      "for i in $(seq 400); do for p in /proc/[0-9]*; do",
      '  if [ "$(cat $p/comm 2>/dev/null)" = ctbun ]; then echo found;',
      "    readlink $p/exe && echo EXE-LEAK;",
      "    for f in $p/fd/*; do readlink $f && echo FD-LEAK; done;",
      "    ls $p/cwd/ && echo CWD-LEAK; ls $p/root/ && echo ROOT-LEAK; cat $p/environ && echo ENV-LEAK;",
      "    echo done; exit 0; fi; done; usleep 10000; done; echo not-found; echo done",
    ].join("\n");
    // the probe runs first (detached): the held-up exec keeps the container lock until its
    // execve, so a probe exec started after it would only start once there is nothing to see
    expect(exec(c.id, ["sh", "-c", `(${probe}) > /dev/shm/probe.out 2>&1`], ["-d"]).code).toBe(0);
    const slow = Bun.spawn(
      ["strace", "-f", "-o", "/dev/null", "-e", "trace=execve", "-e", "inject=execve:delay_enter=2000000", ctbunExe(), "--root", TEST_ROOT, "exec", c.id, "/bin/true"],
      { stdout: "ignore", stderr: "ignore" },
    );
    expect(await slow.exited).toBe(0);
    let out = "";
    for (let i = 0; i < 100 && !out.includes("done"); i++) {
      await Bun.sleep(100);
      out = exec(c.id, ["cat", "/dev/shm/probe.out"]).stdout;
    }
    expect(out).toStartWith("found");
    expect(out).not.toContain("LEAK");
  }, 30000);
});
