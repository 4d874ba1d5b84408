/* Starting CRIU inside a container's cgroups: see ctcriu.h. The child shares our memory (vfork
 * style) and runs in a copy of a multithreaded process with a single thread left: only
 * async-signal-safe calls until the execve. */
#define _GNU_SOURCE
#include "ctcriu.h"
#include "clone3.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#define CTC_CLONE_INTO_CGROUP 0x200000000ULL
#define CTC_MAX_FDS 64
#define CTC_STACK (256 * 1024)

struct ctc_clone_args {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

struct ctc_ctx {
  struct ct_criu_spawn *s;
  int v2_write_fd; /* CLONE_INTO_CGROUP refused: write cgroup.procs of this dir instead, or -1 */
};

__attribute__((unused)) static int ctc_fail(struct ct_criu_spawn *s, int step, int e) {
  s->err_step = step;
  s->err_errno = e ? e : EIO;
  return 127;
}

__attribute__((unused)) static int ctc_write0(int dirfd, const char *path) {
  int fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n;
  do n = write(fd, "0", 1);
  while (n < 0 && errno == EINTR);
  int e = errno;
  close(fd);
  errno = e;
  return n == 1 ? 0 : -1;
}

__attribute__((unused)) static int ctc_child(void *p) {
  struct ctc_ctx *c = p;
  struct ct_criu_spawn *s = c->s;
  /* a fresh program's signal dispositions (ours are Bun's handlers, on our memory) */
  for (int sig = 1; sig < 65; sig++)
    if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);

  if (s->netns_fd >= 0 && setns((int)s->netns_fd, CLONE_NEWNET) < 0) return ctc_fail(s, CTC_STEP_NETNS, errno);
  if (c->v2_write_fd >= 0 && ctc_write0(c->v2_write_fd, "cgroup.procs") < 0) return ctc_fail(s, CTC_STEP_CGROUP2, errno);
  /* v1: "0" in `tasks` moves this thread, which is the whole process, without the global lock */
  if (s->tasks)
    for (char *const *t = s->tasks; *t; t++)
      if (ctc_write0(AT_FDCWD, *t) < 0) return ctc_fail(s, CTC_STEP_TASKS, errno);
  if (s->unshare_cgns && unshare(CLONE_NEWCGROUP) < 0) return ctc_fail(s, CTC_STEP_CGNS, errno);

  /* fds: everything up out of the way first, then into place (dup2 clears close-on-exec) */
  int n = (int)s->nfds, tmp[CTC_MAX_FDS];
  for (int i = 0; i < n; i++) {
    int src = s->fds[i], opened = -1;
    if (src < 0) src = opened = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (src < 0) return ctc_fail(s, CTC_STEP_FDS, errno);
    tmp[i] = fcntl(src, F_DUPFD_CLOEXEC, n);
    if (tmp[i] < 0) return ctc_fail(s, CTC_STEP_FDS, errno);
    if (opened >= 0) close(opened);
  }
  for (int i = 0; i < n; i++)
    if (dup2(tmp[i], i) < 0) return ctc_fail(s, CTC_STEP_FDS, errno);

  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  execve(s->path, s->argv, s->envp);
  return ctc_fail(s, CTC_STEP_EXEC, errno);
}

#if defined(__x86_64__)
static long ctc_clone3_vm(struct ctc_clone_args *args, int (*fn)(void *), void *arg) { return ct_clone3_vm(args, sizeof *args, fn, arg); }

int ct_criu_spawn(struct ct_criu_spawn *s) {
  if (s->nfds < 0 || s->nfds > CTC_MAX_FDS) return -EINVAL;
  s->err_step = 0;
  s->err_errno = 0;
  char *stack = mmap(NULL, CTC_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) return -errno;
  struct ctc_ctx c = {s, -1};
  struct ctc_clone_args a;
  memset(&a, 0, sizeof a);
  a.flags = CLONE_VM | CLONE_VFORK | (s->cgroup2_fd >= 0 ? CTC_CLONE_INTO_CGROUP : 0);
  a.exit_signal = SIGCHLD;
  a.stack = (uint64_t)(uintptr_t)stack;
  a.stack_size = CTC_STACK;
  a.cgroup = s->cgroup2_fd >= 0 ? (uint64_t)s->cgroup2_fd : 0;
  /* no handler of ours may run in the child before it resets them */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  long pid = ctc_clone3_vm(&a, ctc_child, &c);
  long e = pid < 0 ? -pid : 0;
  if (pid < 0 && s->cgroup2_fd >= 0 && e != EAGAIN && e != ENOMEM && e != ENOSYS) {
    /* a cgroup that refuses to be born in, or a kernel older than CLONE_INTO_CGROUP (5.7: E2BIG
     * for the longer clone_args): the child writes its cgroup.procs instead */
    a.flags &= ~CTC_CLONE_INTO_CGROUP;
    a.cgroup = 0;
    c.v2_write_fd = (int)s->cgroup2_fd;
    pid = ctc_clone3_vm(&a, ctc_child, &c);
    e = pid < 0 ? -pid : 0;
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  munmap(stack, CTC_STACK);
  if (pid < 0) return (int)-e;
  if (s->err_step) {
    /* the child failed before its exec (vfork: it has exited by now) */
    while (waitpid((pid_t)pid, NULL, 0) < 0 && errno == EINTR) {
    }
    return (int)-s->err_errno;
  }
  return (int)pid;
}

struct ctc_ro_ctx {
  int nsfd, rootfd, err;
};

static int ctc_remount_child(void *p) {
  struct ctc_ro_ctx *c = p;
  struct statvfs sv;
  if (setns(c->nsfd, CLONE_NEWNS) < 0 || fchdir(c->rootfd) < 0 || chroot(".") < 0 || statvfs("/", &sv) < 0) {
    c->err = errno;
    return 1;
  }
  unsigned long keep = 0;
  if (sv.f_flag & ST_NOSUID) keep |= MS_NOSUID;
  if (sv.f_flag & ST_NODEV) keep |= MS_NODEV;
  if (sv.f_flag & ST_NOEXEC) keep |= MS_NOEXEC;
  if (sv.f_flag & ST_NOATIME) keep |= MS_NOATIME;
  if (sv.f_flag & ST_NODIRATIME) keep |= MS_NODIRATIME;
  if (sv.f_flag & ST_RELATIME) keep |= MS_RELATIME;
  if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | keep, NULL) < 0) {
    c->err = errno;
    return 1;
  }
  return 0;
}

/* ctshim's ct_remount_root_ro, vfork style: a fork of a Bun process copies its page tables
 * (milliseconds), and this runs while CRIU waits for the post-restore answer. The child has no
 * signal handlers of ours to run (all blocked) and only makes raw system calls. Returns 0 or
 * -errno (-ENOSYS: the caller uses the forking one). */
int ct_criu_remount_root_ro(int pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/root", pid);
  struct ctc_ro_ctx c = {-1, -1, 0};
  c.rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (c.rootfd < 0) return -errno;
  snprintf(path, sizeof path, "/proc/%d/ns/mnt", pid);
  c.nsfd = open(path, O_RDONLY | O_CLOEXEC);
  int r = 0;
  char *stack = MAP_FAILED;
  if (c.nsfd < 0) r = -errno;
  if (!r) {
    stack = mmap(NULL, CTC_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) r = -errno;
  }
  if (!r) {
    struct ctc_clone_args a;
    memset(&a, 0, sizeof a);
    a.flags = CLONE_VM | CLONE_VFORK;
    a.exit_signal = SIGCHLD;
    a.stack = (uint64_t)(uintptr_t)stack;
    a.stack_size = CTC_STACK;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    long child = ctc_clone3_vm(&a, ctc_remount_child, &c);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (child < 0) r = (int)child;
    else {
      int st = 0;
      while (waitpid((pid_t)child, &st, __WALL) < 0)
        if (errno != EINTR) {
          r = -errno;
          break;
        }
      if (!r && c.err) r = -c.err;
      else if (!r && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) r = -EINTR;
    }
  }
  if (stack != MAP_FAILED) munmap(stack, CTC_STACK);
  if (c.nsfd >= 0) close(c.nsfd);
  close(c.rootfd);
  return r;
}

int ct_criu_spawn_supported(void) {
  /* clone3 with a size below the first version's: EINVAL where the call exists (>= 5.3) */
  return syscall(SYS_clone3, NULL, 0) < 0 && errno == EINVAL;
}
#else
int ct_criu_spawn_supported(void) { return 0; }
int ct_criu_spawn(struct ct_criu_spawn *s) {
  (void)s;
  return -ENOSYS;
}
int ct_criu_remount_root_ro(int pid) {
  (void)pid;
  return -ENOSYS;
}
#endif
