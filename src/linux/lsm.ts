// Process security applied by `ctbun init` at the end of set-up: AppArmor and SELinux exec
// labels, the execution domain (personality), and seccomp (compiled in seccomp.ts).
//
// Decisions (runc 1.5 as reference):
//  - AppArmor: runc writes "exec <profile>" to /proc/thread-self/attr/apparmor/exec (or the old
//    attr/exec) without checking that AppArmor is on, so a host without AppArmor fails with the
//    kernel's error at start. ctbun refuses at create instead, before anything is made:
//    `apparmor profile "<p>" is set in config.json but AppArmor is not enabled on this host`.
//    Enabled means /sys/kernel/security/apparmor exists and
//    /sys/module/apparmor/parameters/enabled starts with "Y" (runc's isEnabled).
//  - SELinux: runc refuses a process label when SELinux is off with
//    `selinux label is specified in config, but selinux is disabled or not supported`; ctbun
//    does the same. A mount label is ignored when SELinux is off (runc's label.FormatMountLabel).
//    With SELinux on, the process label is written to /proc/thread-self/attr/exec; mount labels
//    (context= on the container's mounts) are not applied yet: a warning says so.
//  - linux.intelRdt: refused at config validation (`Intel RDT is not supported`).
//  - linux.personality: personality(2) with PER_LINUX / PER_LINUX32 right before execve
//    (flags are ignored with a warning, as runc does).
//  - seccomp: without noNewPrivileges it is loaded before the credentials change (it needs
//    CAP_SYS_ADMIN); with it, as late as possible: right before execve, after no_new_privs.
import { ptr } from "bun:ffi";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { CtbunError, SysError } from "../errors.ts";
import { log } from "../log.ts";
import type { Spec } from "../spec/types.ts";
import { errno, libc } from "./libc.ts";
import { sendMsg } from "./shim.ts";
import { compileSeccomp, connectUnix, libseccomp, loadSeccomp, planSeccomp, seccompAgentPayload, seccompFlagSupported, seccompRequested } from "./seccomp.ts";

export interface LsmProbe {
  exists(path: string): boolean;
  read(path: string): string | undefined;
}

const realProbe: LsmProbe = {
  exists: (p) => existsSync(p),
  read: (p) => {
    try {
      return readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
};

export function apparmorEnabled(probe: LsmProbe = realProbe): boolean {
  if (!probe.exists("/sys/kernel/security/apparmor")) return false;
  return (probe.read("/sys/module/apparmor/parameters/enabled") ?? "").startsWith("Y");
}

export function selinuxEnabled(probe: LsmProbe = realProbe): boolean {
  // go-selinux: selinuxfs mounted (usually /sys/fs/selinux) and the LSM answers for us
  if (!probe.exists("/sys/fs/selinux/enforce")) return false;
  const cur = probe.read("/proc/self/attr/current");
  return cur !== undefined && cur.replace(/\0/g, "").trim() !== "kernel";
}

/**
 * Host checks for what config.json asks of the LSMs (create time, before anything is made).
 * Throws a CtbunError with a clear message for what cannot be honoured here.
 */
export function checkHostSecurity(spec: Spec, probe: LsmProbe = realProbe): void {
  const proc = spec.process;
  if (seccompRequested(spec.linux?.seccomp) && !libseccomp()) throw new CtbunError("seccomp requested but libseccomp is not available");
  if (proc?.apparmorProfile && !apparmorEnabled(probe)) {
    throw new CtbunError(`apparmor profile "${proc.apparmorProfile}" is set in config.json but AppArmor is not enabled on this host`);
  }
  const selinux = (proc?.selinuxLabel || spec.linux?.mountLabel) && selinuxEnabled(probe);
  if (proc?.selinuxLabel && !selinux) {
    throw new CtbunError("selinux label is specified in config, but selinux is disabled or not supported");
  }
  if (spec.linux?.mountLabel && selinux) {
    log.warn(`linux.mountLabel ${JSON.stringify(spec.linux.mountLabel)} is not applied to mounts by ctbun yet`);
  }
}

/** Write an LSM attribute of this thread (AppArmor's own directory first, as runc does). */
function setExecAttr(lsm: "apparmor" | "selinux", value: string): void {
  const own = `/proc/thread-self/attr/${lsm}/exec`;
  const path = existsSync(own) ? own : "/proc/thread-self/attr/exec";
  const O_WRONLY = 1,
    O_CLOEXEC = 0o2000000;
  const fd = libc.symbols.open(path, O_WRONLY | O_CLOEXEC, 0);
  if (fd < 0) throw new CtbunError(`${lsm} failed to apply profile: ${new SysError("open", errno(), path).message}`);
  const b = Buffer.from(value);
  const n = libc.symbols.write(fd, b, b.length);
  const e = errno();
  libc.symbols.close(fd);
  if (n !== b.length) throw new CtbunError(`${lsm} failed to apply profile: ${new SysError("write", n < 0 ? e : 5, path).message}`);
}

export const PER_LINUX = 0x0000;
export const PER_LINUX32 = 0x0008;
const SYS_personality = process.arch === "arm64" ? 92 : 135;

const SYS_getcwd = process.arch === "arm64" ? 17 : 79;

/**
 * After chdir: the cwd must be reachable from our root (CVE-2024-21626 class: a leaked host
 * directory fd used as cwd). The raw getcwd(2) prefixes an unreachable path with "(unreachable)".
 */
export function checkCwdInside(): void {
  const buf = Buffer.alloc(4097);
  const n = libc.symbols.syscall(SYS_getcwd, ptr(buf), buf.length, 0, 0, 0);
  if (n < 0 || buf[0] !== 0x2f) {
    throw new CtbunError("current working directory is outside of container mount namespace root -- possible container breakout detected");
  }
}

export function personalityDomain(domain: string): number {
  if (domain === "LINUX") return PER_LINUX;
  if (domain === "LINUX32") return PER_LINUX32;
  throw new CtbunError(`invalid personality domain ${JSON.stringify(domain)}`);
}

/** What `ctbun init` applies at the end; made before pivot_root (libseccomp is a host library). */
export interface ProcessSecurity {
  /** Without noNewPrivileges: seccomp, while CAP_SYS_ADMIN is still held. */
  beforeCredentials(): void;
  /** Right before execve: LSM exec labels, personality, seccomp with noNewPrivileges. */
  beforeExec(): void;
}

/**
 * Prepare the process security of the container's init: compile the seccomp program, connect
 * to the seccomp agent when the filter notifies. Must run before pivot_root: libseccomp and
 * listenerPath are host paths.
 */
export function prepareProcessSecurity(o: { id: string; bundle: string; spec: Spec; ociVersion: string }): ProcessSecurity {
  const spec = o.spec;
  const proc = spec.process!;
  const sc = spec.linux?.seccomp;
  let program: Uint8Array | undefined;
  let flags = 0;
  let agentFd = -1;
  let hostPid = process.pid;
  if (seccompRequested(sc)) {
    const plan = planSeccomp(sc, { flagSupported: seccompFlagSupported });
    program = compileSeccomp(sc, plan);
    flags = plan.flags;
    if (plan.notify) {
      // our pid as the host sees it: /proc is still the host's procfs here
      try {
        hostPid = Number(readlinkSync("/proc/self"));
      } catch {}
      agentFd = connectUnix(sc.listenerPath!);
    }
  }
  const loadNow = () => {
    if (!program) return;
    const listener = loadSeccomp(program, flags);
    if (listener >= 0) {
      try {
        const payload = seccompAgentPayload({
          ociVersion: o.ociVersion,
          stateOciVersion: spec.ociVersion,
          id: o.id,
          pid: hostPid,
          bundle: o.bundle,
          annotations: spec.annotations,
          metadata: sc?.listenerMetadata,
        });
        sendMsg(agentFd, Buffer.from(payload), [listener]);
      } catch (e) {
        throw new CtbunError(`cannot send seccomp fd to ${sc?.listenerPath}: ${e instanceof Error ? e.message : e}`);
      } finally {
        libc.symbols.close(listener);
        libc.symbols.close(agentFd);
      }
    }
  };
  return {
    beforeCredentials() {
      if (!proc.noNewPrivileges) loadNow();
    },
    beforeExec() {
      checkCwdInside();
      if (proc.apparmorProfile) setExecAttr("apparmor", `exec ${proc.apparmorProfile}`);
      if (proc.selinuxLabel) setExecAttr("selinux", proc.selinuxLabel);
      const per = spec.linux?.personality;
      if (per) {
        if (per.flags?.length) log.warn(`ignoring unsupported personality flags: ${per.flags.join(",")}`);
        const r = libc.symbols.syscall(SYS_personality, personalityDomain(per.domain), 0, 0, 0, 0);
        if (r < 0) throw new SysError("personality", errno());
      }
      if (proc.noNewPrivileges) loadNow();
    },
  };
}
