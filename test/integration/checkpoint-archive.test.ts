// Checkpoint archives (checkpoint --export, restore --import, inspect) through ./ctbun with the
// real CRIU: podman's layout, restore under a new name, each compression, and every refusal.
import { expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkpointFixtures, count, expectNoTrace, status, waitCount } from "../_checkpoint.ts";
import { makeBundle, runCtbun } from "../_harness.ts";

const { dirs, tmpDir, startCounter, newId, suite } = checkpointFixtures("checkpoint-archive.test.ts");

/** Entry names of an archive, in order, as GNU tar lists them. */
function tarList(file: string): string[] {
  const r = Bun.spawnSync(["tar", "-tf", file], { stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`tar -tf ${file}: ${r.stderr}`);
  return r.stdout.toString().trim().split("\n");
}

function tarRead(file: string, entry: string): string {
  return Bun.spawnSync(["tar", "-xOf", file, entry]).stdout.toString();
}

/** ctbun's staging directories (export beside the archive, import under TMPDIR) are gone. */
function expectNoStaging(dir: string, tmp: string): void {
  expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
  expect(readdirSync(tmp).filter((f) => f.startsWith("ctbun-import-"))).toEqual([]);
}

suite("checkpoint archives", () => {
  test("--export writes podman's layout (0600); inspect reads it; --import restores it under a new name", async () => {
    const { id, bundle, data } = await startCounter("ar");
    const out = tmpDir("out");
    const tmp = tmpDir("tmp");
    const file = join(out, "ck.tar.zst");
    const ck = runCtbun(["checkpoint", "--export", file, id]);
    expect(ck.stderr).toBe("");
    expect(ck.code).toBe(0);
    expect(status(id)).toBeUndefined(); // gone, as after any checkpoint
    const at = count(data);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect([...readFileSync(file).subarray(0, 4)]).toEqual([0x28, 0xb5, 0x2f, 0xfd]); // zstd
    const names = tarList(file);
    expect(names[0]).toBe("checkpoint/"); // a directory entry: checkpointctl looks for it
    for (const f of ["checkpoint/inventory.img", "checkpoint/pstree.img", "checkpoint/descriptors.json", "config.dump", "spec.dump", "stats-dump"]) expect(names).toContain(f);
    expect(names.filter((n) => n.endsWith(".log"))).toEqual([]);
    const config = JSON.parse(tarRead(file, "config.dump"));
    expect(config).toMatchObject({ id, name: id, runtime: "ctbun" });
    expect(Date.parse(config.checkpointedTime)).toBeGreaterThanOrEqual(Date.parse(config.createdTime));
    expect(JSON.parse(tarRead(file, "spec.dump")).process.args).toEqual(JSON.parse(readFileSync(join(bundle, "config.json"), "utf8")).process.args);
    expectNoStaging(out, tmp);

    const ins = runCtbun(["inspect", "--format", "json", file]);
    expect(ins.stderr).toBe("");
    const [info] = JSON.parse(ins.stdout);
    expect(info).toMatchObject({ id, container_name: id, runtime: "ctbun", engine: "ctbun" });
    expect(info.process_tree.command).toBe("sh");
    expect(info.process_tree.pid).toBe(1);
    expect(info.statistics.pages_written).toBeGreaterThan(0);
    expect(info.checkpoint_size.memory_pages_size).toBeGreaterThan(0);
    expect(info.checkpoint_size.total_size).toBeGreaterThan(info.checkpoint_size.memory_pages_size);
    const tree = runCtbun(["inspect", file]);
    expect(tree.stdout).toContain(`Displaying container checkpoint tree view from ${file}`);
    expect(tree.stdout).toContain("└── [1]  sh");
    expect(tree.stdout).toContain("CRIU dump statistics");

    const id2 = newId("ar-new");
    const r = runCtbun(["restore", "-d", "--import", file, "-b", bundle, id2], { env: { TMPDIR: tmp } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(status(id2)).toBe("running");
    // continues from the checkpointed value
    expect(await waitCount(data, at + 3)).toBeGreaterThanOrEqual(at + 3);
    expect(count(data)).toBeLessThan(at + 100);
    expectNoStaging(out, tmp);
    expect(runCtbun(["delete", "--force", id2]).code).toBe(0);
    expectNoTrace(id2);
  });

  test("gzip and uncompressed archives; --leave-running keeps the container; an image directory inspects too", async () => {
    const { id, bundle, data } = await startCounter("arz");
    const out = tmpDir("out");
    for (const [c, magic] of [
      ["gzip", [0x1f, 0x8b]],
      ["none", null],
    ] as const) {
      const file = join(out, `ck-${c}.tar`);
      const ck = runCtbun(["checkpoint", "--leave-running", "--export", file, "--compress", c, id]);
      expect(ck.stderr).toBe("");
      expect(ck.code).toBe(0);
      expect(status(id)).toBe("running");
      const head = [...readFileSync(file).subarray(0, 2)];
      if (magic) expect(head).toEqual([...magic]);
      else expect(readFileSync(file).subarray(257, 262).toString()).toBe("ustar");
      expect(tarList(file)).toContain("checkpoint/inventory.img");
    }
    const before = count(data);
    expect(await waitCount(data, before + 2)).toBeGreaterThanOrEqual(before + 2); // still counting
    // the gzip one restores (after the original is gone)
    expect(runCtbun(["delete", "--force", id]).code).toBe(0);
    const r = runCtbun(["restore", "-d", "--import", join(out, "ck-gzip.tar"), "-b", bundle, id]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(status(id)).toBe("running");

    const images = tmpDir("img");
    expect(runCtbun(["checkpoint", "--leave-running", "--image-path", images, id]).code).toBe(0);
    const [info] = JSON.parse(runCtbun(["inspect", "--format", "json", images]).stdout);
    expect(info).toMatchObject({ id, container_name: id, runtime: "ctbun" }); // from ctbun.json
    expect(info.command[0]).toBe("sh");
    expect(info.process_tree.command).toBe("sh");
    expect(info.statistics.frozen_time).toBeGreaterThan(0);
  });

  test("bad flags are refused before anything happens, the container keeps running", async () => {
    const { id } = await startCounter("arbad");
    const out = tmpDir("out");
    const file = join(out, "x.tar");
    const cases: [string[], string][] = [
      [["--export", file, "--compress", "lz4"], 'lz4\\") not supported. Please select one from: gzip, none, zstd'],
      [["--compress", "gzip"], "--compress can only be used with --export"],
      [["--export", file, "--image-path", join(out, "img")], "--export cannot be used with --image-path"],
      [["--export", file, "--pre-dump"], "--export cannot be used with --pre-dump, --lazy-pages or --page-server"],
    ];
    for (const [flags, text] of cases) {
      const r = runCtbun(["checkpoint", ...flags, id]);
      expect({ flags, code: r.code }).toEqual({ flags, code: 1 });
      expect(r.stderr).toContain(text);
      expect(status(id)).toBe("running");
    }
    expect(readdirSync(out)).toEqual([]);
    // destinations that cannot be written: refused before CRIU runs, the container keeps running
    for (const [dest, text] of [
      ["/proc/ctbun-no/x.tar", "creating checkpoint export file"],
      [out, "it is a directory"],
    ]) {
      const r = runCtbun(["checkpoint", "--export", dest!, id]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(text!);
      expect(status(id)).toBe("running");
    }
    expect(readdirSync(out)).toEqual([]);
  });

  test("bad archives: each a clear error, nothing restored, nothing left behind", async () => {
    const { id, bundle } = await startCounter("arimp");
    const out = tmpDir("out");
    const tmp = tmpDir("tmp");
    const good = join(out, "good.tar");
    expect(runCtbun(["checkpoint", "--leave-running", "--export", good, "--compress", "none", id]).code).toBe(0);

    // hand-made archives with GNU tar
    const make = (name: string, setup: (dir: string) => void, extra: string[] = []): string => {
      const dir = join(out, `src-${name}`);
      mkdirSync(dir);
      setup(dir);
      const f = join(out, `${name}.tar`);
      const r = Bun.spawnSync(["tar", "-cf", f, "-C", dir, ...extra, ...readdirSync(dir)], { stderr: "pipe" });
      if (r.exitCode !== 0) throw new Error(`tar: ${r.stderr}`);
      return f;
    };
    const unpackGood = (dir: string) => Bun.spawnSync(["tar", "-xf", good, "-C", dir]);
    const noInventory = make("noinv", (d) => {
      unpackGood(d);
      Bun.spawnSync(["rm", join(d, "checkpoint", "inventory.img")]);
    });
    const runc = make("runc", (d) => {
      unpackGood(d);
      const c = JSON.parse(readFileSync(join(d, "config.dump"), "utf8"));
      writeFileSync(join(d, "config.dump"), JSON.stringify({ ...c, runtime: "runc" }));
    });
    const escape = join(out, "escape.tar");
    {
      const d = join(out, "src-escape");
      mkdirSync(join(d, "a"), { recursive: true });
      unpackGood(join(d, "a"));
      writeFileSync(join(d, "evil"), "x");
      // an entry named ../evil next to the good ones
      Bun.spawnSync(["tar", "-P", "-cf", escape, "-C", join(d, "a"), "checkpoint", "config.dump", "spec.dump", "-C", d, "--transform", "s,^evil$,../evil,", "evil"]);
      expect(tarList(escape)).toContain("../evil");
    }
    // ctbun.json steers file creation on restore: a tree entry that climbs out must not reach the host
    const victim = join(out, "victim");
    writeFileSync(victim, "secret");
    const evilNotes = make("notes", (d) => {
      unpackGood(d);
      const notesFile = join(d, "checkpoint", "ctbun.json");
      const n = JSON.parse(readFileSync(notesFile, "utf8"));
      expect(n.tmpfs.length).toBeGreaterThan(0);
      n.tmpfs[0].entries.push({ p: `../../../../../../../..${victim}`, t: "f", mode: 0o777, uid: 65534, gid: 65534 });
      writeFileSync(notesFile, JSON.stringify(n));
    });
    // a zstd archive cut short at an entry boundary: its decompressor does not notice
    const zst = join(out, "good.tar.zst");
    expect(runCtbun(["checkpoint", "--leave-running", "--export", zst, id]).code).toBe(0);
    const whole = Buffer.from(Bun.zstdDecompressSync(readFileSync(zst)));
    // walk the tar headers to the start of the last entry, and end the archive there
    const starts: number[] = [];
    for (let off = 0; off + 512 <= whole.length && whole.subarray(off, off + 512).some((b) => b !== 0); ) {
      starts.push(off);
      const size = parseInt(whole.toString("latin1", off + 124, off + 136).replace(/\0.*$/, "").trim() || "0", 8);
      off += 512 + Math.ceil(size / 512) * 512;
    }
    expect(starts.length).toBeGreaterThan(5);
    const truncated = join(out, "cut.tar.zst");
    writeFileSync(truncated, Bun.zstdCompressSync(whole.subarray(0, starts[starts.length - 1])));
    const notTar = join(out, "plain.tar");
    writeFileSync(notTar, "this is not a tar archive at all, just text ".repeat(40));

    const cases: [string, string][] = [
      [join(out, "missing.tar"), "no such file or directory"],
      ["/dev/zero", "not a regular file"],
      [notTar, "unpacking of checkpoint archive"],
      [noInventory, "a complete checkpoint cannot be found"],
      [runc, "was created with runtime 'runc' and cannot be restored with runtime 'ctbun'"],
      [escape, "is outside of the archive's directory"],
      [evilNotes, "the checkpoint's ctbun.json cannot be used"],
      [truncated, "the archive is truncated"],
    ];
    for (const [file, text] of cases) {
      const id2 = newId("arx");
      const r = runCtbun(["restore", "-d", "--import", file, "-b", bundle, id2], { env: { TMPDIR: tmp } });
      expect({ file, code: r.code }).toEqual({ file, code: 1 });
      expect(r.stderr).toContain(text);
      expectNoTrace(id2);
      expect(readdirSync(tmp)).toEqual([]);
    }
    expect(existsSync(join(out, "..", "evil"))).toBe(false);
    expect(readFileSync(victim, "utf8")).toBe("secret");
    expect(statSync(victim).uid).toBe(0);
    // a bundle that gives fewer capabilities than the archive's processes hold
    const narrow = JSON.parse(readFileSync(join(bundle, "config.json"), "utf8"));
    for (const k of Object.keys(narrow.process.capabilities)) narrow.process.capabilities[k] = narrow.process.capabilities[k].filter((c: string) => c !== "CAP_KILL");
    const narrowBundle = makeBundle(narrow);
    dirs.push(narrowBundle);
    const idn = newId("arcap");
    const capped = runCtbun(["restore", "-d", "--import", good, "-b", narrowBundle, idn], { env: { TMPDIR: tmp } });
    expect(capped.code).toBe(1);
    expect(capped.stderr).toContain("would get bounding capabilities config.json does not give: CAP_KILL");
    expectNoTrace(idn);
    expect(readdirSync(tmp)).toEqual([]);
    // onto an existing id: refused before unpacking; the running container is untouched
    const r = runCtbun(["restore", "-d", "--import", good, "-b", bundle, id], { env: { TMPDIR: tmp } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("container with given ID already exists");
    expect(status(id)).toBe("running");
    // --import with --image-path
    const both = runCtbun(["restore", "-d", "--import", good, "--image-path", out, "-b", bundle, newId("arx")]);
    expect(both.stderr).toContain("--import cannot be used with --image-path");
  });
});
