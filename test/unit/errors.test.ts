// errno texts: Go's wording (runc's), never a bare "errno N" for what the kernel commonly returns.
import { dlopen, FFIType } from "bun:ffi";
import { describe, expect, test } from "bun:test";
import { ERRNO, errnoName, strerror, SysError } from "../../src/errors.ts";

const libc = dlopen("libc.so.6", { strerror: { args: [FFIType.i32], returns: FFIType.cstring } });

// where Go's syscall table and glibc's strerror disagree
const GO_DIFFERS: Record<number, string> = { 116: "stale NFS file handle" };

describe("errno texts", () => {
  test("every errno 1-40 and the others cgroup writes and mounts return have a name and text", () => {
    const common = [...Array.from({ length: 40 }, (_, i) => i + 1), 61, 75, 95, 116, 122];
    for (const n of common) {
      expect(strerror(n)).not.toBe(`errno ${n}`);
      expect(errnoName(n)).not.toBe(`E${n}`);
    }
    expect(strerror(34)).toBe("numerical result out of range");
    expect(new SysError("write", ERRNO.ERANGE!, "/sys/fs/cgroup/cpuset/x/cpuset.cpus").message).toBe(
      "write /sys/fs/cgroup/cpuset/x/cpuset.cpus: numerical result out of range",
    );
    expect(new SysError("write", 75).code).toBe("EOVERFLOW");
  });

  test("texts match the C library's (lower case), except where Go words them differently", () => {
    for (let n = 1; n < 134; n++) {
      if (strerror(n) === `errno ${n}`) continue;
      const c = String(libc.symbols.strerror(n)).toLowerCase();
      expect(`${n} ${strerror(n)}`).toBe(`${n} ${GO_DIFFERS[n] ?? c}`);
    }
  });

  test("names: aliases resolve to the Linux numbers", () => {
    expect(ERRNO.ENOTSUP).toBe(95);
    expect(ERRNO.EOPNOTSUPP).toBe(95);
    expect(errnoName(95)).toBe("EOPNOTSUPP");
    expect(ERRNO.EWOULDBLOCK).toBe(ERRNO.EAGAIN);
    expect(ERRNO.EDQUOT).toBe(122);
    expect(ERRNO.ESTALE).toBe(116);
    expect(ERRNO.E2BIG).toBe(7);
    expect(ERRNO.ENXIO).toBe(6);
  });
});
