// ctbun features: what this runtime implements, in the runtime-spec "features" JSON shape
// (runc's layout: 4-space indent, trailing newline). Engines read it to decide what to ask for;
// org.opencontainers.runc.checkpoint.enabled tells them checkpoint/restore works.

import { checkArgs, defineCommand } from "./_command.ts";
import { COMMIT, SPEC_VERSION, VERSION } from "./_globals.ts";
import { goJson, writeStdout } from "./_output.ts";

/** Mount extensions the runtime parses but does not claim to support yet. */
const UNCLAIMED_MOUNT_OPTIONS = new Set(["idmap", "ridmap"]);

export async function featuresJson(): Promise<string> {
  const [mountFlags, caps, sc] = await Promise.all([
    import("../linux/mount-flags.ts"),
    import("../linux/capabilities.ts"),
    import("../linux/seccomp.ts"),
  ]);
  // seccomp: libseccomp is loaded at run time; without it seccomp is not available
  const libseccompVersion = sc.libseccompVersion();
  const seccomp = libseccompVersion
    ? {
        enabled: true,
        actions: [...sc.SECCOMP_ACTION_NAMES],
        operators: [...sc.SECCOMP_OPERATOR_NAMES],
        archs: [...sc.SECCOMP_ARCH_NAMES],
        knownFlags: Object.keys(sc.SECCOMP_FLAGS),
        supportedFlags: sc.supportedSeccompFlags(),
      }
    : { enabled: false };
  const mountOptions = [
    ...Object.keys(mountFlags.MOUNT_FLAG_OPTIONS),
    ...Object.keys(mountFlags.PROPAGATION_OPTIONS),
    ...Object.keys(mountFlags.REC_ATTR_OPTIONS),
    ...mountFlags.EXTENSION_OPTIONS.filter((o) => !UNCLAIMED_MOUNT_OPTIONS.has(o)),
  ];
  const features = {
    ociVersionMin: "1.0.0",
    ociVersionMax: SPEC_VERSION,
    hooks: ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
    mountOptions: [...new Set(mountOptions)].sort(),
    linux: {
      namespaces: ["cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"],
      capabilities: [...caps.CAPABILITY_NAMES],
      cgroup: { v1: true, v2: true, systemd: false, systemdUser: false, rdma: false },
      seccomp,
      apparmor: { enabled: true },
      selinux: { enabled: false },
      intelRdt: { enabled: false },
      mountExtensions: { idmap: { enabled: false } },
    },
    annotations: {
      "org.opencontainers.runc.checkpoint.enabled": "true",
      ...(libseccompVersion ? { "io.github.seccomp.libseccomp.version": libseccompVersion } : {}),
      "io.github.ctbun.version": VERSION,
      "io.github.ctbun.commit": COMMIT,
    },
    potentiallyUnsafeConfigAnnotations: ["org.criu.config"],
  };
  return `${goJson(features, "    ")}\n`;
}

export default defineCommand({
  name: "features",
  summary: "print, as JSON, what this runtime supports",
  description: "Prints the features this runtime implements as JSON (runtime-spec features.md).",
  flags: [],
  async run({ args }) {
    checkArgs("features", args, 0);
    writeStdout(await featuresJson());
  },
});
