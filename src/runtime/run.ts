// `ctbun run`: create + start; in the foreground, forward signals, pump the pty, wait for the
// init and exit with its status (128+signal when it was killed), then delete the container.
import { libc } from "../linux/libc.ts";
import { waitPidAsync } from "../linux/shim.ts";
import { trace } from "../log.ts";
import { createContainer } from "./create.ts";
import { remove } from "./delete.ts";
import { superviseForeground } from "./foreground.ts";
import type { RunOptions } from "./options.ts";
import { start } from "./start.ts";

export { exitCodeFromWait } from "./foreground.ts";

const PR_SET_CHILD_SUBREAPER = 36;

export async function run(opts: RunOptions): Promise<number> {
  if (opts.detach) {
    const c = await createContainer(opts, { keepConsole: false });
    if (c.consoleMaster !== undefined) libc.symbols.close(c.consoleMaster);
    await start(opts.root, opts.id);
    return 0;
  }
  // the init is a grandchild: as subreaper we can wait for it
  if (!opts.noSubreaper) libc.symbols.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  const created = await createContainer(opts, { keepConsole: true });
  const pid = created.state.pid;
  const code = await superviseForeground({
    pid,
    master: created.consoleMaster,
    waited: waitPidAsync(pid),
    begin: async () => {
      await start(opts.root, opts.id);
      trace("run: started");
    },
  });
  trace("run: exited");
  if (!opts.keep) await remove(opts.root, opts.id, true);
  trace("run: deleted");
  return code;
}
