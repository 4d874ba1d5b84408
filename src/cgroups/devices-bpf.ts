// cgroup v2 device control: the rule list compiled to a BPF_PROG_TYPE_CGROUP_DEVICE program,
// then loaded and attached with bpf(2). The compiler is pure; the loader takes the syscall
// function as a parameter so both can be unit-tested without root or a v2 host.
//
// The kernel calls the program with struct bpf_cgroup_dev_ctx { u32 access_type; u32 major;
// u32 minor; } where access_type = (access << 16) | type. It returns 1 to allow, 0 to deny.
// Rule semantics follow the v1 list: rules are read in order and a later match overrides an
// earlier one, starting from deny-all. So the program tests the rules last-to-first and the
// first hit decides. An allow rule hits when it grants every requested access bit; a deny rule
// hits when it takes away any requested bit.
import { closeSync, openSync, constants as C } from "node:fs";
import { CtbunError, SysError } from "../errors.ts";
import type { DeviceRule } from "./devices.ts";

/** Linux O_CLOEXEC (same value on x86_64 and aarch64); node:fs does not export it. */
const O_CLOEXEC = 0o2000000;

export const BPF_DEVCG_DEV_BLOCK = 1;
export const BPF_DEVCG_DEV_CHAR = 2;
export const BPF_DEVCG_ACC_MKNOD = 1;
export const BPF_DEVCG_ACC_READ = 2;
export const BPF_DEVCG_ACC_WRITE = 4;

// Opcodes (class | op | source) used by the generated programs.
export const OP = {
  LDXW: 0x61, // BPF_LDX | BPF_MEM | BPF_W      dst = *(u32 *)(src + off)
  AND64K: 0x57, // BPF_ALU64 | BPF_AND | BPF_K  dst &= imm
  RSH64K: 0x77, // BPF_ALU64 | BPF_RSH | BPF_K  dst >>= imm
  MOV64X: 0xbf, // BPF_ALU64 | BPF_MOV | BPF_X  dst = src
  MOV64K: 0xb7, // BPF_ALU64 | BPF_MOV | BPF_K  dst = imm
  JEQK: 0x15, // BPF_JMP | BPF_JEQ | BPF_K       if dst == imm goto +off
  JNEK: 0x55, // BPF_JMP | BPF_JNE | BPF_K       if dst != imm goto +off
  EXIT: 0x95, // BPF_JMP | BPF_EXIT
} as const;

export interface Insn {
  op: number;
  dst: number;
  src: number;
  off: number;
  imm: number;
}

const ins = (op: number, dst = 0, src = 0, off = 0, imm = 0): Insn => ({ op, dst, src, off, imm });

function accessBits(access: string): number {
  let b = 0;
  if (access.includes("m")) b |= BPF_DEVCG_ACC_MKNOD;
  if (access.includes("r")) b |= BPF_DEVCG_ACC_READ;
  if (access.includes("w")) b |= BPF_DEVCG_ACC_WRITE;
  return b;
}
const ALL_ACCESS = BPF_DEVCG_ACC_MKNOD | BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE;

/** The rule list as instructions (registers: r2 type, r3 access, r4 major, r5 minor). */
export function compileDeviceRules(rules: readonly DeviceRule[]): Insn[] {
  const prog: Insn[] = [
    ins(OP.LDXW, 2, 1, 0),
    ins(OP.AND64K, 2, 0, 0, 0xffff),
    ins(OP.LDXW, 3, 1, 0),
    ins(OP.RSH64K, 3, 0, 0, 16),
    ins(OP.LDXW, 4, 1, 4),
    ins(OP.LDXW, 5, 1, 8),
  ];
  let unconditional = false;
  for (let i = rules.length - 1; i >= 0 && !unconditional; i--) {
    const r = rules[i]!;
    const acc = accessBits(r.access);
    if (acc === 0) continue; // grants or takes nothing
    // Each test jumps to the end of this block when the rule does not apply; the offsets are
    // filled in once the block length is known.
    const tests: Insn[] = [];
    if (r.type !== "a") tests.push(ins(OP.JNEK, 2, 0, 0, r.type === "b" ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR));
    if (r.major >= 0) tests.push(ins(OP.JNEK, 4, 0, 0, r.major));
    if (r.minor >= 0) tests.push(ins(OP.JNEK, 5, 0, 0, r.minor));
    if (acc !== ALL_ACCESS) {
      tests.push(ins(OP.MOV64X, 6, 3));
      if (r.allow) {
        tests.push(ins(OP.AND64K, 6, 0, 0, ~acc & ALL_ACCESS));
        tests.push(ins(OP.JNEK, 6, 0, 0, 0));
      } else {
        tests.push(ins(OP.AND64K, 6, 0, 0, acc));
        tests.push(ins(OP.JEQK, 6, 0, 0, 0));
      }
    }
    const block = [...tests, ins(OP.MOV64K, 0, 0, 0, r.allow ? 1 : 0), ins(OP.EXIT)];
    block.forEach((x, k) => {
      if (x.op === OP.JNEK || x.op === OP.JEQK) x.off = block.length - k - 1;
    });
    prog.push(...block);
    if (tests.length === 0) unconditional = true; // nothing earlier can be reached
  }
  if (!unconditional) prog.push(ins(OP.MOV64K, 0, 0, 0, 0), ins(OP.EXIT));
  return prog;
}

/** struct bpf_insn encoding: u8 code, u8 dst:4|src:4 (dst in the low nibble), s16 off, s32 imm. */
export function encodeInsns(prog: readonly Insn[]): Uint8Array {
  const out = new Uint8Array(prog.length * 8);
  const dv = new DataView(out.buffer);
  prog.forEach((x, i) => {
    dv.setUint8(i * 8, x.op);
    dv.setUint8(i * 8 + 1, ((x.src & 0xf) << 4) | (x.dst & 0xf));
    dv.setInt16(i * 8 + 2, x.off, true);
    dv.setInt32(i * 8 + 4, x.imm, true);
  });
  return out;
}

export function decodeInsns(bytes: Uint8Array): Insn[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Insn[] = [];
  for (let i = 0; i + 8 <= bytes.length; i += 8) {
    const regs = dv.getUint8(i + 1);
    out.push({ op: dv.getUint8(i), dst: regs & 0xf, src: regs >> 4, off: dv.getInt16(i + 2, true), imm: dv.getInt32(i + 4, true) });
  }
  return out;
}

// ---- loading and attaching ---------------------------------------------------------------

const BPF_PROG_LOAD = 5;
const BPF_PROG_ATTACH = 8;
const BPF_PROG_DETACH = 9;
const BPF_PROG_GET_FD_BY_ID = 13;
const BPF_PROG_QUERY = 16;
const BPF_PROG_TYPE_CGROUP_DEVICE = 15;
const BPF_CGROUP_DEVICE = 6;
const BPF_F_ALLOW_MULTI = 2;

/** bpf(2) and close(2) numbers for the architectures Bun ships on. */
export function bpfSyscallNumbers(arch: string = process.arch): { bpf: number; close: number } {
  if (arch === "x64") return { bpf: 321, close: 3 };
  if (arch === "arm64") return { bpf: 280, close: 57 };
  throw new CtbunError(`cgroup v2 device control is not supported on ${arch}`);
}

export interface BpfDeps {
  /** Raw syscall: returns the result, or -errno (the shim's ct_syscall6 convention). */
  syscall6(n: number, a?: number, b?: number, c?: number, d?: number, e?: number, f?: number): number;
  /** Address of a buffer for the duration of the call (bun:ffi ptr). */
  ptr(buf: Uint8Array | Uint32Array): number;
  /** Open a cgroup directory, returning an fd. Defaults to node:fs openSync(O_DIRECTORY). */
  openDir?(path: string): number;
  closeFd?(fd: number): void;
  arch?: string;
}

const ATTR_SIZE = 128;

function bpfCall(deps: BpfDeps, cmd: number, attr: Uint8Array, what: string): number {
  const nr = bpfSyscallNumbers(deps.arch).bpf;
  for (;;) {
    const r = deps.syscall6(nr, cmd, deps.ptr(attr), attr.length);
    if (r === -4) continue; // EINTR
    if (r < 0) throw new SysError(what, -r);
    return r;
  }
}

/** Load a cgroup device program; returns its fd. The verifier log is attached to a failure. */
export function loadDeviceProgram(code: Uint8Array, deps: BpfDeps): number {
  const license = new TextEncoder().encode("Apache\0");
  const log = new Uint8Array(65536);
  const attr = new Uint8Array(ATTR_SIZE);
  const dv = new DataView(attr.buffer);
  dv.setUint32(0, BPF_PROG_TYPE_CGROUP_DEVICE, true); // prog_type
  dv.setUint32(4, code.length / 8, true); // insn_cnt
  dv.setBigUint64(8, BigInt(deps.ptr(code)), true); // insns
  dv.setBigUint64(16, BigInt(deps.ptr(license)), true); // license
  dv.setUint32(24, 1, true); // log_level
  dv.setUint32(28, log.length, true); // log_size
  dv.setBigUint64(32, BigInt(deps.ptr(log)), true); // log_buf
  try {
    return bpfCall(deps, BPF_PROG_LOAD, attr, "bpf_prog_load");
  } catch (e) {
    const end = log.indexOf(0);
    const text = new TextDecoder().decode(log.subarray(0, end < 0 ? log.length : end)).trim();
    if (text) throw new CtbunError(`loading the device program failed: ${text}`, { cause: e });
    throw e;
  }
}

/** Ids of the device programs attached to a cgroup. */
export function queryDevicePrograms(cgroupFd: number, deps: BpfDeps): number[] {
  const ids = new Uint32Array(64);
  const attr = new Uint8Array(ATTR_SIZE);
  const dv = new DataView(attr.buffer);
  dv.setUint32(0, cgroupFd, true); // target_fd
  dv.setUint32(4, BPF_CGROUP_DEVICE, true); // attach_type
  dv.setBigUint64(16, BigInt(deps.ptr(ids)), true); // prog_ids
  dv.setUint32(24, ids.length, true); // prog_cnt
  bpfCall(deps, BPF_PROG_QUERY, attr, "bpf_prog_query");
  return Array.from(ids.subarray(0, dv.getUint32(24, true)));
}

/**
 * Attach `progFd` to the cgroup (with BPF_F_ALLOW_MULTI), then detach the programs that were
 * attached before, so there is never a moment without a filter.
 */
export function attachDeviceProgram(cgroupFd: number, progFd: number, deps: BpfDeps): void {
  const close = deps.closeFd ?? ((fd: number) => deps.syscall6(bpfSyscallNumbers(deps.arch).close, fd));
  const old = queryDevicePrograms(cgroupFd, deps);
  const attr = new Uint8Array(ATTR_SIZE);
  const dv = new DataView(attr.buffer);
  dv.setUint32(0, cgroupFd, true); // target_fd
  dv.setUint32(4, progFd, true); // attach_bpf_fd
  dv.setUint32(8, BPF_CGROUP_DEVICE, true); // attach_type
  dv.setUint32(12, BPF_F_ALLOW_MULTI, true); // attach_flags
  bpfCall(deps, BPF_PROG_ATTACH, attr, "bpf_prog_attach");
  for (const id of old) {
    const ga = new Uint8Array(ATTR_SIZE);
    new DataView(ga.buffer).setUint32(0, id, true); // prog_id
    let fd: number;
    try {
      fd = bpfCall(deps, BPF_PROG_GET_FD_BY_ID, ga, "bpf_prog_get_fd_by_id");
    } catch {
      continue; // already gone
    }
    try {
      const da = new Uint8Array(ATTR_SIZE);
      const ddv = new DataView(da.buffer);
      ddv.setUint32(0, cgroupFd, true);
      ddv.setUint32(4, fd, true);
      ddv.setUint32(8, BPF_CGROUP_DEVICE, true);
      bpfCall(deps, BPF_PROG_DETACH, da, "bpf_prog_detach");
    } finally {
      close(fd);
    }
  }
}

/** Compile, load and attach the rules to the v2 cgroup at `dir`. */
export function setDevicesV2(dir: string, rules: readonly DeviceRule[], deps: BpfDeps): void {
  const code = encodeInsns(compileDeviceRules(rules));
  const closeFd = deps.closeFd ?? ((fd: number) => closeSync(fd));
  const openDir = deps.openDir ?? ((p: string) => openSync(p, C.O_RDONLY | C.O_DIRECTORY | O_CLOEXEC));
  const progFd = loadDeviceProgram(code, deps);
  try {
    const cgFd = openDir(dir);
    try {
      attachDeviceProgram(cgFd, progFd, { ...deps, closeFd });
    } finally {
      closeFd(cgFd);
    }
  } finally {
    // The attached program stays referenced by the cgroup.
    closeFd(progFd);
  }
}
