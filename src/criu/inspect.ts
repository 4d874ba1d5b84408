// What a checkpoint holds, read without CRIU: from an archive (checkpoint --export) or an image
// directory. The JSON keys are checkpointctl's (`checkpointctl inspect --format json`) where it
// has one, so tools reading either work on both.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CtbunError } from "../errors.ts";
import { feed, type ArchiveConfig } from "./archive.ts";
import { CORE_MAGIC, fields, imageEntries, message, reader } from "./image.ts";
import { decodeStatsImage, dumpStatsFrom } from "./stats.ts";

const PSTREE_MAGIC = 0x50273030;

export interface ProcessNode {
  pid: number;
  command: string;
  threads?: number;
  children?: ProcessNode[];
}

export interface CheckpointInfo {
  path: string;
  container_name?: string;
  id?: string;
  runtime?: string;
  created?: string;
  checkpointed?: string;
  engine: string;
  command?: string[];
  checkpoint_size: { total_size: number; memory_pages_size: number };
  statistics?: {
    freezing_time: number;
    frozen_time: number;
    memdump_time: number;
    memwrite_time: number;
    pages_scanned: number;
    pages_written: number;
  };
  process_tree?: ProcessNode;
}

/** pstree.img: pstree_entry { pid = 1; ppid = 2; pgid = 3; sid = 4; repeated threads = 5 } */
export function decodePstree(buf: Uint8Array): { pid: number; ppid: number; threads: number }[] {
  return imageEntries(buf, PSTREE_MAGIC, "pstree.img").map((e) => {
    const t = { pid: 0, ppid: 0, threads: 0 };
    const r = reader(e);
    fields(r, r.len, (f, w) => {
      if (f === 1 && w === 0) t.pid = r.uint32();
      else if (f === 2 && w === 0) t.ppid = r.uint32();
      else if (f === 5 && w === 0) (r.uint32(), t.threads++);
      else if (f === 5 && w === 2) {
        const end = r.uint32() + r.pos;
        while (r.pos < end) (r.uint32(), t.threads++);
      } else return false;
      return true;
    });
    return t;
  });
}

/** core-N.img: core_entry { task_core_entry tc = 3 { string comm = 6 } } */
export function decodeComm(buf: Uint8Array): string {
  const [e] = imageEntries(buf, CORE_MAGIC, "core image");
  let comm = "";
  if (!e) return comm;
  const r = reader(e);
  fields(r, r.len, (f, w) => {
    if (f !== 3 || w !== 2) return false;
    message(r, (g, w2) => {
      if (g !== 6 || w2 !== 2) return false;
      comm = r.string();
      return true;
    });
    return true;
  });
  return comm;
}

/** The files inspect reads, by their path in the archive layout. */
export function wanted(path: string): boolean {
  return ["config.dump", "spec.dump", "stats-dump", "checkpoint/pstree.img", "checkpoint/stats-dump", "checkpoint/ctbun.json"].includes(path) || /^checkpoint\/core-\d+\.img$/.test(path);
}

/** Put the pieces together: `files` holds the wanted files' bytes, `sizes` every image file's size. */
export function describe(path: string, files: Map<string, Uint8Array>, sizes: Map<string, number>): CheckpointInfo {
  if (!files.has("checkpoint/pstree.img") && ![...sizes.keys()].some((k) => k === "checkpoint/inventory.img"))
    throw new CtbunError(`${path} is not a checkpoint: it has no inventory.img`);
  const json = <T>(name: string): T | undefined => {
    const b = files.get(name);
    if (!b) return undefined;
    try {
      return JSON.parse(new TextDecoder().decode(b)) as T;
    } catch (e) {
      throw new CtbunError(`${path}: ${name}: ${(e as Error).message}`);
    }
  };
  // an archive's config.dump and spec.dump, else what ctbun noted in the images (ctbun.json)
  const notes = json<{ container?: { id: string; created: string; checkpointed: string; args?: string[] } }>("checkpoint/ctbun.json")?.container;
  const config: Partial<ArchiveConfig> | undefined =
    json<Partial<ArchiveConfig>>("config.dump") ??
    (notes && { id: notes.id, name: notes.id, runtime: "ctbun", createdTime: notes.created, checkpointedTime: notes.checkpointed });
  const spec = json<{ process?: { args?: string[] }; annotations?: Record<string, string> }>("spec.dump") ?? (notes?.args ? { process: { args: notes.args } } : undefined);
  // who made it: podman and CRI-O mark their specs (checkpointctl's rule); else ours or containerd's
  const manager = spec?.annotations?.["io.container.manager"];
  const engine = manager === "libpod" ? "Podman" : manager === "cri-o" ? "CRI-O" : !config || config.runtime === "ctbun" ? "ctbun" : "containerd";
  let total = 0;
  let pages = 0;
  for (const [k, n] of sizes) {
    if (!k.startsWith("checkpoint/")) continue;
    total += n;
    if (/^checkpoint\/pages-\d+\.img$/.test(k)) pages += n;
  }
  const info: CheckpointInfo = {
    path,
    ...(config?.name ? { container_name: config.name } : {}),
    ...(config?.id ? { id: config.id } : {}),
    ...(config?.runtime ? { runtime: config.runtime } : {}),
    ...(config?.createdTime ? { created: config.createdTime } : {}),
    ...(config?.checkpointedTime ? { checkpointed: config.checkpointedTime } : {}),
    engine,
    ...(Array.isArray(spec?.process?.args) ? { command: spec!.process!.args!.map(String) } : {}),
    checkpoint_size: { total_size: total, memory_pages_size: pages },
  };
  const statsBytes = files.get("stats-dump") ?? files.get("checkpoint/stats-dump");
  if (statsBytes) {
    const s = dumpStatsFrom(decodeStatsImage(statsBytes, "stats-dump"));
    if (s)
      info.statistics = {
        freezing_time: s.freezingTime,
        frozen_time: s.frozenTime,
        memdump_time: s.memdumpTime,
        memwrite_time: s.memwriteTime,
        pages_scanned: s.pagesScanned,
        pages_written: s.pagesWritten,
      };
  }
  const pstree = files.get("checkpoint/pstree.img");
  if (pstree) info.process_tree = processTree(decodePstree(pstree), (pid) => {
    const core = files.get(`checkpoint/core-${pid}.img`);
    return core ? decodeComm(core) : "";
  });
  return info;
}

/** Tasks and depth shown at most: a crafted pstree.img must not blow up the output. */
export const MAX_TASKS = 100_000;
export const MAX_DEPTH = 512;

/**
 * The process tree from pstree.img's records: each pid once (its first record), each with one
 * parent, walked from the root so that repeated pids or cycles in a crafted image cannot turn it
 * into a graph; cut at MAX_TASKS tasks and MAX_DEPTH levels.
 */
export function processTree(tasks: { pid: number; ppid: number; threads: number }[], comm: (pid: number) => string): ProcessNode | undefined {
  const first = new Map<number, { pid: number; ppid: number; threads: number }>();
  for (const t of tasks.slice(0, MAX_TASKS)) if (!first.has(t.pid)) first.set(t.pid, t);
  const kids = new Map<number, number[]>();
  for (const t of first.values()) if (t.ppid !== t.pid && first.has(t.ppid)) (kids.get(t.ppid) ?? kids.set(t.ppid, []).get(t.ppid)!).push(t.pid);
  const root = [...first.values()].find((t) => t.ppid === t.pid || !first.has(t.ppid));
  if (!root) return undefined;
  const node = (t: { pid: number; threads: number }): ProcessNode => ({ pid: t.pid, command: comm(t.pid), ...(t.threads > 1 ? { threads: t.threads } : {}) });
  const top = node(root);
  const seen = new Set([root.pid]);
  const queue: [ProcessNode, number][] = [[top, 0]];
  for (let qi = 0; qi < queue.length; qi++) {
    const [n, depth] = queue[qi]!;
    if (depth >= MAX_DEPTH) continue;
    for (const pid of kids.get(n.pid) ?? []) {
      if (seen.has(pid)) continue;
      seen.add(pid);
      const c = node(first.get(pid)!);
      (n.children ??= []).push(c);
      queue.push([c, depth + 1]);
    }
  }
  return top;
}

/** Inspect an image directory. */
export function inspectDir(dir: string): CheckpointInfo {
  const files = new Map<string, Uint8Array>();
  const sizes = new Map<string, number>();
  // an unpacked archive (checkpoint/ beside config.dump) or the images themselves
  const imgDir = existsSync(join(dir, "checkpoint", "inventory.img")) ? join(dir, "checkpoint") : dir;
  // regular files only (never through a link, never a FIFO), within the same caps as an archive
  let kept = 0;
  const keep = (k: string, path: string, size: number) => {
    const cap = /^checkpoint\/core-/.test(k) ? 1 << 20 : 16 << 20;
    if (size > cap || kept + size > MAX_KEPT) return;
    kept += size;
    files.set(k, readFileSync(path));
  };
  const regular = (path: string) => {
    try {
      const st = lstatSync(path);
      return st.isFile() ? st : undefined;
    } catch {
      return undefined;
    }
  };
  if (imgDir !== dir)
    for (const f of ["config.dump", "spec.dump", "stats-dump"]) {
      const st = regular(join(dir, f));
      if (st) keep(f, join(dir, f), st.size);
    }
  if (!regular(join(imgDir, "inventory.img"))) throw new CtbunError(`${dir} is not a checkpoint: it has no inventory.img`);
  for (const f of readdirSync(imgDir)) {
    const st = regular(join(imgDir, f));
    if (!st) continue;
    const k = `checkpoint/${f}`;
    if (!/\.log$/.test(f) && !/^stats-/.test(f)) sizes.set(k, st.size);
    if (wanted(k)) keep(k, join(imgDir, f), st.size);
  }
  return describe(dir, files, sizes);
}

/** At most this much of an archive is held in memory by inspect. */
const MAX_KEPT = 64 << 20;

/** Inspect an archive: one pass over its entries, keeping only the small files needed. */
export async function inspectArchive(file: string): Promise<CheckpointInfo> {
  const tar = await import("tar");
  const files = new Map<string, Uint8Array>();
  const sizes = new Map<string, number>();
  let kept = 0;
  try {
    const parser = tar.list({
      strict: true,
      onReadEntry: (entry) => {
        const p = entry.path.replace(/^(\.\/)+/, "");
        if (entry.type !== "File" && entry.type !== "OldFile" && entry.type !== "ContiguousFile") return;
        sizes.set(p, entry.size ?? 0);
        // a core image is a few KiB: keep what inspect needs, bounded in all
        const size = entry.size ?? 0;
        const cap = /^checkpoint\/core-/.test(p) ? 1 << 20 : 16 << 20;
        if (!wanted(p) || size > cap || kept + size > MAX_KEPT) return;
        kept += size;
        const chunks: Buffer[] = [];
        entry.on("data", (c: Buffer) => chunks.push(c));
        entry.on("end", () => files.set(p, Buffer.concat(chunks)));
      },
    });
    await feed(file, parser as unknown as Parameters<typeof feed>[1]);
  } catch (e) {
    throw new CtbunError(`reading checkpoint archive ${file} failed: ${(e as Error).message}`);
  }
  if (!sizes.has("checkpoint/inventory.img")) throw new CtbunError(`${file} is not a checkpoint archive: it has no checkpoint/inventory.img`);
  return describe(file, files, sizes);
}

export async function inspect(path: string): Promise<CheckpointInfo> {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CtbunError(`stat ${path}: no such file or directory`);
  }
  if (st.isDirectory()) return inspectDir(path);
  if (!st.isFile()) throw new CtbunError(`${path} is not a regular file or a directory`);
  return inspectArchive(path);
}

// ---------------------------------------------------------------------------------------------
// the text view

/** 1024-based sizes as checkpointctl prints them ("512 B", "18.1 KiB"). */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) (v /= 1024), i++;
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Microseconds: "882 µs", "40.787 ms", "1.2 s". */
export function formatMicros(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${Number((us / 1000).toPrecision(5))} ms`;
  return `${Number((us / 1e6).toPrecision(5))} s`;
}

interface Node {
  text: string;
  children?: Node[];
}

/** Text from the checkpoint shown on a terminal: control characters become "?". */
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");

function renderTree(n: Node, prefix = "", out: string[] = []): string[] {
  const kids = n.children ?? [];
  kids.forEach((c, i) => {
    const last = i === kids.length - 1;
    out.push(`${prefix}${last ? "└── " : "├── "}${printable(c.text)}`);
    renderTree(c, prefix + (last ? "    " : "│   "), out);
  });
  return out;
}

export function treeView(info: CheckpointInfo): string {
  const kids: Node[] = [];
  if (info.id) kids.push({ text: `ID: ${info.id}` });
  if (info.runtime) kids.push({ text: `Runtime: ${info.runtime}` });
  if (info.created) kids.push({ text: `Created: ${info.created}` });
  if (info.checkpointed) kids.push({ text: `Checkpointed: ${info.checkpointed}` });
  kids.push({ text: `Engine: ${info.engine}` });
  if (info.command) kids.push({ text: `Command: ${info.command.join(" ")}` });
  const size: Node = { text: `Checkpoint size: ${formatSize(info.checkpoint_size.total_size)}` };
  if (info.checkpoint_size.memory_pages_size) size.children = [{ text: `Memory pages size: ${formatSize(info.checkpoint_size.memory_pages_size)}` }];
  kids.push(size);
  const s = info.statistics;
  if (s)
    kids.push({
      text: "CRIU dump statistics",
      children: [
        { text: `Freezing time: ${formatMicros(s.freezing_time)}` },
        { text: `Frozen time: ${formatMicros(s.frozen_time)}` },
        { text: `Memdump time: ${formatMicros(s.memdump_time)}` },
        { text: `Memwrite time: ${formatMicros(s.memwrite_time)}` },
        { text: `Pages scanned: ${s.pages_scanned}` },
        { text: `Pages written: ${s.pages_written}` },
      ],
    });
  const proc = (p: ProcessNode): Node => ({ text: `[${p.pid}]  ${p.command}${p.threads ? ` (${p.threads} threads)` : ""}`, children: (p.children ?? []).map(proc) });
  if (info.process_tree) kids.push({ text: "Process tree", children: [proc(info.process_tree)] });
  const title = printable(info.container_name ?? "Container");
  return [`Displaying container checkpoint tree view from ${info.path}`, "", title, ...renderTree({ text: title, children: kids })].join("\n") + "\n";
}
