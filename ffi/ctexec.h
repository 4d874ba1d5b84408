/* `ctbun exec` in C: join a running container and execve a process in it.
 *
 * ct_join_exec() clones an intermediate child that moves itself into the container's cgroups,
 * applies rlimits, and joins every namespace but the mount namespace (setns(pid) only affects
 * children). It then clones the final process with CLONE_PARENT, so that the caller can wait
 * for it, reports its host pid and exits. The final process joins the mount namespace, chroots
 * into the init's root, sets up the terminal, credentials, capabilities, no_new_privs and
 * seccomp, and execve()s the program looked up in the container's PATH.
 *
 * Every message on the sync socket (SOCK_SEQPACKET) is one datagram: int32 type, int32 value,
 * then for CTX_MSG_ERROR a text. The socket reaches EOF once the final process has exec'd
 * (its end is close-on-exec) and the intermediate has exited. */
#ifndef CTEXEC_H
#define CTEXEC_H
#include <stdint.h>

#define CTX_MAX_NS 8

enum ctx_msg_type {
  CTX_MSG_CHILD = 2,       /* value = host pid of the final process */
  CTX_MSG_ERROR = 3,       /* value = errno (0: the text says it all); text follows in the datagram */
  CTX_MSG_CONSOLE = 4,     /* the pty master, as SCM_RIGHTS */
  CTX_MSG_SECCOMP_FD = 5,  /* a seccomp user-notification fd, as SCM_RIGHTS */
};

/* Layout shared with src/runtime/exec-native.ts: every field 8 bytes wide, in this order. */
struct ct_exec {
  int64_t sync_fd;              /* the child's end of a SOCK_SEQPACKET pair (close-on-exec) */
  int64_t root_fd;              /* O_PATH /proc/<init>/root, or -1 */
  int64_t nns;                  /* namespaces to join, in this order (the mount one last) */
  int64_t ns_fds[CTX_MAX_NS];
  int64_t ns_types[CTX_MAX_NS]; /* CLONE_NEW* of each */
  char *const *cgroup_files;    /* NULL-terminated v1 `tasks` files to write "0" to, or NULL */
  int64_t cgroup_soft;          /* ignore EPERM/EACCES/EROFS on cgroups (rootless) */
  int64_t cgroup_fd;            /* cgroup2 directory to clone into (CLONE_INTO_CGROUP), or -1 */
  int64_t nrlimits;
  const int64_t *rlimits;       /* nrlimits x {resource, soft, hard} (-1: infinity) */
  int64_t oom_score_adj;        /* INT64_MIN: leave it */
  int64_t preserve_fds;         /* fds 3..3+n-1 pass through */
  int64_t tty;                  /* open a pty in the container, send the master back */
  int64_t ws_rows, ws_cols;     /* initial terminal size (0: leave) */
  int64_t uid, gid;
  int64_t set_groups;           /* 0: leave supplementary groups alone (setgroups denied) */
  int64_t ngroups;
  const uint32_t *groups;
  int64_t set_caps;             /* 0: no capability changes beyond what setresuid does */
  int64_t cap_last;             /* /proc/sys/kernel/cap_last_cap */
  uint64_t cap_bounding, cap_effective, cap_permitted, cap_inheritable, cap_ambient;
  int64_t no_new_privs;
  int64_t umask;                /* -1: leave */
  const void *seccomp_filter;   /* struct sock_filter[seccomp_len], or NULL */
  int64_t seccomp_len;
  int64_t seccomp_flags;        /* SECCOMP_FILTER_FLAG_* */
  int64_t seccomp_early;        /* load before the user change (when no_new_privs is off) */
  const char *apparmor;         /* profile for exec, or NULL */
  const char *selinux_label;    /* label for exec, or NULL */
  const char *keyring;          /* session keyring to join, or NULL */
  const char *cwd;
  const char *file;             /* program: a path, or a name looked up in `path` */
  const char *path;             /* the process's PATH */
  char *const *argv;
  char *const *envp;
  int64_t personality;          /* execution domain for personality(2), or -1 */
  int64_t force_fork;           /* copy the caller's memory for each child (tests, debugging) */
};

/* Returns the intermediate child's pid (reap it) or -errno. */
int ct_join_exec(const struct ct_exec *x);
#endif
