// Capability names <-> bit numbers (<linux/capability.h>), and the masks capset(2) takes.
// Pure: reading /proc/sys/kernel/cap_last_cap is the only system access, and it is injectable.
import { readFileSync } from "node:fs";
import { CtbunError } from "../errors.ts";

/** Every capability the kernel defines, in bit order, through CAP_CHECKPOINT_RESTORE (5.9). */
export const CAPABILITIES: Readonly<Record<string, number>> = {
  CAP_CHOWN: 0,
  CAP_DAC_OVERRIDE: 1,
  CAP_DAC_READ_SEARCH: 2,
  CAP_FOWNER: 3,
  CAP_FSETID: 4,
  CAP_KILL: 5,
  CAP_SETGID: 6,
  CAP_SETUID: 7,
  CAP_SETPCAP: 8,
  CAP_LINUX_IMMUTABLE: 9,
  CAP_NET_BIND_SERVICE: 10,
  CAP_NET_BROADCAST: 11,
  CAP_NET_ADMIN: 12,
  CAP_NET_RAW: 13,
  CAP_IPC_LOCK: 14,
  CAP_IPC_OWNER: 15,
  CAP_SYS_MODULE: 16,
  CAP_SYS_RAWIO: 17,
  CAP_SYS_CHROOT: 18,
  CAP_SYS_PTRACE: 19,
  CAP_SYS_PACCT: 20,
  CAP_SYS_ADMIN: 21,
  CAP_SYS_BOOT: 22,
  CAP_SYS_NICE: 23,
  CAP_SYS_RESOURCE: 24,
  CAP_SYS_TIME: 25,
  CAP_SYS_TTY_CONFIG: 26,
  CAP_MKNOD: 27,
  CAP_LEASE: 28,
  CAP_AUDIT_WRITE: 29,
  CAP_AUDIT_CONTROL: 30,
  CAP_SETFCAP: 31,
  CAP_MAC_OVERRIDE: 32,
  CAP_MAC_ADMIN: 33,
  CAP_SYSLOG: 34,
  CAP_WAKE_ALARM: 35,
  CAP_BLOCK_SUSPEND: 36,
  CAP_AUDIT_READ: 37,
  CAP_PERFMON: 38,
  CAP_BPF: 39,
  CAP_CHECKPOINT_RESTORE: 40,
};

/** The highest capability ctbun knows by name. */
export const CAP_LAST_KNOWN = 40;

/** All known names in bit order (what `features` lists). */
export const CAPABILITY_NAMES: readonly string[] = Object.keys(CAPABILITIES);

const NAME_OF: readonly string[] = CAPABILITY_NAMES;

/** True when `name` is a capability ctbun knows ("CAP_SYS_ADMIN"; names are case-sensitive, as in runc). */
export function isKnownCap(name: string): boolean {
  return Object.hasOwn(CAPABILITIES, name);
}

/** Bit numbers of `names`; throws `unknown capability "CAP_FOO"` on the first unknown one. */
export function parseCapNames(names: readonly string[]): number[] {
  return names.map((name) => {
    const bit = CAPABILITIES[name];
    if (bit === undefined || !Object.hasOwn(CAPABILITIES, name)) throw new CtbunError(`unknown capability "${name}"`);
    return bit;
  });
}

/** A 64-bit mask with one bit per capability in `names` (throws on unknown names). */
export function capMask(names: readonly string[]): bigint {
  let mask = 0n;
  for (const bit of parseCapNames(names)) mask |= 1n << BigInt(bit);
  return mask;
}

/** Names of the bits set in `mask`, in bit order; bits above CAP_LAST_KNOWN are ignored. */
export function capNames(mask: bigint): string[] {
  const out: string[] = [];
  for (let bit = 0; bit <= CAP_LAST_KNOWN; bit++) {
    if ((mask >> BigInt(bit)) & 1n) out.push(NAME_OF[bit]!);
  }
  return out;
}

/** The two 32-bit words of a mask, low first, as struct __user_cap_data_struct[2] wants them. */
export function capMaskWords(mask: bigint): [number, number] {
  return [Number(mask & 0xffffffffn), Number((mask >> 32n) & 0xffffffffn)];
}

/**
 * The highest capability the running kernel supports (/proc/sys/kernel/cap_last_cap).
 * Falls back to CAP_LAST_KNOWN when the file cannot be read or parsed.
 */
export function lastCap(read: () => string = () => readFileSync("/proc/sys/kernel/cap_last_cap", "utf8")): number {
  try {
    const n = Number.parseInt(read().trim(), 10);
    return Number.isInteger(n) && n >= 0 ? n : CAP_LAST_KNOWN;
  } catch {
    return CAP_LAST_KNOWN;
  }
}

/** A mask of every capability up to and including `last` (the full bounding set). */
export function fullCapMask(last: number = lastCap()): bigint {
  return (1n << BigInt(last + 1)) - 1n;
}
