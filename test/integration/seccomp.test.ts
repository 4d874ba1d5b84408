// seccomp through the compiled ./ctbun: libseccomp loaded at run time, errno/kill/allow-list
// profiles, flags, and the seccomp agent (listenerPath + SCMP_ACT_NOTIFY). Root only.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { dlopen, ptr } from "bun:ffi";
import { ctbunExe, defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";
import { acceptFd, listenUnix } from "../../src/linux/shim.ts";

const c = dlopen("libc.so.6", {
  ioctl: { args: ["i32", "u64", "ptr"], returns: "i32" },
  poll: { args: ["ptr", "u64", "i32"], returns: "i32" },
  close: { args: ["i32"], returns: "i32" },
}).symbols;
const SECCOMP_IOCTL_NOTIF_RECV = 0xc0502100; // _IOWR('!', 0, struct seccomp_notif)
const SECCOMP_IOCTL_NOTIF_SEND = 0xc0182101; // _IOWR('!', 1, struct seccomp_notif_resp)

const fixtures = join(import.meta.dir, "../fixtures/seccomp");
const made: string[] = [];
const bundles: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
  for (const b of bundles) rmSync(b, { recursive: true, force: true });
});

function fixture(name: string): any {
  return JSON.parse(readFileSync(join(fixtures, name), "utf8"));
}

function run(args: string[], patch: (c: any) => void, env?: Record<string, string>) {
  const c = defaultConfig(args);
  patch(c);
  const b = makeBundle(c);
  bundles.push(b);
  const id = uniqueId("sc");
  made.push(id);
  return runCtbun(["run", "-b", b, id], { env });
}

const hasLibseccomp = Bun.spawnSync(["sh", "-c", "ldconfig -p | grep -q libseccomp.so.2"]).exitCode === 0;

describe.skipIf(!isRoot || !hasLibseccomp)("seccomp", () => {
  test("a profile denying mkdir with EPERM makes mkdir fail with EPERM", () => {
    const r = run(["sh", "-c", "mkdir /tmp/x; echo rc=$?"], (c) => {
      c.linux.seccomp = fixture("deny-mkdir.json");
      c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
    });
    expect(r.stderr).toContain("Operation not permitted");
    expect(r.stdout).toBe("rc=1\n");
    expect(r.code).toBe(0);
  });

  test("errnoRet picks the errno (EACCES) and other syscalls still work", () => {
    const r = run(["sh", "-c", "mkdir /tmp/x; touch /tmp/y && echo touched"], (c) => {
      const p = fixture("deny-mkdir.json");
      p.syscalls[0].errnoRet = 13;
      c.linux.seccomp = p;
      c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
    });
    expect(r.stderr).toContain("Permission denied");
    expect(r.stdout).toBe("touched\n");
  });

  test("without noNewPrivileges the filter is loaded before the capabilities are dropped", () => {
    const r = run(["sh", "-c", "mkdir /tmp/x; grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status"], (c) => {
      c.process.noNewPrivileges = false;
      c.process.user = { uid: 1000, gid: 1000 };
      c.linux.seccomp = fixture("deny-mkdir.json");
      c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["mode=1777"] });
    });
    expect(r.stderr).toContain("Operation not permitted");
    expect(r.stdout).toContain("Seccomp:\t2");
    expect(r.stdout).toContain("NoNewPrivs:\t0");
  });

  test("SCMP_ACT_KILL kills the process with SIGSYS (exit 159)", () => {
    const kill = (c: any) => {
      const p = fixture("deny-mkdir.json");
      p.syscalls[0].action = "SCMP_ACT_KILL";
      c.linux.seccomp = p;
      c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
    };
    // the container process itself
    expect(run(["mkdir", "/tmp/x"], kill).code).toBe(128 + 31);
    // a child of the shell: the shell sees it die of SIGSYS and goes on
    const r = run(["sh", "-c", "mkdir /tmp/x; echo rc=$?"], kill);
    expect(r.stdout).toBe("rc=159\n");
    expect(r.code).toBe(0);
  });

  test("SCMP_ACT_KILL_PROCESS kills the whole process", () => {
    const r = run(["mkdir", "/tmp/x"], (c) => {
      const p = fixture("deny-mkdir.json");
      p.syscalls[0].action = "SCMP_ACT_KILL_PROCESS";
      c.linux.seccomp = p;
      c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
    });
    expect(r.code).toBe(128 + 31);
  });

  test("defaultAction ERRNO with an allow-list runs busybox sh -c true; anything else gets the default errno", () => {
    const ok = run(["sh", "-c", "true"], (c) => (c.linux.seccomp = fixture("allow-list.json")));
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    // mkdir is not in the list: EPERM by default, defaultErrnoRet 38 gives ENOSYS
    const eperm = run(["mkdir", "/x"], (c) => (c.linux.seccomp = fixture("allow-list.json")));
    expect(eperm.stderr).toContain("Operation not permitted");
    expect(eperm.code).toBe(1);
    const enosys = run(["mkdir", "/x"], (c) => (c.linux.seccomp = { ...fixture("allow-list.json"), defaultErrnoRet: 38 }));
    expect(enosys.stderr).toContain("Function not implemented");
    expect(enosys.code).toBe(1);
  });

  test("argument conditions: SCMP_CMP_EQ and SCMP_CMP_MASKED_EQ on chmod's mode", () => {
    const modes = ["700", "755", "777", "644", "646"];
    const script = `touch /tmp/f; for m in ${modes.join(" ")}; do chmod $m /tmp/f 2>/dev/null; echo $m=$?; done`;
    const r = run(["sh", "-c", script], (c) => {
      // deny mode 0700 exactly, and any world-writable mode (mode & 0o002 == 0o002)
      const rules = (index: number) => [
        { index, value: 0o700, op: "SCMP_CMP_EQ" },
        { index, value: 0o002, valueTwo: 0o002, op: "SCMP_CMP_MASKED_EQ" },
      ];
      c.linux.seccomp = {
        defaultAction: "SCMP_ACT_ALLOW",
        // two conditions on the same argument: one rule each (OR), as runc does
        syscalls: [
          { names: ["chmod"], action: "SCMP_ACT_ERRNO", args: rules(1) },
          { names: ["fchmodat"], action: "SCMP_ACT_ERRNO", args: rules(2) },
        ],
      };
      c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
    });
    expect(r.stdout).toBe("700=1\n755=0\n777=1\n644=0\n646=1\n");
  });

  test("conditions on different arguments are ANDed", () => {
    const r = run(["sh", "-c", "touch /tmp/f; chmod 600 /tmp/f; echo a=$?; chmod 700 /tmp/f; echo b=$?"], (c) => {
      // fchmodat(AT_FDCWD, path, mode, 0): dirfd == AT_FDCWD (-100) AND mode == 0700
      const AT_FDCWD = 2 ** 32 - 100; // the low 32 bits, as the kernel compares an int argument
      c.linux.seccomp = {
        defaultAction: "SCMP_ACT_ALLOW",
        syscalls: [
          { names: ["fchmodat"], action: "SCMP_ACT_ERRNO", errnoRet: 13, args: [{ index: 0, value: AT_FDCWD, op: "SCMP_CMP_EQ" }, { index: 2, value: 0o700, op: "SCMP_CMP_EQ" }] },
          { names: ["chmod"], action: "SCMP_ACT_ERRNO", errnoRet: 13, args: [{ index: 1, value: 0o700, op: "SCMP_CMP_EQ" }] },
        ],
      };
      c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
    });
    expect(r.stdout).toBe("a=0\nb=1\n");
    expect(r.stderr).toContain("Permission denied");
  });

  test("unknown syscall names are ignored, flags LOG/SPEC_ALLOW/TSYNC accepted", () => {
    const r = run(["sh", "-c", "mkdir /tmp/x; echo rc=$?"], (c) => {
      const p = fixture("deny-mkdir.json");
      p.syscalls[0].names.push("no_such_syscall_at_all");
      p.flags = ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC"];
      p.architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];
      c.linux.seccomp = p;
      c.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
    });
    expect(r.stdout).toBe("rc=1\n");
    expect(r.code).toBe(0);
  });

  test("bad names are refused at create with runc's messages, nothing left behind", () => {
    const cases: [any, string][] = [
      [{ defaultAction: "SCMP_ACT_NOPE" }, "string SCMP_ACT_NOPE is not a valid action for seccomp"],
      [{ defaultAction: "SCMP_ACT_ALLOW", architectures: ["SCMP_ARCH_VAX"] }, "string SCMP_ARCH_VAX is not a valid arch for seccomp"],
      [{ defaultAction: "SCMP_ACT_ALLOW", flags: ["SECCOMP_FILTER_FLAG_BOGUS"] }, "seccomp flag SECCOMP_FILTER_FLAG_BOGUS is not known"],
      [{ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["mkdir"], action: "SCMP_ACT_ERRNO", args: [{ index: 0, value: 1, op: "SCMP_CMP_XX" }] }] }, "string SCMP_CMP_XX is not a valid operator for seccomp"],
      [{ defaultAction: "SCMP_ACT_NOTIFY" }, "SCMP_ACT_NOTIFY cannot be used as default action"],
      [{ defaultAction: "SCMP_ACT_ALLOW", listenerPath: "/run/x.sock", syscalls: [{ names: ["write"], action: "SCMP_ACT_NOTIFY" }] }, "SCMP_ACT_NOTIFY cannot be used for the write syscall"],
      [{ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["mkdir"], action: "SCMP_ACT_NOTIFY" }] }, "seccomp listenerPath is not set"],
    ];
    for (const [profile, needle] of cases) {
      const c = defaultConfig(["true"]);
      c.linux.seccomp = profile;
      const b = makeBundle(c);
      bundles.push(b);
      const id = uniqueId("scbad");
      const r = runCtbun(["create", "-b", b, id]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(needle);
      expect(existsSync(join(TEST_ROOT, id))).toBe(false);
    }
  });

  test("SCMP_ACT_NOTIFY: the agent at listenerPath gets the listener fd and runc's state payload, and answers", async () => {
    const sock = `/tmp/${uniqueId("agent")}.sock`;
    const lfd = listenUnix(sock);
    try {
      const cfg = defaultConfig(["sh", "-c", "mkdir /tmp/x; echo rc=$?"]);
      cfg.linux.seccomp = {
        defaultAction: "SCMP_ACT_ALLOW",
        listenerPath: sock,
        listenerMetadata: "meta-1",
        syscalls: [{ names: ["mkdir", "mkdirat"], action: "SCMP_ACT_NOTIFY" }],
      };
      cfg.mounts.push({ destination: "/tmp", type: "tmpfs", source: "tmpfs" });
      cfg.annotations = { "org.example": "x" };
      const b = makeBundle(cfg);
      bundles.push(b);
      const id = uniqueId("agent");
      made.push(id);
      const p = Bun.spawn([ctbunExe(), "--root", TEST_ROOT, "run", "-b", b, id], { stdout: "pipe", stderr: "pipe" });
      const got = acceptFd(lfd, 10000);
      const msg = JSON.parse(got.payload);
      expect(msg.fds).toEqual(["seccompFd"]);
      expect(msg.metadata).toBe("meta-1");
      expect(msg.state.id).toBe(id);
      expect(msg.state.status).toBe("creating");
      expect(msg.state.bundle).toBe(b);
      expect(msg.state.annotations).toEqual({ "org.example": "x" });
      expect(msg.pid).toBe(msg.state.pid);
      expect(readFileSync(`/proc/${msg.pid}/status`, "utf8")).toMatch(/^Name:/); // a host pid
      // answer the first notification (mkdir) with EDQUOT (122)
      const pfd = new Int32Array([got.fd, 1 /* POLLIN */, 0]);
      expect(c.poll(ptr(pfd), 1, 10000)).toBe(1);
      const req = new BigUint64Array(10); // struct seccomp_notif: 80 bytes
      expect(c.ioctl(got.fd, SECCOMP_IOCTL_NOTIF_RECV, ptr(req))).toBe(0);
      const nr = new DataView(req.buffer).getInt32(16, true);
      expect([83, 258]).toContain(nr); // mkdir, mkdirat on x86_64
      const resp = new ArrayBuffer(24);
      const dv = new DataView(resp);
      dv.setBigUint64(0, req[0]!, true);
      dv.setBigInt64(8, 0n, true);
      dv.setInt32(16, -122, true);
      expect(c.ioctl(got.fd, SECCOMP_IOCTL_NOTIF_SEND, ptr(new Uint8Array(resp)))).toBe(0);
      c.close(got.fd);
      expect(await p.exited).toBe(0);
      expect(await new Response(p.stdout).text()).toBe("rc=1\n");
      expect(await new Response(p.stderr).text()).toContain("Disk quota exceeded");
    } finally {
      c.close(lfd);
      rmSync(sock, { force: true });
    }
  });

  test("seccomp requested but libseccomp missing: a clear error", () => {
    const r = run(["true"], (c) => (c.linux.seccomp = fixture("deny-mkdir.json")), { _CTBUN_LIBSECCOMP: "libseccomp-missing.so.0" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("seccomp requested but libseccomp is not available");
  });

  test("an empty seccomp object means no seccomp (and libseccomp is never needed)", () => {
    const r = run(["sh", "-c", "grep '^Seccomp:' /proc/self/status"], (c) => (c.linux.seccomp = {}), { _CTBUN_LIBSECCOMP: "libseccomp-missing.so.0" });
    expect(r.stdout).toBe("Seccomp:\t0\n");
    expect(r.code).toBe(0);
  });
});
