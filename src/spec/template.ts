// The config.json `ctbun spec` writes: runc 1.5's `runc spec` example, field for field, with
// one deliberate difference: the hostname is "ctbun" instead of "runc".
import { existsSync } from "node:fs";
import type { Mount, Namespace, Spec } from "./types.ts";

/** The runtime-spec version ctbun implements (runc 1.5 reports spec 1.3.0). */
export const OCI_VERSION = "1.3.0";

export const DEFAULT_HOSTNAME = "ctbun";

const DEFAULT_CAPS = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];

export const DEFAULT_MASKED_PATHS: readonly string[] = [
  "/proc/acpi",
  "/proc/asound",
  "/proc/kcore",
  "/proc/keys",
  "/proc/latency_stats",
  "/proc/timer_list",
  "/proc/timer_stats",
  "/proc/sched_debug",
  "/sys/firmware",
  "/proc/scsi",
  "/sys/devices/virtual/tpm",
];

export const DEFAULT_READONLY_PATHS: readonly string[] = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

export interface TemplateOptions {
  rootless: boolean;
  /** Host uid/gid mapped to root in the rootless variant; default: effective ids of this process. */
  uid?: number;
  gid?: number;
  /** Add a cgroup namespace (runc does on a cgroup v2 unified host); default: detect. */
  cgroupns?: boolean;
}

function isCgroup2Unified(): boolean {
  return existsSync("/sys/fs/cgroup/cgroup.controllers");
}

function defaultMounts(): Mount[] {
  return [
    { destination: "/proc", type: "proc", source: "proc" },
    { destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"] },
    {
      destination: "/dev/pts",
      type: "devpts",
      source: "devpts",
      options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
    },
    { destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
    { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"] },
    { destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"] },
    { destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["nosuid", "noexec", "nodev", "relatime", "ro"] },
  ];
}

/** A fresh default spec; the rootless variant is what `runc spec --rootless` produces. */
export function defaultSpec(opts: TemplateOptions): Spec {
  const namespaces: Namespace[] = [{ type: "pid" }, { type: "network" }, { type: "ipc" }, { type: "uts" }, { type: "mount" }];
  if (opts.cgroupns ?? isCgroup2Unified()) namespaces.push({ type: "cgroup" });

  const spec: Spec = {
    ociVersion: OCI_VERSION,
    process: {
      terminal: true,
      user: { uid: 0, gid: 0 },
      args: ["sh"],
      env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
      cwd: "/",
      capabilities: {
        bounding: [...DEFAULT_CAPS],
        effective: [...DEFAULT_CAPS],
        permitted: [...DEFAULT_CAPS],
      },
      rlimits: [{ type: "RLIMIT_NOFILE", hard: 1024, soft: 1024 }],
      noNewPrivileges: true,
    },
    root: { path: "rootfs", readonly: true },
    hostname: DEFAULT_HOSTNAME,
    mounts: defaultMounts(),
    linux: {
      resources: { devices: [{ allow: false, access: "rwm" }] },
      namespaces,
      maskedPaths: [...DEFAULT_MASKED_PATHS],
      readonlyPaths: [...DEFAULT_READONLY_PATHS],
    },
  };
  if (opts.rootless) toRootless(spec, opts.uid ?? process.geteuid?.() ?? 0, opts.gid ?? process.getegid?.() ?? 0);
  return spec;
}

/**
 * Make a spec work without root: a user namespace mapping `uid`/`gid` to root, no network
 * namespace (it would have no devices), /sys bind-mounted from the host (sysfs cannot be mounted
 * in a user namespace that does not own the network namespace), no uid=/gid= mount options and
 * no cgroup resources.
 */
function toRootless(spec: Spec, uid: number, gid: number): void {
  const { namespaces = [], resources: _dropped, ...rest } = spec.linux ?? {};
  // rebuilt so the keys come out in runtime-spec order, as `runc spec --rootless` writes them
  spec.linux = {
    uidMappings: [{ containerID: 0, hostID: uid, size: 1 }],
    gidMappings: [{ containerID: 0, hostID: gid, size: 1 }],
    namespaces: [...namespaces.filter((ns) => ns.type !== "network" && ns.type !== "user"), { type: "user" }],
    ...rest,
  };
  spec.mounts = (spec.mounts ?? []).map((m) => {
    if (m.destination.replace(/\/+$/, "") === "/sys") {
      return { destination: "/sys", type: "none", source: "/sys", options: ["rbind", "nosuid", "noexec", "nodev", "ro"] };
    }
    if (!m.options) return m;
    return { ...m, options: m.options.filter((o) => !o.startsWith("uid=") && !o.startsWith("gid=")) };
  });
}
