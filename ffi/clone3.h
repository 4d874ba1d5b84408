/* clone3(2) onto a caller-provided stack with the child running fn(arg) and exiting with its
 * return value: glibc has no clone3 wrapper and its clone() cannot take CLONE_INTO_CGROUP.
 * x86_64 only (CT_HAVE_CLONE3_VM says whether it is there). Shared by ctexec.c and ctcriu.c. */
#ifndef CT_CLONE3_H
#define CT_CLONE3_H
#include <stddef.h>
#include <sys/syscall.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif

#if defined(__x86_64__)
#define CT_HAVE_CLONE3_VM 1
static inline long ct_clone3_vm(void *args, size_t size, int (*fn)(void *), void *arg) {
  long ret;
  register long r12 __asm__("r12") = (long)fn;
  register long r13 __asm__("r13") = (long)arg;
  __asm__ volatile(
      "syscall\n\t"
      "testq %%rax, %%rax\n\t"
      "jnz 1f\n\t"
      "xorl %%ebp, %%ebp\n\t"
      "movq %%r13, %%rdi\n\t"
      "callq *%%r12\n\t"
      "movl %%eax, %%edi\n\t"
      "movl $60, %%eax\n\t" /* SYS_exit */
      "syscall\n\t"
      "hlt\n\t"
      "1:\n\t"
      : "=a"(ret)
      : "0"((long)SYS_clone3), "D"(args), "S"(size), "r"(r12), "r"(r13)
      : "rcx", "r11", "memory", "cc");
  return ret;
}
#else
#define CT_HAVE_CLONE3_VM 0
#endif
#endif
