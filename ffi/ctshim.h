/* ctbun's C shim: the steps JavaScript must not do itself (fork/clone, setns into user/pid
 * namespaces, execve of a container process) and the socket calls that need control data.
 * Every function returns a value >= 0 on success and -errno on failure. */
#ifndef CTSHIM_H
#define CTSHIM_H
#include <stdint.h>

#define CT_MAX_NS 8
#define CT_MAX_CG 16

/* Messages the shim's children send on the sync socket: 8 bytes, {type, value}. */
enum ct_msg_type {
  CT_MSG_PID = 1,   /* intermediate is ready for id maps / cgroup; value = its pid */
  CT_MSG_CHILD = 2, /* value = host pid of the container init */
  CT_MSG_ERROR = 3, /* value = errno; a short text message follows in the next datagram */
};

/* Layout shared with src/linux/shim.ts (all fields 8 bytes wide, in this order). */
struct ct_spawn {
  int64_t clone_flags;          /* namespaces to create: CLONE_NEW* */
  int64_t sync_fd;              /* SOCK_SEQPACKET end for the child */
  int64_t fifo_fd;              /* O_PATH exec.fifo, or -1 */
  int64_t preserve_fds;         /* fds 3..3+n-1 pass through unchanged */
  int64_t stdio[3];             /* fds to place on 0,1,2, or -1 to keep ours */
  int64_t nns;                  /* namespace paths to join (opened by the parent) */
  int64_t ns_fds[CT_MAX_NS];
  int64_t ns_types[CT_MAX_NS];  /* CLONE_NEW* of each */
  const char *exe;              /* program to exec in the grandchild */
  char *const *argv;
  char *const *envp;
  const char *timens_offsets;   /* written to /proc/self/timens_offsets, or NULL */
  const char *ro_exe;           /* bind-mounted read-only over itself before exec, or NULL */
  int64_t setsid;               /* call setsid() in the grandchild */
  int64_t cg2_fd;               /* cgroup2 dir to clone the intermediate into, or -1 */
  int64_t ncg;                  /* cgroup v1 `tasks` files (opened O_WRONLY by the parent) */
  int64_t cg_tasks_fds[CT_MAX_CG];
};

int ct_spawn_init(const struct ct_spawn *s);
int ct_seqpacket_pair(int *fds, int cloexec);
long ct_send(int fd, const void *buf, long len, const int *fds, int nfds);
long ct_recv(int fd, void *buf, long cap, int *fds, int maxfds, int *nfds_out);
int ct_wait_thread(int pid, void (*cb)(int pid, int status));
int ct_pump_thread(int master, int in_fd, int out_fd);
int ct_unix_send_fd(const char *path, int fd, const char *payload);
int ct_pidfd_wait(int pid, int timeout_ms);
int ct_unix_listen(const char *path);
int ct_accept(int lfd, int timeout_ms);
/* Remount the root of `pid`'s mount namespace read-only (keeping its other flags), from a
 * short-lived child that joins that namespace. 0 or -errno. */
int ct_remount_root_ro(int pid);
long ct_syscall6(long n, long a, long b, long c, long d, long e, long f);
#endif
