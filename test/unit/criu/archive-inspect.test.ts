import { describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { judgeEntry, MAX_METADATA_BYTES, parseCompression } from "../../../src/criu/archive.ts";
import { credsProblem, decodeThreadCreds } from "../../../src/criu/image-check.ts";
import { capNames } from "../../../src/linux/capabilities.ts";
import { imageEntries } from "../../../src/criu/image.ts";
import { decodeComm, decodePstree, describe as describeCheckpoint, inspectDir, formatMicros, formatSize, MAX_DEPTH, processTree, treeView } from "../../../src/criu/inspect.ts";

const fixture = (f: string) => readFileSync(join(import.meta.dir, "fixtures", "busybox-sh-images", f));

describe("archive entries", () => {
  test("checkpoint/ and its files, and the metadata files, are extracted", () => {
    for (const [p, t] of [
      ["checkpoint/", "Directory"],
      ["checkpoint", "Directory"],
      ["./checkpoint/pages-1.img", "File"],
      ["checkpoint/inventory.img", "OldFile"],
      ["config.dump", "File"],
      ["spec.dump", "File"],
      ["stats-dump", "File"],
    ]) expect({ p, v: judgeEntry(p!, t!, 10) }).toEqual({ p, v: { extract: true } });
  });
  test("podman's other entries are skipped by name", () => {
    for (const p of ["network.status", "rootfs-diff.tar", "deleted.files", "volumes/v1.tar", "ctr.log"]) expect(judgeEntry(p, "File", 1)).toEqual({ extract: false, skip: p.split("/")[0] });
    expect(judgeEntry("checkpoint/parent", "SymbolicLink", 0, "../pre-checkpoint").extract).toBe(false);
  });
  test("escaping names, links, devices and oversized metadata are errors", () => {
    const err = (p: string, t = "File", size = 1, link = "") => (judgeEntry(p, t, size, link) as { error?: string }).error;
    expect(err("../evil")).toContain("outside of the archive's directory");
    expect(err("/etc/passwd")).toContain("outside of the archive's directory");
    expect(err("checkpoint/../../x")).toContain("outside");
    expect(err("checkpoint/x", "SymbolicLink", 0, "/etc/shadow")).toContain("a SymbolicLink entry is not allowed");
    expect(err("checkpoint/x", "Link", 0, "config.dump")).toContain("a Link entry is not allowed");
    expect(err("checkpoint/null", "CharacterDevice")).toContain("not allowed");
    expect(err("config.dump", "SymbolicLink")).toContain("config.dump is not a regular file");
    expect(err("spec.dump", "File", MAX_METADATA_BYTES + 1)).toContain("larger than");
  });
  test("compression names and podman's refusal", () => {
    expect(parseCompression("zstd")).toBe("zstd");
    expect(parseCompression("none")).toBe("none");
    expect(() => parseCompression("xz")).toThrow('selected compression algorithm ("xz") not supported. Please select one from: gzip, none, zstd');
  });
});

describe("reading CRIU images", () => {
  test("pstree.img and core-N.img of a busybox sh with a sleep child", () => {
    expect(decodePstree(fixture("pstree.img"))).toEqual([
      { pid: 1, ppid: 0, threads: 1 },
      { pid: 6, ppid: 1, threads: 1 },
    ]);
    expect(decodeComm(fixture("core-1.img"))).toBe("sh");
    expect(decodeComm(fixture("core-6.img"))).toBe("sleep");
    expect(() => decodePstree(fixture("core-1.img"))).toThrow("not a CRIU image of that kind");
    expect(() => imageEntries(fixture("pstree.img").subarray(0, 14), 0x50273030, "pstree.img")).toThrow("truncated");
  });
  test("the description and its tree view", () => {
    const files = new Map<string, Uint8Array>([
      ["checkpoint/pstree.img", fixture("pstree.img")],
      ["checkpoint/core-1.img", fixture("core-1.img")],
      ["checkpoint/core-6.img", fixture("core-6.img")],
      ["config.dump", Buffer.from(JSON.stringify({ id: "c1", name: "c1", runtime: "ctbun", createdTime: "2026-01-01T00:00:00Z", checkpointedTime: "2026-01-01T00:01:00Z" }))],
    ]);
    const sizes = new Map([
      ["checkpoint/inventory.img", 86],
      ["checkpoint/pages-1.img", 8192],
      ["checkpoint/pages-2.img", 4096],
      ["config.dump", 100],
    ]);
    const info = describeCheckpoint("/x.tar", files, sizes);
    expect(info).toMatchObject({ id: "c1", runtime: "ctbun", checkpoint_size: { total_size: 86 + 8192 + 4096, memory_pages_size: 12288 } });
    expect(info.process_tree).toEqual({ pid: 1, command: "sh", children: [{ pid: 6, command: "sleep" }] });
    expect(treeView(info)).toBe(
      [
        "Displaying container checkpoint tree view from /x.tar",
        "",
        "c1",
        "├── ID: c1",
        "├── Runtime: ctbun",
        "├── Created: 2026-01-01T00:00:00Z",
        "├── Checkpointed: 2026-01-01T00:01:00Z",
        "├── Engine: ctbun",
        "├── Checkpoint size: 12.1 KiB",
        "│   └── Memory pages size: 12.0 KiB",
        "└── Process tree",
        "    └── [1]  sh",
        "        └── [6]  sleep",
        "",
      ].join("\n"),
    );
    expect(() => describeCheckpoint("/y", new Map(), new Map())).toThrow("/y is not a checkpoint");
    // a podman archive (runc underneath) says so
    const podman = new Map(files);
    podman.set("config.dump", Buffer.from(JSON.stringify({ id: "f11d", name: "web", runtime: "runc" })));
    podman.set("spec.dump", Buffer.from(JSON.stringify({ process: { args: ["httpd"] }, annotations: { "io.container.manager": "libpod" } })));
    expect(describeCheckpoint("/p.tar", podman, sizes)).toMatchObject({ container_name: "web", runtime: "runc", engine: "Podman", command: ["httpd"] });
  });
  test("sizes and times as checkpointctl prints them", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(18534)).toBe("18.1 KiB");
    expect(formatSize(3 * 1024 ** 3)).toBe("3.0 GiB");
    expect(formatMicros(882)).toBe("882 µs");
    expect(formatMicros(40787)).toBe("40.787 ms");
    expect(formatMicros(1_500_000)).toBe("1.5 s");
  });
});

describe("process tree from a crafted pstree", () => {
  const comm = (pid: number) => `p${pid}`;
  test("repeated pids keep their first parent; cycles and orphans do not loop", () => {
    // every pid of a layer listed under both pids of the layer before: a graph, not a tree
    const tasks: { pid: number; ppid: number; threads: number }[] = [{ pid: 1, ppid: 0, threads: 1 }];
    for (let layer = 1; layer < 40; layer++)
      for (const pid of [2 * layer, 2 * layer + 1]) for (const ppid of layer === 1 ? [1] : [2 * layer - 2, 2 * layer - 1]) tasks.push({ pid, ppid, threads: 1 });
    const t = processTree(tasks, comm)!;
    let n = 0;
    const walk = (x: { children?: unknown[] }) => (n++, (x.children ?? []).forEach((c) => walk(c as never)));
    walk(t);
    expect(n).toBe(79); // each pid once
    expect(JSON.stringify(t).length).toBeLessThan(10_000);
    const cyc = processTree([{ pid: 1, ppid: 0, threads: 1 }, { pid: 1, ppid: 2, threads: 1 }, { pid: 2, ppid: 1, threads: 1 }, { pid: 3, ppid: 4, threads: 1 }, { pid: 4, ppid: 3, threads: 1 }], comm)!;
    expect(cyc).toEqual({ pid: 1, command: "p1", children: [{ pid: 2, command: "p2" }] });
    expect(treeView({ path: "x", engine: "ctbun", checkpoint_size: { total_size: 0, memory_pages_size: 0 }, process_tree: cyc })).toContain("[2]  p2");
  });
  test("a chain deeper than MAX_DEPTH is cut", () => {
    const chain = Array.from({ length: 5000 }, (_, i) => ({ pid: i + 1, ppid: i, threads: 1 }));
    let depth = 0;
    for (let x: { children?: unknown[] } | undefined = processTree(chain, comm); x; x = x.children?.[0] as never) depth++;
    expect(depth).toBe(MAX_DEPTH + 1);
  });
  test("control characters from the image are not printed raw", () => {
    const view = treeView({ path: "x", container_name: "a\u001b[2Jb", engine: "ctbun", checkpoint_size: { total_size: 0, memory_pages_size: 0 }, process_tree: { pid: 1, command: "evil\u001b]0;x\u0007" } });
    expect(view).not.toContain("\u001b");
    expect(view).toContain("a?[2Jb");
  });
});

test("an image directory: only regular files are read (a link to /dev/zero is not followed)", () => {
  const dir = mkdtempSync(join(tmpdir(), "ctbun-inspect-"));
  try {
    cpSync(join(import.meta.dir, "fixtures", "busybox-sh-images"), dir, { recursive: true });
    writeFileSync(join(dir, "inventory.img"), Buffer.alloc(16));
    symlinkSync("/dev/zero", join(dir, "stats-dump"));
    symlinkSync("/dev/zero", join(dir, "core-7.img"));
    const info = inspectDir(dir);
    expect(info.statistics).toBeUndefined();
    expect(info.process_tree?.command).toBe("sh");
    expect(info.checkpoint_size.total_size).toBe(16 + 36 + 2297 + 2445);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("thread credentials of an imported image", () => {
  const spec = (caps: string[], extra: object = {}) =>
    ({ process: { capabilities: { bounding: caps, effective: caps, permitted: caps }, noNewPrivileges: true }, linux: {}, ...extra }) as never;
  test("core-1.img of a default container: root, three capabilities, no_new_privs, no seccomp", () => {
    const c = decodeThreadCreds(fixture("core-1.img"), 1)!;
    expect([c.uid, c.gid, c.noNewPrivs, c.seccompMode]).toEqual([0, 0, 1, undefined]);
    expect(capNames(c.capBnd).sort()).toEqual(["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]);
    expect(c.capEff).toBe(c.capBnd);
    expect(credsProblem([c], spec(["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]))).toBeUndefined();
    expect(credsProblem([c], spec(["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_CHOWN"]))).toBeUndefined();
  });
  test("more capabilities than the bounding set, no seccomp filter, no no_new_privs: refused", () => {
    const c = decodeThreadCreds(fixture("core-1.img"), 1)!;
    expect(credsProblem([c], spec(["CAP_AUDIT_WRITE", "CAP_NET_BIND_SERVICE"]))).toBe("thread 1 would get bounding capabilities config.json does not give: CAP_KILL");
    const all = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];
    expect(credsProblem([c], spec(all, { linux: { seccomp: { defaultAction: "SCMP_ACT_ALLOW" } } }))).toContain("without the seccomp filter");
    expect(credsProblem([{ ...c, noNewPrivs: 0 }], spec(all))).toContain("without no_new_privs");
  });
});
