// AppArmor / SELinux / Intel RDT / personality through ./ctbun. This machine has neither
// AppArmor nor SELinux: asking for them must fail at create with a clear message and leave
// nothing behind; where an LSM is active the exec label is applied (not testable here).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, TEST_ROOT, uniqueId } from "../_harness.ts";

const made: string[] = [];
const bundles: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
  for (const b of bundles) rmSync(b, { recursive: true, force: true });
});

function create(patch: (c: any) => void, args = ["true"], cmd: "create" | "run" = "create") {
  const c = defaultConfig(args);
  patch(c);
  const b = makeBundle(c);
  bundles.push(b);
  const id = uniqueId("lsm");
  made.push(id);
  return { ...runCtbun([cmd, "-b", b, id]), id };
}

const apparmorOn = (() => {
  try {
    return existsSync("/sys/kernel/security/apparmor") && readFileSync("/sys/module/apparmor/parameters/enabled", "utf8").startsWith("Y");
  } catch {
    return false;
  }
})();
const selinuxOn = existsSync("/sys/fs/selinux/enforce");

describe.skipIf(!isRoot)("LSMs, Intel RDT, personality", () => {
  test.skipIf(apparmorOn)("an AppArmor profile without AppArmor: clear error at create, nothing left", () => {
    const r = create((c) => (c.process.apparmorProfile = "ctbun-test-profile"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ctbun-test-profile");
    expect(r.stderr).toContain("is set in config.json but AppArmor is not enabled on this host");
    expect(existsSync(join(TEST_ROOT, r.id))).toBe(false);
  });

  test.skipIf(selinuxOn)("an SELinux process label without SELinux: runc's error", () => {
    const r = create((c) => (c.process.selinuxLabel = "system_u:system_r:container_t:s0:c1,c2"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("selinux label is specified in config, but selinux is disabled or not supported");
    expect(existsSync(join(TEST_ROOT, r.id))).toBe(false);
  });

  test.skipIf(selinuxOn)("an SELinux mount label without SELinux is ignored, as runc does", () => {
    const r = create((c) => (c.linux.mountLabel = "system_u:object_r:container_file_t:s0:c1,c2"), ["sh", "-c", "echo ran"], "run");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("ran\n");
    expect(r.code).toBe(0);
  });

  test("linux.intelRdt: Intel RDT is not supported, refused before anything is made", () => {
    const r = create((c) => (c.linux.intelRdt = { closID: "c1", l3CacheSchema: "L3:0=f" }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Intel RDT is not supported");
    expect(existsSync(join(TEST_ROOT, r.id))).toBe(false);
  });

  test.skipIf(process.arch !== "x64")("linux.personality LINUX32: uname -m says i686; LINUX leaves x86_64", () => {
    const r32 = create((c) => (c.linux.personality = { domain: "LINUX32" }), ["uname", "-m"], "run");
    expect(r32.stdout).toBe("i686\n");
    const r64 = create((c) => (c.linux.personality = { domain: "LINUX" }), ["uname", "-m"], "run");
    expect(r64.stdout).toBe("x86_64\n");
  });

  test("features: seccomp on with libseccomp's version; apparmor supported; selinux not claimed", () => {
    const f = JSON.parse(runCtbun(["features"]).stdout);
    expect(f.linux.apparmor.enabled).toBe(true);
    expect(f.linux.selinux.enabled).toBe(false);
    expect(f.linux.intelRdt.enabled).toBe(false);
    if (f.linux.seccomp.enabled) {
      expect(f.linux.seccomp.actions).toContain("SCMP_ACT_NOTIFY");
      expect(f.linux.seccomp.operators).toContain("SCMP_CMP_MASKED_EQ");
      expect(f.linux.seccomp.archs).toContain("SCMP_ARCH_X86_64");
      expect(f.linux.seccomp.knownFlags).toEqual(["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]);
      expect(f.linux.seccomp.supportedFlags).toContain("SECCOMP_FILTER_FLAG_LOG");
      expect(f.annotations["io.github.seccomp.libseccomp.version"]).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
