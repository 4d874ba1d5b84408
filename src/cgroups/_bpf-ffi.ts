// The real bpf(2) plumbing for devices-bpf.ts: the shim's raw syscall and bun:ffi's ptr.
// Loaded lazily (only when a v2 host needs a device program), so nothing here runs on v1.
// TODO(linux/): this is the one place outside src/linux that touches bun:ffi; move it there
// (e.g. a `bpfDeps()` export in src/linux/shim.ts) when that file's owner has a moment.
import type { BpfDeps } from "./devices-bpf.ts";

export function realBpfDeps(): BpfDeps {
  const { ptr } = require("bun:ffi") as typeof import("bun:ffi");
  const { syscall6 } = require("../linux/shim.ts") as typeof import("../linux/shim.ts");
  return {
    syscall6: (n, a = 0, b = 0, c = 0, d = 0, e = 0, f = 0) => syscall6(n, a, b, c, d, e, f),
    ptr: (buf) => ptr(buf),
  };
}
