// The C half of `ctbun exec` (ffi/ctexec.c): lay out struct ct_exec, start the clone, and read
// what its children report on the sync socket until the final process has exec'd.
import { ptr } from "bun:ffi";
import { CtbunError, strerror } from "../errors.ts";
import { cstrArray, errno as errnoNow, libc } from "../linux/libc.ts";
import { joinExec, recvMsg, seqpacketPair } from "../linux/shim.ts";

/** Fields of struct ct_exec (ffi/ctexec.h), in order; every one is 8 bytes wide. */
const FIELDS = [
  "sync_fd", "root_fd", "nns",
  ...Array.from({ length: 8 }, (_, i) => `ns_fd${i}`),
  ...Array.from({ length: 8 }, (_, i) => `ns_type${i}`),
  "cgroup_files", "cgroup_soft", "cgroup_fd", "nrlimits", "rlimits", "oom_score_adj", "preserve_fds", "tty", "ws_rows", "ws_cols",
  "uid", "gid", "set_groups", "ngroups", "groups", "set_caps", "cap_last",
  "cap_bounding", "cap_effective", "cap_permitted", "cap_inheritable", "cap_ambient",
  "no_new_privs", "umask", "seccomp_filter", "seccomp_len", "seccomp_flags", "seccomp_early",
  "apparmor", "selinux_label", "keyring", "cwd", "file", "path", "argv", "envp", "personality",
] as const;
type Field = (typeof FIELDS)[number];
const INDEX = new Map<string, number>(FIELDS.map((f, i) => [f, i]));
function at(f: Field): number {
  const i = INDEX.get(f);
  if (i === undefined) throw new Error(`struct ct_exec has no field ${f}`);
  return i;
}
const INT64_MIN = -(1n << 63n);

const MSG_CHILD = 2,
  MSG_ERROR = 3,
  MSG_CONSOLE = 4,
  MSG_SECCOMP_FD = 5;

export interface NativeExec {
  /** Namespace fds to join, in joining order, with their CLONE_NEW* types. */
  ns: { fd: number; type: number }[];
  rootFd: number;
  /** cgroup v1 `tasks` files the process joins ("0" written by the single-threaded intermediate). */
  cgroupFiles: string[];
  /** A cgroup2 directory (O_RDONLY|O_DIRECTORY) to clone into, or -1. */
  cgroupFd: number;
  cgroupSoft: boolean;
  /** [resource, soft, hard]; -1n is RLIM_INFINITY. */
  rlimits: [number, bigint, bigint][];
  oomScoreAdj?: number;
  preserveFds: number;
  tty: boolean;
  consoleSize?: { height: number; width: number };
  uid: number;
  gid: number;
  /** undefined: leave the supplementary groups (setgroups is denied in the user namespace). */
  groups?: number[];
  caps?: { bounding: bigint; effective: bigint; permitted: bigint; inheritable: bigint; ambient: bigint };
  capLast: number;
  noNewPrivs: boolean;
  umask?: number;
  /** A compiled filter: struct sock_filter[] bytes (8 per instruction). */
  seccomp?: { filter: Uint8Array; flags: number };
  apparmor?: string;
  selinuxLabel?: string;
  keyring?: string;
  cwd: string;
  file: string;
  path?: string;
  argv: string[];
  env: string[];
  /** personality(2) execution domain (PER_LINUX, PER_LINUX32). */
  personality?: number;
}

export interface Started {
  /** Host pid of the exec'd process (our child: it was cloned with CLONE_PARENT). */
  pid: number;
  /** The pty master, when tty was asked for. */
  consoleMaster?: number;
  /** A seccomp user-notification fd, when the filter asked for one. */
  seccompFd?: number;
}

function layout(x: NativeExec, syncFd: number): { buf: BigInt64Array; keep: unknown[] } {
  const buf = new BigInt64Array(FIELDS.length);
  const keep: unknown[] = [];
  const set = (f: Field, v: number | bigint | boolean) => {
    buf[at(f)] = typeof v === "bigint" ? BigInt.asIntN(64, v) : BigInt(typeof v === "boolean" ? (v ? 1 : 0) : v);
  };
  const str = (f: Field, s: string | undefined) => {
    if (s === undefined) return set(f, 0);
    const b = Buffer.from(s + "\0");
    keep.push(b);
    set(f, ptr(b));
  };
  const strs = (f: Field, list: string[]) => {
    const a = cstrArray(list);
    keep.push(a);
    set(f, a.ptr);
  };
  set("sync_fd", syncFd);
  set("root_fd", x.rootFd);
  if (x.ns.length > 8) throw new CtbunError("too many namespaces to join");
  set("nns", x.ns.length);
  x.ns.forEach((n, i) => {
    buf[at("ns_fd0") + i] = BigInt(n.fd);
    buf[at("ns_type0") + i] = BigInt(n.type);
  });
  if (x.cgroupFiles.length) strs("cgroup_files", x.cgroupFiles);
  set("cgroup_soft", x.cgroupSoft);
  set("cgroup_fd", x.cgroupFd);
  if (x.rlimits.length) {
    const r = new BigInt64Array(x.rlimits.length * 3);
    x.rlimits.forEach(([res, soft, hard], i) => {
      r[3 * i] = BigInt(res);
      r[3 * i + 1] = BigInt.asIntN(64, soft);
      r[3 * i + 2] = BigInt.asIntN(64, hard);
    });
    keep.push(r);
    set("nrlimits", x.rlimits.length);
    set("rlimits", ptr(r));
  }
  set("oom_score_adj", x.oomScoreAdj === undefined ? INT64_MIN : x.oomScoreAdj);
  set("preserve_fds", x.preserveFds);
  set("tty", x.tty);
  set("ws_rows", x.consoleSize?.height ?? 0);
  set("ws_cols", x.consoleSize?.width ?? 0);
  set("uid", x.uid);
  set("gid", x.gid);
  if (x.groups) {
    set("set_groups", true);
    set("ngroups", x.groups.length);
    if (x.groups.length) {
      const g = new Uint32Array(x.groups);
      keep.push(g);
      set("groups", ptr(g));
    }
  }
  if (x.caps) {
    set("set_caps", true);
    set("cap_bounding", x.caps.bounding);
    set("cap_effective", x.caps.effective);
    set("cap_permitted", x.caps.permitted);
    set("cap_inheritable", x.caps.inheritable);
    set("cap_ambient", x.caps.ambient);
  }
  set("cap_last", x.capLast);
  set("no_new_privs", x.noNewPrivs);
  set("umask", x.umask ?? -1);
  if (x.seccomp && x.seccomp.filter.length) {
    if (x.seccomp.filter.length % 8) throw new CtbunError("seccomp filter is not a whole number of instructions");
    keep.push(x.seccomp.filter);
    set("seccomp_filter", ptr(x.seccomp.filter));
    set("seccomp_len", x.seccomp.filter.length / 8);
    set("seccomp_flags", x.seccomp.flags);
    // without no_new_privs the filter needs CAP_SYS_ADMIN: load it while we still have it
    set("seccomp_early", !x.noNewPrivs);
  }
  str("apparmor", x.apparmor);
  str("selinux_label", x.selinuxLabel);
  str("keyring", x.keyring);
  str("cwd", x.cwd);
  str("file", x.file);
  str("path", x.path);
  strs("argv", x.argv);
  strs("envp", x.env);
  set("personality", x.personality ?? -1);
  return { buf, keep };
}

function reap(pid: number): number {
  const st = new Int32Array(1);
  for (;;) {
    const r = libc.symbols.waitpid(pid, ptr(st), 0x40000000 /* __WALL */);
    if (r >= 0) return st[0]!;
    if (errnoNow() !== 4) return -1;
  }
}

/** Clone into the container and return once the process has exec'd (or failed to). */
export function startInContainer(x: NativeExec): Started {
  const [ours, theirs] = seqpacketPair(true);
  let mid = -1;
  let pid = 0;
  let consoleMaster: number | undefined;
  let seccompFd: number | undefined;
  let error: string | undefined;
  try {
    try {
      const st = layout(x, theirs);
      mid = joinExec(st.buf);
      void st.keep;
    } finally {
      // our copy of the child's end must go, or we would never see EOF
      libc.symbols.close(theirs);
    }
    for (;;) {
      const { data, fds } = recvMsg(ours, 2048);
      if (data.length === 0) break; // EOF: exec'd, or everyone is gone
      if (data.length < 8) throw new CtbunError("unexpected message from exec setup");
      const type = data.readInt32LE(0);
      const value = data.readInt32LE(4);
      if (type === MSG_CHILD) pid = value;
      else if (type === MSG_CONSOLE && fds.length === 1) consoleMaster = fds[0];
      else if (type === MSG_SECCOMP_FD && fds.length === 1) seccompFd = fds[0];
      else if (type === MSG_ERROR) {
        const text = data.subarray(8).toString();
        error = value ? `${text}: ${strerror(value)}` : text;
      } else fds.forEach((fd) => libc.symbols.close(fd));
    }
  } catch (e) {
    if (pid > 0) libc.symbols.kill(pid, 9);
    throw e;
  } finally {
    libc.symbols.close(ours);
    if (mid > 0) reap(mid);
  }
  if (error !== undefined || pid <= 0) {
    for (const fd of [consoleMaster, seccompFd]) if (fd !== undefined) libc.symbols.close(fd);
    if (pid > 0) reap(pid);
    throw new CtbunError(`unable to start container process: ${error ?? "exec setup exited unexpectedly"}`);
  }
  return { pid, consoleMaster, seccompFd };
}
