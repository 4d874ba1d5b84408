// ctbun checkpoint [options] <container-id>: dump a running container with CRIU.
// runc's flags, plus --tcp-close, --network-lock and --print-stats (crun/podman have them), and
// podman's --export/--compress (one archive file instead of an image directory).

import type { CheckpointOptions } from "../criu/options.ts";
import { log } from "../log.ts";
import { checkArgs, defineCommand } from "./_command.ts";
import { absPath, CRIU_PATH, EMPTY_NS, MANAGE_CGROUPS_MODE } from "./_common.ts";
import type { FlagSpec, ParsedFlags } from "./_flags.ts";

const b = (name: string, usage: string): FlagSpec => ({ name, type: "bool", usage });

// shared with restore
export const IMAGE_PATH: FlagSpec = { name: "image-path", type: "string", usage: "directory for the checkpoint images (default: ./checkpoint)" };
export const WORK_PATH: FlagSpec = { name: "work-path", type: "string", usage: "directory for CRIU's logs and work files" };
export const TCP_ESTABLISHED = b("tcp-established", "checkpoint and restore established TCP connections");
export const EXT_UNIX_SK = b("ext-unix-sk", "accept unix sockets whose peer is outside the container");
export const SHELL_JOB = b("shell-job", "accept a process attached to the caller's terminal session");
export const FILE_LOCKS = b("file-locks", "checkpoint and restore file locks");
export const LAZY_PAGES = b("lazy-pages", "restore memory on demand through userfaultfd and a page server");
export const AUTO_DEDUP = b("auto-dedup", "punch holes in parent images as pages are copied (deduplication)");
export const TCP_CLOSE = b("tcp-close", "close (do not restore) established TCP connections");
export const NETWORK_LOCK: FlagSpec = {
  name: "network-lock",
  type: "string",
  usage: "how CRIU blocks the network while it works: iptables, nftables or skip",
};
export const PRINT_STATS = b("print-stats", "print CRIU's statistics (times, page counts) as JSON on stdout when done");

/** The image directory: --image-path made absolute, ./checkpoint when not given. */
export function imagePath(f: ParsedFlags): string {
  return absPath(f.optString("image-path")) ?? absPath("checkpoint") ?? "checkpoint";
}

/** runc warns that checkpointing rootless containers is untested; so do we. */
export function warnIfRootless(cmd: string): void {
  if (process.geteuid?.() !== 0) log.warn(`${cmd} is untested with rootless containers`);
}

export function warnCriuFlag(f: ParsedFlags): string | undefined {
  const p = f.optString("criu");
  if (p !== undefined) log.warn("--criu is deprecated: ctbun runs criu from $PATH");
  return p;
}

export default defineCommand({
  name: "checkpoint",
  summary: "save a running container's processes to disk with CRIU",
  argsUsage: "<container-id>",
  description:
    "Saves the state of a running container's processes with CRIU into --image-path.\n" +
    "Unless --leave-running or --pre-dump is given, the container is gone afterwards.",
  flags: [
    IMAGE_PATH,
    WORK_PATH,
    { name: "parent-path", type: "string", usage: "path of the previous (pre-)dump, relative to --image-path" },
    b("leave-running", "keep the container running after the dump"),
    TCP_ESTABLISHED,
    b("tcp-skip-in-flight", "ignore TCP connections that are still being set up"),
    TCP_CLOSE,
    b("link-remap", "let CRIU relink deleted files that are still open so they can be dumped"),
    EXT_UNIX_SK,
    SHELL_JOB,
    LAZY_PAGES,
    { name: "status-fd", type: "int", default: -1, usage: "with --lazy-pages: write \\0 to this fd once the page server is ready" },
    { name: "page-server", type: "string", usage: "send memory pages to the CRIU page server at ADDRESS:PORT" },
    FILE_LOCKS,
    b("pre-dump", "dump only the memory, leave the container running (for iterative migration)"),
    MANAGE_CGROUPS_MODE,
    EMPTY_NS,
    AUTO_DEDUP,
    NETWORK_LOCK,
    PRINT_STATS,
    { name: "export", alias: ["e"], type: "string", usage: "write the checkpoint to one archive FILE (podman's layout) instead of --image-path" },
    { name: "compress", alias: ["c"], type: "string", default: "zstd", usage: "compression of the --export archive: zstd, gzip or none" },
    CRIU_PATH,
  ],
  async run({ globals, flags, args }) {
    checkArgs("checkpoint", args, 1);
    warnIfRootless("checkpoint");
    const opts: CheckpointOptions = {
      root: globals.root,
      id: args[0] as string,
      imagePath: imagePath(flags),
      workPath: absPath(flags.optString("work-path")),
      parentPath: flags.optString("parent-path"),
      leaveRunning: flags.bool("leave-running"),
      tcpEstablished: flags.bool("tcp-established"),
      tcpSkipInFlight: flags.bool("tcp-skip-in-flight"),
      tcpClose: flags.bool("tcp-close"),
      linkRemap: flags.bool("link-remap"),
      extUnixSk: flags.bool("ext-unix-sk"),
      shellJob: flags.bool("shell-job"),
      lazyPages: flags.bool("lazy-pages"),
      statusFd: flags.number("status-fd"),
      pageServer: flags.optString("page-server"),
      fileLocks: flags.bool("file-locks"),
      preDump: flags.bool("pre-dump"),
      manageCgroupsMode: flags.string("manage-cgroups-mode"),
      emptyNs: flags.strings("empty-ns"),
      autoDedup: flags.bool("auto-dedup"),
      networkLock: flags.optString("network-lock"),
      printStats: flags.bool("print-stats"),
      criuPath: warnCriuFlag(flags),
      exportFile: absPath(flags.optString("export")),
      compress: flags.isSet("compress") ? flags.string("compress") : undefined,
      imagePathGiven: flags.isSet("image-path"),
    };
    const { checkpoint } = await import("../runtime/checkpoint.ts");
    await checkpoint(opts);
  },
});
