// seccomp: OCI names -> libseccomp/kernel constants, runc's rule shaping, the agent payload,
// and (when libseccomp is installed) the compiled program and seccomp(2) in a child process.
import { describe, expect, test } from "bun:test";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  compileSeccomp,
  compileSeccompForExec,
  libseccomp,
  libseccompVersion,
  planSeccomp,
  SCMP_ACT_ALLOW,
  SCMP_ACT_KILL_PROCESS,
  SCMP_ACT_KILL_THREAD,
  SCMP_ACT_LOG,
  SCMP_ACT_NOTIFY,
  SCMP_ACT_TRAP,
  seccompAction,
  seccompAgentPayload,
  seccompArch,
  SECCOMP_ACTION_NAMES,
  SECCOMP_ARCH_NAMES,
  SECCOMP_FILTER_FLAG_LOG,
  SECCOMP_FILTER_FLAG_NEW_LISTENER,
  SECCOMP_FILTER_FLAG_SPEC_ALLOW,
  SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
  seccompFlag,
  seccompOperator,
  SECCOMP_OPERATOR_NAMES,
  seccompRequested,
} from "../../../src/linux/seccomp.ts";
import { apparmorEnabled, checkHostSecurity, personalityDomain, selinuxEnabled, type LsmProbe } from "../../../src/linux/lsm.ts";
import type { Spec } from "../../../src/spec/types.ts";

describe("actions", () => {
  test("every OCI action maps to libseccomp's value", () => {
    expect(seccompAction("SCMP_ACT_KILL")).toBe(0);
    expect(seccompAction("SCMP_ACT_KILL_THREAD")).toBe(SCMP_ACT_KILL_THREAD);
    expect(seccompAction("SCMP_ACT_KILL_PROCESS")).toBe(0x80000000);
    expect(SCMP_ACT_KILL_PROCESS).toBe(0x80000000);
    expect(seccompAction("SCMP_ACT_TRAP")).toBe(0x00030000);
    expect(SCMP_ACT_TRAP).toBe(0x00030000);
    expect(seccompAction("SCMP_ACT_ALLOW")).toBe(0x7fff0000);
    expect(seccompAction("SCMP_ACT_LOG")).toBe(0x7ffc0000);
    expect(seccompAction("SCMP_ACT_NOTIFY")).toBe(0x7fc00000);
  });

  test("ERRNO and TRACE carry errnoRet, EPERM when absent", () => {
    expect(seccompAction("SCMP_ACT_ERRNO")).toBe(0x00050001);
    expect(seccompAction("SCMP_ACT_ERRNO", 38)).toBe(0x00050026);
    expect(seccompAction("SCMP_ACT_ERRNO", 0)).toBe(0x00050000);
    expect(seccompAction("SCMP_ACT_TRACE")).toBe(0x7ff00001);
    expect(seccompAction("SCMP_ACT_TRACE", 1234)).toBe(0x7ff004d2);
    // only the low 16 bits fit (runc: int16 return code)
    expect(seccompAction("SCMP_ACT_ERRNO", 0x10001)).toBe(0x00050001);
  });

  test("unknown actions: runc's message", () => {
    expect(() => seccompAction("SCMP_ACT_NOPE")).toThrow("string SCMP_ACT_NOPE is not a valid action for seccomp");
  });

  test("features list: runc's nine actions, sorted", () => {
    expect(SECCOMP_ACTION_NAMES).toEqual([
      "SCMP_ACT_ALLOW",
      "SCMP_ACT_ERRNO",
      "SCMP_ACT_KILL",
      "SCMP_ACT_KILL_PROCESS",
      "SCMP_ACT_KILL_THREAD",
      "SCMP_ACT_LOG",
      "SCMP_ACT_NOTIFY",
      "SCMP_ACT_TRACE",
      "SCMP_ACT_TRAP",
    ]);
  });
});

describe("operators", () => {
  test("libseccomp's enum scmp_compare", () => {
    expect(seccompOperator("SCMP_CMP_NE")).toBe(1);
    expect(seccompOperator("SCMP_CMP_LT")).toBe(2);
    expect(seccompOperator("SCMP_CMP_LE")).toBe(3);
    expect(seccompOperator("SCMP_CMP_EQ")).toBe(4);
    expect(seccompOperator("SCMP_CMP_GE")).toBe(5);
    expect(seccompOperator("SCMP_CMP_GT")).toBe(6);
    expect(seccompOperator("SCMP_CMP_MASKED_EQ")).toBe(7);
    expect(SECCOMP_OPERATOR_NAMES.length).toBe(7);
    expect(() => seccompOperator("SCMP_CMP_XX")).toThrow("string SCMP_CMP_XX is not a valid operator for seccomp");
  });
});

describe("architectures", () => {
  test("tokens are the kernel's AUDIT_ARCH_* values", () => {
    expect(seccompArch("SCMP_ARCH_X86_64")).toBe(0xc000003e);
    expect(seccompArch("SCMP_ARCH_X86")).toBe(0x40000003);
    expect(seccompArch("SCMP_ARCH_X32")).toBe(0x4000003e);
    expect(seccompArch("SCMP_ARCH_AARCH64")).toBe(0xc00000b7);
    expect(seccompArch("SCMP_ARCH_ARM")).toBe(0x40000028);
    expect(seccompArch("SCMP_ARCH_MIPS")).toBe(0x00000008);
    expect(seccompArch("SCMP_ARCH_MIPSEL64N32")).toBe(0xe0000008);
    expect(seccompArch("SCMP_ARCH_PPC64LE")).toBe(0xc0000015);
    expect(seccompArch("SCMP_ARCH_S390X")).toBe(0x80000016);
    expect(seccompArch("SCMP_ARCH_RISCV64")).toBe(0xc00000f3);
    expect(seccompArch("SCMP_ARCH_LOONGARCH64")).toBe(0xc0000102);
  });

  test("runc's list is covered; unknown names refused", () => {
    for (const a of ["SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_RISCV64", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_LOONGARCH64"]) {
      expect(SECCOMP_ARCH_NAMES).toContain(a);
    }
    expect(() => seccompArch("SCMP_ARCH_VAX")).toThrow("string SCMP_ARCH_VAX is not a valid arch for seccomp");
  });
});

describe("flags", () => {
  test("kernel bits; TSYNC accepted and ignored", () => {
    expect(seccompFlag("SECCOMP_FILTER_FLAG_LOG")).toBe(2);
    expect(seccompFlag("SECCOMP_FILTER_FLAG_SPEC_ALLOW")).toBe(4);
    expect(seccompFlag("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV")).toBe(0x20);
    expect(seccompFlag("SECCOMP_FILTER_FLAG_TSYNC")).toBe(0);
    expect(() => seccompFlag("SECCOMP_FILTER_FLAG_X")).toThrow("seccomp flag SECCOMP_FILTER_FLAG_X is not known");
  });

  test("absent flags: SPEC_ALLOW when the kernel has it; [] means none", () => {
    expect(planSeccomp({ defaultAction: "SCMP_ACT_ALLOW" }).flags).toBe(SECCOMP_FILTER_FLAG_SPEC_ALLOW);
    expect(planSeccomp({ defaultAction: "SCMP_ACT_ALLOW" }, { flagSupported: () => false }).flags).toBe(0);
    expect(planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", flags: [] }).flags).toBe(0);
    const flags = ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", "SECCOMP_FILTER_FLAG_TSYNC"];
    // WAIT_KILLABLE_RECV only with a listener (the kernel refuses it otherwise)
    expect(planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", flags }).flags).toBe(SECCOMP_FILTER_FLAG_LOG);
    const withListener = planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", flags, listenerPath: "/a", syscalls: [{ names: ["mkdir"], action: "SCMP_ACT_NOTIFY" }] });
    expect(withListener.flags).toBe(SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV | SECCOMP_FILTER_FLAG_NEW_LISTENER);
  });
});

describe("planSeccomp (runc's rule shaping)", () => {
  test("seccomp off when neither defaultAction nor syscalls", () => {
    expect(seccompRequested(undefined)).toBe(false);
    expect(seccompRequested({} as any)).toBe(false);
    expect(seccompRequested({ defaultAction: "", syscalls: [] })).toBe(false);
    expect(seccompRequested({ defaultAction: "SCMP_ACT_ALLOW" })).toBe(true);
  });

  test("one rule per name; rules equal to the default action are skipped", () => {
    const p = planSeccomp({
      defaultAction: "SCMP_ACT_ERRNO",
      syscalls: [
        { names: ["read", "write"], action: "SCMP_ACT_ALLOW" },
        { names: ["mkdir"], action: "SCMP_ACT_ERRNO" }, // == default (EPERM): skipped
        { names: ["rmdir"], action: "SCMP_ACT_ERRNO", errnoRet: 13 }, // differs by errno: kept
      ],
    });
    expect(p.defaultAction).toBe(0x00050001);
    expect(p.rules.map((r) => [r.name, r.action])).toEqual([
      ["read", SCMP_ACT_ALLOW],
      ["write", SCMP_ACT_ALLOW],
      ["rmdir", 0x0005000d],
    ]);
    expect(p.notify).toBe(false);
  });

  test("defaultErrnoRet sets the default action's errno", () => {
    expect(planSeccomp({ defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 38 }).defaultAction).toBe(0x00050026);
  });

  test("conditions on distinct arguments: one rule (AND); a repeated index: one rule each (OR)", () => {
    const and = planSeccomp({
      defaultAction: "SCMP_ACT_ALLOW",
      syscalls: [{ names: ["x"], action: "SCMP_ACT_LOG", args: [{ index: 0, value: 1, op: "SCMP_CMP_EQ" }, { index: 2, value: 5, valueTwo: 4, op: "SCMP_CMP_MASKED_EQ" }] }],
    });
    expect(and.rules).toEqual([
      { name: "x", action: SCMP_ACT_LOG, conditions: [{ index: 0, op: 4, a: 1n, b: 0n }, { index: 2, op: 7, a: 5n, b: 4n }] },
    ]);
    const or = planSeccomp({
      defaultAction: "SCMP_ACT_ALLOW",
      syscalls: [{ names: ["x", "y"], action: "SCMP_ACT_TRAP", args: [{ index: 1, value: 1, op: "SCMP_CMP_EQ" }, { index: 1, value: 2, op: "SCMP_CMP_EQ" }] }],
    });
    expect(or.rules.map((r) => [r.name, r.conditions.map((c) => c.a)])).toEqual([
      ["x", [1n]],
      ["x", [2n]],
      ["y", [1n]],
      ["y", [2n]],
    ]);
  });

  test("argument index must be 0-5; big values stay exact up to 2^53", () => {
    expect(() => planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["x"], action: "SCMP_ACT_LOG", args: [{ index: 6, value: 1, op: "SCMP_CMP_EQ" }] }] })).toThrow("out of range");
    const p = planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["x"], action: "SCMP_ACT_LOG", args: [{ index: 0, value: 2 ** 53 - 1, op: "SCMP_CMP_GE" }] }] });
    expect(p.rules[0]!.conditions[0]!.a).toBe(9007199254740991n);
  });

  test("more than 32 syscalls turn on libseccomp's binary tree", () => {
    const names = Array.from({ length: 33 }, (_, i) => `s${i}`);
    expect(planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names, action: "SCMP_ACT_LOG" }] }).optimize).toBe(true);
    expect(planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: names.slice(1), action: "SCMP_ACT_LOG" }] }).optimize).toBe(false);
  });

  test("SCMP_ACT_NOTIFY: listener flag, listenerPath required, not default, not write/sendmsg", () => {
    const p = planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", listenerPath: "/run/agent.sock", syscalls: [{ names: ["mkdir"], action: "SCMP_ACT_NOTIFY" }] });
    expect(p.notify).toBe(true);
    expect(p.flags & SECCOMP_FILTER_FLAG_NEW_LISTENER).toBe(SECCOMP_FILTER_FLAG_NEW_LISTENER);
    expect(p.rules[0]!.action).toBe(SCMP_ACT_NOTIFY);
    expect(() => planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["mkdir"], action: "SCMP_ACT_NOTIFY" }] })).toThrow("seccomp listenerPath is not set");
    expect(() => planSeccomp({ defaultAction: "SCMP_ACT_NOTIFY", listenerPath: "/x" })).toThrow("SCMP_ACT_NOTIFY cannot be used as default action");
    for (const n of ["write", "sendmsg"]) {
      expect(() => planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", listenerPath: "/x", syscalls: [{ names: [n], action: "SCMP_ACT_NOTIFY" }] })).toThrow(`SCMP_ACT_NOTIFY cannot be used for the ${n} syscall`);
    }
  });

  test("empty syscall names are refused", () => {
    expect(() => planSeccomp({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: [""], action: "SCMP_ACT_LOG" }] })).toThrow("empty string is not a valid syscall");
  });
});

describe("seccomp agent payload (runc's ContainerProcessState)", () => {
  test("field order and omitted empties", () => {
    const j = seccompAgentPayload({ ociVersion: "1.2.1", stateOciVersion: "1.0.2", id: "c1", pid: 42, bundle: "/b", annotations: {}, metadata: "" });
    expect(j).toBe('{"ociVersion":"1.2.1","fds":["seccompFd"],"pid":42,"state":{"ociVersion":"1.0.2","id":"c1","status":"creating","pid":42,"bundle":"/b"}}');
    const k = JSON.parse(seccompAgentPayload({ ociVersion: "1.2.1", stateOciVersion: "1.0.2", id: "c1", pid: 42, bundle: "/b", annotations: { a: "b" }, metadata: "m" }));
    expect(k.metadata).toBe("m");
    expect(k.state.annotations).toEqual({ a: "b" });
  });
});

describe("LSM host checks", () => {
  const probe = (files: Record<string, string>): LsmProbe => ({ exists: (p) => p in files, read: (p) => files[p] });
  const spec = (p: Partial<Spec["process"]> & object, linux: object = {}): Spec => ({ ociVersion: "1.2.0", process: { cwd: "/", user: { uid: 0, gid: 0 }, args: ["true"], ...p }, linux } as unknown as Spec);
  const aaOn = { "/sys/kernel/security/apparmor": "", "/sys/module/apparmor/parameters/enabled": "Y\n" };
  const seOn = { "/sys/fs/selinux/enforce": "1", "/proc/self/attr/current": "system_u:system_r:unconfined_t:s0\0" };

  test("AppArmor: enabled needs securityfs and the module parameter", () => {
    expect(apparmorEnabled(probe(aaOn))).toBe(true);
    expect(apparmorEnabled(probe({ "/sys/module/apparmor/parameters/enabled": "Y" }))).toBe(false);
    expect(apparmorEnabled(probe({ ...aaOn, "/sys/module/apparmor/parameters/enabled": "N" }))).toBe(false);
    expect(() => checkHostSecurity(spec({ apparmorProfile: "p1" }), probe({}))).toThrow('apparmor profile "p1" is set in config.json but AppArmor is not enabled on this host');
    expect(() => checkHostSecurity(spec({ apparmorProfile: "p1" }), probe(aaOn))).not.toThrow();
  });

  test("SELinux: a process label needs SELinux (runc's message); a mount label alone is ignored", () => {
    expect(selinuxEnabled(probe(seOn))).toBe(true);
    expect(selinuxEnabled(probe({ ...seOn, "/proc/self/attr/current": "kernel" }))).toBe(false);
    expect(() => checkHostSecurity(spec({ selinuxLabel: "system_u:system_r:container_t:s0" }), probe({}))).toThrow(
      "selinux label is specified in config, but selinux is disabled or not supported",
    );
    expect(() => checkHostSecurity(spec({ selinuxLabel: "system_u:system_r:container_t:s0" }), probe(seOn))).not.toThrow();
    expect(() => checkHostSecurity(spec({}, { mountLabel: "system_u:object_r:container_file_t:s0" }), probe({}))).not.toThrow();
  });

  test.skipIf(process.getuid?.() !== 0)("checkCwdInside: a cwd outside the root is a breakout (child process, chroot)", () => {
    const script = `
      import { checkCwdInside } from ${JSON.stringify(join(import.meta.dir, "../../../src/linux/lsm.ts"))};
      import { libc } from ${JSON.stringify(join(import.meta.dir, "../../../src/linux/libc.ts"))};
      import { mkdtempSync } from "node:fs";
      checkCwdInside();
      const d = mkdtempSync("/tmp/ctbun-cwd-");
      libc.symbols.chdir("/tmp");
      libc.symbols.unshare(0x00020000);
      libc.symbols.chroot(d); // the cwd (/tmp) is now outside the root
      try { checkCwdInside(); console.log("no error"); } catch (e) { console.log(e.message); }
    `;
    const r = Bun.spawnSync([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
    for (const d of readdirSync("/tmp")) if (d.startsWith("ctbun-cwd-")) rmSync(join("/tmp", d), { recursive: true, force: true });
    expect(r.stdout.toString()).toContain("possible container breakout detected");
  });

  test("personality domains", () => {
    expect(personalityDomain("LINUX")).toBe(0);
    expect(personalityDomain("LINUX32")).toBe(8);
    expect(() => personalityDomain("BSD")).toThrow("invalid personality domain");
  });
});

const haveLib = libseccomp() !== null;

describe.skipIf(!haveLib)("with libseccomp", () => {
  test("version is x.y.z", () => {
    expect(libseccompVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test("the program is whole sock_filter instructions and starts by checking the architecture", () => {
    const bytes = compileSeccomp({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["mkdir", "no_such_call"], action: "SCMP_ACT_ERRNO" }] });
    expect(bytes.length % 8).toBe(0);
    expect(bytes.length).toBeGreaterThan(8);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // BPF_LD|BPF_W|BPF_ABS of seccomp_data.arch (offset 4)
    expect(dv.getUint16(0, true)).toBe(0x20);
    expect(dv.getUint32(4, true)).toBe(4);
    // the last instruction returns: BPF_RET|BPF_K
    const last = bytes.length - 8;
    expect(dv.getUint16(last, true) & 0x07).toBe(0x06);
  });

  test("compileSeccompForExec: nothing for no seccomp, filter and flags otherwise", () => {
    expect(compileSeccompForExec(undefined)).toBeUndefined();
    expect(compileSeccompForExec({ defaultAction: "" } as any)).toBeUndefined();
    const x = compileSeccompForExec({ defaultAction: "SCMP_ACT_ALLOW", flags: ["SECCOMP_FILTER_FLAG_LOG"], syscalls: [{ names: ["mkdir"], action: "SCMP_ACT_ERRNO" }] })!;
    expect(x.filter.length % 8).toBe(0);
    expect(x.flags).toBe(SECCOMP_FILTER_FLAG_LOG);
  });

  test("loadSeccomp in a child process: mkdir fails with the configured errno, listener fd returned", () => {
    const script = `
      import { compileSeccomp, loadSeccomp, planSeccomp } from ${JSON.stringify(join(import.meta.dir, "../../../src/linux/seccomp.ts"))};
      import { libc } from ${JSON.stringify(join(import.meta.dir, "../../../src/linux/libc.ts"))};
      import { mkdirSync } from "node:fs";
      const profile = { defaultAction: "SCMP_ACT_ALLOW", listenerPath: "/unused", syscalls: [
        { names: ["mkdir", "mkdirat"], action: "SCMP_ACT_ERRNO", errnoRet: 122 },
        { names: ["getpriority"], action: "SCMP_ACT_NOTIFY" } ] };
      const plan = planSeccomp(profile);
      const bytes = compileSeccomp(profile, plan);
      libc.symbols.prctl(38, 1, 0, 0, 0); // no_new_privs: no CAP_SYS_ADMIN needed
      const fd = loadSeccomp(bytes, plan.flags);
      let code = "none";
      try { mkdirSync("/tmp/ctbun-seccomp-unit-" + process.pid); } catch (e) { code = e.code; }
      console.log(JSON.stringify({ fd, code }));
    `;
    const r = Bun.spawnSync([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
    const out = JSON.parse(r.stdout.toString().trim());
    expect(out.code).toBe("EDQUOT"); // errno 122
    expect(out.fd).toBeGreaterThan(2);
  });
});
