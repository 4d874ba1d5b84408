// Checkpoint archives in podman's layout (`podman container checkpoint --export`), so a
// checkpoint can be moved as one file and read by checkpointctl:
//
//   checkpoint/        CRIU's images, descriptors.json, ctbun.json (a directory entry first:
//                      checkpointctl looks for it)
//   config.dump        {"id","name","runtime":"ctbun","rootfsImageName","createdTime",
//                      "checkpointedTime"} plus ctbun's own facts under "ctbun"
//   spec.dump          the container's config.json at checkpoint time
//   stats-dump         CRIU's dump statistics, when it wrote them
//
// zstd (podman's default), gzip or no compression; readers detect it from the magic bytes. The
// archive is written to a temporary name with mode 0600 (it holds the processes' memory) and
// renamed into place once complete. Reading accepts podman's extra entries (network.status,
// rootfs-diff.tar, ...) but extracts only the ones above, and refuses anything that is not a
// plain file or directory (or checkpoint/parent, CRIU's relative link to a pre-dump).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CtbunError } from "../errors.ts";

export type Compression = "zstd" | "gzip" | "none";
export const COMPRESSIONS: readonly Compression[] = ["gzip", "none", "zstd"];

/** podman's --compress values and its refusal text. */
export function parseCompression(s: string): Compression {
  if ((COMPRESSIONS as readonly string[]).includes(s)) return s as Compression;
  throw new CtbunError(`selected compression algorithm (${JSON.stringify(s)}) not supported. Please select one from: ${COMPRESSIONS.join(", ")}`);
}

/** config.dump: the keys podman writes that checkpointctl reads, and ctbun's own. */
export interface ArchiveConfig {
  id: string;
  name: string;
  runtime: string;
  rootfsImageName: string;
  createdTime: string;
  checkpointedTime: string;
  ctbun?: { version: string; criuVersion: number; bundle: string; rootfs: string };
}

/** The most entries an imported archive may have. */
const MAX_ENTRIES = 1_000_000;

/** The largest metadata file read back from an archive (config.dump, spec.dump). */
export const MAX_METADATA_BYTES = 16 << 20;

const ROOT_FILES = new Set(["config.dump", "spec.dump", "stats-dump"]);

export type EntryVerdict = { extract: true } | { extract: false; skip?: string; error?: string };

/**
 * Whether an archive entry is extracted: checkpoint/ and its plain files, the metadata files
 * (at most MAX_METADATA_BYTES); other top-level entries (podman's network.status,
 * rootfs-diff.tar, volumes/, ...) are skipped by name; links, devices, absolute or escaping
 * names and anything else in checkpoint/ are errors.
 */
export function judgeEntry(rawPath: string, type: string, size: number, linkpath = ""): EntryVerdict {
  const path = rawPath.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  const parts = path.split("/");
  if (path === "" || path === ".") return { extract: false };
  if (rawPath.startsWith("/") || parts.some((p) => p === ".." || p === "")) return { extract: false, error: `${JSON.stringify(rawPath)} is outside of the archive's directory` };
  const top = parts[0]!;
  if (top === "checkpoint") {
    if (type === "Directory") return { extract: true };
    if (type === "File" || type === "OldFile" || type === "ContiguousFile") return { extract: true };
    if (type === "SymbolicLink" && path === "checkpoint/parent" && linkpath === "../pre-checkpoint") return { extract: false, skip: "checkpoint/parent (a pre-dump chain: not restorable from an archive)" };
    return { extract: false, error: `${JSON.stringify(rawPath)}: a ${type} entry is not allowed in a checkpoint archive` };
  }
  if (ROOT_FILES.has(path)) {
    if (type !== "File" && type !== "OldFile" && type !== "ContiguousFile") return { extract: false, error: `${path} is not a regular file` };
    if (path !== "stats-dump" && size > MAX_METADATA_BYTES) return { extract: false, error: `${path} is larger than ${MAX_METADATA_BYTES} bytes` };
    return { extract: true };
  }
  return { extract: false, skip: top };
}

/** Where an export goes: a new temporary file beside `file` (0600, O_EXCL), opened before the dump. */
export interface ExportTarget {
  file: string;
  tmp: string;
  fd: number;
}

/**
 * Open the temporary file the archive is written to, before anything happens to the container:
 * a destination that cannot be written is refused while the container still runs.
 */
export function openExportTarget(file: string): ExportTarget {
  let st;
  try {
    st = statSync(file);
  } catch {}
  if (st?.isDirectory()) throw new CtbunError(`cannot export to ${file}: it is a directory`);
  const tmp = join(dirname(file), `.${basename(file)}.ctbun-${randomTag()}`);
  let fd: number;
  try {
    fd = openSync(tmp, "wx", 0o600);
  } catch (e) {
    throw new CtbunError(`creating checkpoint export file ${JSON.stringify(file)}: ${(e as Error).message}`);
  }
  return { file, tmp, fd };
}

export function dropExportTarget(t: ExportTarget): void {
  try {
    closeSync(t.fd);
  } catch {}
  rmSync(t.tmp, { force: true });
}

/**
 * Write `staging` (checkpoint/, config.dump, spec.dump, stats-dump) through the target's fd,
 * fsync it and rename it into place: the images are deleted afterwards, so the archive must be on
 * disk first. Compression is done here with 1 MiB chunks (node-tar's own uses 16 KiB ones).
 */
export async function writeArchive(target: ExportTarget, staging: string, compression: Compression): Promise<void> {
  const tar = await import("tar");
  const zlib = await import("node:zlib");
  const { createWriteStream, fsyncSync } = await import("node:fs");
  const entries = ["checkpoint", ...["config.dump", "spec.dump", "stats-dump"].filter((f) => existsSync(join(staging, f)))];
  try {
    const pack = tar.create(
      {
        cwd: staging,
        portable: true,
        // CRIU's logs stay out (podman's archives have none); stats-dump goes at the top
        filter: (p: string) => !/^checkpoint\/(.*\.log|stats-(dump|restore))$/.test(p),
      },
      entries,
    ) as unknown as NodeJS.ReadableStream;
    const chunk = { chunkSize: 1 << 20 };
    const compress = compression === "zstd" ? zlib.createZstdCompress(chunk) : compression === "gzip" ? zlib.createGzip(chunk) : undefined;
    const out = createWriteStream("", { fd: target.fd, autoClose: false });
    await new Promise<void>((resolve, reject) => {
      pack.on("error", reject);
      compress?.on("error", reject);
      out.on("error", reject);
      out.on("finish", () => resolve());
      if (compress) pack.pipe(compress).pipe(out);
      else pack.pipe(out);
    });
    fsyncSync(target.fd);
    closeSync(target.fd);
    renameSync(target.tmp, target.file);
    // the rename on disk too, before the caller deletes the images
    const dirFd = openSync(dirname(target.file), "r");
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch (e) {
    dropExportTarget(target);
    throw e;
  }
}

export interface ExtractedArchive {
  config: ArchiveConfig;
  /** top-level entries that were not applied (podman's network.status, rootfs-diff.tar, ...) */
  skipped: string[];
}

/** Read an archive into `dest` (an empty directory): the checkpoint and metadata entries only. */
export async function extractArchive(file: string, dest: string): Promise<ExtractedArchive> {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new CtbunError(`failed to open checkpoint archive ${file} for import: no such file or directory`);
  }
  // (a FIFO or a device such as /dev/zero would be read for ever)
  if (!st.isFile()) throw new CtbunError(`failed to open checkpoint archive ${file} for import: not a regular file`);
  const tar = await import("tar");
  const skipped = new Set<string>();
  let refused: string | undefined;
  // what may be written: the destination's free space less a reserve, and a number of entries
  const fs = statfsSync(dest);
  const room = Math.max(0, fs.bavail * fs.bsize - (256 << 20));
  let total = 0;
  let count = 0;
  try {
    const unpack = tar.extract({
      cwd: dest,
      strict: true,
      preservePaths: false,
      preserveOwner: false,
      filter: (p, entry) => {
        const e = entry as { type?: string; size?: number; linkpath?: string };
        const v = judgeEntry(p, e.type ?? "File", e.size ?? 0, e.linkpath ?? "");
        if (v.extract) {
          total += e.size ?? 0;
          if (++count > MAX_ENTRIES) refused ??= `more than ${MAX_ENTRIES} entries`;
          else if (total > room) refused ??= `it does not fit in ${dest} (${room} bytes free beyond a 256 MiB reserve)`;
          else return true;
        } else {
          if (v.error) refused ??= v.error;
          if (v.skip) skipped.add(v.skip);
        }
        // stop at the first refusal: nothing more is written
        if (refused) queueMicrotask(() => (unpack as unknown as { abort(e: Error): void }).abort(new Error(refused)));
        return false;
      },
    });
    await feed(file, unpack);
  } catch (e) {
    if (refused) throw new CtbunError(`unpacking of checkpoint archive ${file} failed: ${refused}`);
    throw new CtbunError(`unpacking of checkpoint archive ${file} failed: ${(e as Error).message}`);
  }
  if (refused) throw new CtbunError(`unpacking of checkpoint archive ${file} failed: ${refused}`);
  if (!existsSync(join(dest, "checkpoint", "inventory.img")))
    throw new CtbunError(`a complete checkpoint cannot be found in ${file}: it has no checkpoint/inventory.img`);
  const config = readJsonFile<ArchiveConfig>(join(dest, "config.dump"), file);
  if (config.runtime !== "ctbun")
    throw new CtbunError(`checkpoint archive ${file} was created with runtime '${config.runtime ?? ""}' and cannot be restored with runtime 'ctbun'`);
  return { config, skipped: [...skipped] };
}

/**
 * Stream an archive's tar bytes into a node-tar parser (extract or list). Compressed archives
 * are decompressed here with 1 MiB output chunks: node-tar's own decompressor uses 16 KiB ones,
 * which makes a zstd import of 256 MiB of memory pages about three times slower.
 */
export async function feed(file: string, sink: NodeJS.WritableStream & { on(ev: string, f: (...a: any[]) => void): unknown }): Promise<void> {
  const { createReadStream, openSync: open, readSync, closeSync: close } = await import("node:fs");
  const zlib = await import("node:zlib");
  const head = Buffer.alloc(4);
  const fd = open(file, "r");
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    close(fd);
  }
  const chunk = { chunkSize: 1 << 20 };
  const decompress =
    head[0] === 0x1f && head[1] === 0x8b
      ? zlib.createGunzip(chunk)
      : head.equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))
        ? zlib.createZstdDecompress(chunk)
        : undefined;
  // a tar ends with two zero blocks; zstd streams cut short are not reported by the decompressor
  // and node-tar accepts a missing end, so the last 1 KiB of tar bytes is checked here
  let tail: Buffer = Buffer.alloc(0);
  await new Promise<void>((resolve, reject) => {
    const src = createReadStream(file, { highWaterMark: 1 << 20 });
    const tarBytes = decompress ?? src;
    tarBytes.on("data", (c: Buffer) => {
      tail = Buffer.from(c.length >= 1024 ? c.subarray(c.length - 1024) : Buffer.concat([tail, c]).subarray(-1024));
    });
    src.on("error", reject);
    decompress?.on("error", reject);
    sink.on("error", reject);
    sink.on("close", () => resolve());
    if (decompress) src.pipe(decompress).pipe(sink);
    else src.pipe(sink);
  });
  if (tail.length < 1024 || tail.some((b) => b !== 0)) throw new Error("the archive is truncated (no end-of-archive blocks)");
}

function readJsonFile<T>(path: string, archive: string): T {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CtbunError(`checkpoint archive ${archive} has no ${basename(path)}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new CtbunError(`failed to unmarshal ${basename(path)} of ${archive}: ${(e as Error).message}`);
  }
}

/** The metadata files beside checkpoint/ in a staging directory. */
export function writeMetadata(staging: string, config: ArchiveConfig, spec: unknown, statsDump?: string): void {
  writeFileSync(join(staging, "config.dump"), JSON.stringify(config, null, 2), { mode: 0o600 });
  writeFileSync(join(staging, "spec.dump"), JSON.stringify(spec, null, 2), { mode: 0o600 });
  if (statsDump && existsSync(statsDump)) writeFileSync(join(staging, "stats-dump"), readFileSync(statsDump), { mode: 0o600 });
}

function randomTag(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString("base64url");
}

/**
 * Where an export may stage its images: beside the archive, unless others could rename things
 * in that directory (group/other-writable without the sticky bit): then TMPDIR or /var/tmp.
 */
export function stagingParent(dir: string): string {
  try {
    const st = statSync(dir);
    if ((st.mode & 0o022) === 0 || (st.mode & 0o1000) !== 0) return dir;
  } catch {
    return dir; // makeStaging reports it
  }
  return process.env.TMPDIR || "/var/tmp";
}

/** A private staging directory in `parent` (made 0700, an unguessable name). */
export function makeStaging(parent: string, prefix: string): string {
  mkdirSync(parent, { recursive: true });
  for (let i = 0; ; i++) {
    const dir = join(parent, `${prefix}${randomTag()}`);
    try {
      mkdirSync(dir, { mode: 0o700 });
      return dir;
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST" || i > 100) throw e;
    }
  }
}
