// ctbun exec [options] <container-id> <command> [args...]
// ctbun exec [options] -p process.json <container-id>
//
// Flags must come before the container id: everything after it is the command, verbatim
// (`exec id sh -c 'ls -l'` keeps its -c). Any failure after argument checking exits 255, like
// runc, so callers can tell "exec did not happen" from the command's own exit status.

import { checkArgs, defineCommand, withContext } from "./_command.ts";
import { absPath, CONSOLE_SOCKET, DETACH, PID_FILE, PIDFD_SOCKET, PRESERVE_FDS } from "./_common.ts";
import { CtbunError } from "../errors.ts";

/** What the runtime's exec() receives; it resolves to the process's exit status. */
export interface ExecOptions {
  root: string;
  id: string;
  /** The command and its arguments (empty when processFile is given). */
  args: string[];
  /** --process: a JSON runtime-spec Process that replaces args/env/cwd/user/... */
  processFile?: string;
  consoleSocket?: string;
  pidfdSocket?: string;
  pidFile?: string;
  cwd?: string;
  /** KEY=value entries added to (or replacing those of) the container's env. */
  env: string[];
  tty: boolean;
  /** "uid[:gid]" */
  user?: string;
  additionalGids: number[];
  detach: boolean;
  processLabel?: string;
  apparmor?: string;
  noNewPrivs: boolean;
  /** Capabilities added to the container's set ("CAP_NET_ADMIN"). */
  caps: string[];
  preserveFds: number;
  /** "path" or "controller:path" sub-cgroups to run in. */
  cgroups: string[];
  ignorePaused: boolean;
}

export default defineCommand({
  name: "exec",
  summary: "run an additional process in a running container",
  argsUsage: "<container-id> <command> [command options]  ||  -p process.json <container-id>",
  description:
    "Runs another process in a running container, e.g. `ctbun exec -t mycontainer sh`.\n" +
    "Options go before <container-id>; what follows it is passed to the command unchanged.",
  reorder: false,
  flags: [
    CONSOLE_SOCKET,
    PIDFD_SOCKET,
    { name: "cwd", type: "string", usage: "working directory of the process, inside the container" },
    { name: "env", alias: ["e"], type: "strings", usage: "set an environment variable (KEY=value); may be repeated" },
    { name: "tty", alias: ["t"], type: "bool", usage: "give the process a terminal (pseudo-TTY)" },
    { name: "user", alias: ["u"], type: "string", usage: "run as UID[:GID] (numbers only)" },
    { name: "additional-gids", alias: ["g"], type: "ints", usage: "an extra group id; may be repeated" },
    { name: "process", alias: ["p"], type: "string", usage: "path to a process.json describing the process to run" },
    DETACH,
    PID_FILE,
    { name: "process-label", type: "string", usage: "SELinux label for the process" },
    { name: "apparmor", type: "string", usage: "AppArmor profile for the process" },
    { name: "no-new-privs", type: "bool", usage: "set no_new_privs for the process" },
    { name: "cap", alias: ["c"], type: "strings", usage: "add a capability (CAP_NAME); may be repeated" },
    PRESERVE_FDS,
    { name: "cgroup", type: "strings", usage: "run in this sub-cgroup: PATH or CONTROLLER[,CONTROLLER]:PATH; may be repeated" },
    { name: "ignore-paused", type: "bool", usage: "run even if the container is paused" },
  ],
  async run({ globals, flags, args }) {
    checkArgs("exec", args, 1, "min");
    try {
      const processFile = absPath(flags.optString("process"));
      const command = args.slice(1);
      if (processFile === undefined && command.length === 0) throw new CtbunError("exec args cannot be empty");
      const opts: ExecOptions = {
        root: globals.root,
        id: args[0] as string,
        args: command,
        processFile,
        consoleSocket: absPath(flags.optString("console-socket")),
        pidfdSocket: absPath(flags.optString("pidfd-socket")),
        pidFile: absPath(flags.optString("pid-file")),
        cwd: flags.optString("cwd"),
        env: flags.strings("env"),
        tty: flags.bool("tty"),
        user: flags.optString("user"),
        additionalGids: flags.numbers("additional-gids"),
        detach: flags.bool("detach"),
        processLabel: flags.optString("process-label"),
        apparmor: flags.optString("apparmor"),
        noNewPrivs: flags.bool("no-new-privs"),
        caps: flags.strings("cap"),
        preserveFds: flags.number("preserve-fds"),
        cgroups: flags.strings("cgroup"),
        ignorePaused: flags.bool("ignore-paused"),
      };
      const { exec } = await import("../runtime/exec.ts");
      process.exitCode = await exec(opts);
    } catch (e) {
      throw withContext("exec failed", e, 255);
    }
  },
});
