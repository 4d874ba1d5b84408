/* Starting CRIU inside a container's cgroups (restore).
 *
 * ct_criu_spawn() starts `path` with argv/envp the way posix_spawn would (vfork style: the
 * child shares our memory until it exec's), but born in the container's cgroup2 directory
 * (clone3 CLONE_INTO_CGROUP) and, before the exec, moved into each v1 hierarchy's cgroup by
 * writing "0" to its `tasks` file. Neither takes the kernel's global threadgroup lock, whose
 * first taking after an idle period waits for an RCU grace period (~10 ms): a `cgroup.procs`
 * write (what CRIU itself does to place a restored task) does. Optionally the child then
 * unshares a cgroup namespace (rooted at those cgroups) and joins a network namespace.
 *
 * CRIU restores with --manage-cgroups-mode ignore after this: its restored tree inherits the
 * cgroups (and the cgroup namespace) it is forked in. */
#ifndef CTCRIU_H
#define CTCRIU_H
#include <stdint.h>

/* Layout shared with src/linux/shim.ts (criuSpawn): every field 8 bytes wide, in this order. */
struct ct_criu_spawn {
  const char *path;          /* the executable (absolute or relative path, no PATH lookup) */
  char *const *argv;         /* NULL-terminated */
  char *const *envp;         /* NULL-terminated */
  const int32_t *fds;        /* the child's fd i = our fds[i]; -1 = /dev/null */
  int64_t nfds;
  int64_t cgroup2_fd;        /* cgroup2 directory to be born in, or -1 */
  char *const *tasks;        /* NULL-terminated v1 `tasks` files to write "0" to, or NULL */
  int64_t unshare_cgns;      /* unshare(CLONE_NEWCGROUP) after joining the cgroups */
  int64_t netns_fd;          /* setns(CLONE_NEWNET) into it, or -1 */
  int64_t err_step;          /* out: which step failed in the child (0: none) */
  int64_t err_errno;         /* out: its errno */
};

enum ct_criu_step {
  CTC_STEP_CGROUP2 = 1,  /* clone into the cgroup2 directory / write its cgroup.procs */
  CTC_STEP_TASKS = 2,    /* a v1 tasks file (err_errno; the index is lost) */
  CTC_STEP_CGNS = 3,
  CTC_STEP_NETNS = 4,
  CTC_STEP_FDS = 5,
  CTC_STEP_EXEC = 6,
};

/* 1 when ct_criu_spawn can work here: this architecture has the vfork-style clone3 and the
 * kernel has clone3 (>= 5.3). Otherwise restore lets CRIU place the tasks itself. */
int ct_criu_spawn_supported(void);

/* Returns the child's pid (to be reaped by the caller), or -errno: -ENOSYS when this
 * architecture has no vfork-style clone3 here (the caller then starts CRIU another way). When
 * a step in the child fails, the child has been reaped already and -err_errno is returned with
 * err_step set. */
int ct_criu_spawn(struct ct_criu_spawn *s);

/* Make the root mount of pid's mount namespace read-only (CRIU restores it read-write), from a
 * vfork-style child. 0 or -errno; -ENOSYS: not on this architecture. */
int ct_criu_remount_root_ro(int pid);

#endif
