// `ctbun init`: runs as the container's first process, inside its new namespaces, before
// pivot_root (the Bun binary needs the host's libraries to start). It builds the rootfs,
// applies the process settings, waits on exec.fifo for `start`, then execve()s the user
// process. Only synchronous calls here: the mount namespace is not the one Bun started in.
import { ptr, type Pointer } from "bun:ffi";
import { existsSync, fstatSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import { CtbunError, formatError, SysError } from "../errors.ts";
import { capMask } from "../linux/capabilities.ts";
import { check, cstrArray, errno, libc } from "../linux/libc.ts";
import { LinuxSyscall } from "../linux/syscall.ts";
import { prepareProcessSecurity, type ProcessSecurity } from "../linux/lsm.ts"; // seccomp/LSM
import type { Process, Spec } from "../spec/types.ts";
import { configureLogFromEnv, trace } from "../log.ts";
import { runHooks } from "./hooks.ts";
import { readCgroupMounts, Rootfs } from "./rootfs.ts";
import { receive, send, type InitConfig } from "./sync.ts";
import { CLONE_NEWCGROUP, CLOSE_RANGE_CLOEXEC, KEYCTL_JOIN_SESSION_KEYRING, O_CLOEXEC, O_NOCTTY, O_RDWR, O_WRONLY, PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, PR_SET_KEEPCAPS, PR_SET_NO_NEW_PRIVS, TIOCGPTN, TIOCSCTTY, TIOCSPTLCK, TIOCSWINSZ } from "../linux/constants.ts";

const SYS_setgroups = 116,
  SYS_setresuid = 117,
  SYS_setresgid = 119,
  SYS_capset = 126,
  SYS_keyctl = 250,
  SYS_close_range = 436;

export const RLIMITS: Record<string, number> = {
  RLIMIT_CPU: 0,
  RLIMIT_FSIZE: 1,
  RLIMIT_DATA: 2,
  RLIMIT_STACK: 3,
  RLIMIT_CORE: 4,
  RLIMIT_RSS: 5,
  RLIMIT_NPROC: 6,
  RLIMIT_NOFILE: 7,
  RLIMIT_MEMLOCK: 8,
  RLIMIT_AS: 9,
  RLIMIT_LOCKS: 10,
  RLIMIT_SIGPENDING: 11,
  RLIMIT_MSGQUEUE: 12,
  RLIMIT_NICE: 13,
  RLIMIT_RTPRIO: 14,
  RLIMIT_RTTIME: 15,
};

/** seccomp, AppArmor/SELinux exec labels, personality (src/linux/lsm.ts); made in setup(). */
let security: ProcessSecurity | undefined;

function sys(n: number, a = 0, b = 0, c = 0, d = 0, e = 0): number {
  return Number(libc.symbols.syscall(n, a, b, c, d, e));
}

export function initMain(): void {
  const syncFd = Number(process.env._CTBUN_SYNC_FD);
  const fifoFd = Number(process.env._CTBUN_FIFO_FD);
  if (!Number.isInteger(syncFd) || !Number.isInteger(fifoFd)) {
    throw new CtbunError("init must be run by ctbun itself");
  }
  try {
    configureLogFromEnv(process.env);
  } catch {
    // an unwritable log file must not stop the container
  }
  trace("init: start");
  let ready = false;
  try {
    const got = receive(syncFd);
    trace("init: config received");
    if (!got || got.msg.type !== "config") throw new CtbunError("no configuration from parent");
    const cfg = got.msg;
    const exec = setup(cfg, syncFd);
    send(syncFd, { type: "ready" });
    ready = true;
    libc.symbols.close(syncFd);
    // startContainer hooks run once `start` has opened the fifo and before it gets its byte, so
    // they are done before `start` runs the poststart hooks
    waitForStart(fifoFd, () =>
      runHooks("startContainer", cfg.spec.hooks?.startContainer, {
        ociVersion: cfg.spec.ociVersion,
        id: cfg.id,
        status: "running",
        pid: process.pid,
        bundle: cfg.bundle,
        annotations: cfg.spec.annotations,
      }),
    );
    exec();
  } catch (e) {
    const message = formatError(e);
    if (!ready) {
      try {
        send(syncFd, { type: "error", message });
      } catch {}
    } else {
      try {
        // write(2) on fd 2, not a reopen of /dev/stderr: that would truncate a file the caller
        // shares with us (stdio on a regular file)
        writeSync(2, `ctbun init: ${message}\n`);
      } catch {}
    }
    process.exitCode = 1;
    process.reallyExit?.(1);
    process.exit(1);
  }
}

/** Everything up to the fifo wait; returns the final step (credentials + execve). */
function setup(cfg: InitConfig, syncFd: number): () => void {
  const spec = cfg.spec;
  const proc = spec.process!;
  const nsTypes = new Set((spec.linux?.namespaces ?? []).map((n) => n.type));
  const real = new LinuxSyscall();
  // seccomp/LSM: compile the filter and reach the seccomp agent while host paths are visible
  security = prepareProcessSecurity({ id: cfg.id, bundle: cfg.bundle, spec, ociVersion: spec.ociVersion });
  const cg = readCgroupMounts();
  const rootfs = new Rootfs(real, {
    spec,
    rootfs: cfg.rootfs,
    bundle: cfg.bundle,
    noPivot: cfg.noPivot,
    cgroupNs: nsTypes.has("cgroup"),
    userNs: nsTypes.has("user"),
    cgroupMounts: cg.mounts,
    ownCgroups: () => readCgroupMounts().own,
  });

  let inCgroup = false;
  const joinCgroup = () => {
    if (inCgroup) return;
    const m = receive(syncFd);
    if (!m || m.msg.type !== "cgroup-joined") throw new CtbunError("parent did not place the init in its cgroup");
    inCgroup = true;
    // now a new cgroup namespace has the container's cgroup as its root
    if ((spec.linux?.namespaces ?? []).some((n) => n.type === "cgroup" && !n.path)) {
      check(libc.symbols.unshare(CLONE_NEWCGROUP), "unshare", "cgroup namespace");
    }
    trace("init: in cgroup");
  };
  if (!cfg.noNewKeyring) {
    const name = Buffer.from(`_ses.${cfg.id}\0`);
    // ENOSYS/EPERM (keyrings off or restricted) is not fatal, as in runc
    sys(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, ptr(name));
  }
  rootfs.prepare(joinCgroup);
  joinCgroup();
  trace("init: rootfs prepared");
  // prestart/createRuntime hooks run in the parent, with our mounts in place
  if (spec.hooks?.prestart?.length || spec.hooks?.createRuntime?.length) {
    send(syncFd, { type: "hooks" });
    const ack = receive(syncFd);
    if (!ack || ack.msg.type !== "hooks-done") throw new CtbunError("parent did not finish the hooks");
  }
  runHooks("createContainer", spec.hooks?.createContainer, {
    ociVersion: spec.ociVersion,
    id: cfg.id,
    status: "creating",
    pid: process.pid,
    bundle: cfg.bundle,
    annotations: spec.annotations,
  });
  rootfs.pivot();
  trace("init: pivoted");
  if (proc.terminal) setupConsole(proc, syncFd);
  if (spec.hostname !== undefined && nsTypes.has("uts")) {
    check(libc.symbols.sethostname(spec.hostname, Buffer.byteLength(spec.hostname)), "sethostname");
  }
  if (spec.domainname !== undefined && nsTypes.has("uts")) {
    check(libc.symbols.setdomainname(spec.domainname, Buffer.byteLength(spec.domainname)), "setdomainname");
  }
  for (const [k, v] of Object.entries(spec.linux?.sysctl ?? {})) {
    const path = `/proc/sys/${k.replaceAll(".", "/")}`;
    try {
      writeFileSync(path, v);
    } catch (e) {
      throw new CtbunError(`unable to set sysctl ${k}`, { cause: e });
    }
  }
  rootfs.finalize();
  reopenDevNull();
  for (const r of proc.rlimits ?? []) {
    const res = RLIMITS[r.type];
    if (res === undefined) throw new CtbunError(`unknown rlimit type "${r.type}"`);
    const lim = new BigUint64Array([BigInt(r.soft), BigInt(r.hard)]);
    check(libc.symbols.setrlimit(res, ptr(lim)), "setrlimit", r.type);
  }
  if (proc.oomScoreAdj !== undefined) writeFileSync("/proc/self/oom_score_adj", String(proc.oomScoreAdj));

  const env = withHome(proc.env ?? [], proc.user.uid);
  const argv = proc.args!;
  const path = lookPath(argv[0]!, env);
  return () => finalizeAndExec(cfg, proc, path, argv, env);
}

/**
 * Stdio that is the host's /dev/null is reopened from the container's own /dev/null (as runc
 * does): CRIU cannot dump an fd whose mount is outside the container's mount namespace.
 */
function reopenDevNull(): void {
  let rdev: number;
  try {
    rdev = statSync("/dev/null").rdev;
  } catch {
    return;
  }
  let fd = -1;
  for (let i = 0; i < 3; i++) {
    let st;
    try {
      st = fstatSync(i);
    } catch {
      continue;
    }
    if (!st.isCharacterDevice() || st.rdev !== rdev) continue;
    if (fd < 0) fd = libc.symbols.open("/dev/null", 2 /* O_RDWR */, 0);
    if (fd < 0) return;
    libc.symbols.dup2(fd, i);
  }
  if (fd > 2) libc.symbols.close(fd);
}

function setupConsole(proc: Process, syncFd: number): void {
  const master = check(libc.symbols.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC, 0), "open", "/dev/ptmx");
  const zero = new Int32Array([0]);
  check(libc.symbols.ioctl(master, TIOCSPTLCK, ptr(zero)), "ioctl TIOCSPTLCK");
  const n = new Int32Array(1);
  check(libc.symbols.ioctl(master, TIOCGPTN, ptr(n)), "ioctl TIOCGPTN");
  const slavePath = `/dev/pts/${n[0]}`;
  if (proc.consoleSize) {
    const ws = new Uint16Array([proc.consoleSize.height, proc.consoleSize.width, 0, 0]);
    libc.symbols.ioctl(master, TIOCSWINSZ, ptr(ws));
  }
  const slave = check(libc.symbols.open(slavePath, O_RDWR | O_NOCTTY, 0), "open", slavePath);
  // /dev/console is the pty as well (bind over an empty file)
  try {
    if (!existsSync("/dev/console")) writeFileSync("/dev/console", "");
    new LinuxSyscall().mount(slavePath, "/dev/console", null, 0x1000, null);
  } catch {
    // a read-only /dev without console is not fatal
  }
  check(libc.symbols.ioctl(slave, TIOCSCTTY, null), "ioctl TIOCSCTTY");
  for (const fd of [0, 1, 2]) check(libc.symbols.dup2(slave, fd), "dup2");
  if (slave > 2) libc.symbols.close(slave);
  send(syncFd, { type: "console" }, [master]);
  libc.symbols.close(master);
}

function withHome(env: string[], uid: number): string[] {
  if (env.some((e) => e.startsWith("HOME="))) return env;
  let home = "/";
  try {
    const line = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((l) => l.split(":")[2] === String(uid));
    if (line) home = line.split(":")[5] || "/";
  } catch {}
  return [...env, `HOME=${home}`];
}

function lookPath(file: string, env: string[]): string {
  if (file.includes("/")) {
    if (!existsSync(file)) throw new CtbunError(`exec: "${file}": stat ${file}: no such file or directory`);
    return file;
  }
  const pathVar = env.find((e) => e.startsWith("PATH="))?.slice(5) ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  for (const dir of pathVar.split(":")) {
    const p = `${dir || "."}/${file}`;
    if (existsSync(p)) return p;
  }
  throw new CtbunError(`exec: "${file}": executable file not found in $PATH`);
}

/** Block until `ctbun start` opens exec.fifo, then tell it we are going. */
function waitForStart(fifoFd: number, beforeRelease: () => void): void {
  const fd = libc.symbols.open(`/proc/self/fd/${fifoFd}`, O_WRONLY | O_CLOEXEC, 0);
  if (fd < 0) throw new SysError("open", errno(), "exec fifo");
  beforeRelease();
  const b = Buffer.from("0");
  libc.symbols.write(fd, ptr(b), 1);
  libc.symbols.close(fd);
  libc.symbols.close(fifoFd);
}

function capSet(names: string[] | undefined): bigint {
  return capMask(names ?? []);
}

function finalizeAndExec(cfg: InitConfig, proc: Process, path: string, argv: string[], env: string[]): never {
  // no fd beyond stdio and the preserved ones may survive exec (CVE-2024-21626 class)
  sys(SYS_close_range, 3 + cfg.preserveFds, 0xffffffff, CLOSE_RANGE_CLOEXEC);
  const caps = proc.capabilities;
  if (caps) {
    const bounding = capSet(caps.bounding);
    const last = Number(readFileSync("/proc/sys/kernel/cap_last_cap", "utf8").trim());
    for (let c = 0; c <= last; c++) {
      if (!(bounding & (1n << BigInt(c)))) check(libc.symbols.prctl(PR_CAPBSET_DROP, c, 0, 0, 0), "prctl PR_CAPBSET_DROP");
    }
  }
  check(libc.symbols.prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), "prctl PR_SET_KEEPCAPS");
  const u = proc.user;
  // raw syscalls act on this thread only; execve from this thread carries them over
  const gids = new Uint32Array(u.additionalGids ?? []);
  const userNs = (cfg.spec.linux?.namespaces ?? []).some((n) => n.type === "user");
  let setgroupsAllowed = true;
  if (userNs) {
    try {
      setgroupsAllowed = readFileSync("/proc/self/setgroups", "utf8").trim() !== "deny";
    } catch {}
  }
  security?.beforeCredentials(); // seccomp/LSM: seccomp without no_new_privs needs CAP_SYS_ADMIN
  if (setgroupsAllowed && sys(SYS_setgroups, gids.length, gids.length ? ptr(gids) : 0) < 0)
    throw new SysError("setgroups", errno());
  if (sys(SYS_setresgid, u.gid, u.gid, u.gid) < 0) throw new SysError("setresgid", errno());
  if (sys(SYS_setresuid, u.uid, u.uid, u.uid) < 0) throw new SysError("setresuid", errno());
  check(libc.symbols.prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0), "prctl PR_SET_KEEPCAPS");
  if (caps) {
    const eff = capSet(caps.effective),
      perm = capSet(caps.permitted),
      inh = capSet(caps.inheritable);
    const hdr = new Uint32Array([0x20080522, 0]);
    const lo = (x: bigint) => Number(x & 0xffffffffn);
    const hi = (x: bigint) => Number((x >> 32n) & 0xffffffffn);
    const data = new Uint32Array([lo(eff), lo(perm), lo(inh), hi(eff), hi(perm), hi(inh)]);
    if (sys(SYS_capset, ptr(hdr), ptr(data)) < 0) throw new SysError("capset", errno());
    const amb = capSet(caps.ambient);
    for (let c = 0; c < 64; c++) {
      if (amb & (1n << BigInt(c))) check(libc.symbols.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0), "prctl PR_CAP_AMBIENT");
    }
  }
  try {
    new LinuxSyscall().chdir(proc.cwd || "/");
  } catch (e) {
    throw new CtbunError(`chdir to cwd ("${proc.cwd}") set in config.json failed`, { cause: e });
  }
  if (proc.noNewPrivileges) check(libc.symbols.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl PR_SET_NO_NEW_PRIVS");
  if (u.umask !== undefined) libc.symbols.umask(u.umask);
  else libc.symbols.umask(0o022);
  const a = cstrArray(argv);
  const e = cstrArray(env);
  security?.beforeExec(); // seccomp/LSM: exec labels, personality, seccomp with no_new_privs
  libc.symbols.execve(path, a.ptr as unknown as Pointer, e.ptr as unknown as Pointer);
  const err = errno();
  void a.keep;
  void e.keep;
  throw new SysError("exec", err, path);
}
