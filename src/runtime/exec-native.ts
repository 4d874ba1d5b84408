// The C half of `ctbun exec` (ffi/ctexec.c): lay out struct ct_exec, start the clone, and read
// what its children report on the sync socket until the final process has exec'd.
import { ptr } from "bun:ffi";
import { CtbunError, strerror } from "../errors.ts";
import { errno as errnoNow, libc } from "../linux/libc.ts";
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
  "apparmor", "selinux_label", "keyring", "cwd", "file", "path", "argv", "envp", "personality", "force_fork",
] as const;
type Field = (typeof FIELDS)[number];
const INDEX = new Map<string, number>(FIELDS.map((f, i) => [f, i]));
function at(f: Field): number {
  const i = INDEX.get(f);
  if (i === undefined) throw new Error(`struct ct_exec has no field ${f}`);
  return i;
}

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
  /** [resource, soft, hard]; -1 is RLIM_INFINITY. */
  rlimits: [number, number, number][];
  oomScoreAdj?: number;
  preserveFds: number;
  tty: boolean;
  consoleSize?: { height: number; width: number };
  uid: number;
  gid: number;
  /** undefined: leave the supplementary groups (setgroups is denied in the user namespace). */
  groups?: number[];
  /** Capability masks (below 2^53: numbers are exact). */
  caps?: { bounding: number; effective: number; permitted: number; inheritable: number; ambient: number };
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
  /** Fork (copy memory) for each child even where sharing it would do. */
  forceFork?: boolean;
}

export interface Started {
  /** Host pid of the exec'd process (our child: it was cloned with CLONE_PARENT). */
  pid: number;
  /** The pty master, when tty was asked for. */
  consoleMaster?: number;
  /** A seccomp user-notification fd, when the filter asked for one. */
  seccompFd?: number;
}

/** 64-bit little-endian integer from a JS number (exact below 2^53; -1 and the like too). */
function put64(a: Int32Array, field: number, v: number): void {
  const i = 2 * field;
  if (v < 0) {
    a[i] = v | 0;
    a[i + 1] = -1;
  } else {
    a[i] = v >>> 0;
    a[i + 1] = Math.floor(v / 4294967296);
  }
}

/**
 * struct ct_exec as words, all strings in one buffer and all char*[] in one table: this runs once
 * per process, cold, so it avoids BigInt and keeps allocations few.
 */
function layout(x: NativeExec, syncFd: number): { words: Int32Array; keep: unknown[] } {
  const words = new Int32Array(FIELDS.length * 2);
  const set = (f: Field, v: number | boolean) => put64(words, at(f), typeof v === "boolean" ? (v ? 1 : 0) : v);

  // strings: [field or -1, table slot or -1, text]
  const single: [Field, string | undefined][] = [
    ["apparmor", x.apparmor],
    ["selinux_label", x.selinuxLabel],
    ["keyring", x.keyring],
    ["cwd", x.cwd],
    ["file", x.file],
    ["path", x.path],
  ];
  const lists: [Field, string[] | undefined][] = [
    ["argv", x.argv],
    ["envp", x.env],
    ["cgroup_files", x.cgroupFiles.length ? x.cgroupFiles : undefined],
  ];
  let bytes = 0;
  for (const [, v] of single) if (v !== undefined) bytes += Buffer.byteLength(v) + 1;
  let slots = 0;
  for (const [, l] of lists) {
    if (!l) continue;
    slots += l.length + 1;
    for (const v of l) bytes += Buffer.byteLength(v) + 1;
  }
  const text = Buffer.alloc(Math.max(bytes, 1));
  const table = new Int32Array(Math.max(slots, 1) * 2);
  const textBase = ptr(text);
  const tableBase = ptr(table);
  let off = 0;
  const place = (v: string): number => {
    const at = textBase + off;
    off += text.write(v, off) + 1; // Buffer.alloc left the NUL
    return at;
  };
  for (const [f, v] of single) if (v !== undefined) set(f, place(v));
  let slot = 0;
  for (const [f, l] of lists) {
    if (!l) continue;
    set(f, tableBase + slot * 8);
    for (const v of l) put64(table, slot++, place(v));
    put64(table, slot++, 0);
  }

  const keep: unknown[] = [text, table];
  set("sync_fd", syncFd);
  set("root_fd", x.rootFd);
  if (x.ns.length > 8) throw new CtbunError("too many namespaces to join");
  set("nns", x.ns.length);
  const fd0 = at("ns_fd0"),
    type0 = at("ns_type0");
  x.ns.forEach((n, i) => {
    put64(words, fd0 + i, n.fd);
    put64(words, type0 + i, n.type);
  });
  set("cgroup_soft", x.cgroupSoft);
  set("cgroup_fd", x.cgroupFd);
  if (x.rlimits.length) {
    const r = new Int32Array(x.rlimits.length * 6);
    x.rlimits.forEach(([res, soft, hard], i) => {
      put64(r, 3 * i, res);
      put64(r, 3 * i + 1, soft);
      put64(r, 3 * i + 2, hard);
    });
    keep.push(r);
    set("nrlimits", x.rlimits.length);
    set("rlimits", ptr(r));
  }
  if (x.oomScoreAdj === undefined) {
    const i = 2 * at("oom_score_adj");
    words[i] = 0;
    words[i + 1] = -0x80000000; // INT64_MIN: leave it
  } else set("oom_score_adj", x.oomScoreAdj);
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
  set("personality", x.personality ?? -1);
  set("force_fork", !!x.forceFork);
  return { words, keep };
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
      mid = joinExec(st.words);
      void st.keep;
    } finally {
      // our copy of the child's end must go, or we would never see EOF
      libc.symbols.close(theirs);
    }
    for (;;) {
      const { data, fds } = recvMsg(ours, 1100);
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
