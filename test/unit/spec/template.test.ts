import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { defaultSpec, DEFAULT_HOSTNAME, OCI_VERSION } from "../../../src/spec/template.ts";
import { validateSpec } from "../../../src/spec/load.ts";

const fixtures = join(import.meta.dir, "..", "..", "fixtures", "spec");

describe("defaultSpec()", () => {
  test("defaultSpec() equals runc 1.5's `runc spec` apart from the hostname", async () => {
    const want = await Bun.file(join(fixtures, "default.json")).json();
    expect(defaultSpec({ rootless: false, cgroupns: false })).toEqual(want);
  });

  test("defaultSpec() serialises with runc's key order", async () => {
    const want = await Bun.file(join(fixtures, "default.json")).text();
    expect(JSON.stringify(defaultSpec({ rootless: false, cgroupns: false }), null, "\t")).toBe(want);
  });

  test("defaultSpec({rootless}) equals `runc spec --rootless` for uid/gid 1000", async () => {
    const want = await Bun.file(join(fixtures, "default-rootless.json")).text();
    expect(JSON.stringify(defaultSpec({ rootless: true, uid: 1000, gid: 1000, cgroupns: false }), null, "\t")).toBe(want);
  });

  test("defaultSpec() adds a cgroup namespace when asked (cgroup v2 hosts)", () => {
    const ns = defaultSpec({ rootless: false, cgroupns: true }).linux!.namespaces!.map((n) => n.type);
    expect(ns).toEqual(["pid", "network", "ipc", "uts", "mount", "cgroup"]);
  });

  test("defaultSpec({rootless}) keeps the cgroup namespace and puts user last", () => {
    const ns = defaultSpec({ rootless: true, uid: 1, gid: 2, cgroupns: true }).linux!.namespaces!.map((n) => n.type);
    expect(ns).toEqual(["pid", "ipc", "uts", "mount", "cgroup", "user"]);
  });

  test("defaultSpec({rootless}) maps the current effective ids by default", () => {
    const s = defaultSpec({ rootless: true });
    expect(s.linux!.uidMappings).toEqual([{ containerID: 0, hostID: process.geteuid!(), size: 1 }]);
    expect(s.linux!.gidMappings).toEqual([{ containerID: 0, hostID: process.getegid!(), size: 1 }]);
    expect(s.linux!.resources).toBeUndefined();
    expect(s.mounts!.find((m) => m.destination === "/dev/pts")!.options).not.toContain("gid=5");
  });

  test("defaultSpec() returns a fresh object each call", () => {
    const a = defaultSpec({ rootless: false });
    a.process!.args!.push("x");
    a.linux!.maskedPaths!.push("/x");
    const b = defaultSpec({ rootless: false });
    expect(b.process!.args).toEqual(["sh"]);
    expect(b.linux!.maskedPaths).not.toContain("/x");
  });

  test("defaultSpec() uses the ctbun hostname and OCI 1.3.0", () => {
    const s = defaultSpec({ rootless: false });
    expect(s.hostname).toBe(DEFAULT_HOSTNAME);
    expect(s.hostname).toBe("ctbun");
    expect(s.ociVersion).toBe(OCI_VERSION);
  });

  for (const rootless of [false, true]) {
    test(`defaultSpec({rootless: ${rootless}}) passes validateSpec() once rootfs exists`, () => {
      const bundle = mkdtempSync(join(tmpdir(), "ctbun-tpl-"));
      try {
        mkdirSync(join(bundle, "rootfs"));
        const s = validateSpec(defaultSpec({ rootless }), bundle, { warn: () => {} });
        expect(s.root!.path).toBe(join(bundle, "rootfs"));
      } finally {
        rmSync(bundle, { recursive: true, force: true });
      }
    });
  }
});
