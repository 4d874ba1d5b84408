// The CRIU RPC client: one `criu swrk 3` process per request, spoken to over a SOCK_SEQPACKET
// socketpair (our end here, CRIU's end as its fd 3; extra fds land at 4, 5, ...).
//
// Dialogue: we send one criu_req; CRIU answers with zero or more NOTIFY responses (each one
// acknowledged with criu_req{type: NOTIFY, notify_success}) and then one final response of the
// request's type. EOF on the socket means CRIU died: we never wait for a reply that cannot come.
//
// Waiting for a reply: the main thread blocks in ppoll(2) for at most POLL_SLICE_MS at a time and
// yields to the event loop between slices, so JS signal handlers (SIGTERM forwarding, ...) and
// timers still run during a long dump; a plain blocking recvmsg would hold them off until CRIU
// answers (bun-platform §3). The reply itself is read with recvmsg only once it is there.
import { ptr } from "bun:ffi";
import { closeSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CriuError, SysError } from "../errors.ts";
import { errno, libc } from "../linux/libc.ts";
import { criuSpawn, recvMsg, sendMsg, seqpacketPair, waitPidAsync } from "../linux/shim.ts";
import { signalName } from "../linux/signals.ts";
import { log } from "../log.ts";
import { criu_req, criu_req_type, criu_resp } from "./rpc.gen.js";

export type CriuReq = criu_req.$Properties;
export type CriuResp = criu_resp & criu_resp.$Shape;
export { criu_req_type };

/** runc reads replies into 10 pages; a reply that fills the buffer is refused (O7). */
const RECV_CAP = 10 * 4096;
const POLL_SLICE_MS = 200;

export interface Notification {
  script: string;
  /** The pid CRIU reports with the action (the root task on restore), 0 when absent. */
  pid: number;
  /** The whole response, for handlers that need more than script and pid. */
  resp: CriuResp;
  /** fds that came with the message (orphan-pts-master: the pty master). Closed after the
   * handler returns: a handler that keeps one must dup it (sending it by SCM_RIGHTS does). */
  fds: number[];
}

export type StdioSlot = number | "ignore" | "inherit";

export interface SwrkOptions {
  /** The criu binary: a path, or a name looked up in PATH (default "criu"). */
  criuPath?: string;
  /** CRIU's fds 0..2. On restore these become the restored tree's stdio. Default: ignore, ignore, inherit. */
  stdio?: [StdioSlot, StdioSlot, StdioSlot];
  /** Extra fds for CRIU, in order: they become its fds 4, 5, ... The caller keeps ownership. */
  extraFds?: number[];
  /** Called right after CRIU has started, before the request goes out (restore: join cgroups). */
  onStart?: (criuPid: number) => void | Promise<void>;
  /** Called for every NOTIFY. A throw makes us answer notify_success=false; CRIU then aborts
   * and that error (not CRIU's follow-up failure) is what criuSwrk throws. */
  onNotify?: (n: Notification) => void | (() => void) | Promise<void | (() => void)>;
  /** An fd CRIU reopens from the request (status_fd): we close our copy after the first reply. */
  closeAfterFirstReply?: number;
  /** The log to quote when the request fails: CRIU writes `file` in `dir` (the work dir). */
  logDir?: string;
  logFile?: string;
  /** A network namespace (fd) to start CRIU in: the container's own (see checkpoint). */
  netnsFd?: number;
  /** CRIU's environment (default: ours). */
  env?: Record<string, string | undefined>;
  /** Give up (and SIGKILL CRIU) after this long without the final reply. Default: no limit. */
  timeoutMs?: number;
  /** Start CRIU born in these cgroups (restore with manage_cgroups_mode IGNORE), see ffi/ctcriu.c. */
  cgroups?: CriuCgroups;
}

/** Cgroups CRIU is started in, without the global threadgroup lock a cgroup.procs write takes. */
export interface CriuCgroups {
  /** a cgroup2 directory fd: CRIU is cloned into it (CLONE_INTO_CGROUP) */
  cgroup2Fd?: number;
  /** v1 `tasks` files: CRIU writes "0" to each before its exec */
  v1Tasks: string[];
  /** then a cgroup namespace of its own, rooted there: the restored tree's */
  unshareCgroupNs: boolean;
}

export interface SwrkResult {
  resp: CriuResp;
  criuPid: number;
  /** Milliseconds: spawn of criu, request sent -> final reply, whole call. */
  timings: { spawnMs: number; rpcMs: number; totalMs: number; notifies: Record<string, number> };
}

/** A failure reported by, or about, the CRIU process. */
export class CriuSwrkError extends CriuError {
  /** Lines quoted from the CRIU log ("<lineno>:<text>"), empty if none or no log. */
  quoted: string[] = [];
  constructor(
    message: string,
    readonly crErrno = 0,
    readonly crErrmsg = "",
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

class CriuTimeoutError extends CriuSwrkError {}

const reqTypeName = (t: number): string => criu_req_type[t] ?? String(t);

// ---------------------------------------------------------------------------------------------
// waiting for the socket without freezing the event loop

const SYS_ppoll = process.arch === "arm64" ? 73 : 271;
const POLLIN = 0x1;

/** Wait up to ms for fd to become readable (or hung up). true = ready. */
function pollReadable(fd: number, ms: number): boolean {
  const pfd = new Int32Array(2); // struct pollfd { int fd; short events; short revents; }
  pfd[0] = fd;
  new Int16Array(pfd.buffer)[2] = POLLIN;
  const ts = new BigInt64Array([BigInt(Math.floor(ms / 1000)), BigInt((ms % 1000) * 1_000_000)]);
  const r = Number(libc.symbols.syscall(SYS_ppoll, ptr(pfd), 1, ptr(ts), 0, 8, 0));
  if (r < 0) {
    const e = errno();
    if (e === 4) return false; // EINTR: a signal; let its handler run
    throw new CriuSwrkError(`poll on the criu socket: errno ${e}`);
  }
  return r > 0;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

async function waitReadable(fd: number, deadline: number): Promise<void> {
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) throw new CriuTimeoutError("timed out waiting for criu");
    if (pollReadable(fd, Math.min(POLL_SLICE_MS, Math.ceil(left)))) return;
    await tick();
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * runc's "criu failed: type DUMP errno 0", then CRIU's own first error line when it says
 * something: CRIU reports the first error it logged, and on hosts where it cannot raise
 * RLIMIT_NOFILE that is always the same harmless rlimit complaint, which is left out.
 */
export function failedText(type: number, crErrno: number, crErrmsg: string): string {
  const base = `criu failed: type ${reqTypeName(type)} errno ${crErrno}`;
  const msg = crErrmsg.trim();
  if (!msg || /RLIMIT_NOFILE/.test(msg)) return base;
  return `${base}: ${msg.replace(/^Error \([^)]*\): /, "")}`;
}

// A peer that died with our message unread shows up as ECONNRESET (recv) or EPIPE (send).
function recvOrEof(fd: number): { data: Buffer; fds: number[] } {
  try {
    return recvMsg(fd, RECV_CAP);
  } catch (e) {
    if (e instanceof SysError && e.errno === 104) return { data: Buffer.alloc(0), fds: [] };
    throw e;
  }
}

function sendOrEof(fd: number, data: Uint8Array): boolean {
  try {
    sendMsg(fd, data);
    return true;
  } catch (e) {
    if (e instanceof SysError && (e.errno === 32 || e.errno === 104)) return false;
    throw e;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {}
}

/** Go's ProcessState.String(): "exit status 1", "signal: killed". */
export function describeExit(code: number | null, signal: string | null): string {
  if (signal) return `signal: ${signalText(signal)}`;
  return `exit status ${code ?? -1}`;
}

function signalText(sig: string): string {
  const names: Record<string, string> = {
    SIGKILL: "killed",
    SIGTERM: "terminated",
    SIGSEGV: "segmentation fault",
    SIGABRT: "aborted",
    SIGINT: "interrupt",
    SIGBUS: "bus error",
    SIGPIPE: "broken pipe",
  };
  return names[sig] ?? sig;
}

const CLONE_NEWNET = 0x40000000;

/** Run `fn` with this thread (the one Bun spawns children from) in the network namespace `fd`. */
function inNetns<T>(fd: number | undefined, fn: () => T): T {
  if (fd === undefined) return fn();
  const orig = libc.symbols.open("/proc/thread-self/ns/net", 0o2000000 /* O_RDONLY|O_CLOEXEC */, 0);
  if (orig < 0) throw new CriuSwrkError(`open /proc/thread-self/ns/net: errno ${errno()}`);
  try {
    if (libc.symbols.setns(fd, CLONE_NEWNET) !== 0) throw new CriuSwrkError(`setns to the container's network namespace: errno ${errno()}`);
    try {
      return fn();
    } finally {
      if (libc.symbols.setns(orig, CLONE_NEWNET) !== 0) throw new CriuSwrkError(`setns back to our network namespace: errno ${errno()}`);
    }
  } finally {
    libc.symbols.close(orig);
  }
}

/** What criuSwrk needs of the CRIU process, whichever way it was started. */
interface CriuProc {
  pid: number;
  kill(sig: NodeJS.Signals): void;
  exited: Promise<unknown>;
  exitCode: number | null;
  signalCode: string | number | null;
}

function spawnCriu(opts: SwrkOptions, theirs: number): CriuProc {
  if (opts.cgroups) return spawnCriuInCgroups(opts, opts.cgroups, theirs);
  return inNetns(opts.netnsFd, () => spawnCriuHere(opts, theirs));
}

function spawnCriuInCgroups(opts: SwrkOptions, cg: CriuCgroups, theirs: number): CriuProc {
  const criu = opts.criuPath || "criu";
  const path = criu.includes("/") ? criu : Bun.which(criu);
  if (!path) throw new CriuSwrkError(`exec: "${criu}": executable file not found in $PATH`);
  const slot = (x: StdioSlot, i: number) => (x === "ignore" ? -1 : x === "inherit" ? i : x);
  const [i, o, e] = opts.stdio ?? ["ignore", "ignore", "inherit"];
  let pid: number;
  try {
    pid = criuSpawn({
      path,
      argv: [criu, "swrk", "3"],
      env: opts.env ?? process.env,
      fds: [slot(i, 0), slot(o, 1), slot(e, 2), theirs, ...(opts.extraFds ?? [])],
      cgroup2Fd: cg.cgroup2Fd ?? -1,
      tasks: cg.v1Tasks,
      unshareCgroupNs: cg.unshareCgroupNs,
      netnsFd: opts.netnsFd ?? -1,
    });
  } catch (err) {
    if (err instanceof SysError && err.syscall === "exec" && err.errno === 2)
      throw new CriuSwrkError(`exec ${criu}: no such file or directory`);
    throw new CriuSwrkError(`start ${criu} in the container's cgroups: ${(err as Error).message}`, 0, "", { cause: err });
  }
  const proc: CriuProc = {
    pid,
    exitCode: null,
    signalCode: null,
    kill(sig) {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(pid, sig);
    },
    exited: waitPidAsync(pid).then((st) => {
      if (st < 0) proc.exitCode = -1;
      else if ((st & 0x7f) === 0) proc.exitCode = (st >> 8) & 0xff;
      else proc.signalCode = signalName(st & 0x7f);
    }),
  };
  return proc;
}

function spawnCriuHere(opts: SwrkOptions, theirs: number) {
  const criu = opts.criuPath || "criu";
  const [i, o, e] = opts.stdio ?? ["ignore", "ignore", "inherit"];
  try {
    return Bun.spawn([criu, "swrk", "3"], {
      stdio: [i, o, e, theirs, ...(opts.extraFds ?? [])],
      ...(opts.env ? { env: opts.env } : {}),
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ENOENT" && !criu.includes("/"))
      throw new CriuSwrkError(`exec: "${criu}": executable file not found in $PATH`);
    throw new CriuSwrkError(`exec ${criu}: ${(err as Error).message}`);
  }
}

/**
 * Run one request through `criu swrk 3` and return CRIU's final response.
 * Throws CriuSwrkError on: CRIU not startable, an unsuccessful reply, EOF, a bad reply, a
 * notify handler error, a timeout, or (except for PRE_DUMP) a non-zero CRIU exit.
 * Every fd we created is closed and the CRIU process is waited for before this returns.
 */
export async function criuSwrk(req: CriuReq, opts: SwrkOptions = {}): Promise<SwrkResult> {
  const t0 = performance.now();
  const deadline = opts.timeoutMs ? t0 + opts.timeoutMs : Infinity;
  const [ours, theirs] = seqpacketPair(true);
  let proc: CriuProc;
  try {
    proc = spawnCriu(opts, theirs);
  } catch (e) {
    closeQuietly(ours);
    closeQuietly(theirs);
    throw e;
  }
  // Only CRIU holds the server end from now on, so its death is an EOF for us (O3).
  closeQuietly(theirs);
  const criuPid = proc.pid;
  const tSpawned = performance.now();
  let pendingClose = opts.closeAfterFirstReply;
  const notifies: Record<string, number> = {};
  const type = req.type;
  let failure: CriuSwrkError | undefined;
  let handlerError: unknown;
  let final: CriuResp | undefined;
  let tSent = tSpawned;

  try {
    if (opts.onStart) await opts.onStart(criuPid);
    if (type !== criu_req_type.VERSION && type !== criu_req_type.FEATURE_CHECK) {
      log.debug(`Using CRIU in ${reqTypeName(type)} mode`);
      if (req.opts) log.debug(`CRIU options: ${JSON.stringify(req.opts)}`);
    }
    if (!sendOrEof(ours, criu_req.encode(req).finish())) throw new CriuSwrkError("unexpected EOF");
    tSent = performance.now();

    for (;;) {
      await waitReadable(ours, deadline);
      const { data, fds } = recvOrEof(ours);
      if (pendingClose !== undefined) {
        closeQuietly(pendingClose);
        pendingClose = undefined;
      }
      if (data.length === 0) {
        fds.forEach(closeQuietly);
        failure = new CriuSwrkError("unexpected EOF");
        break;
      }
      if (data.length >= RECV_CAP) {
        fds.forEach(closeQuietly);
        failure = new CriuSwrkError("buffer is too small");
        break;
      }
      let resp: CriuResp;
      try {
        resp = criu_resp.decode(data);
      } catch (e) {
        fds.forEach(closeQuietly);
        failure = new CriuSwrkError(`unable to decode the criu response: ${(e as Error).message}`);
        break;
      }
      if (!resp.success) {
        fds.forEach(closeQuietly);
        failure = new CriuSwrkError(
          failedText(resp.type, resp.cr_errno ?? 0, resp.cr_errmsg ?? ""),
          resp.cr_errno ?? 0,
          resp.cr_errmsg ?? "",
        );
        break;
      }
      if (resp.type === criu_req_type.NOTIFY) {
        let after: (() => void) | undefined;
        const ok = await handleNotify(resp, fds, opts, notifies).then(
          (a) => {
            after = a;
            return true;
          },
          (e) => {
            handlerError ??= e;
            return false;
          },
        );
        if (!sendOrEof(ours, criu_req.encode({ type: criu_req_type.NOTIFY, notify_success: ok }).finish())) {
          failure = new CriuSwrkError("unexpected EOF");
          break;
        }
        // work a handler left for after the answer runs while CRIU goes on (writing a state file)
        if (after) {
          try {
            after();
          } catch (e) {
            handlerError ??= e;
            break;
          }
        }
        continue;
      }
      fds.forEach(closeQuietly);
      if (resp.type !== type) {
        failure = new CriuSwrkError(`unable to parse the response ${JSON.stringify(resp)}`);
        break;
      }
      final = resp;
      break;
    }
  } catch (e) {
    failure = e instanceof CriuSwrkError ? e : new CriuSwrkError((e as Error).message ?? String(e), 0, "", { cause: e });
  }
  const tReplied = performance.now();

  // Hang up. A pre-dump CRIU waits for a next request and exits once we are gone.
  closeQuietly(ours);
  if (pendingClose !== undefined) closeQuietly(pendingClose);
  if (failure instanceof CriuTimeoutError) proc.kill("SIGKILL");
  const exit = await waitExit(proc, failure !== undefined || handlerError !== undefined);

  if (handlerError !== undefined) {
    const err = handlerError instanceof Error ? handlerError : new CriuSwrkError(String(handlerError));
    attachQuote(err, opts);
    throw err;
  }
  if (failure) {
    if (failure.message === "unexpected EOF" && !failure.crErrno) {
      const why = exit.timedOut ? "criu did not exit" : `criu ${describeExit(exit.code, exit.signal)}`;
      failure = new CriuSwrkError(`unexpected EOF (${why})`);
    }
    attachQuote(failure, opts);
    throw failure;
  }
  const ok = exit.code === 0 || type === criu_req_type.PRE_DUMP || type === criu_req_type.SINGLE_PRE_DUMP;
  if (!ok) {
    const err = new CriuSwrkError(`criu failed: ${describeExit(exit.code, exit.signal)}`);
    attachQuote(err, opts);
    throw err;
  }
  const tEnd = performance.now();
  return {
    resp: final!,
    criuPid,
    timings: { spawnMs: tSpawned - t0, rpcMs: tReplied - tSent, totalMs: tEnd - t0, notifies },
  };
}

async function handleNotify(resp: CriuResp, fds: number[], opts: SwrkOptions, times: Record<string, number>): Promise<(() => void) | undefined> {
  const n = resp.notify;
  try {
    if (!n) throw new CriuSwrkError(`invalid response: ${JSON.stringify(resp)}`);
    const script = n.script ?? "";
    log.debug(`notify: ${script}`);
    const t = performance.now();
    const after = opts.onNotify ? await opts.onNotify({ script, pid: n.pid ?? 0, resp, fds }) : undefined;
    times[script] = (times[script] ?? 0) + (performance.now() - t);
    return typeof after === "function" ? after : undefined;
  } finally {
    fds.forEach(closeQuietly);
  }
}

async function waitExit(
  proc: CriuProc,
  failing: boolean,
): Promise<{ code: number | null; signal: string | null; timedOut: boolean }> {
  // CRIU exits promptly once the socket is gone; give a stuck one a grace period, then kill it.
  const grace = failing ? 5000 : 30000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = await Promise.race([
    proc.exited.then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), grace))),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    log.warn(`criu (pid ${proc.pid}) did not exit ${grace} ms after the dialogue ended: killing it`);
    proc.kill("SIGKILL");
    await proc.exited;
  }
  return { code: proc.exitCode, signal: proc.signalCode == null ? null : String(proc.signalCode), timedOut };
}

function attachQuote(err: unknown, opts: SwrkOptions): void {
  if (!opts.logFile || !opts.logDir) return;
  const quoted = logCriuErrors(opts.logDir, opts.logFile);
  if (err instanceof CriuSwrkError) err.quoted = quoted;
}

// ---------------------------------------------------------------------------------------------
// quoting the CRIU log

/**
 * Pick the lines of a CRIU log around each line containing "Error": each such line plus the 5
 * before it, every line at most once, "..." marking a gap (the shape of `grep -n -B5 Error`).
 * Returns "<lineno>:<text>" strings; empty lines are left out.
 */
export function quoteCriuErrors(text: string, before = 5): string[] {
  const lines = text.split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const out: string[] = [];
  let lastShown = 0; // 1-based number of the last line shown
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.includes("Error")) continue;
    const lineNo = i + 1;
    const from = Math.max(lineNo - before, lastShown + 1);
    if (lastShown !== 0 && from > lastShown + 1) out.push("...");
    for (let n = from; n <= lineNo; n++) {
      const s = lines[n - 1]!;
      if (s.length > 0) out.push(`${n}:${s}`);
    }
    lastShown = lineNo;
  }
  return out;
}

/** Quote the error lines of dir/file as warnings (runc's logCriuErrors) and return them. */
export function logCriuErrors(dir: string, file: string): string[] {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    log.warn(`open ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (e as Error).message}`);
    return [];
  }
  const quoted = quoteCriuErrors(text);
  if (quoted.length) {
    log.warn(`--- Quoting ${JSON.stringify(path)}`);
    for (const l of quoted) log.warn(l);
    log.warn("---");
  }
  return quoted;
}
