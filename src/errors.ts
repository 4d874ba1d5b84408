// Error classes and runc's exact sentinel texts (engines string-match some of them).

export class CtbunError extends Error {
  /** Exit code the CLI uses when this error ends a command. */
  exitCode = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

// Go's syscall.Errno texts (runc prints them), for every errno the kernel commonly returns
// from syscalls, cgroup file writes and mounts.
const ERRNO_TEXT: Record<number, [string, string]> = {
  1: ["EPERM", "operation not permitted"],
  2: ["ENOENT", "no such file or directory"],
  3: ["ESRCH", "no such process"],
  4: ["EINTR", "interrupted system call"],
  5: ["EIO", "input/output error"],
  6: ["ENXIO", "no such device or address"],
  7: ["E2BIG", "argument list too long"],
  8: ["ENOEXEC", "exec format error"],
  9: ["EBADF", "bad file descriptor"],
  10: ["ECHILD", "no child processes"],
  11: ["EAGAIN", "resource temporarily unavailable"],
  12: ["ENOMEM", "cannot allocate memory"],
  13: ["EACCES", "permission denied"],
  14: ["EFAULT", "bad address"],
  15: ["ENOTBLK", "block device required"],
  16: ["EBUSY", "device or resource busy"],
  17: ["EEXIST", "file exists"],
  18: ["EXDEV", "invalid cross-device link"],
  19: ["ENODEV", "no such device"],
  20: ["ENOTDIR", "not a directory"],
  21: ["EISDIR", "is a directory"],
  22: ["EINVAL", "invalid argument"],
  23: ["ENFILE", "too many open files in system"],
  24: ["EMFILE", "too many open files"],
  25: ["ENOTTY", "inappropriate ioctl for device"],
  26: ["ETXTBSY", "text file busy"],
  27: ["EFBIG", "file too large"],
  28: ["ENOSPC", "no space left on device"],
  29: ["ESPIPE", "illegal seek"],
  30: ["EROFS", "read-only file system"],
  31: ["EMLINK", "too many links"],
  32: ["EPIPE", "broken pipe"],
  33: ["EDOM", "numerical argument out of domain"],
  34: ["ERANGE", "numerical result out of range"],
  35: ["EDEADLK", "resource deadlock avoided"],
  36: ["ENAMETOOLONG", "file name too long"],
  37: ["ENOLCK", "no locks available"],
  38: ["ENOSYS", "function not implemented"],
  39: ["ENOTEMPTY", "directory not empty"],
  40: ["ELOOP", "too many levels of symbolic links"],
  61: ["ENODATA", "no data available"],
  75: ["EOVERFLOW", "value too large for defined data type"],
  84: ["EILSEQ", "invalid or incomplete multibyte or wide character"],
  95: ["EOPNOTSUPP", "operation not supported"],
  97: ["EAFNOSUPPORT", "address family not supported by protocol"],
  98: ["EADDRINUSE", "address already in use"],
  99: ["EADDRNOTAVAIL", "cannot assign requested address"],
  104: ["ECONNRESET", "connection reset by peer"],
  105: ["ENOBUFS", "no buffer space available"],
  110: ["ETIMEDOUT", "connection timed out"],
  111: ["ECONNREFUSED", "connection refused"],
  116: ["ESTALE", "stale NFS file handle"],
  122: ["EDQUOT", "disk quota exceeded"],
  125: ["ECANCELED", "operation canceled"],
};

/** errno by name; ENOTSUP is EOPNOTSUPP on Linux (95), EWOULDBLOCK is EAGAIN, EDEADLOCK EDEADLK. */
export const ERRNO: Readonly<Record<string, number>> = Object.freeze({
  ...Object.fromEntries(Object.entries(ERRNO_TEXT).map(([n, [name]]) => [name, Number(n)])),
  ENOTSUP: 95,
  EWOULDBLOCK: 11,
  EDEADLOCK: 35,
});

export function errnoName(errno: number): string {
  return ERRNO_TEXT[errno]?.[0] ?? `E${errno}`;
}

export function strerror(errno: number): string {
  return ERRNO_TEXT[errno]?.[1] ?? `errno ${errno}`;
}

/** A failed system call, worded like Go's os.SyscallError/PathError: "mount /proc: operation not permitted". */
export class SysError extends CtbunError {
  constructor(
    readonly syscall: string,
    readonly errno: number,
    readonly path?: string,
  ) {
    super(`${syscall}${path === undefined ? "" : ` ${path}`}: ${strerror(errno)}`);
  }
  get code(): string {
    return errnoName(this.errno);
  }
}

/** A config.json problem; `field` is the JSON path of the bad value ("process.args"). */
export class SpecError extends CtbunError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`invalid config.json: ${field}: ${message}`);
  }
}

export class ContainerNotExistError extends CtbunError {
  constructor() {
    super("container does not exist");
  }
}
export class ContainerExistsError extends CtbunError {
  constructor() {
    super("container with given ID already exists");
  }
}
export class ContainerNotRunningError extends CtbunError {
  constructor() {
    super("container not running");
  }
}
export class ContainerPausedError extends CtbunError {
  constructor() {
    super("container paused");
  }
}
export class ContainerNotPausedError extends CtbunError {
  constructor() {
    super("container not paused");
  }
}
export class ContainerStillRunningError extends CtbunError {
  constructor() {
    super("container still running");
  }
}
/** A state that forbids the operation; `message` is runc's text for that case. */
export class InvalidStatusError extends CtbunError {
  constructor(
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}
export class CriuError extends CtbunError {}

/** Go's %w chain: "unable to start container: mount /proc: permission denied". */
export function formatError(e: unknown): string {
  const parts: string[] = [];
  let x: unknown = e;
  while (x instanceof Error) {
    parts.push(x.message);
    x = x.cause;
  }
  if (parts.length === 0) parts.push(String(e));
  return parts.join(": ");
}

export function exitCodeOf(e: unknown): number {
  return e instanceof CtbunError ? e.exitCode : 1;
}
