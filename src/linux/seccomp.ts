// seccomp: linux.seccomp from config.json compiled to a BPF program with libseccomp, which is
// loaded through bun:ffi at run time (dlopen "libseccomp.so.2") and only when a config asks for
// seccomp. The program is installed with the seccomp(2) system call on the calling thread; the
// process that execve()s from that thread keeps it (the other threads of Bun end at execve).
//
// Split in three:
//  - pure mapping (OCI names -> libseccomp/kernel constants, runc's rules for which rules are
//    added and how argument conditions are grouped): planSeccomp(), unit-tested;
//  - compileSeccomp(): the plan through libseccomp -> raw `struct sock_filter[]` bytes (8 bytes
//    each); `ctbun exec` hands these to its C shim;
//  - loadSeccomp(): seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog) on this thread.
//
// Behaviour follows runc 1.5 (libcontainer/seccomp, specconv.SetupSeccomp):
//  - no defaultAction and no syscalls: seccomp is off;
//  - `flags` absent: SECCOMP_FILTER_FLAG_SPEC_ALLOW when the kernel has it; SECCOMP_FILTER_FLAG_TSYNC
//    is accepted and ignored (the filter is installed on the one thread that execs);
//  - syscall names libseccomp does not know are skipped (logged at debug);
//  - a rule whose action (with its errno) equals the default action is skipped;
//  - argument conditions: one rule with all of them (AND), unless two conditions name the same
//    argument index, then one rule per condition (OR);
//  - SCMP_ACT_ERRNO / SCMP_ACT_TRACE without errnoRet return EPERM;
//  - SCMP_ACT_NOTIFY: never the default action, never for `write`/`sendmsg` (the listener fd is
//    sent after the filter is in place), needs listenerPath; the filter is loaded with
//    SECCOMP_FILTER_FLAG_NEW_LISTENER.
// Not done (runc does it): the -ENOSYS stub runc prepends for syscalls newer than libseccomp.
import { dlopen, FFIType, ptr, read } from "bun:ffi";
import { CtbunError, SysError } from "../errors.ts";
import { log } from "../log.ts";
import type { Seccomp } from "../spec/types.ts";
import { errno, libc } from "./libc.ts";

// ---------------------------------------------------------------------------------------------
// constants (libseccomp's seccomp.h and the kernel's uapi/linux/seccomp.h, audit.h, elf-em.h)

/** libseccomp action values (the kernel's SECCOMP_RET_*). */
export const SCMP_ACT_KILL_PROCESS = 0x80000000;
export const SCMP_ACT_KILL_THREAD = 0x00000000;
export const SCMP_ACT_TRAP = 0x00030000;
export const SCMP_ACT_ERRNO_BASE = 0x00050000;
export const SCMP_ACT_NOTIFY = 0x7fc00000;
export const SCMP_ACT_TRACE_BASE = 0x7ff00000;
export const SCMP_ACT_LOG = 0x7ffc0000;
export const SCMP_ACT_ALLOW = 0x7fff0000;

const EPERM = 1;

/** OCI action name -> how to build libseccomp's action value. */
const ACTIONS: Record<string, (errnoRet: number | undefined) => number> = {
  SCMP_ACT_KILL: () => SCMP_ACT_KILL_THREAD,
  SCMP_ACT_KILL_THREAD: () => SCMP_ACT_KILL_THREAD,
  SCMP_ACT_KILL_PROCESS: () => SCMP_ACT_KILL_PROCESS,
  SCMP_ACT_TRAP: () => SCMP_ACT_TRAP,
  SCMP_ACT_ERRNO: (e) => (SCMP_ACT_ERRNO_BASE | ((e ?? EPERM) & 0xffff)) >>> 0,
  SCMP_ACT_TRACE: (e) => (SCMP_ACT_TRACE_BASE | ((e ?? EPERM) & 0xffff)) >>> 0,
  SCMP_ACT_ALLOW: () => SCMP_ACT_ALLOW,
  SCMP_ACT_LOG: () => SCMP_ACT_LOG,
  SCMP_ACT_NOTIFY: () => SCMP_ACT_NOTIFY,
};

/** libseccomp's enum scmp_compare. */
export const SECCOMP_OPERATORS: Readonly<Record<string, number>> = {
  SCMP_CMP_NE: 1,
  SCMP_CMP_LT: 2,
  SCMP_CMP_LE: 3,
  SCMP_CMP_EQ: 4,
  SCMP_CMP_GE: 5,
  SCMP_CMP_GT: 6,
  SCMP_CMP_MASKED_EQ: 7,
};

const AUDIT_ARCH_64BIT = 0x80000000;
const AUDIT_ARCH_LE = 0x40000000;
const AUDIT_ARCH_MIPS64_N32 = 0x20000000;
const EM = { I386: 3, MIPS: 8, PARISC: 15, PPC: 20, PPC64: 21, S390: 22, ARM: 40, X86_64: 62, AARCH64: 183, RISCV: 243, LOONGARCH: 258 };
const arch = (em: number, flags: number) => (em | flags) >>> 0;

/** OCI architecture name -> libseccomp token (the kernel's AUDIT_ARCH_* value). */
export const SECCOMP_ARCHES: Readonly<Record<string, number>> = {
  SCMP_ARCH_X86: arch(EM.I386, AUDIT_ARCH_LE),
  SCMP_ARCH_X86_64: arch(EM.X86_64, AUDIT_ARCH_64BIT | AUDIT_ARCH_LE),
  SCMP_ARCH_X32: arch(EM.X86_64, AUDIT_ARCH_LE),
  SCMP_ARCH_ARM: arch(EM.ARM, AUDIT_ARCH_LE),
  SCMP_ARCH_AARCH64: arch(EM.AARCH64, AUDIT_ARCH_64BIT | AUDIT_ARCH_LE),
  SCMP_ARCH_MIPS: arch(EM.MIPS, 0),
  SCMP_ARCH_MIPS64: arch(EM.MIPS, AUDIT_ARCH_64BIT),
  SCMP_ARCH_MIPS64N32: arch(EM.MIPS, AUDIT_ARCH_64BIT | AUDIT_ARCH_MIPS64_N32),
  SCMP_ARCH_MIPSEL: arch(EM.MIPS, AUDIT_ARCH_LE),
  SCMP_ARCH_MIPSEL64: arch(EM.MIPS, AUDIT_ARCH_64BIT | AUDIT_ARCH_LE),
  SCMP_ARCH_MIPSEL64N32: arch(EM.MIPS, AUDIT_ARCH_64BIT | AUDIT_ARCH_LE | AUDIT_ARCH_MIPS64_N32),
  SCMP_ARCH_PPC: arch(EM.PPC, 0),
  SCMP_ARCH_PPC64: arch(EM.PPC64, AUDIT_ARCH_64BIT),
  SCMP_ARCH_PPC64LE: arch(EM.PPC64, AUDIT_ARCH_64BIT | AUDIT_ARCH_LE),
  SCMP_ARCH_S390: arch(EM.S390, 0),
  SCMP_ARCH_S390X: arch(EM.S390, AUDIT_ARCH_64BIT),
  SCMP_ARCH_PARISC: arch(EM.PARISC, 0),
  SCMP_ARCH_PARISC64: arch(EM.PARISC, AUDIT_ARCH_64BIT),
  SCMP_ARCH_RISCV64: arch(EM.RISCV, AUDIT_ARCH_64BIT | AUDIT_ARCH_LE),
  SCMP_ARCH_LOONGARCH64: arch(EM.LOONGARCH, AUDIT_ARCH_64BIT | AUDIT_ARCH_LE),
};

export const SECCOMP_FILTER_FLAG_TSYNC = 0x1;
export const SECCOMP_FILTER_FLAG_LOG = 0x2;
export const SECCOMP_FILTER_FLAG_SPEC_ALLOW = 0x4;
export const SECCOMP_FILTER_FLAG_NEW_LISTENER = 0x8;
export const SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 0x20;

/** Filter flags a config may name, in the order `features` lists them, with their kernel bit. */
export const SECCOMP_FLAGS: Readonly<Record<string, number>> = {
  SECCOMP_FILTER_FLAG_TSYNC: SECCOMP_FILTER_FLAG_TSYNC,
  SECCOMP_FILTER_FLAG_SPEC_ALLOW: SECCOMP_FILTER_FLAG_SPEC_ALLOW,
  SECCOMP_FILTER_FLAG_LOG: SECCOMP_FILTER_FLAG_LOG,
  SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
};

export const SECCOMP_ACTION_NAMES: readonly string[] = Object.keys(ACTIONS).sort();
export const SECCOMP_OPERATOR_NAMES: readonly string[] = Object.keys(SECCOMP_OPERATORS).sort();
export const SECCOMP_ARCH_NAMES: readonly string[] = Object.keys(SECCOMP_ARCHES).sort();

const SYSCALL_MAX_ARGS = 6;

// ---------------------------------------------------------------------------------------------
// pure mapping

/** runc: a seccomp object with neither a default action nor syscalls means "no seccomp". */
export function seccompRequested(s: Seccomp | undefined | null): s is Seccomp {
  return !!s && !(!s.defaultAction && !(s.syscalls?.length ?? 0));
}

export function seccompAction(name: string, errnoRet?: number): number {
  const f = ACTIONS[name];
  if (!f) throw new CtbunError(`string ${name} is not a valid action for seccomp`);
  return f(errnoRet);
}

export function seccompOperator(name: string): number {
  const op = SECCOMP_OPERATORS[name];
  if (op === undefined) throw new CtbunError(`string ${name} is not a valid operator for seccomp`);
  return op;
}

export function seccompArch(name: string): number {
  const a = SECCOMP_ARCHES[name];
  if (a === undefined) throw new CtbunError(`string ${name} is not a valid arch for seccomp`);
  return a;
}

/** The kernel flag of a config flag; TSYNC maps to 0 (accepted, ignored). */
export function seccompFlag(name: string): number {
  const f = SECCOMP_FLAGS[name];
  if (f === undefined) throw new CtbunError(`seccomp flag ${name} is not known to ctbun`);
  return f === SECCOMP_FILTER_FLAG_TSYNC ? 0 : f;
}

export interface SeccompCondition {
  index: number;
  op: number;
  a: bigint;
  b: bigint;
}

export interface SeccompRule {
  name: string;
  action: number;
  /** Conditions ANDed in one libseccomp rule. */
  conditions: SeccompCondition[];
}

export interface SeccompPlan {
  defaultAction: number;
  arches: number[];
  rules: SeccompRule[];
  /** SECCOMP_FILTER_FLAG_* for seccomp(2), NEW_LISTENER included when a rule notifies. */
  flags: number;
  /** Some rule uses SCMP_ACT_NOTIFY: the listener fd goes to listenerPath. */
  notify: boolean;
  /** libseccomp's binary-tree optimisation (runc: more than 32 syscalls). */
  optimize: boolean;
}

function datum(v: number | undefined, at: string): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new CtbunError(`${at}: seccomp argument value must be an integer`);
  // JSON numbers above 2^53 are already rounded by JSON.parse; negative values wrap like Go's uint64
  return BigInt.asUintN(64, BigInt(v));
}

/**
 * Check and translate linux.seccomp. Throws runc's messages for unknown actions, operators,
 * architectures and flags. `flagSupported` tells whether the kernel has a flag (for the
 * SPEC_ALLOW default when `flags` is absent); default: assume yes.
 */
export function planSeccomp(s: Seccomp, opts: { flagSupported?: (flag: number) => boolean } = {}): SeccompPlan {
  const supported = opts.flagSupported ?? (() => true);
  const defaultAction = seccompAction(s.defaultAction, s.defaultErrnoRet);
  if (s.defaultAction === "SCMP_ACT_NOTIFY") throw new CtbunError("SCMP_ACT_NOTIFY cannot be used as default action");

  let flags = 0;
  if (s.flags === undefined || s.flags === null) {
    if (supported(SECCOMP_FILTER_FLAG_SPEC_ALLOW)) flags |= SECCOMP_FILTER_FLAG_SPEC_ALLOW;
  } else {
    for (const f of s.flags) flags |= seccompFlag(f);
  }

  const arches = (s.architectures ?? []).map(seccompArch);
  const rules: SeccompRule[] = [];
  let notify = false;
  let count = 0;
  (s.syscalls ?? []).forEach((call, i) => {
    const at = `linux.seccomp.syscalls[${i}]`;
    const action = seccompAction(call.action, call.errnoRet);
    const conds = (call.args ?? []).map((a, j) => {
      if (!Number.isInteger(a.index) || a.index < 0 || a.index >= SYSCALL_MAX_ARGS) {
        throw new CtbunError(`${at}.args[${j}]: seccomp argument index ${a.index} is out of range (0-5)`);
      }
      return { index: a.index, op: seccompOperator(a.op), a: datum(a.value, `${at}.args[${j}].value`), b: datum(a.valueTwo, `${at}.args[${j}].valueTwo`) };
    });
    const perIndex = new Array<number>(SYSCALL_MAX_ARGS).fill(0);
    for (const c of conds) perIndex[c.index]!++;
    const split = perIndex.some((n) => n > 1);
    for (const name of call.names ?? []) {
      count++;
      if (name === "") throw new CtbunError("empty string is not a valid syscall");
      if (call.action === "SCMP_ACT_NOTIFY") {
        notify = true;
        // the listener fd is handed over with write/sendmsg after the filter is loaded
        if (name === "write" || name === "sendmsg") throw new CtbunError(`SCMP_ACT_NOTIFY cannot be used for the ${name} syscall`);
      }
      if (action === defaultAction) continue; // redundant: libseccomp would refuse it
      if (conds.length === 0) rules.push({ name, action, conditions: [] });
      else if (split) for (const c of conds) rules.push({ name, action, conditions: [c] });
      else rules.push({ name, action, conditions: conds });
    }
  });
  if (notify) {
    if (!s.listenerPath) throw new CtbunError("seccomp listenerPath is not set");
    flags |= SECCOMP_FILTER_FLAG_NEW_LISTENER;
  } else {
    // only meaningful for a listener; the kernel refuses it without NEW_LISTENER
    flags &= ~SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
  }
  return { defaultAction, arches, rules, flags, notify, optimize: count > 32 };
}

/** The container-process-state payload runc sends to a seccomp agent with the listener fd. */
export function seccompAgentPayload(o: {
  ociVersion: string;
  id: string;
  pid: number;
  bundle: string;
  annotations?: Record<string, string>;
  metadata?: string;
  stateOciVersion: string;
}): string {
  const state: Record<string, unknown> = { ociVersion: o.stateOciVersion, id: o.id, status: "creating", pid: o.pid, bundle: o.bundle };
  if (o.annotations && Object.keys(o.annotations).length > 0) state.annotations = o.annotations;
  const msg: Record<string, unknown> = { ociVersion: o.ociVersion, fds: ["seccompFd"], pid: o.pid };
  if (o.metadata) msg.metadata = o.metadata;
  msg.state = state;
  return JSON.stringify(msg);
}

// ---------------------------------------------------------------------------------------------
// libseccomp through bun:ffi

const { i32, u32, u64, i64_fast, cstring, pointer } = FFIType;

const LIBSECCOMP_SYMBOLS = {
  seccomp_init: { args: [u32], returns: pointer },
  seccomp_release: { args: [pointer], returns: FFIType.void },
  seccomp_arch_add: { args: [pointer, u32], returns: i32 },
  seccomp_attr_set: { args: [pointer, i32, u32], returns: i32 },
  seccomp_syscall_resolve_name: { args: [cstring], returns: i32 },
  seccomp_rule_add_array: { args: [pointer, u32, i32, u32, pointer], returns: i32 },
  seccomp_export_bpf: { args: [pointer, i32], returns: i32 },
  seccomp_version: { args: [], returns: pointer },
  seccomp_api_get: { args: [], returns: u32 },
} as const;

type Libseccomp = ReturnType<typeof dlopen<typeof LIBSECCOMP_SYMBOLS>>["symbols"];

let libseccompCache: Libseccomp | null | undefined;

/** libseccomp's functions, or null when the library cannot be loaded. */
export function libseccomp(): Libseccomp | null {
  if (libseccompCache !== undefined) return libseccompCache;
  try {
    libseccompCache = dlopen(process.env._CTBUN_LIBSECCOMP || "libseccomp.so.2", LIBSECCOMP_SYMBOLS).symbols;
  } catch (e) {
    log.debug(`libseccomp not available: ${e instanceof Error ? e.message : e}`);
    libseccompCache = null;
  }
  return libseccompCache;
}

function requireLibseccomp(): Libseccomp {
  const l = libseccomp();
  if (!l) throw new CtbunError("seccomp requested but libseccomp is not available");
  return l;
}

export function libseccompVersion(): string | undefined {
  const l = libseccomp();
  if (!l) return undefined;
  const v = l.seccomp_version();
  if (!v) return undefined;
  return `${read.u32(v, 0)}.${read.u32(v, 4)}.${read.u32(v, 8)}`;
}

const LIBC_EXTRA = {
  memfd_create: { args: [cstring, u32], returns: i32 },
  lseek: { args: [i32, i64_fast, i32], returns: i64_fast },
  pread: { args: [i32, pointer, u64, i64_fast], returns: i64_fast },
  socket: { args: [i32, i32, i32], returns: i32 },
  connect: { args: [i32, pointer, u32], returns: i32 },
} as const;
let libcExtraCache: ReturnType<typeof dlopen<typeof LIBC_EXTRA>>["symbols"] | undefined;
function libcX() {
  return (libcExtraCache ??= dlopen("libc.so.6", LIBC_EXTRA).symbols);
}

const SCMP_FLTATR_CTL_NNP = 3;
const SCMP_FLTATR_CTL_OPTIMIZE = 8;

/** What `ctbun exec` needs for its C shim: the program and the seccomp(2) flags (undefined: no seccomp). */
export function compileSeccompForExec(s: Seccomp | undefined | null): { filter: Uint8Array; flags: number; notify: boolean } | undefined {
  if (!seccompRequested(s)) return undefined;
  const plan = planSeccomp(s, { flagSupported: seccompFlagSupported });
  return { filter: compileSeccomp(s, plan), flags: plan.flags, notify: plan.notify };
}

/**
 * Compile linux.seccomp into the raw BPF program (`struct sock_filter[]`, 8 bytes each) that
 * seccomp(2) takes. Throws `seccomp requested but libseccomp is not available` when the library
 * is missing, and runc's messages for bad names.
 */
export function compileSeccomp(s: Seccomp, plan: SeccompPlan = planSeccomp(s, { flagSupported: seccompFlagSupported })): Uint8Array {
  const l = requireLibseccomp();
  if (plan.notify && l.seccomp_api_get() < 6) {
    throw new CtbunError(
      `seccomp notify unsupported: API level: got ${l.seccomp_api_get()}, want at least 6. Please try with libseccomp >= 2.5.0 and Linux >= 5.7`,
    );
  }
  const ctx = l.seccomp_init(plan.defaultAction);
  if (!ctx) throw new CtbunError("error creating filter: seccomp_init failed");
  try {
    for (const a of plan.arches) {
      const r = l.seccomp_arch_add(ctx, a);
      if (r < 0 && r !== -17 /* EEXIST: the native one */) {
        throw new CtbunError(`error adding architecture to seccomp filter: ${new SysError("seccomp_arch_add", -r).message}`);
      }
    }
    l.seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0); // we load it ourselves; no_new_privs is the config's business
    if (plan.optimize && l.seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0) log.debug("seccomp binary tree optimization not available");
    const unknown = new Set<string>();
    for (const rule of plan.rules) {
      const nr = l.seccomp_syscall_resolve_name(rule.name);
      if (nr === -1) {
        if (!unknown.has(rule.name)) log.debug(`unknown seccomp syscall "${rule.name}" ignored`);
        unknown.add(rule.name);
        continue;
      }
      const n = rule.conditions.length;
      const buf = new ArrayBuffer(Math.max(1, n) * 24);
      const dv = new DataView(buf);
      rule.conditions.forEach((c, i) => {
        dv.setUint32(i * 24, c.index, true);
        dv.setUint32(i * 24 + 4, c.op, true);
        dv.setBigUint64(i * 24 + 8, c.a, true);
        dv.setBigUint64(i * 24 + 16, c.b, true);
      });
      const r = l.seccomp_rule_add_array(ctx, rule.action, nr, n, n ? ptr(new Uint8Array(buf)) : null);
      if (r < 0) {
        throw new CtbunError(`error adding seccomp filter rule for syscall ${rule.name}: ${new SysError("seccomp_rule_add", -r).message.replace(/^seccomp_rule_add: /, "")}`);
      }
    }
    return exportBpf(l, ctx);
  } finally {
    l.seccomp_release(ctx);
  }
}

function exportBpf(l: Libseccomp, ctx: Parameters<Libseccomp["seccomp_export_bpf"]>[0]): Uint8Array {
  const fd = libcX().memfd_create("ctbun-seccomp", 1 /* MFD_CLOEXEC */);
  if (fd < 0) throw new SysError("memfd_create", errno());
  try {
    const r = l.seccomp_export_bpf(ctx, fd);
    if (r < 0) throw new CtbunError(`error exporting seccomp filter: ${new SysError("seccomp_export_bpf", -r).message}`);
    const size = Number(libcX().lseek(fd, 0, 1 /* SEEK_CUR */));
    if (size <= 0 || size % 8 !== 0) throw new CtbunError(`error exporting seccomp filter: unexpected size ${size}`);
    const out = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const n = Number(libcX().pread(fd, ptr(out, off), size - off, off));
      if (n <= 0) throw new SysError("read", n < 0 ? errno() : 5, "seccomp filter");
      off += n;
    }
    return out;
  } finally {
    libc.symbols.close(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// seccomp(2)

const SYS_seccomp = process.arch === "arm64" ? 277 : 317;
const SECCOMP_SET_MODE_FILTER = 1;
const EFAULT = 14;

/** Does the kernel know this filter flag? (seccomp(2) with a NULL program: EFAULT = known.) */
export function seccompFlagSupported(flag: number): boolean {
  // WAIT_KILLABLE_RECV is only valid together with NEW_LISTENER
  if (flag & SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) flag |= SECCOMP_FILTER_FLAG_NEW_LISTENER;
  const r = libc.symbols.syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flag, 0, 0, 0);
  return r < 0 && errno() === EFAULT;
}

/** The config flags this kernel supports, for `features` (TSYNC is always accepted). */
export function supportedSeccompFlags(): string[] {
  return Object.entries(SECCOMP_FLAGS)
    .filter(([, bit]) => seccompFlagSupported(bit))
    .map(([name]) => name);
}

/**
 * Install `bytes` (a `struct sock_filter[]`) on the calling thread. Returns the listener fd
 * when `flags` has SECCOMP_FILTER_FLAG_NEW_LISTENER, else -1. Without no_new_privs the caller
 * needs CAP_SYS_ADMIN (in its user namespace).
 */
export function loadSeccomp(bytes: Uint8Array, flags: number): number {
  if (bytes.length === 0 || bytes.length % 8 !== 0 || bytes.length / 8 > 0xffff) {
    throw new CtbunError(`error loading seccomp filter into kernel: invalid program length ${bytes.length}`);
  }
  const fprog = new BigUint64Array(2);
  fprog[0] = BigInt(bytes.length / 8);
  fprog[1] = BigInt(ptr(bytes));
  const r = libc.symbols.syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, ptr(fprog), 0, 0);
  if (r < 0) throw new CtbunError(`error loading seccomp filter into kernel: ${new SysError("seccomp", errno()).message}`);
  void fprog;
  void bytes;
  return flags & SECCOMP_FILTER_FLAG_NEW_LISTENER ? Number(r) : -1;
}

/** A connected AF_UNIX stream socket (CLOEXEC) to `path`, for the seccomp agent. */
export function connectUnix(path: string): number {
  const AF_UNIX = 1,
    SOCK_STREAM = 1,
    SOCK_CLOEXEC = 0o2000000;
  const p = Buffer.from(path);
  if (p.length >= 108) throw new CtbunError(`seccomp listenerPath ${path} is too long`);
  const fd = libcX().socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw new SysError("socket", errno());
  const addr = new Uint8Array(110);
  new DataView(addr.buffer).setUint16(0, AF_UNIX, true);
  addr.set(p, 2);
  for (;;) {
    if (libcX().connect(fd, ptr(addr), 2 + p.length + 1) === 0) return fd;
    const e = errno();
    if (e === 4) continue;
    libc.symbols.close(fd);
    throw new CtbunError(`failed to connect with seccomp agent specified in the seccomp profile: ${new SysError("dial unix", e, path).message}`);
  }
}
