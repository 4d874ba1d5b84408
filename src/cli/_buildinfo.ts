// Build-time facts, imported `with { type: "macro" }`: Bun runs these functions while bundling
// and inlines their results, so the compiled binary carries the commit it was built from
// without spawning git at run time (and build.ts needs no extra step).

/** The git commit of the source tree (with "-dirty" when it has local changes), or "unknown". */
export function gitCommit(): string {
  try {
    const dir = import.meta.dir;
    const rev = Bun.spawnSync(["git", "-C", dir, "rev-parse", "--short=12", "HEAD"], { stderr: "ignore" });
    if (rev.exitCode !== 0) return "unknown";
    const sha = rev.stdout.toString().trim();
    const status = Bun.spawnSync(["git", "-C", dir, "status", "--porcelain", "--untracked-files=no"], { stderr: "ignore" });
    const dirty = status.exitCode === 0 && status.stdout.toString().trim() !== "";
    return sha === "" ? "unknown" : `${sha}${dirty ? "-dirty" : ""}`;
  } catch {
    return "unknown";
  }
}
