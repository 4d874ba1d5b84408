#define _GNU_SOURCE
#include "ctshim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/statvfs.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* ---- helpers usable after a raw clone (syscalls only, no malloc, no locks) ---- */

static long raw_fork(void) { return syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0); }

static void send_msg(int fd, int type, int value) {
  int32_t m[2] = {type, value};
  while (send(fd, m, sizeof m, MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
}

static void send_text(int fd, const char *s) {
  while (send(fd, s, strlen(s), MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
}

/* Report errno with a short text and leave: only in the shim's children. */
static void die(int fd, const char *what) {
  int e = errno;
  send_msg(fd, CT_MSG_ERROR, e);
  send_text(fd, what);
  _exit(127);
}

static int write_file(const char *path, const char *data) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  size_t len = strlen(data);
  ssize_t n = write(fd, data, len);
  int e = errno;
  close(fd);
  if (n != (ssize_t)len) {
    errno = n < 0 ? e : EIO;
    return -1;
  }
  return 0;
}

static void grandchild(const struct ct_spawn *s, int sync) {
  if (s->setsid) setsid();
  if (s->clone_flags & CLONE_NEWNS) {
    /* Nothing we mount from here on may propagate back to the host. */
    if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0) die(sync, "make / rslave");
    if (s->ro_exe) {
      /* A read-only bind of our own binary: the container can never reopen it for writing
       * through /proc/<pid>/exe (the CVE-2019-5736 class). */
      if (mount(s->ro_exe, s->ro_exe, NULL, MS_BIND, NULL) < 0) die(sync, "bind ctbun binary");
      if (mount(NULL, s->ro_exe, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
        die(sync, "remount ctbun binary read-only");
    }
  }
  /* stdio first, then move our two private fds above the preserved ones. */
  for (int i = 0; i < 3; i++)
    if (s->stdio[i] >= 0 && s->stdio[i] != i && dup2((int)s->stdio[i], i) < 0) die(sync, "dup2 stdio");
  int base = 3 + (int)s->preserve_fds;
  int hi_sync = fcntl(sync, F_DUPFD_CLOEXEC, base + 2);
  int hi_fifo = s->fifo_fd >= 0 ? fcntl((int)s->fifo_fd, F_DUPFD_CLOEXEC, base + 2) : -1;
  if (hi_sync < 0 || (s->fifo_fd >= 0 && hi_fifo < 0)) die(sync, "dup fds");
  if (dup2(hi_sync, base) < 0) die(hi_sync, "dup2 sync fd");
  sync = base;
  if (hi_fifo >= 0 && dup2(hi_fifo, base + 1) < 0) die(sync, "dup2 fifo fd");
  /* Everything else is closed: no host fd reaches the container (CVE-2024-21626 class). */
  if (syscall(SYS_close_range, base + 2, ~0U, 0) < 0) {
    for (int fd = base + 2; fd < 65536; fd++) close(fd);
  }
  /* stdio, the preserved fds and our two must survive exec. */
  for (int fd = 0; fd < base + 2; fd++) {
    int fl = fcntl(fd, F_GETFD);
    if (fl >= 0 && (fl & FD_CLOEXEC)) fcntl(fd, F_SETFD, fl & ~FD_CLOEXEC);
  }
  execve(s->exe, s->argv, s->envp);
  die(sync, "exec ctbun init");
}

/* fork, but straight into a cgroup2 directory when given (CLONE_INTO_CGROUP): joining a
 * cgroup this way, or by a single thread writing "0" to a v1 `tasks` file, does not wait for
 * the global cgroup threadgroup lock's RCU grace period (~10-15 ms here) that a write of a
 * pid to cgroup.procs does. */
static long fork_into(long cg2_fd) {
  if (cg2_fd < 0) return raw_fork();
  struct {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
  } a = {0};
  a.flags = 0x200000000ULL; /* CLONE_INTO_CGROUP */
  a.exit_signal = SIGCHLD;
  a.cgroup = (uint64_t)cg2_fd;
  return syscall(435 /* SYS_clone3 */, &a, sizeof a);
}

int ct_spawn_init(const struct ct_spawn *s) {
  long pid = fork_into(s->cg2_fd);
  if (pid < 0) return -errno;
  if (pid > 0) return (int)pid;
  /* join the v1 hierarchies as a single thread (the init inherits them) */
  for (int i = 0; i < s->ncg && i < CT_MAX_CG; i++) {
    ssize_t w;
    do w = write((int)s->cg_tasks_fds[i], "0", 1);
    while (w < 0 && errno == EINTR);
    if (w != 1) die((int)s->sync_fd, "join cgroup");
  }

  /* Intermediate child. Restore default signal dispositions Bun may have changed. */
  int sync = (int)s->sync_fd;
  sigset_t all;
  sigemptyset(&all);
  sigprocmask(SIG_SETMASK, &all, NULL);
  for (int sig = 1; sig < 65; sig++)
    if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);

  /* Join namespace paths (the parent put a user namespace first). */
  for (int i = 0; i < s->nns && i < CT_MAX_NS; i++)
    if (setns((int)s->ns_fds[i], (int)s->ns_types[i]) < 0) die(sync, "setns");
  if (s->clone_flags & CLONE_NEWUSER) {
    if (unshare(CLONE_NEWUSER) < 0) die(sync, "unshare user namespace");
  }
  /* Let the parent write id maps and join the cgroup, then wait for its go. */
  send_msg(sync, CT_MSG_PID, (int)getpid());
  char go;
  ssize_t n;
  do n = recv(sync, &go, 1, 0);
  while (n < 0 && errno == EINTR);
  if (n != 1) _exit(1);
  if (s->clone_flags & CLONE_NEWUSER) {
    if (syscall(SYS_setresgid, 0, 0, 0) < 0) die(sync, "setresgid");
    if (syscall(SYS_setresuid, 0, 0, 0) < 0) die(sync, "setresuid");
  }
  long rest = s->clone_flags & ~(long)CLONE_NEWUSER;
  if (rest && unshare((int)rest) < 0) die(sync, "unshare namespaces");
  if ((rest & CLONE_NEWTIME) && s->timens_offsets && *s->timens_offsets)
    if (write_file("/proc/self/timens_offsets", s->timens_offsets) < 0) die(sync, "write timens_offsets");
  long child = raw_fork();
  if (child < 0) die(sync, "fork init");
  if (child == 0) grandchild(s, sync);
  send_msg(sync, CT_MSG_CHILD, (int)child);
  _exit(0);
}

int ct_seqpacket_pair(int *fds, int cloexec) {
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | (cloexec ? SOCK_CLOEXEC : 0), 0, fds) < 0) return -errno;
  return 0;
}

long ct_send(int fd, const void *buf, long len, const int *fds, int nfds) {
  struct iovec iov = {(void *)buf, (size_t)len};
  char dummy = 0;
  if (len == 0) {
    iov.iov_base = &dummy;
    iov.iov_len = 1;
  }
  struct msghdr msg = {0};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  char cbuf[CMSG_SPACE(sizeof(int) * 16)];
  if (nfds > 0) {
    if (nfds > 16) return -EINVAL;
    memset(cbuf, 0, sizeof cbuf);
    msg.msg_control = cbuf;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
  }
  ssize_t n;
  do n = sendmsg(fd, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  return n < 0 ? -errno : n;
}

long ct_recv(int fd, void *buf, long cap, int *fds, int maxfds, int *nfds_out) {
  struct iovec iov = {buf, (size_t)cap};
  struct msghdr msg = {0};
  char cbuf[CMSG_SPACE(sizeof(int) * 16)];
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = cbuf;
  msg.msg_controllen = sizeof cbuf;
  ssize_t n;
  do n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < 0) return -errno;
  int got = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    int cnt = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
    int *p = (int *)CMSG_DATA(c);
    for (int i = 0; i < cnt; i++) {
      if (got < maxfds) fds[got++] = p[i];
      else close(p[i]);
    }
  }
  if (nfds_out) *nfds_out = got;
  if (msg.msg_flags & MSG_TRUNC) return -EMSGSIZE;
  return n;
}

/* ---- background threads for the foreground `run`/`restore` ---- */

struct wait_arg {
  int pid;
  void (*cb)(int, int);
};

static void *wait_main(void *p) {
  struct wait_arg a = *(struct wait_arg *)p;
  free(p);
  int st = 0;
  pid_t r;
  do r = waitpid(a.pid, &st, __WALL);
  while (r < 0 && errno == EINTR);
  a.cb(a.pid, r < 0 ? -errno : st);
  return NULL;
}

int ct_wait_thread(int pid, void (*cb)(int, int)) {
  struct wait_arg *a = malloc(sizeof *a);
  if (!a) return -ENOMEM;
  a->pid = pid;
  a->cb = cb;
  pthread_t t;
  pthread_attr_t at;
  pthread_attr_init(&at);
  pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
  int e = pthread_create(&t, &at, wait_main, a);
  pthread_attr_destroy(&at);
  if (e) {
    free(a);
    return -e;
  }
  return 0;
}

struct pump_arg {
  int master, in_fd, out_fd;
};

static int write_all(int fd, const char *b, ssize_t n) {
  while (n > 0) {
    ssize_t w = write(fd, b, (size_t)n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    b += w;
    n -= w;
  }
  return 0;
}

static void *pump_main(void *p) {
  struct pump_arg a = *(struct pump_arg *)p;
  free(p);
  char buf[16384];
  int in_open = a.in_fd >= 0;
  for (;;) {
    struct pollfd pf[2] = {{a.master, POLLIN, 0}, {in_open ? a.in_fd : -1, POLLIN, 0}};
    int r = poll(pf, 2, -1);
    if (r < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = read(a.master, buf, sizeof buf);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        break; /* EIO: the last slave fd is gone */
      }
      if (write_all(a.out_fd, buf, n) < 0) break;
    }
    if (in_open && (pf[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t n = read(a.in_fd, buf, sizeof buf);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        in_open = 0;
        continue;
      }
      if (write_all(a.master, buf, n) < 0) break;
    }
  }
  return NULL;
}

int ct_pump_thread(int master, int in_fd, int out_fd) {
  struct pump_arg *a = malloc(sizeof *a);
  if (!a) return -ENOMEM;
  a->master = master;
  a->in_fd = in_fd;
  a->out_fd = out_fd;
  pthread_t t;
  int e = pthread_create(&t, NULL, pump_main, a);
  if (e) {
    free(a);
    return -e;
  }
  pthread_detach(t);
  return 0;
}

long ct_syscall6(long n, long a, long b, long c, long d, long e, long f) {
  long r = syscall(n, a, b, c, d, e, f);
  return r < 0 ? -errno : r;
}

/* Connect to a unix socket at `path` and send `fd` with `payload` (the console-socket protocol). */
int ct_unix_send_fd(const char *path, int fd, const char *payload) {
  struct sockaddr_un sa = {0};
  sa.sun_family = AF_UNIX;
  if (strlen(path) >= sizeof sa.sun_path) return -ENAMETOOLONG;
  strcpy(sa.sun_path, path);
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) return -errno;
  int r;
  do r = connect(s, (struct sockaddr *)&sa, sizeof sa);
  while (r < 0 && errno == EINTR);
  if (r < 0) {
    int e = errno;
    close(s);
    return -e;
  }
  long n = ct_send(s, payload, (long)strlen(payload), &fd, 1);
  close(s);
  return n < 0 ? (int)n : 0;
}

/* Wait up to timeout_ms (-1: forever) for a process that need not be our child to exit.
 * Returns 1 when it is gone, 0 on timeout. */
int ct_pidfd_wait(int pid, int timeout_ms) {
  int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (pfd < 0) return errno == ESRCH ? 1 : -errno;
  struct pollfd p = {pfd, POLLIN, 0};
  int r;
  do r = poll(&p, 1, timeout_ms);
  while (r < 0 && errno == EINTR);
  int e = errno;
  close(pfd);
  if (r < 0) return -e;
  return r > 0 ? 1 : 0;
}

/* A listening unix socket at `path` (the receiving end of --console-socket). */
int ct_unix_listen(const char *path) {
  struct sockaddr_un sa = {0};
  sa.sun_family = AF_UNIX;
  if (strlen(path) >= sizeof sa.sun_path) return -ENAMETOOLONG;
  strcpy(sa.sun_path, path);
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) return -errno;
  if (bind(s, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(s, 8) < 0) {
    int e = errno;
    close(s);
    return -e;
  }
  return s;
}

/* Accept one connection within timeout_ms (-1: no limit). */
int ct_accept(int lfd, int timeout_ms) {
  struct pollfd p = {lfd, POLLIN, 0};
  int r;
  do r = poll(&p, 1, timeout_ms);
  while (r < 0 && errno == EINTR);
  if (r < 0) return -errno;
  if (r == 0) return -ETIMEDOUT;
  int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
  return c < 0 ? -errno : c;
}

int ct_remount_root_ro(int pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/root", pid);
  int rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0) return -errno;
  snprintf(path, sizeof path, "/proc/%d/ns/mnt", pid);
  int nsfd = open(path, O_RDONLY | O_CLOEXEC);
  if (nsfd < 0) {
    int e = errno;
    close(rootfd);
    return -e;
  }
  long child = raw_fork();
  if (child == 0) {
    struct statvfs sv;
    if (setns(nsfd, CLONE_NEWNS) < 0 || fchdir(rootfd) < 0 || chroot(".") < 0 || statvfs("/", &sv) < 0) _exit(errno);
    unsigned long keep = 0;
    if (sv.f_flag & ST_NOSUID) keep |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV) keep |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) keep |= MS_NOEXEC;
    if (sv.f_flag & ST_NOATIME) keep |= MS_NOATIME;
    if (sv.f_flag & ST_NODIRATIME) keep |= MS_NODIRATIME;
    if (sv.f_flag & ST_RELATIME) keep |= MS_RELATIME;
    if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | keep, NULL) < 0) _exit(errno);
    _exit(0);
  }
  int e = child < 0 ? errno : 0;
  close(rootfd);
  close(nsfd);
  if (child < 0) return -e;
  int st = 0;
  while (waitpid((pid_t)child, &st, __WALL) < 0)
    if (errno != EINTR) return -errno;
  if (!WIFEXITED(st)) return -EINTR;
  return -WEXITSTATUS(st);
}
