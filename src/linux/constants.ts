// Kernel constants under their C names, so they grep against man pages and kernel headers.
// Values are the Linux UAPI ones for x86_64; where aarch64 differs the value is chosen from
// process.arch (only O_DIRECTORY, O_NOFOLLOW, O_DIRECT and the syscall numbers differ).
// Pure data: nothing here touches the system.

const AARCH64 = process.arch === "arm64";

// ---------------------------------------------------------------------------------------------
// mount(2) flags (<linux/mount.h>, MS_*)
export const MS_RDONLY = 0x1;
export const MS_NOSUID = 0x2;
export const MS_NODEV = 0x4;
export const MS_NOEXEC = 0x8;
export const MS_SYNCHRONOUS = 0x10;
export const MS_REMOUNT = 0x20;
export const MS_MANDLOCK = 0x40;
export const MS_DIRSYNC = 0x80;
export const MS_NOSYMFOLLOW = 0x100;
export const MS_NOATIME = 0x400;
export const MS_NODIRATIME = 0x800;
export const MS_BIND = 0x1000;
export const MS_MOVE = 0x2000;
export const MS_REC = 0x4000;
export const MS_SILENT = 0x8000;
export const MS_POSIXACL = 0x10000;
export const MS_UNBINDABLE = 0x20000;
export const MS_PRIVATE = 0x40000;
export const MS_SLAVE = 0x80000;
export const MS_SHARED = 0x100000;
export const MS_RELATIME = 0x200000;
export const MS_KERNMOUNT = 0x400000;
export const MS_I_VERSION = 0x800000;
export const MS_STRICTATIME = 0x1000000;
export const MS_LAZYTIME = 0x2000000;
/** The per-mount flags a bind remount can change (what MS_REMOUNT|MS_BIND honours). */
export const MS_PROPAGATION = MS_SHARED | MS_SLAVE | MS_PRIVATE | MS_UNBINDABLE;

// umount2(2) flags
export const MNT_FORCE = 0x1;
export const MNT_DETACH = 0x2;
export const MNT_EXPIRE = 0x4;
export const UMOUNT_NOFOLLOW = 0x8;

// mount_setattr(2) attributes (MOUNT_ATTR_*) and struct mount_attr size
export const MOUNT_ATTR_RDONLY = 0x1;
export const MOUNT_ATTR_NOSUID = 0x2;
export const MOUNT_ATTR_NODEV = 0x4;
export const MOUNT_ATTR_NOEXEC = 0x8;
export const MOUNT_ATTR__ATIME = 0x70;
export const MOUNT_ATTR_RELATIME = 0x0;
export const MOUNT_ATTR_NOATIME = 0x10;
export const MOUNT_ATTR_STRICTATIME = 0x20;
export const MOUNT_ATTR_NODIRATIME = 0x80;
export const MOUNT_ATTR_IDMAP = 0x100000;
export const MOUNT_ATTR_NOSYMFOLLOW = 0x200000;
export const MOUNT_ATTR_SIZE_VER0 = 32;

// open_tree(2) / move_mount(2) / fsopen(2) family
export const OPEN_TREE_CLONE = 0x1;
export const OPEN_TREE_CLOEXEC = 0o2000000;
export const MOVE_MOUNT_F_SYMLINKS = 0x1;
export const MOVE_MOUNT_F_AUTOMOUNTS = 0x2;
export const MOVE_MOUNT_F_EMPTY_PATH = 0x4;
export const MOVE_MOUNT_T_SYMLINKS = 0x10;
export const MOVE_MOUNT_T_AUTOMOUNTS = 0x20;
export const MOVE_MOUNT_T_EMPTY_PATH = 0x40;
export const FSOPEN_CLOEXEC = 0x1;
export const FSMOUNT_CLOEXEC = 0x1;
export const FSCONFIG_SET_FLAG = 0;
export const FSCONFIG_SET_STRING = 1;
export const FSCONFIG_CMD_CREATE = 6;

// ---------------------------------------------------------------------------------------------
// clone(2)/unshare(2)/setns(2) flags (CLONE_*)
export const CLONE_NEWTIME = 0x80;
export const CLONE_VM = 0x100;
export const CLONE_FS = 0x200;
export const CLONE_FILES = 0x400;
export const CLONE_SIGHAND = 0x800;
export const CLONE_PIDFD = 0x1000;
export const CLONE_PTRACE = 0x2000;
export const CLONE_VFORK = 0x4000;
export const CLONE_PARENT = 0x8000;
export const CLONE_THREAD = 0x10000;
export const CLONE_NEWNS = 0x20000;
export const CLONE_SYSVSEM = 0x40000;
export const CLONE_SETTLS = 0x80000;
export const CLONE_PARENT_SETTID = 0x100000;
export const CLONE_CHILD_CLEARTID = 0x200000;
export const CLONE_DETACHED = 0x400000;
export const CLONE_UNTRACED = 0x800000;
export const CLONE_CHILD_SETTID = 0x1000000;
export const CLONE_NEWCGROUP = 0x2000000;
export const CLONE_NEWUTS = 0x4000000;
export const CLONE_NEWIPC = 0x8000000;
export const CLONE_NEWUSER = 0x10000000;
export const CLONE_NEWPID = 0x20000000;
export const CLONE_NEWNET = 0x40000000;
export const CLONE_IO = 0x80000000;
/** clone3(2) only; above 32 bits, so keep it out of 32-bit flag arithmetic. */
export const CLONE_INTO_CGROUP = 0x200000000;

/** OCI namespace type -> CLONE_NEW* flag. */
export const NAMESPACE_CLONE_FLAGS: Readonly<Record<string, number>> = {
  mount: CLONE_NEWNS,
  uts: CLONE_NEWUTS,
  ipc: CLONE_NEWIPC,
  user: CLONE_NEWUSER,
  pid: CLONE_NEWPID,
  network: CLONE_NEWNET,
  cgroup: CLONE_NEWCGROUP,
  time: CLONE_NEWTIME,
};

/** OCI namespace type -> the file name under /proc/<pid>/ns/. */
export const NAMESPACE_PROC_NAMES: Readonly<Record<string, string>> = {
  mount: "mnt",
  uts: "uts",
  ipc: "ipc",
  user: "user",
  pid: "pid",
  network: "net",
  cgroup: "cgroup",
  time: "time",
};

// ---------------------------------------------------------------------------------------------
// open(2) flags (O_*), fcntl and *at(2) flags
export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_ACCMODE = 0o3;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DSYNC = 0o10000;
export const O_ASYNC = 0o20000;
export const O_DIRECT = AARCH64 ? 0o200000 : 0o40000;
export const O_LARGEFILE = AARCH64 ? 0o400000 : 0o100000;
export const O_DIRECTORY = AARCH64 ? 0o40000 : 0o200000;
export const O_NOFOLLOW = AARCH64 ? 0o100000 : 0o400000;
export const O_NOATIME = 0o1000000;
export const O_CLOEXEC = 0o2000000;
export const O_SYNC = 0o4010000;
export const O_PATH = 0o10000000;
export const O_TMPFILE = 0o20000000 | O_DIRECTORY;

export const F_DUPFD = 0;
export const F_GETFD = 1;
export const F_SETFD = 2;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const F_DUPFD_CLOEXEC = 1030;
export const FD_CLOEXEC = 1;

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_SYMLINK_FOLLOW = 0x400;
export const AT_NO_AUTOMOUNT = 0x800;
export const AT_EMPTY_PATH = 0x1000;
export const AT_RECURSIVE = 0x8000;

// openat2(2) resolve flags
export const RESOLVE_NO_XDEV = 0x1;
export const RESOLVE_NO_MAGICLINKS = 0x2;
export const RESOLVE_NO_SYMLINKS = 0x4;
export const RESOLVE_BENEATH = 0x8;
export const RESOLVE_IN_ROOT = 0x10;
export const RESOLVE_CACHED = 0x20;

// close_range(2)
export const CLOSE_RANGE_UNSHARE = 0x2;
export const CLOSE_RANGE_CLOEXEC = 0x4;

// memfd_create(2)
export const MFD_CLOEXEC = 0x1;
export const MFD_ALLOW_SEALING = 0x2;

// file type bits (st_mode) for mknod(2)
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

// ---------------------------------------------------------------------------------------------
// prctl(2) options (PR_*)
export const PR_SET_PDEATHSIG = 1;
export const PR_GET_PDEATHSIG = 2;
export const PR_GET_DUMPABLE = 3;
export const PR_SET_DUMPABLE = 4;
export const PR_GET_KEEPCAPS = 7;
export const PR_SET_KEEPCAPS = 8;
export const PR_SET_NAME = 15;
export const PR_GET_NAME = 16;
export const PR_GET_SECCOMP = 21;
export const PR_SET_SECCOMP = 22;
export const PR_CAPBSET_READ = 23;
export const PR_CAPBSET_DROP = 24;
export const PR_GET_SECUREBITS = 27;
export const PR_SET_SECUREBITS = 28;
export const PR_SET_TIMERSLACK = 29;
export const PR_SET_MM = 35;
export const PR_SET_CHILD_SUBREAPER = 36;
export const PR_GET_CHILD_SUBREAPER = 37;
export const PR_SET_NO_NEW_PRIVS = 38;
export const PR_GET_NO_NEW_PRIVS = 39;
export const PR_CAP_AMBIENT = 47;
export const PR_CAP_AMBIENT_IS_SET = 1;
export const PR_CAP_AMBIENT_RAISE = 2;
export const PR_CAP_AMBIENT_LOWER = 3;
export const PR_CAP_AMBIENT_CLEAR_ALL = 4;

// capget(2)/capset(2) header versions
export const _LINUX_CAPABILITY_VERSION_1 = 0x19980330;
export const _LINUX_CAPABILITY_VERSION_2 = 0x20071026;
export const _LINUX_CAPABILITY_VERSION_3 = 0x20080522;

// securebits
export const SECBIT_NOROOT = 0x1;
export const SECBIT_NO_SETUID_FIXUP = 0x4;
export const SECBIT_KEEP_CAPS = 0x10;
export const SECBIT_NO_CAP_AMBIENT_RAISE = 0x40;

// ---------------------------------------------------------------------------------------------
// seccomp(2)
export const SECCOMP_MODE_DISABLED = 0;
export const SECCOMP_MODE_STRICT = 1;
export const SECCOMP_MODE_FILTER = 2;
export const SECCOMP_SET_MODE_STRICT = 0;
export const SECCOMP_SET_MODE_FILTER = 1;
export const SECCOMP_GET_ACTION_AVAIL = 2;
export const SECCOMP_GET_NOTIF_SIZES = 3;
export const SECCOMP_FILTER_FLAG_TSYNC = 0x1;
export const SECCOMP_FILTER_FLAG_LOG = 0x2;
export const SECCOMP_FILTER_FLAG_SPEC_ALLOW = 0x4;
export const SECCOMP_FILTER_FLAG_NEW_LISTENER = 0x8;
export const SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 0x10;
export const SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 0x20;
export const SECCOMP_RET_KILL_PROCESS = 0x80000000;
export const SECCOMP_RET_KILL_THREAD = 0x00000000;
export const SECCOMP_RET_KILL = SECCOMP_RET_KILL_THREAD;
export const SECCOMP_RET_TRAP = 0x00030000;
export const SECCOMP_RET_ERRNO = 0x00050000;
export const SECCOMP_RET_USER_NOTIF = 0x7fc00000;
export const SECCOMP_RET_TRACE = 0x7ff00000;
export const SECCOMP_RET_LOG = 0x7ffc0000;
export const SECCOMP_RET_ALLOW = 0x7fff0000;
export const SECCOMP_RET_ACTION_FULL = 0xffff0000;
export const SECCOMP_RET_DATA = 0x0000ffff;
export const AUDIT_ARCH_X86_64 = 0xc000003e;
export const AUDIT_ARCH_I386 = 0x40000003;
export const AUDIT_ARCH_AARCH64 = 0xc00000b7;
export const AUDIT_ARCH_ARM = 0x40000028;

// ---------------------------------------------------------------------------------------------
// setrlimit(2) resources (RLIMIT_*), identical on x86_64 and aarch64
export const RLIMIT_CPU = 0;
export const RLIMIT_FSIZE = 1;
export const RLIMIT_DATA = 2;
export const RLIMIT_STACK = 3;
export const RLIMIT_CORE = 4;
export const RLIMIT_RSS = 5;
export const RLIMIT_NPROC = 6;
export const RLIMIT_NOFILE = 7;
export const RLIMIT_MEMLOCK = 8;
export const RLIMIT_AS = 9;
export const RLIMIT_LOCKS = 10;
export const RLIMIT_SIGPENDING = 11;
export const RLIMIT_MSGQUEUE = 12;
export const RLIMIT_NICE = 13;
export const RLIMIT_RTPRIO = 14;
export const RLIMIT_RTTIME = 15;
/** RLIM_INFINITY is 2^64-1; as a JS number it only exists as a bigint. */
export const RLIM_INFINITY = 0xffffffffffffffffn;

/** OCI rlimit type name -> resource number. */
export const RLIMITS: Readonly<Record<string, number>> = {
  RLIMIT_CPU,
  RLIMIT_FSIZE,
  RLIMIT_DATA,
  RLIMIT_STACK,
  RLIMIT_CORE,
  RLIMIT_RSS,
  RLIMIT_NPROC,
  RLIMIT_NOFILE,
  RLIMIT_MEMLOCK,
  RLIMIT_AS,
  RLIMIT_LOCKS,
  RLIMIT_SIGPENDING,
  RLIMIT_MSGQUEUE,
  RLIMIT_NICE,
  RLIMIT_RTPRIO,
  RLIMIT_RTTIME,
};

// ---------------------------------------------------------------------------------------------
// personality(2)
export const PER_LINUX = 0x0000;
export const PER_LINUX32 = 0x0008;
export const PER_QUERY = 0xffffffff;

// keyctl(2)
export const KEYCTL_JOIN_SESSION_KEYRING = 1;
export const KEYCTL_SETPERM = 5;
export const KEYCTL_DESCRIBE = 6;

// ioprio_set(2)
export const IOPRIO_WHO_PROCESS = 1;
export const IOPRIO_CLASS_SHIFT = 13;
export const IOPRIO_CLASS_NONE = 0;
export const IOPRIO_CLASS_RT = 1;
export const IOPRIO_CLASS_BE = 2;
export const IOPRIO_CLASS_IDLE = 3;

// waitid(2)/wait4(2)
export const P_ALL = 0;
export const P_PID = 1;
export const P_PIDFD = 3;
export const WNOHANG = 0x1;
export const WUNTRACED = 0x2;
export const WEXITED = 0x4;
export const WNOWAIT = 0x01000000;
export const __WALL = 0x40000000;

// sockets (AF_UNIX socketpair, SCM_RIGHTS)
export const AF_UNIX = 1;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_SEQPACKET = 5;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SCM_RIGHTS = 1;
export const MSG_CMSG_CLOEXEC = 0x40000000;

// terminal ioctls
export const TIOCGWINSZ = 0x5413;
export const TIOCSWINSZ = 0x5414;
export const TIOCSCTTY = 0x540e;
export const TIOCGPTN = 0x80045430;
export const TIOCSPTLCK = 0x40045431;
export const TIOCGPTPEER = 0x5441;

// ---------------------------------------------------------------------------------------------
// System call numbers. Keyed by the kernel's name (__NR_<name>), so SYS.pivot_root reads like
// SYS_pivot_root in C. Numbers from 424 up are shared by all architectures.

const X86_64_TABLE = {
  read: 0,
  write: 1,
  close: 3,
  ioctl: 16,
  getpid: 39,
  sendmsg: 46,
  recvmsg: 47,
  socketpair: 53,
  clone: 56,
  fork: 57,
  vfork: 58,
  execve: 59,
  exit: 60,
  wait4: 61,
  kill: 62,
  uname: 63,
  fcntl: 72,
  chdir: 80,
  fchdir: 81,
  umask: 95,
  setuid: 105,
  setgid: 106,
  setsid: 112,
  setgroups: 116,
  setresuid: 117,
  setresgid: 119,
  capget: 125,
  capset: 126,
  personality: 135,
  pivot_root: 155,
  prctl: 157,
  chroot: 161,
  mount: 165,
  umount2: 166,
  sethostname: 170,
  setdomainname: 171,
  gettid: 186,
  sched_setaffinity: 203,
  exit_group: 231,
  tgkill: 234,
  waitid: 247,
  keyctl: 250,
  ioprio_set: 251,
  openat: 257,
  mkdirat: 258,
  mknodat: 259,
  fchownat: 260,
  unlinkat: 263,
  symlinkat: 266,
  readlinkat: 267,
  fchmodat: 268,
  unshare: 272,
  dup3: 292,
  setns: 308,
  sched_setattr: 314,
  seccomp: 317,
  memfd_create: 319,
  execveat: 322,
  statx: 332,
  pidfd_send_signal: 424,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  pidfd_open: 434,
  clone3: 435,
  close_range: 436,
  openat2: 437,
  pidfd_getfd: 438,
  mount_setattr: 442,
};

export type SyscallName = keyof typeof X86_64_TABLE;
export const SYSCALLS_X86_64: Readonly<Record<SyscallName, number>> = X86_64_TABLE;

/** aarch64 uses the asm-generic table (no open/fork/vfork: those are -1 here). */
export const SYSCALLS_AARCH64: Readonly<Record<SyscallName, number>> = {
  read: 63,
  write: 64,
  close: 57,
  ioctl: 29,
  getpid: 172,
  sendmsg: 211,
  recvmsg: 212,
  socketpair: 199,
  clone: 220,
  fork: -1,
  vfork: -1,
  execve: 221,
  exit: 93,
  wait4: 260,
  kill: 129,
  uname: 160,
  fcntl: 25,
  chdir: 49,
  fchdir: 50,
  umask: 166,
  setuid: 146,
  setgid: 144,
  setsid: 157,
  setgroups: 159,
  setresuid: 147,
  setresgid: 149,
  capget: 90,
  capset: 91,
  personality: 92,
  pivot_root: 41,
  prctl: 167,
  chroot: 51,
  mount: 40,
  umount2: 39,
  sethostname: 161,
  setdomainname: 162,
  gettid: 178,
  sched_setaffinity: 122,
  exit_group: 94,
  tgkill: 131,
  waitid: 95,
  keyctl: 219,
  ioprio_set: 30,
  openat: 56,
  mkdirat: 34,
  mknodat: 33,
  fchownat: 54,
  unlinkat: 35,
  symlinkat: 36,
  readlinkat: 78,
  fchmodat: 53,
  unshare: 97,
  dup3: 24,
  setns: 268,
  sched_setattr: 274,
  seccomp: 277,
  memfd_create: 279,
  execveat: 281,
  statx: 291,
  pidfd_send_signal: 424,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  pidfd_open: 434,
  clone3: 435,
  close_range: 436,
  openat2: 437,
  pidfd_getfd: 438,
  mount_setattr: 442,
};

/** Syscall numbers for the architecture ctbun is running on. */
export const SYS: Readonly<Record<SyscallName, number>> = AARCH64 ? SYSCALLS_AARCH64 : SYSCALLS_X86_64;
