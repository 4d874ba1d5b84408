// Hardening: each test fails on the vulnerable pattern of a known runc CVE class.
//  - CVE-2019-16884 / CVE-2019-19921: proc/sysfs mounted over a symlink (or a swapped one)
//  - CVE-2021-30465: mount destinations resolved outside the rootfs (symlinks, swapped during set-up)
//  - CVE-2024-21626: a host fd or the host cwd reachable from the container process
//  - CVE-2019-5736: the runtime's binary writable through /proc/<pid>/exe
// Root only: real containers through ./ctbun.
import { afterAll, describe, expect, test } from "bun:test";
import { dlopen, ptr } from "bun:ffi";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { busyboxRootfs, ctbunExe, defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";

const made: string[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A private, writable copy of the busybox rootfs. */
function copyRootfs(): string {
  const r = `/tmp/${uniqueId("hrootfs")}`;
  const cp = Bun.spawnSync(["cp", "-a", busyboxRootfs(), r]);
  if (cp.exitCode !== 0) throw new Error("cp rootfs failed");
  dirs.push(r);
  return r;
}

function hostDir(): string {
  const d = `/tmp/${uniqueId("hosttarget")}`;
  mkdirSync(d);
  dirs.push(d);
  return d;
}

function runWith(config: any, rootfs?: string, opts: { cwd?: string } = {}) {
  const b = makeBundle(config, rootfs ? { rootfs } : {});
  dirs.push(b);
  const id = uniqueId("hard");
  made.push(id);
  return { ...runCtbun(["run", "-b", b, id], { cwd: opts.cwd }), bundle: b, id };
}

function hostMounts(): string {
  return readFileSync("/proc/self/mountinfo", "utf8");
}

describe.skipIf(!isRoot)("proc and sysfs only on real directories (CVE-2019-16884, CVE-2019-19921)", () => {
  for (const [type, dest] of [
    ["proc", "/proc"],
    ["sysfs", "/sys"],
  ] as const) {
    test(`${type}: a destination that is a symlink (to a host path) is refused`, () => {
      const rootfs = copyRootfs();
      const target = hostDir();
      rmSync(join(rootfs, dest), { recursive: true, force: true });
      symlinkSync(target, join(rootfs, dest));
      const before = hostMounts();
      const r = runWith(defaultConfig(["true"]), rootfs);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("symlink");
      expect(existsSync(join(TEST_ROOT, r.id))).toBe(false);
      expect(readdirSync(target)).toEqual([]); // nothing mounted or made at the host path
      expect(hostMounts()).toBe(before);
    });

    test(`${type}: a symlink in a parent component is refused too`, () => {
      const rootfs = copyRootfs();
      mkdirSync(join(rootfs, "real", "x"), { recursive: true });
      symlinkSync("/real", join(rootfs, "link"));
      const c = defaultConfig(["true"]);
      c.mounts.push({ destination: "/link/x", type, source: type });
      const r = runWith(c, rootfs);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("symlink");
    });
  }

  test("proc over a regular file is refused (only directories)", () => {
    const rootfs = copyRootfs();
    rmSync(join(rootfs, "proc"), { recursive: true, force: true });
    writeFileSync(join(rootfs, "proc"), "not a dir");
    const r = runWith(defaultConfig(["true"]), rootfs);
    expect(r.code).toBe(1);
    expect(existsSync(join(TEST_ROOT, r.id))).toBe(false);
  });
});

describe.skipIf(!isRoot)("mount destinations stay inside the rootfs (CVE-2021-30465)", () => {
  test("an absolute symlink to a host directory is resolved inside the rootfs", () => {
    const rootfs = copyRootfs();
    const target = hostDir();
    symlinkSync(target, join(rootfs, "evil"));
    const c = defaultConfig(["sh", "-c", `grep -c ' ${target}/m tmpfs ' /proc/mounts`]);
    c.root.readonly = false;
    c.mounts.push({ destination: "/evil/m", type: "tmpfs", source: "tmpfs", options: ["size=1m"] });
    const r = runWith(c, rootfs);
    expect(r.stderr).toBe("");
    // the tmpfs is at <rootfs>/<target>/m, so the container sees it at the symlink's target path
    expect(r.stdout).toBe("1\n");
    expect(r.code).toBe(0);
    expect(readdirSync(target)).toEqual([]);
    expect(existsSync(join(rootfs, target, "m"))).toBe(true);
  });

  test("relative ../ chains cannot climb out of the rootfs", () => {
    const rootfs = copyRootfs();
    const target = hostDir();
    symlinkSync(`../../../../../../../..${target}`, join(rootfs, "up"));
    const c = defaultConfig(["sh", "-c", "grep -c ' /m2 \\| /tmp.*/m2 ' /proc/mounts"]);
    c.root.readonly = false;
    c.mounts.push({ destination: "/up/m2", type: "tmpfs", source: "tmpfs", options: ["size=1m"] });
    const r = runWith(c, rootfs);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("1\n");
    expect(readdirSync(target)).toEqual([]);
  });

  test("a bind mount source outside is fine, but its destination symlink cannot redirect it to the host", () => {
    const rootfs = copyRootfs();
    const target = hostDir();
    const src = hostDir();
    writeFileSync(join(src, "payload"), "x");
    symlinkSync(target, join(rootfs, "vol"));
    const c = defaultConfig(["sh", "-c", "cat /vol/payload 2>/dev/null || cat " + target + "/payload"]);
    c.root.readonly = false;
    c.mounts.push({ destination: "/vol", type: "bind", source: src, options: ["rbind", "ro"] });
    const r = runWith(c, rootfs);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("x");
    expect(readdirSync(target)).toEqual([]); // not bound over the host directory
  });

  test("a directory swapped with a symlink to the host during set-up never gets the mount outside", async () => {
    const rootfs = copyRootfs();
    const target = hostDir();
    mkdirSync(join(rootfs, "swapd"));
    symlinkSync(target, join(rootfs, "swapd-link"));
    mkdirSync(join(rootfs, "swapd-dir"));
    // flip rootfs/data between a real directory and a symlink to the host directory
    const flipper = Bun.spawn(
      [
        "sh",
        "-c",
        `cd ${rootfs}; while :; do mv -T swapd-link swapd 2>/dev/null; mv -T swapd swapd-link 2>/dev/null; mv -T swapd-dir swapd 2>/dev/null; mv -T swapd swapd-dir 2>/dev/null; done`,
      ],
      { stdout: "ignore", stderr: "ignore" },
    );
    let ran = 0;
    try {
      for (let i = 0; i < 15; i++) {
        const c = defaultConfig(["sh", "-c", "grep '/inner ' /proc/mounts | wc -l"]);
        c.root.readonly = false;
        c.mounts.push({ destination: "/swapd/inner", type: "tmpfs", source: "tmpfs", options: ["size=1m"] });
        const r = runWith(c, rootfs);
        if (r.code === 0) {
          ran++;
          // wherever /data pointed, the tmpfs is inside the container's root
          expect(r.stdout.trim()).toBe("1");
        }
        // the host directory never receives the mount
        expect(hostMounts()).not.toContain(` ${target}/inner `);
      }
    } finally {
      flipper.kill(9);
      await flipper.exited;
    }
    expect(ran).toBeGreaterThan(0);
  });
});

describe.skipIf(!isRoot)("no host fd and no host cwd in the container (CVE-2024-21626)", () => {
  test("cwd = /proc/self/fd/N never lands outside the container root", () => {
    // runc's leak: an fd to a host directory still open at chdir time. Any N that chdir()s must
    // give a path inside the container.
    for (let n = 3; n < 24; n++) {
      const c = defaultConfig(["sh", "-c", "pwd; ls -d ../../../../* | head -50"]);
      c.process.cwd = `/proc/self/fd/${n}`;
      const r = runWith(c);
      if (r.code !== 0) {
        expect(r.stderr).toMatch(/chdir|cwd|outside/);
        continue;
      }
      // it ran: the cwd must be inside the container's tree (busybox rootfs has /bin/busybox)
      expect(r.stdout).toContain("/bin");
      expect(r.stdout).not.toContain("/work");
    }
  });

  test("only stdio is open in pid 1; /proc/1/cwd is the container root, not the caller's cwd or the bundle", () => {
    const caller = hostDir();
    writeFileSync(join(caller, "HOST-CWD-MARKER"), "");
    // pid 1's own fds, listed by pid 1 itself (a shell would hold pipe or saved fds while it
    // runs a listing): stdio plus the directory ls is reading, nothing else
    const own = runWith(defaultConfig(["/bin/ls", "/proc/1/fd"]), undefined, { cwd: caller });
    expect(own.code).toBe(0);
    expect(own.stdout.split("\n").filter(Boolean)).toEqual(["0", "1", "2", "3"]);
    const c = defaultConfig(["sh", "-c", "echo; readlink /proc/1/cwd; readlink /proc/1/root; ls /proc/1/cwd/ | tr '\\n' ' '; echo; cd /proc/1/cwd/../../..; pwd; ls"]);
    const r = runWith(c, undefined, { cwd: caller });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[1]).toBe("/");
    expect(lines[2]).toBe("/");
    expect(lines[3]).toContain("bin");
    expect(lines[4]).toBe("/");
    const out = r.stdout;
    expect(out).not.toContain("HOST-CWD-MARKER");
    expect(out).not.toContain(caller.split("/").pop()!);
    expect(out).not.toContain(r.bundle.split("/").pop()!);
  });

  test("preserved fds are passed on purpose; nothing else above them", () => {
    const c = defaultConfig(["sh", "-c", "ls /proc/self/fd | tr '\\n' ' '"]);
    const b = makeBundle(c);
    dirs.push(b);
    const id = uniqueId("pres");
    made.push(id);
    // fd 3 for the container: the bundle's config.json, opened by the caller
    const fd = openSync(join(b, "config.json"), "r");
    try {
      const r = Bun.spawnSync([ctbunExe(), "--root", TEST_ROOT, "run", "--preserve-fds", "1", "-b", b, id], { stdio: ["ignore", "pipe", "pipe", fd] });
      expect(r.exitCode).toBe(0);
      // 0 1 2, the preserved 3 and ls's directory fd (4)
      expect(r.stdout.toString().trim()).toBe("0 1 2 3 4");
    } finally {
      closeSync(fd);
    }
  });
});

describe.skipIf(!isRoot)("the ctbun binary is not writable from the container (CVE-2019-5736)", () => {
  const fstatvfs = dlopen("libc.so.6", { fstatvfs: { args: ["i32", "ptr"], returns: "i32" } }).symbols.fstatvfs;

  test("/proc/<init>/exe of a created container cannot be opened for writing, even by root on the host", () => {
    const b = makeBundle(defaultConfig(["true"]));
    dirs.push(b);
    const id = uniqueId("exe");
    made.push(id);
    expect(runCtbun(["create", "-b", b, id]).code).toBe(0);
    const pid = JSON.parse(runCtbun(["state", id]).stdout).pid;
    // the init runs ctbun from a read-only bind: reopening it for writing fails with EROFS
    // (not just ETXTBSY, which goes away once the runtime has exited)
    let code = "";
    try {
      closeSync(openSync(`/proc/${pid}/exe`, "r+"));
    } catch (e: any) {
      code = e.code;
    }
    expect(["EROFS", "ETXTBSY"]).toContain(code);
    const fd = openSync(`/proc/${pid}/exe`, "r");
    const vfs = new BigUint64Array(16);
    expect(fstatvfs(fd, ptr(vfs))).toBe(0);
    closeSync(fd);
    expect(vfs[9]! & 1n).toBe(1n); // ST_RDONLY
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
  });

  test("from inside: the container's pid 1 exe is its own program, and no ctbun process is visible", () => {
    const r = runWith(defaultConfig(["sh", "-c", "readlink /proc/1/exe; for p in /proc/[0-9]*; do readlink $p/exe; done | sort -u"]));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("ctbun");
    expect(r.stdout.split("\n")[0]).toBe("/bin/busybox");
  });

  test("exec-time: a container process racing `ctbun exec` cannot reopen the runtime binary for writing", async () => {
    // The attacker (root in the container, default capabilities) scans /proc for any process
    // whose exe is not the container's busybox, holds it open read-only, and after the execs
    // tries to reopen it for writing through /proc/self/fd (the runc CVE-2019-5736 attack; the
    // append writes nothing). The joining process of `ctbun exec` is non-dumpable, so it
    // cannot even be opened. A race: this catches a regression, it does not prove absence.
    const script = `
      end=$(( $(date +%s) + 3 )); n=3
      while [ $(date +%s) -lt $end ]; do
        for p in /proc/[0-9]*; do
          e=$(readlink $p/exe 2>/dev/null) || continue
          case "$e" in /bin/busybox|"") continue;; esac
          if eval "exec $n< $p/exe" 2>/dev/null; then echo "HELD $e" >> /tmp/log; n=$((n+1)); fi
        done
      done
      sleep 1
      i=3; while [ $i -lt $n ]; do eval ": >> /proc/self/fd/$i" 2>/dev/null && echo "WROTE $i" >> /tmp/log; i=$((i+1)); done
      cat /tmp/log 2>/dev/null; echo done`;
    const c = defaultConfig(["sh", "-c", script]);
    c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
    const b = makeBundle(c);
    dirs.push(b);
    const id = uniqueId("exerace");
    made.push(id);
    const before = Bun.file(ctbunExe()).size;
    const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "run", "-b", b, id], { stdout: "pipe", stderr: "pipe" });
    for (let i = 0; i < 100 && !runCtbun(["state", id]).stdout.includes('"running"'); i++) await Bun.sleep(10);
    let execs = 0;
    for (let i = 0; i < 20; i++) if (runCtbun(["exec", id, "true"]).code === 0) execs++;
    expect(execs).toBeGreaterThan(0);
    const out = await new Response(p.stdout).text();
    expect(await p.exited).toBe(0);
    expect(out).toContain("done");
    expect(out).not.toContain("WROTE");
    expect(Bun.file(ctbunExe()).size).toBe(before);
  });

  test("exec-time: --cwd /proc/self/fd/N never lands outside, and the exec'd process has only stdio", () => {
    const b = makeBundle(defaultConfig(["sleep", "30"]));
    dirs.push(b);
    const id = uniqueId("execfd");
    made.push(id);
    expect(runCtbun(["run", "-d", "-b", b, id]).code).toBe(0);
    const fds = runCtbun(["exec", id, "sh", "-c", "ls /proc/self/fd | tr '\\n' ' '; readlink /proc/self/cwd"]);
    expect(fds.code).toBe(0);
    expect(fds.stdout).toBe("0 1 2 3 /\n");
    for (let n = 3; n < 16; n++) {
      const r = runCtbun(["exec", "--cwd", `/proc/self/fd/${n}`, id, "sh", "-c", "pwd; ls -d ../../../../*"]);
      if (r.code !== 0) continue; // refused: fine
      expect(r.stdout).toContain("/bin");
      expect(r.stdout).not.toContain("/work");
    }
  });
});
