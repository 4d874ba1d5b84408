import { describe, expect, test } from "bun:test";
import {
  attachDeviceProgram,
  compileDeviceRules,
  decodeInsns,
  encodeInsns,
  loadDeviceProgram,
  OP,
  type BpfDeps,
  type Insn,
} from "../../../src/cgroups/devices-bpf.ts";
import { effectiveDeviceRules, specDeviceRules, type DeviceRule } from "../../../src/cgroups/devices.ts";

/**
 * A tiny eBPF interpreter for the opcodes the compiler emits, run against a
 * bpf_cgroup_dev_ctx. It also checks what the kernel verifier would: jumps stay inside the
 * program, every path ends in exit, r0 is set before exit.
 */
function run(prog: Insn[], dev: { type: "b" | "c"; major: number; minor: number; access: string }): number {
  const acc = (dev.access.includes("m") ? 1 : 0) | (dev.access.includes("r") ? 2 : 0) | (dev.access.includes("w") ? 4 : 0);
  const ctx = new DataView(new ArrayBuffer(12));
  ctx.setUint32(0, (acc << 16) | (dev.type === "b" ? 1 : 2), true);
  ctx.setUint32(4, dev.major, true);
  ctx.setUint32(8, dev.minor, true);
  const r: (bigint | undefined)[] = new Array(11).fill(undefined);
  r[1] = 0n; // ctx pointer (offset base)
  const M = (1n << 64n) - 1n;
  for (let pc = 0, steps = 0; ; pc++, steps++) {
    if (pc < 0 || pc >= prog.length) throw new Error(`pc ${pc} out of program`);
    if (steps > 10000) throw new Error("loop");
    const x = prog[pc]!;
    const imm = BigInt.asUintN(64, BigInt(x.imm));
    const reg = (n: number) => {
      const v = r[n];
      if (v === undefined) throw new Error(`read of uninitialised r${n} at ${pc}`);
      return v;
    };
    switch (x.op) {
      case OP.LDXW:
        if (x.src !== 1) throw new Error("load not from ctx");
        r[x.dst] = BigInt(ctx.getUint32(x.off, true));
        break;
      case OP.AND64K:
        r[x.dst] = reg(x.dst) & imm;
        break;
      case OP.RSH64K:
        r[x.dst] = reg(x.dst) >> imm;
        break;
      case OP.MOV64X:
        r[x.dst] = reg(x.src);
        break;
      case OP.MOV64K:
        r[x.dst] = imm & M;
        break;
      case OP.JEQK:
        if (reg(x.dst) === imm) pc += x.off;
        break;
      case OP.JNEK:
        if (reg(x.dst) !== imm) pc += x.off;
        break;
      case OP.EXIT:
        return Number(reg(0));
      default:
        throw new Error(`unknown opcode 0x${x.op.toString(16)}`);
    }
  }
}

function decide(rules: DeviceRule[], type: "b" | "c", major: number, minor: number, access: string): "allow" | "deny" {
  const prog = decodeInsns(encodeInsns(compileDeviceRules(rules)));
  return run(prog, { type, major, minor, access }) === 1 ? "allow" : "deny";
}

describe("compileDeviceRules()", () => {
  const defaults = effectiveDeviceRules([{ allow: false, access: "rwm" }]);

  test("runc's default set: the usual character devices are allowed, the rest denied", () => {
    expect(decide(defaults, "c", 1, 3, "rw")).toBe("allow"); // /dev/null
    expect(decide(defaults, "c", 1, 9, "r")).toBe("allow"); // /dev/urandom
    expect(decide(defaults, "c", 136, 7, "rw")).toBe("allow"); // /dev/pts/7
    expect(decide(defaults, "c", 5, 2, "rw")).toBe("allow"); // /dev/ptmx
    expect(decide(defaults, "c", 10, 200, "rw")).toBe("allow"); // /dev/net/tun
    expect(decide(defaults, "b", 8, 0, "r")).toBe("deny"); // /dev/sda
    expect(decide(defaults, "b", 8, 0, "m")).toBe("allow"); // mknod of anything
    expect(decide(defaults, "c", 1, 1, "r")).toBe("deny"); // /dev/mem
    expect(decide(defaults, "c", 5, 1, "rw")).toBe("deny"); // /dev/console is not a default
  });

  test("a later rule overrides an earlier one", () => {
    const rules = specDeviceRules([
      { allow: true, type: "c", major: 1, minor: 3, access: "rwm" },
      { allow: false, type: "c", major: 1, minor: 3, access: "w" },
    ]);
    expect(decide(rules, "c", 1, 3, "r")).toBe("allow");
    expect(decide(rules, "c", 1, 3, "w")).toBe("deny");
    expect(decide(rules, "c", 1, 3, "rw")).toBe("deny"); // any denied bit denies
    const back = [...rules, ...specDeviceRules([{ allow: true, type: "c", major: 1, minor: 3, access: "w" }])];
    expect(decide(back, "c", 1, 3, "w")).toBe("allow");
  });

  test("an allow rule must cover every requested access bit", () => {
    const rules = specDeviceRules([{ allow: true, type: "c", major: 4, minor: -1, access: "r" }]);
    expect(decide(rules, "c", 4, 9, "r")).toBe("allow");
    expect(decide(rules, "c", 4, 9, "rw")).toBe("deny");
    expect(decide(rules, "b", 4, 9, "r")).toBe("deny"); // type matters
  });

  test("allow-all ends the program early; rules before it are unreachable", () => {
    const rules = specDeviceRules([
      { allow: false, type: "c", major: 1, minor: 3, access: "rwm" },
      { allow: true, access: "rwm" },
    ]);
    const prog = compileDeviceRules(rules);
    expect(prog).toHaveLength(6 + 2); // prologue, then "r0 = 1; exit"
    expect(decide(rules, "c", 1, 3, "rw")).toBe("allow");
    expect(decide(rules, "b", 259, 0, "rwm")).toBe("allow");
  });

  test("a deny-all last makes everything denied", () => {
    const rules = specDeviceRules([{ allow: true, access: "rwm" }, { allow: false, access: "rwm" }]);
    expect(decide(rules, "c", 1, 3, "r")).toBe("deny");
  });

  test("encodeInsns() lays out struct bpf_insn (dst in the low nibble, little endian)", () => {
    const b = encodeInsns([{ op: OP.LDXW, dst: 4, src: 1, off: 4, imm: 0 }, { op: OP.JNEK, dst: 2, src: 0, off: 3, imm: 2 }]);
    expect([...b]).toEqual([0x61, 0x14, 4, 0, 0, 0, 0, 0, 0x55, 0x02, 3, 0, 2, 0, 0, 0]);
  });
});

describe("loading and attaching", () => {
  function fakeKernel(existing: number[]) {
    const bufs: (Uint8Array | Uint32Array)[] = [];
    const calls: { cmd: number; attr: DataView }[] = [];
    const closed: number[] = [];
    const deps: BpfDeps = {
      arch: "arm64",
      ptr: (b) => bufs.push(b) * 0x100,
      syscall6: (n, cmd, p) => {
        if (n === 57) {
          closed.push(cmd!);
          return 0;
        }
        expect(n).toBe(280);
        const a = bufs[p! / 0x100 - 1] as Uint8Array;
        const dv = new DataView(a.buffer, a.byteOffset, a.byteLength);
        calls.push({ cmd: cmd!, attr: dv });
        if (cmd === 5) return 50;
        if (cmd === 16) {
          const ids = bufs[Number(dv.getBigUint64(16, true)) / 0x100 - 1] as Uint32Array;
          existing.forEach((id, i) => (ids[i] = id));
          dv.setUint32(24, existing.length, true);
          return 0;
        }
        if (cmd === 13) return 60 + dv.getUint32(0, true);
        return 0;
      },
    };
    return { deps, calls, closed, bufs };
  }

  test("loadDeviceProgram() sends prog_type 15, the instruction count and a license", () => {
    const k = fakeKernel([]);
    const code = encodeInsns(compileDeviceRules(effectiveDeviceRules(undefined)));
    expect(loadDeviceProgram(code, k.deps)).toBe(50);
    const a = k.calls[0]!.attr;
    expect(a.getUint32(0, true)).toBe(15);
    expect(a.getUint32(4, true)).toBe(code.length / 8);
    const license = k.bufs[Number(a.getBigUint64(16, true)) / 0x100 - 1] as Uint8Array;
    expect(new TextDecoder().decode(license)).toBe("Apache\0");
  });

  test("loadDeviceProgram() puts the verifier log in the error", () => {
    const bufs: (Uint8Array | Uint32Array)[] = [];
    const deps: BpfDeps = {
      arch: "x64",
      ptr: (b) => bufs.push(b),
      syscall6: (_n, _c, p) => {
        const dv = new DataView((bufs[p! - 1] as Uint8Array).buffer);
        const log = bufs[Number(dv.getBigUint64(32, true)) - 1] as Uint8Array;
        log.set(new TextEncoder().encode("R0 !read_ok\n"));
        return -13;
      },
    };
    expect(() => loadDeviceProgram(new Uint8Array(8), deps)).toThrow("loading the device program failed: R0 !read_ok");
  });

  test("attachDeviceProgram() attaches with ALLOW_MULTI, then detaches the old programs", () => {
    const k = fakeKernel([7, 8]);
    attachDeviceProgram(33, 50, k.deps);
    expect(k.calls.map((c) => c.cmd)).toEqual([16, 8, 13, 9, 13, 9]);
    const attach = k.calls[1]!.attr;
    expect([attach.getUint32(0, true), attach.getUint32(4, true), attach.getUint32(8, true), attach.getUint32(12, true)]).toEqual([
      33, 50, 6, 2,
    ]);
    const detach = k.calls[3]!.attr;
    expect([detach.getUint32(0, true), detach.getUint32(4, true), detach.getUint32(8, true)]).toEqual([33, 67, 6]);
    expect(k.closed).toEqual([67, 68]);
  });
});
