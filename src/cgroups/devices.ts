// Device cgroup rules: the OCI list normalised, the default set runc appends, and the v1 text.
import { CtbunError } from "../errors.ts";
import type { DeviceCgroup, LinuxResources } from "../spec/types.ts";

export type DeviceType = "a" | "b" | "c";

export interface DeviceRule {
  allow: boolean;
  type: DeviceType;
  /** -1 = any */
  major: number;
  /** -1 = any */
  minor: number;
  /** some of "rwm" */
  access: string;
}

function rule(type: DeviceType, major: number, minor: number, access = "rwm", path?: string): DeviceRule & { path?: string } {
  return { allow: true, type, major, minor, access, path };
}

/**
 * The rules runc appends after the config's own (specconv AllowedDevices): mknod of anything,
 * the usual character devices, pts and ptmx, and /dev/net/tun. An entry with a path is left
 * out when linux.devices lists a device with that same path.
 */
export const DEFAULT_ALLOWED_DEVICES: readonly (DeviceRule & { path?: string })[] = [
  rule("c", -1, -1, "m"),
  rule("b", -1, -1, "m"),
  rule("c", 1, 3, "rwm", "/dev/null"),
  rule("c", 1, 8, "rwm", "/dev/random"),
  rule("c", 1, 7, "rwm", "/dev/full"),
  rule("c", 5, 0, "rwm", "/dev/tty"),
  rule("c", 1, 5, "rwm", "/dev/zero"),
  rule("c", 1, 9, "rwm", "/dev/urandom"),
  rule("c", 136, -1, "rwm"), // /dev/pts/*
  rule("c", 5, 2, "rwm"), // /dev/ptmx
  rule("c", 10, 200, "rwm"), // /dev/net/tun (kept by runc for compatibility)
];

/** linux.resources.devices as rules, with runc's validation messages. */
export function specDeviceRules(devices: DeviceCgroup[] | undefined): DeviceRule[] {
  return (devices ?? []).map((d, i) => {
    const type = (d.type ?? "a") || "a";
    if (type !== "a" && type !== "b" && type !== "c") throw new CtbunError(`invalid cgroup device type "${type}"`);
    if (!d.access) throw new CtbunError(`device access at ${i} field cannot be empty`);
    if (/[^rwm]/.test(d.access)) throw new CtbunError(`invalid device access "${d.access}"`);
    return {
      allow: d.allow,
      type,
      major: d.major ?? -1,
      minor: d.minor ?? -1,
      access: normaliseAccess(d.access),
    };
  });
}

function normaliseAccess(a: string): string {
  return ["r", "w", "m"].filter((c) => a.includes(c)).join("");
}

/**
 * The full rule list ctbun applies: the config's rules, then the defaults (minus those whose
 * path linux.devices redefines), like runc's CreateCgroupConfig.
 */
export function effectiveDeviceRules(devices: DeviceCgroup[] | undefined, linuxDevicePaths: string[] = []): DeviceRule[] {
  const own = specDeviceRules(devices);
  const skip = new Set(linuxDevicePaths);
  const defaults = DEFAULT_ALLOWED_DEVICES.filter((d) => !d.path || !skip.has(d.path)).map(
    ({ allow, type, major, minor, access }) => ({ allow, type, major, minor, access }),
  );
  return [...own, ...defaults];
}

/** "c 1:3 rwm", "a *:* rwm": what devices.allow / devices.deny take on v1. */
export function v1RuleText(r: DeviceRule): string {
  const n = (x: number) => (x < 0 ? "*" : String(x));
  return `${r.type} ${n(r.major)}:${n(r.minor)} ${r.access}`;
}

/** True for a rule that matches every device with every access ("a *:* rwm"). */
export function isWildcardAll(r: DeviceRule): boolean {
  return r.type === "a" && r.major < 0 && r.minor < 0 && r.access === "rwm";
}

/**
 * Resources for a new container: linux.resources with runc's default device rules appended.
 * CgroupManager.set() applies `devices` literally when present and leaves the device cgroup
 * alone when absent (as `update` needs), so `create` passes its resources through this.
 */
export function withDefaultDevices(r: LinuxResources | undefined, linuxDevicePaths: string[] = []): LinuxResources {
  const rules = effectiveDeviceRules(r?.devices, linuxDevicePaths);
  return {
    ...r,
    devices: rules.map((x) => ({ allow: x.allow, type: x.type, major: x.major, minor: x.minor, access: x.access })),
  };
}
