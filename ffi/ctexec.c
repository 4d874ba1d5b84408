/* `ctbun exec`: join a running container's cgroups and namespaces and execve a process there.
 * See ctexec.h for the protocol. Everything after the clone runs in a copy of a multithreaded
 * process with a single thread left: only raw syscalls and async-signal-safe libc functions
 * (no malloc, no stdio, and no glibc set*id wrappers, which would wait for the other threads). */
#define _GNU_SOURCE
#include "ctexec.h"
#include "clone3.h"

#include "ctshim.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <termios.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#define CLONE_INTO_CGROUP_ 0x200000000ULL
#define SECCOMP_SET_MODE_FILTER_ 1
#define SECCOMP_FILTER_FLAG_NEW_LISTENER_ (1UL << 3)
#define KEYCTL_JOIN_SESSION_KEYRING_ 1
#define LINUX_CAPABILITY_VERSION_3_ 0x20080522

/* ---- messages (one datagram each, so two writers never interleave) ---- */

struct text {
  char b[1024];
  size_t n;
};

static void t_add(struct text *t, const char *s) {
  if (!s) s = "(null)";
  size_t l = strlen(s);
  if (l > sizeof t->b - 1 - t->n) l = sizeof t->b - 1 - t->n;
  memcpy(t->b + t->n, s, l);
  t->n += l;
  t->b[t->n] = 0;
}

static void msg_send(int fd, int type, int value, const char *text, int pass_fd) {
  char buf[8 + sizeof(((struct text *)0)->b)];
  int32_t hdr[2] = {type, value};
  memcpy(buf, hdr, 8);
  size_t n = 8;
  if (text) {
    size_t l = strlen(text);
    if (l > sizeof buf - 8) l = sizeof buf - 8;
    memcpy(buf + 8, text, l);
    n += l;
  }
  if (pass_fd >= 0) ct_send(fd, buf, (long)n, &pass_fd, 1);
  else
    while (send(fd, buf, n, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
}

/* Report errno (0: none) and a text, and leave. */
static void __attribute__((noreturn)) fail(int sync, int err, const char *what) {
  msg_send(sync, CTX_MSG_ERROR, err, what, -1);
  _exit(255);
}

static void __attribute__((noreturn)) fail2(int sync, int err, const char *a, const char *b) {
  struct text t = {.n = 0};
  t_add(&t, a);
  t_add(&t, b);
  fail(sync, err, t.b);
}

static int write_str(const char *path, const char *s) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  size_t l = strlen(s);
  ssize_t n;
  do n = write(fd, s, l);
  while (n < 0 && errno == EINTR);
  int e = errno;
  close(fd);
  if (n != (ssize_t)l) {
    errno = n < 0 ? e : EIO;
    return -1;
  }
  return 0;
}

static void fmt_long(char *out, long v) {
  char tmp[24];
  int i = 0, neg = v < 0;
  unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;
  do tmp[i++] = (char)('0' + u % 10);
  while ((u /= 10) && i < 22);
  if (neg) tmp[i++] = '-';
  int k = 0;
  while (i) out[k++] = tmp[--i];
  out[k] = 0;
}

/* A fd below `base` would be taken for a preserved one: move it up (close-on-exec). */
static int lift_fd(int sync, int fd, int base) {
  if (fd < 0 || fd >= base) return fd;
  int n = fcntl(fd, F_DUPFD_CLOEXEC, base);
  if (n < 0) fail(sync, errno, "move fd above the preserved ones");
  close(fd);
  return n;
}

/* ---- the final process ---- */

static void open_console(int sync, const struct ct_exec *x) {
  int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (master < 0) fail(sync, errno, "open /dev/ptmx");
  int fl = fcntl(master, F_GETFL);
  if (fl >= 0) fcntl(master, F_SETFL, fl & ~O_NONBLOCK);
  int unlock = 0, ptn = 0;
  if (ioctl(master, TIOCGPTN, &ptn) < 0) fail(sync, errno, "/dev/ptmx is not a pty multiplexer: ioctl TIOCGPTN");
  if (ioctl(master, TIOCSPTLCK, &unlock) < 0) fail(sync, errno, "ioctl TIOCSPTLCK");
  if (x->ws_rows > 0 && x->ws_cols > 0) {
    struct winsize ws = {(unsigned short)x->ws_rows, (unsigned short)x->ws_cols, 0, 0};
    ioctl(master, TIOCSWINSZ, &ws);
  }
  /* The peer from the master itself: no path the container could swap. */
  int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    char path[32] = "/dev/pts/";
    fmt_long(path + 9, ptn);
    slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) fail2(sync, errno, "open ", path);
  }
  if (ioctl(slave, TIOCSCTTY, 0) < 0) fail(sync, errno, "ioctl TIOCSCTTY");
  for (int i = 0; i < 3; i++)
    if (dup2(slave, i) < 0) fail(sync, errno, "dup2 console");
  if (slave > 2) close(slave);
  msg_send(sync, CTX_MSG_CONSOLE, 0, NULL, master);
  close(master);
}

static void load_seccomp(int sync, const struct ct_exec *x) {
  struct sock_fprog prog = {(unsigned short)x->seccomp_len, (struct sock_filter *)x->seccomp_filter};
  long r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER_, (unsigned long)x->seccomp_flags, &prog);
  if (r < 0) fail(sync, errno, "load seccomp filter");
  if ((unsigned long)x->seccomp_flags & SECCOMP_FILTER_FLAG_NEW_LISTENER_) {
    msg_send(sync, CTX_MSG_SECCOMP_FD, 0, NULL, (int)r);
    close((int)r);
  }
}

static void set_credentials(int sync, const struct ct_exec *x) {
  if (x->set_caps) {
    for (int c = 0; c <= x->cap_last && c < 64; c++)
      if (!(x->cap_bounding & (1ULL << c)) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
        fail(sync, errno, "prctl PR_CAPBSET_DROP");
  }
  if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) fail(sync, errno, "prctl PR_SET_KEEPCAPS");
  if (x->set_groups && syscall(SYS_setgroups, (size_t)x->ngroups, x->groups) < 0) fail(sync, errno, "setgroups");
  if (syscall(SYS_setresgid, (gid_t)x->gid, (gid_t)x->gid, (gid_t)x->gid) < 0) fail(sync, errno, "setresgid");
  if (syscall(SYS_setresuid, (uid_t)x->uid, (uid_t)x->uid, (uid_t)x->uid) < 0) fail(sync, errno, "setresuid");
  if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0) fail(sync, errno, "prctl PR_SET_KEEPCAPS");
  /* A uid change may have made us dumpable again (fs.suid_dumpable). */
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  if (x->set_caps) {
    struct {
      uint32_t version;
      int pid;
    } hdr = {LINUX_CAPABILITY_VERSION_3_, 0};
    struct {
      uint32_t effective, permitted, inheritable;
    } data[2] = {
        {(uint32_t)x->cap_effective, (uint32_t)x->cap_permitted, (uint32_t)x->cap_inheritable},
        {(uint32_t)(x->cap_effective >> 32), (uint32_t)(x->cap_permitted >> 32), (uint32_t)(x->cap_inheritable >> 32)},
    };
    if (syscall(SYS_capset, &hdr, data) < 0) fail(sync, errno, "capset");
    for (int c = 0; c <= x->cap_last && c < 64; c++)
      if ((x->cap_ambient & (1ULL << c)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0)
        fail(sync, errno, "prctl PR_CAP_AMBIENT");
  }
}

/* execve `file`, searching `path` when it has no slash (as execvp does, in the container). */
static void __attribute__((noreturn)) exec_program(int sync, const struct ct_exec *x) {
  const char *file = x->file;
  if (strchr(file, '/')) {
    execve(file, x->argv, x->envp);
    int e = errno;
    struct text t = {.n = 0};
    t_add(&t, "exec: \"");
    t_add(&t, file);
    t_add(&t, e == ENOENT ? "\": stat " : "\": exec ");
    t_add(&t, file);
    fail(sync, e, t.b);
  }
  const char *p = x->path ? x->path : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  size_t flen = strlen(file);
  int seen_eacces = 0;
  char full[4096];
  for (;;) {
    const char *end = strchr(p, ':');
    size_t dlen = end ? (size_t)(end - p) : strlen(p);
    if (dlen == 0) {
      full[0] = '.';
      dlen = 1;
    } else if (dlen < sizeof full) {
      memcpy(full, p, dlen);
    }
    if (dlen + 1 + flen < sizeof full) {
      full[dlen] = '/';
      memcpy(full + dlen + 1, file, flen + 1);
      execve(full, x->argv, x->envp);
      int e = errno;
      if (e == EACCES) seen_eacces = 1;
      else if (e != ENOENT && e != ENOTDIR && e != ESTALE && e != ENODEV && e != ETIMEDOUT)
        fail2(sync, e, "exec ", full);
    }
    if (!end) break;
    p = end + 1;
  }
  struct text t = {.n = 0};
  t_add(&t, "exec: \"");
  t_add(&t, file);
  if (seen_eacces) {
    t_add(&t, "\": permission denied");
    fail(sync, 0, t.b);
  }
  t_add(&t, "\": executable file not found in $PATH");
  fail(sync, 0, t.b);
}

static void __attribute__((noreturn)) final_process(const struct ct_exec *x, int sync, int mnt_fd) {
  int base = 3 + (int)x->preserve_fds;
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  sync = lift_fd(sync, sync, base);
  int root = lift_fd(sync, (int)x->root_fd, base);
  mnt_fd = lift_fd(sync, mnt_fd, base);
  /* Our other fds that landed among the preserved numbers (ones the caller did not pass): the
   * mount namespace fd among them was lifted above, the others are not needed here. */
  for (int i = 0; i < x->nns && i < CTX_MAX_NS; i++)
    if (x->ns_fds[i] >= 3 && x->ns_fds[i] < base) close((int)x->ns_fds[i]);
  if (x->cgroup_fd >= 3 && x->cgroup_fd < base) close((int)x->cgroup_fd);

  if (setsid() < 0) fail(sync, errno, "setsid");

  /* LSM labels through the host's /proc, before anything of the container is visible. */
  if (x->apparmor) {
    struct text t = {.n = 0};
    t_add(&t, "exec ");
    t_add(&t, x->apparmor);
    if (write_str("/proc/thread-self/attr/apparmor/exec", t.b) < 0 && write_str("/proc/thread-self/attr/exec", t.b) < 0)
      fail2(sync, errno, "set apparmor profile ", x->apparmor);
  }
  if (x->selinux_label && write_str("/proc/thread-self/attr/exec", x->selinux_label) < 0)
    fail2(sync, errno, "set selinux label ", x->selinux_label);

  if (mnt_fd >= 0 && setns(mnt_fd, CLONE_NEWNS) < 0) fail(sync, errno, "setns mnt");
  /* setns(mnt) puts us at the namespace's root; the init's root is what counts (no-pivot). */
  if (root >= 0) {
    if (fchdir(root) < 0) fail(sync, errno, "fchdir to the container's root");
    if (chroot(".") < 0) fail(sync, errno, "chroot to the container's root");
    close(root);
  }
  if (chdir("/") < 0) fail(sync, errno, "chdir /");
  if (mnt_fd >= 0) close(mnt_fd);

  if (x->tty) open_console(sync, x);
  if (x->keyring) syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING_, x->keyring, 0, 0, 0); /* best effort */

  /* No fd beyond stdio and the preserved ones survives exec (CVE-2024-21626 class): all but
   * the sync socket (close-on-exec) are closed now, the ctbun process's fds included. */
  if ((sync > base && syscall(SYS_close_range, base, sync - 1, 0) < 0) || syscall(SYS_close_range, sync + 1, ~0U, 0) < 0) {
    for (int fd = base; fd < 65536; fd++)
      if (fd != sync) close(fd);
  }
  for (int fd = 0; fd < base; fd++) {
    int fl = fcntl(fd, F_GETFD);
    if (fl >= 0 && (fl & FD_CLOEXEC)) fcntl(fd, F_SETFD, fl & ~FD_CLOEXEC);
  }

  const char *cwd = x->cwd && *x->cwd ? x->cwd : "/";
  int cwd_err = chdir(cwd) < 0 ? errno : 0;
  if (cwd_err && cwd_err != EACCES && cwd_err != EPERM) goto bad_cwd;
  if (x->umask >= 0) umask((mode_t)x->umask);
  if (x->seccomp_filter && x->seccomp_early) load_seccomp(sync, x);
  set_credentials(sync, x);
  if (cwd_err) {
    cwd_err = chdir(cwd) < 0 ? errno : 0;
    if (cwd_err) goto bad_cwd;
  }
  if (x->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) fail(sync, errno, "prctl PR_SET_NO_NEW_PRIVS");
  if (x->personality >= 0 && syscall(SYS_personality, (unsigned long)x->personality) < 0) fail(sync, errno, "personality");
  if (x->seccomp_filter && !x->seccomp_early) load_seccomp(sync, x);
  exec_program(sync, x);

bad_cwd : {
  struct text t = {.n = 0};
  t_add(&t, "chdir to cwd (\"");
  t_add(&t, cwd);
  t_add(&t, "\") set in config.json failed");
  fail(sync, cwd_err, t.b);
}
}

/* ---- the intermediate ---- */

/* How the intermediate makes the final process. With `vm_stack`, both share the caller's memory
 * (vfork style, see ct_join_exec); otherwise each is a copy. */
struct inter_ctx {
  const struct ct_exec *x;
  int join_v2_fd;
  char *vm_stack; /* top of the final process's stack, or NULL */
  int sync, mnt_fd;
};

static int final_entry(void *p) {
  struct inter_ctx *c = p;
  final_process(c->x, c->sync, c->mnt_fd);
}

static int intermediate(void *p) {
  struct inter_ctx *c = p;
  const struct ct_exec *x = c->x;
  int sync = (int)x->sync_fd;
  int join_v2_fd = c->join_v2_fd;
  /* Never inspectable from the container: /proc/<pid>/exe is still the host's ctbun. */
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  sigset_t none;
  sigemptyset(&none);
  for (int sig = 1; sig < 65; sig++)
    if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
  sigprocmask(SIG_SETMASK, &none, NULL);

  /* cgroups first, with all of the host's privileges and before the cgroup namespace. v1: the
   * `tasks` file moves just this thread, which is the whole (single-threaded) process, and
   * spares the global threadgroup lock a `cgroup.procs` write takes: its RCU sync costs 10+ ms. */
  if (join_v2_fd >= 0) {
    int fd = openat(join_v2_fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
    ssize_t n = -1;
    if (fd >= 0) {
      do n = write(fd, "0", 1);
      while (n < 0 && errno == EINTR);
      int e = errno;
      close(fd);
      errno = e;
    }
    if (n != 1 && !(x->cgroup_soft && (errno == EPERM || errno == EACCES || errno == EROFS)))
      fail(sync, errno, "join cgroup: write cgroup.procs");
  }
  if (x->cgroup_files) {
    for (char *const *f = x->cgroup_files; *f; f++) {
      if (write_str(*f, "0") < 0) {
        int e = errno;
        if (x->cgroup_soft && (e == EPERM || e == EACCES || e == EROFS)) continue;
        fail2(sync, e, "join cgroup: write ", *f);
      }
    }
  }
  /* rlimits before a user namespace takes the right to raise them. */
  for (int i = 0; i < x->nrlimits; i++) {
    const int64_t *r = x->rlimits + 3 * i;
    struct {
      uint64_t cur, max;
    } lim = {(uint64_t)r[1], (uint64_t)r[2]};
    if (syscall(SYS_prlimit64, 0, (int)r[0], &lim, NULL) < 0) fail(sync, errno, "setrlimit");
  }
  if (x->oom_score_adj != INT64_MIN) {
    char v[24];
    fmt_long(v, (long)x->oom_score_adj);
    if (write_str("/proc/self/oom_score_adj", v) < 0) fail(sync, errno, "write /proc/self/oom_score_adj");
  }

  /* Namespaces: first those we may join with our own privileges, then the user namespace,
   * then those its privileges are needed for. The mount namespace is the final process's. */
  int mnt_fd = -1;
  int deferred[CTX_MAX_NS], ndeferred = 0, user_fd = -1;
  for (int i = 0; i < x->nns && i < CTX_MAX_NS; i++) {
    int fd = (int)x->ns_fds[i], type = (int)x->ns_types[i];
    if (type == CLONE_NEWNS) mnt_fd = fd;
    else if (type == CLONE_NEWUSER) user_fd = fd;
    else if (setns(fd, type) < 0) {
      if (errno != EPERM || ndeferred >= CTX_MAX_NS) fail(sync, errno, "setns");
      deferred[ndeferred++] = i;
    }
  }
  if (user_fd >= 0 && setns(user_fd, CLONE_NEWUSER) < 0) fail(sync, errno, "setns user");
  for (int k = 0; k < ndeferred; k++)
    if (setns((int)x->ns_fds[deferred[k]], (int)x->ns_types[deferred[k]]) < 0) fail(sync, errno, "setns");
  if (user_fd >= 0) {
    /* Become root of the user namespace until the final credentials are set. */
    if (syscall(SYS_setresgid, 0, 0, 0) < 0) fail(sync, errno, "setresgid 0");
    if (syscall(SYS_setresuid, 0, 0, 0) < 0) fail(sync, errno, "setresuid 0");
  }

  /* Our parent becomes the final process's parent, so it can wait for it. */
  long pid;
  c->sync = sync;
  c->mnt_fd = mnt_fd;
  if (c->vm_stack) {
    /* Returns once the final process has exec'd or died. */
    pid = clone(final_entry, c->vm_stack, CLONE_VM | CLONE_VFORK | CLONE_PARENT | SIGCHLD, c);
  } else {
    pid = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) final_process(x, sync, mnt_fd);
  }
  if (pid < 0) fail(sync, errno, "clone");
  msg_send(sync, CTX_MSG_CHILD, (int)pid, NULL, -1);
  _exit(0);
}

struct clone_args_v2 {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

#define HAVE_CLONE3_VM CT_HAVE_CLONE3_VM
#if CT_HAVE_CLONE3_VM
static long clone3_vm(struct clone_args_v2 *args, int (*fn)(void *), void *arg) { return ct_clone3_vm(args, sizeof *args, fn, arg); }
#endif

#define VM_STACK (256 * 1024)

/* The common case, vfork style: the intermediate and the final process share our memory (no
 * copy of the runtime's page tables, which costs milliseconds for a Bun process, and no
 * copy-on-write faults afterwards), and this thread waits until the final process has exec'd
 * and the intermediate has exited. Not when a user or time namespace is joined: the kernel
 * refuses those to a process that shares its memory. */
static int join_vm(const struct ct_exec *x) {
  char *stacks = mmap(NULL, 2 * VM_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stacks == MAP_FAILED) return -errno;
  struct inter_ctx c = {x, -1, stacks + 2 * VM_STACK, -1, -1};
  struct clone_args_v2 a;
  memset(&a, 0, sizeof a);
  a.flags = CLONE_VM | CLONE_VFORK | (x->cgroup_fd >= 0 ? CLONE_INTO_CGROUP_ : 0);
  a.exit_signal = SIGCHLD;
  a.stack = (uint64_t)(uintptr_t)stacks;
  a.stack_size = VM_STACK;
  a.cgroup = x->cgroup_fd >= 0 ? (uint64_t)x->cgroup_fd : 0;
  long pid = clone3_vm(&a, intermediate, &c);
  if (pid < 0 && x->cgroup_fd >= 0 && errno != EAGAIN && errno != ENOMEM) {
    /* A cgroup that refuses: the intermediate writes cgroup.procs and reports the error. */
    a.flags &= ~CLONE_INTO_CGROUP_;
    a.cgroup = 0;
    c.join_v2_fd = (int)x->cgroup_fd;
    pid = clone3_vm(&a, intermediate, &c);
  }
  int e = errno;
  munmap(stacks, 2 * VM_STACK);
  return pid < 0 ? -e : (int)pid;
}

/* Each child a copy of its parent (user or time namespaces, or no clone3 trampoline). */
static int join_fork(const struct ct_exec *x) {
  struct inter_ctx c = {x, -1, NULL, -1, -1};
  long pid = -1;
  if (x->cgroup_fd >= 0) {
    /* Born in the container's cgroup2 directory: no migration, no threadgroup lock. */
    struct clone_args_v2 a;
    memset(&a, 0, sizeof a);
    a.flags = CLONE_INTO_CGROUP_;
    a.exit_signal = SIGCHLD;
    a.cgroup = (uint64_t)x->cgroup_fd;
    pid = syscall(SYS_clone3, &a, sizeof a);
    if (pid < 0 && (errno == EAGAIN || errno == ENOMEM)) return -errno;
    if (pid < 0) c.join_v2_fd = (int)x->cgroup_fd;
  }
  if (pid < 0) pid = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
  if (pid < 0) return -errno;
  if (pid == 0) _exit(intermediate(&c));
  return (int)pid;
}

int ct_join_exec(const struct ct_exec *x) {
  int shared_ok = HAVE_CLONE3_VM && !x->force_fork;
  for (int i = 0; i < x->nns && i < CTX_MAX_NS; i++)
    if (x->ns_types[i] == CLONE_NEWUSER || x->ns_types[i] == CLONE_NEWTIME) shared_ok = 0;
  /* No signal handler of ours may run in a child before it resets them. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int r;
#if HAVE_CLONE3_VM
  if (shared_ok) {
    r = join_vm(x);
    if (r == -ENOSYS || r == -E2BIG) r = join_fork(x); /* a kernel without clone3 */
  } else
#endif
    r = join_fork(x);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return r;
}

_Static_assert(sizeof(struct ct_exec) == 57 * 8, "struct ct_exec layout is shared with exec-native.ts");
