import { describe, expect, test } from "bun:test";
import * as C from "../../../src/linux/constants.ts";

// Spot checks against the kernel UAPI headers: these numbers are ABI and never change.
describe("kernel constants", () => {
  const values: [string, number][] = [
    ["MS_RDONLY", 1],
    ["MS_BIND", 4096],
    ["MS_REC", 16384],
    ["MS_PRIVATE", 1 << 18],
    ["MS_SLAVE", 1 << 19],
    ["MS_SHARED", 1 << 20],
    ["MS_STRICTATIME", 1 << 24],
    ["MNT_DETACH", 2],
    ["MOUNT_ATTR_IDMAP", 0x100000],
    ["CLONE_NEWTIME", 0x80],
    ["CLONE_NEWNS", 0x20000],
    ["CLONE_NEWCGROUP", 0x2000000],
    ["CLONE_NEWUTS", 0x4000000],
    ["CLONE_NEWIPC", 0x8000000],
    ["CLONE_NEWUSER", 0x10000000],
    ["CLONE_NEWPID", 0x20000000],
    ["CLONE_NEWNET", 0x40000000],
    ["O_CLOEXEC", 0o2000000],
    ["O_PATH", 0o10000000],
    ["PR_SET_PDEATHSIG", 1],
    ["PR_CAPBSET_DROP", 24],
    ["PR_SET_CHILD_SUBREAPER", 36],
    ["PR_SET_NO_NEW_PRIVS", 38],
    ["PR_CAP_AMBIENT", 47],
    ["RLIMIT_NOFILE", 7],
    ["RLIMIT_NPROC", 6],
    ["RLIMIT_RTTIME", 15],
    ["SECCOMP_RET_ALLOW", 0x7fff0000],
    ["AUDIT_ARCH_X86_64", 0xc000003e],
  ];
  for (const [name, v] of values) {
    test(`${name} is ${v}`, () => expect((C as unknown as Record<string, number>)[name]).toBe(v));
  }

  test("RLIMITS maps all 16 resource names to 0..15", () => {
    expect(Object.values(C.RLIMITS).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(C.RLIMITS.RLIMIT_NOFILE).toBe(7);
  });

  test("NAMESPACE_CLONE_FLAGS covers the eight OCI namespace types", () => {
    expect(Object.keys(C.NAMESPACE_CLONE_FLAGS).sort()).toEqual(["cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"]);
    expect(C.NAMESPACE_PROC_NAMES.network).toBe("net");
    expect(C.NAMESPACE_PROC_NAMES.mount).toBe("mnt");
  });
});

describe("syscall numbers", () => {
  const x86: [C.SyscallName, number][] = [
    ["pivot_root", 155],
    ["mount_setattr", 442],
    ["openat2", 437],
    ["close_range", 436],
    ["pidfd_open", 434],
    ["capset", 126],
    ["capget", 125],
    ["setresuid", 117],
    ["setresgid", 119],
    ["setgroups", 116],
    ["memfd_create", 319],
    ["seccomp", 317],
    ["keyctl", 250],
    ["sethostname", 170],
    ["setdomainname", 171],
    ["personality", 135],
    ["unshare", 272],
    ["setns", 308],
  ];
  for (const [name, n] of x86) {
    test(`x86_64 ${name} is ${n}`, () => expect(C.SYSCALLS_X86_64[name]).toBe(n));
  }
  test("aarch64 uses the generic table (pivot_root 41, setns 268, capset 91)", () => {
    expect([C.SYSCALLS_AARCH64.pivot_root, C.SYSCALLS_AARCH64.setns, C.SYSCALLS_AARCH64.capset]).toEqual([41, 268, 91]);
  });
  test("syscalls from 424 up have the same number on both architectures", () => {
    for (const [name, n] of Object.entries(C.SYSCALLS_X86_64)) {
      if (n >= 424) expect(C.SYSCALLS_AARCH64[name as C.SyscallName]).toBe(n);
    }
  });
  test("SYS is the table of the running architecture", () => {
    expect(C.SYS).toBe(process.arch === "arm64" ? C.SYSCALLS_AARCH64 : C.SYSCALLS_X86_64);
  });
});
