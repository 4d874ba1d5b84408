// OCI hooks: each gets the container's state JSON on stdin; a failure or a timeout is an error.
import type { Hook, OciState } from "../spec/types.ts";
import { CtbunError } from "../errors.ts";

export type HookStage = "prestart" | "createRuntime" | "createContainer" | "startContainer" | "poststart" | "poststop";

export function runHooks(stage: HookStage, hooks: Hook[] | undefined, state: OciState): void {
  if (!hooks?.length) return;
  const input = Buffer.from(JSON.stringify(state));
  hooks.forEach((h, i) => {
    const argv = h.args?.length ? h.args : [h.path];
    const r = Bun.spawnSync({
      cmd: [h.path, ...argv.slice(1)],
      argv0: argv[0],
      env: Object.fromEntries((h.env ?? []).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)])),
      stdin: input,
      stdout: "pipe",
      stderr: "pipe",
      timeout: h.timeout ? h.timeout * 1000 : undefined,
      killSignal: "SIGKILL",
    } as any);
    if (r.exitCode === 0) return;
    const what = r.signalCode
      ? h.timeout && r.signalCode === "SIGKILL"
        ? `timeout after ${h.timeout} seconds`
        : `signal: ${r.signalCode}`
      : `exit status ${r.exitCode}`;
    throw new CtbunError(
      `error running ${stage} hook #${i}: ${what}, stdout: ${r.stdout?.toString().trim() ?? ""}, stderr: ${r.stderr?.toString().trim() ?? ""}`,
    );
  });
}
