// Container state on disk: <root>/<id>/state.json (atomic: tmp + rename), its status derived
// from facts (pid + start time, exec.fifo, freezer), and runc's `state`/`list` JSON.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ContainerNotExistError, CtbunError } from "../errors.ts";
import { isAlive } from "../linux/proc.ts";
import type { Spec, Status } from "../spec/types.ts";
import { validateId } from "../spec/id.ts";
import { cgroupOf } from "./cgroup.ts";

export const EXEC_FIFO = "exec.fifo";
export const STATE_FILE = "state.json";

export interface SavedState {
  id: string;
  /** Host pid of the container init (0 once stopped and cleaned). */
  pid: number;
  /** /proc/<pid>/stat start time of the init: a recycled pid is never the container. */
  initStart: number;
  bundle: string;
  rootfs: string;
  created: string;
  ociVersion: string;
  annotations?: Record<string, string>;
  owner?: string;
  config: Spec;
  /** Opaque cgroup manager state (src/cgroups). */
  cgroup?: unknown;
  /** ctbun-specific: set after `restore`, the image dir it came from. */
  restoredFrom?: string;
  /** ctbun-specific: the container has a user namespace and its maps. */
  rootless?: boolean;
}

export function stateDir(root: string, id: string): string {
  return join(root, id);
}

export function readSavedState(root: string, id: string): SavedState {
  validateId(id);
  let text: string;
  try {
    text = readFileSync(join(stateDir(root, id), STATE_FILE), "utf8");
  } catch (e: any) {
    if (e?.code === "ENOENT" || e?.code === "ENOTDIR") throw new ContainerNotExistError();
    throw new CtbunError(`unable to read state of container ${id}`, { cause: e });
  }
  try {
    return JSON.parse(text) as SavedState;
  } catch (e) {
    throw new CtbunError(`corrupt state file for container ${id}`, { cause: e });
  }
}

/**
 * Write-then-rename, so a reader sees the old or the new file, never half of one. No fsync (as
 * runc): the state root lives in /run and means nothing after a crash or reboot, and on a root
 * that is not tmpfs an fsync costs milliseconds on every create and restore.
 */
export function writeSavedState(root: string, s: SavedState): void {
  const dir = stateDir(root, s.id);
  const tmp = join(dir, `.${STATE_FILE}.${process.pid}`);
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, JSON.stringify(s));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, STATE_FILE));
}

export function statusOf(root: string, s: SavedState): Status {
  if (!isAlive(s.pid, s.initStart)) return "stopped";
  if (existsSync(join(stateDir(root, s.id), EXEC_FIFO))) return "created";
  if (cgroupOf(s)?.freezerState() === "FROZEN") return "paused";
  return "running";
}

function ownerOf(root: string, id: string): string {
  try {
    const uid = statSync(stateDir(root, id)).uid;
    if (uid === 0) return "root";
    const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.split(":")[2] === String(uid));
    return line ? line.split(":")[0]! : `#${uid}`;
  } catch {
    return "";
  }
}

interface OciStateJson {
  ociVersion: string;
  id: string;
  pid: number;
  status: Status;
  bundle: string;
  rootfs: string;
  created: string;
  annotations?: Record<string, string>;
  owner: string;
}

function toJson(root: string, s: SavedState, owner: string): OciStateJson {
  const status = statusOf(root, s);
  const out: OciStateJson = {
    ociVersion: s.ociVersion,
    id: s.id,
    pid: status === "stopped" ? 0 : s.pid,
    status,
    bundle: s.bundle,
    rootfs: s.rootfs,
    created: s.created,
    owner,
  };
  if (s.annotations && Object.keys(s.annotations).length) {
    // keep runc's key order: annotations before owner
    const { owner: o, ...rest } = out;
    return { ...rest, annotations: s.annotations, owner: o };
  }
  return out;
}

/** `ctbun state <id>`: runc's JSON, 2-space indent, no trailing newline. */
export function stateJson(root: string, id: string): string {
  return JSON.stringify(toJson(root, readSavedState(root, id), ""), null, 2);
}

/** `ctbun list --format json` objects, or null when there are none (runc prints `null`). */
export function listJson(root: string): OciStateJson[] | null {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch (e: any) {
    if (e?.code === "ENOENT") return null;
    throw e;
  }
  const out: OciStateJson[] = [];
  for (const id of names.sort()) {
    let s: SavedState;
    try {
      s = readSavedState(root, id);
    } catch {
      continue; // half-created or foreign entries are not containers
    }
    out.push(toJson(root, s, ownerOf(root, id)));
  }
  return out.length ? out : null;
}

/** RFC3339 with nanoseconds, trailing zeros trimmed (Go's RFC3339Nano). */
export function nowRfc3339Nano(): string {
  const ms = Date.now();
  const ns = Number(process.hrtime.bigint() % 1000000n);
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.123Z
  let frac = iso.slice(20, 23) + String(ns).padStart(6, "0");
  frac = frac.replace(/0+$/, "");
  return iso.slice(0, 19) + (frac ? "." + frac : "") + "Z";
}

export function ensureRoot(root: string): void {
  mkdirSync(root, { recursive: true, mode: 0o711 });
}
