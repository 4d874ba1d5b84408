// Messages between ctbun (parent) and `ctbun init` over a SOCK_SEQPACKET socketpair: one JSON
// object per datagram, fds (the pty master) as SCM_RIGHTS. The C shim's own 8-byte binary
// messages come first on the same socket (see ffi/ctshim.h).
import { ptr } from "bun:ffi";
import { CtbunError } from "../errors.ts";
import { libc } from "../linux/libc.ts";
import { recvMsg, sendMsg } from "../linux/shim.ts";
import type { Spec } from "../spec/types.ts";

export interface InitConfig {
  type: "config";
  id: string;
  spec: Spec;
  rootfs: string;
  bundle: string;
  noPivot: boolean;
  noNewKeyring: boolean;
  preserveFds: number;
  /** Hand the pty master back to the parent (terminal: true). */
  sendConsole: boolean;
  /** Host cgroup paths (v1 controller → dir) for cgroup mounts without a cgroup namespace. */
  cgroupPaths: Record<string, string>;
}

export type InitMsg =
  | InitConfig
  | { type: "hooks" } // init → parent: run prestart + createRuntime hooks now
  | { type: "hooks-done" } // parent → init
  | { type: "cgroup-joined" } // parent → init: it is in the container's cgroup now
  | { type: "console" } // init → parent, with the pty master fd
  | { type: "ready" } // init → parent: waiting on exec.fifo
  | { type: "error"; message: string };

export function send(fd: number, msg: InitMsg, fds: number[] = []): void {
  sendMsg(fd, Buffer.from(JSON.stringify(msg)), fds);
}

export function receive(fd: number): { msg: InitMsg; fds: number[] } | undefined {
  const { data, fds } = recvMsg(fd, 1 << 20);
  if (data.length === 0) return undefined;
  try {
    return { msg: JSON.parse(data.toString("utf8")) as InitMsg, fds };
  } catch {
    throw new CtbunError(`unexpected message from container init: ${JSON.stringify(data.toString("latin1").slice(0, 80))}`);
  }
}

/** The shim's binary {type, value} message. */
export function receiveShim(fd: number): { type: number; value: number; text?: string } | undefined {
  const { data } = recvMsg(fd, 4096);
  if (data.length === 0) return undefined;
  if (data.length !== 8) throw new CtbunError("unexpected message from container setup");
  const type = data.readInt32LE(0);
  const value = data.readInt32LE(4);
  if (type === 3) {
    const t = recvMsg(fd, 4096).data.toString();
    return { type, value, text: t };
  }
  return { type, value };
}

export function sendByte(fd: number): void {
  const b = new Uint8Array([1]);
  if (libc.symbols.write(fd, ptr(b), 1) !== 1) throw new CtbunError("unable to signal container setup");
}
