// ctbun restore [options] <container-id>: bring a checkpointed container back with CRIU.
// Without --detach, ctbun waits and exits with the restored process's status, as `run` does.

import type { RestoreOptions } from "../criu/options.ts";
import { checkArgs, defineCommand } from "./_command.ts";
import { absPath, BUNDLE, bundlePath, CONSOLE_SOCKET, CRIU_PATH, DETACH, EMPTY_NS, MANAGE_CGROUPS_MODE, NO_PIVOT, NO_SUBREAPER, PID_FILE } from "./_common.ts";
import {
  AUTO_DEDUP,
  EXT_UNIX_SK,
  FILE_LOCKS,
  IMAGE_PATH,
  imagePath,
  LAZY_PAGES,
  NETWORK_LOCK,
  PRINT_STATS,
  SHELL_JOB,
  TCP_CLOSE,
  TCP_ESTABLISHED,
  WORK_PATH,
  warnCriuFlag,
  warnIfRootless,
} from "./checkpoint.ts";

export default defineCommand({
  name: "restore",
  summary: "recreate a container from a CRIU checkpoint",
  argsUsage: "<container-id>",
  description:
    "Recreates a container from the images in --image-path (or the archive given with --import)\n" +
    "and the bundle's config.json.\n" +
    "<container-id> is the name of the restored container; it must not exist yet.",
  flags: [
    CONSOLE_SOCKET,
    IMAGE_PATH,
    WORK_PATH,
    TCP_ESTABLISHED,
    TCP_CLOSE,
    EXT_UNIX_SK,
    SHELL_JOB,
    FILE_LOCKS,
    MANAGE_CGROUPS_MODE,
    BUNDLE,
    DETACH,
    PID_FILE,
    NO_SUBREAPER,
    NO_PIVOT,
    EMPTY_NS,
    AUTO_DEDUP,
    LAZY_PAGES,
    { name: "lsm-profile", type: "string", usage: "LSM profile for the restored process, as TYPE:NAME (apparmor:foo, selinux:label)" },
    { name: "lsm-mount-context", type: "string", usage: "SELinux mount context for the restored mounts" },
    NETWORK_LOCK,
    PRINT_STATS,
    { name: "import", alias: ["i"], type: "string", usage: "restore from a checkpoint archive made by checkpoint --export (instead of --image-path); the images run as root: import only archives you trust" },
    CRIU_PATH,
  ],
  async run({ globals, flags, args }) {
    checkArgs("restore", args, 1);
    warnIfRootless("restore");
    const opts: RestoreOptions = {
      root: globals.root,
      id: args[0] as string,
      imagePath: imagePath(flags),
      workPath: absPath(flags.optString("work-path")),
      consoleSocket: absPath(flags.optString("console-socket")),
      bundle: bundlePath(flags.optString("bundle")),
      detach: flags.bool("detach"),
      pidFile: absPath(flags.optString("pid-file")),
      noSubreaper: flags.bool("no-subreaper"),
      noPivot: flags.bool("no-pivot"),
      tcpEstablished: flags.bool("tcp-established"),
      tcpClose: flags.bool("tcp-close"),
      extUnixSk: flags.bool("ext-unix-sk"),
      shellJob: flags.bool("shell-job"),
      fileLocks: flags.bool("file-locks"),
      manageCgroupsMode: flags.string("manage-cgroups-mode"),
      emptyNs: flags.strings("empty-ns"),
      autoDedup: flags.bool("auto-dedup"),
      lazyPages: flags.bool("lazy-pages"),
      lsmProfile: flags.optString("lsm-profile"),
      lsmMountContext: flags.optString("lsm-mount-context"),
      networkLock: flags.optString("network-lock"),
      printStats: flags.bool("print-stats"),
      criuPath: warnCriuFlag(flags),
      importFile: absPath(flags.optString("import")),
      imagePathGiven: flags.isSet("image-path"),
    };
    const { restore } = await import("../runtime/restore.ts");
    process.exitCode = await restore(opts);
  },
});
