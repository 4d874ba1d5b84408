// checkpoint/restore of containers with harder set-ups (real CRIU, root only): a bind mount
// whose destination is a symlink, nested bind mounts, no cgroup namespace (v1 cgroup binds),
// an external network namespace given by path, the org.criu.config annotation, another
// cgroupsPath on restore (with and without --manage-cgroups-mode ignore), foreground restore.
import { afterAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCount, status, waitCountIn as waitCount } from "../_checkpoint.ts";
import { busyboxRootfs, defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, uniqueId } from "../_harness.ts";

const criu = Bun.which("criu", { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" });
const skipReason = !isRoot ? "needs root" : !criu ? "criu not found in PATH" : "";
if (skipReason) console.warn(`checkpoint-mounts integration tests skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;

const made: string[] = [];
const dirs: string[] = [];
const netns: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
  for (const n of netns) Bun.spawnSync(["ip", "netns", "delete", n]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmpDir(prefix: string): string {
  const d = mkdtempSync(`/tmp/ctbun-ckm-${prefix}-`);
  dirs.push(d);
  return d;
}

const counter = (path: string) => `i=0; while true; do i=$((i+1)); echo $i > ${path}; sleep 0.1; done`;

/**
 * run -d, wait for the counter in `hostFile`, checkpoint, (between), restore with `restoreBundle`
 * (default: the same), and check it counts on from where it stopped.
 */
async function cycle(
  config: any,
  hostFile: string,
  o: { rootfs?: string; between?: () => void; restoreBundle?: (c: any) => any; ckArgs?: string[]; rsArgs?: string[]; ckEnv?: Record<string, string> } = {},
) {
  const id = uniqueId("ckm");
  made.push(id);
  const bundle = makeBundle(config, { rootfs: o.rootfs });
  dirs.push(bundle);
  const run = runCtbun(["run", "-d", "-b", bundle, id]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(await waitCount(hostFile, 3)).toBeGreaterThanOrEqual(3);
  const images = tmpDir("img");
  const ck = runCtbun(["checkpoint", ...(o.ckArgs ?? []), "--image-path", images, id], { env: o.ckEnv });
  expect(ck.stderr).toBe("");
  expect(ck.code).toBe(0);
  expect(status(id)).toBeUndefined();
  const at = readCount(hostFile);
  o.between?.();
  let rbundle = bundle;
  if (o.restoreBundle) {
    rbundle = makeBundle(o.restoreBundle(JSON.parse(readFileSync(join(bundle, "config.json"), "utf8"))), { rootfs: o.rootfs });
    dirs.push(rbundle);
  }
  const rs = runCtbun(["restore", "-d", ...(o.rsArgs ?? []), "--image-path", images, "-b", rbundle, id]);
  expect(rs.stderr).toBe("");
  expect(rs.code).toBe(0);
  expect(status(id)).toBe("running");
  const after = await waitCount(hostFile, at + 3);
  expect(after).toBeGreaterThanOrEqual(at + 3);
  expect(after).toBeLessThan(at + 60);
  return { id, images, pid: JSON.parse(runCtbun(["state", id]).stdout).pid as number };
}

function privateRootfs(): string {
  const r = join(tmpDir("rootfs"), "rootfs");
  cpSync(busyboxRootfs(), r, { recursive: true, verbatimSymlinks: true });
  return r;
}

suite("checkpoint/restore of harder set-ups", () => {
  test("a bind mount whose destination is a symlink in the rootfs", async () => {
    const rootfs = privateRootfs();
    mkdirSync(join(rootfs, "real-data"));
    symlinkSync("/real-data", join(rootfs, "data-link"));
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/real-data/count")]);
    c.mounts.push({ destination: "/data-link", type: "bind", source: data, options: ["rbind", "rw"] });
    await cycle(c, join(data, "count"), { rootfs });
  });

  test("nested bind mounts (the inner mountpoint is recreated inside the outer source)", async () => {
    const outer = tmpDir("outer");
    const inner = tmpDir("inner");
    const c = defaultConfig(["sh", "-c", counter("/data/sub/count")]);
    c.mounts.push({ destination: "/data", type: "bind", source: outer, options: ["rbind", "rw"] });
    c.mounts.push({ destination: "/data/sub", type: "bind", source: inner, options: ["rbind", "rw"] });
    await cycle(c, join(inner, "count"), {
      // the mountpoint inside the outer source is gone; restore must make it again
      between: () => rmSync(join(outer, "sub"), { recursive: true, force: true }),
    });
    expect(existsSync(join(outer, "sub"))).toBe(true);
  });

  test("no cgroup namespace: the v1 cgroup binds are external mounts", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    c.linux.namespaces = c.linux.namespaces.filter((n: any) => n.type !== "cgroup");
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const { pid } = await cycle(c, join(data, "count"));
    // inside, /sys/fs/cgroup/freezer shows the restored container's own cgroup
    const mi = readFileSync(`/proc/${pid}/mountinfo`, "utf8");
    expect(mi).toMatch(/ \/sys\/fs\/cgroup\/freezer /);
  });

  test("with a cgroup namespace (restored as real cgroup mounts)", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    expect(c.linux.namespaces.some((n: any) => n.type === "cgroup")).toBe(true);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const { pid } = await cycle(c, join(data, "count"));
    expect(readFileSync(`/proc/${pid}/cgroup`, "utf8")).toMatch(/freezer:\/ctbun\//);
  });

  test("the container's own network namespace: restored as a new one with lo up", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const { pid, images } = await cycle(c, join(data, "count"));
    const notes = JSON.parse(readFileSync(join(images, "ctbun.json"), "utf8"));
    expect(notes.ownNetnsExternal).toBe(true);
    // CRIU ran in the container's netns: the image holds no netns at all
    expect(notes.criuInNetns).toBe(true);
    expect(readdirSync(images).filter((f) => f.startsWith("netns-"))).toEqual([]);
    const { readlinkSync } = await import("node:fs");
    expect(readlinkSync(`/proc/${pid}/ns/net`)).not.toBe(readlinkSync("/proc/self/ns/net"));
    const ip = Bun.spawnSync(["nsenter", "-t", String(pid), "-n", "ip", "-o", "addr", "show", "lo"], { stdout: "pipe" });
    expect(ip.stdout.toString()).toContain("127.0.0.1");
  });

  test("an image whose own netns was dumped as external (CRIU outside it) still restores", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const { pid, images } = await cycle(c, join(data, "count"), { ckEnv: { CTBUN_CRIU_EXT_NETNS: "1" } });
    const notes = JSON.parse(readFileSync(join(images, "ctbun.json"), "utf8"));
    expect(notes.ownNetnsExternal).toBe(true);
    expect(notes.criuInNetns).toBeUndefined();
    const ip = Bun.spawnSync(["nsenter", "-t", String(pid), "-n", "ip", "-o", "addr", "show", "lo"], { stdout: "pipe" });
    expect(ip.stdout.toString()).toContain("127.0.0.1");
  });

  test("an external network namespace given by path", async () => {
    const name = `ctbun-ck-${process.pid}-${Date.now() % 100000}`;
    expect(Bun.spawnSync(["ip", "netns", "add", name]).exitCode).toBe(0);
    netns.push(name);
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    c.linux.namespaces = c.linux.namespaces.map((n: any) => (n.type === "network" ? { type: "network", path: `/run/netns/${name}` } : n));
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const { pid } = await cycle(c, join(data, "count"), { ckArgs: ["--network-lock", "skip"] });
    const { statSync, readlinkSync } = await import("node:fs");
    expect(readlinkSync(`/proc/${pid}/ns/net`)).toBe(`net:[${statSync(`/run/netns/${name}`).ino}]`);
  });

  test("the org.criu.config annotation names a CRIU config file for dump and restore", async () => {
    const data = tmpDir("data");
    const conf = join(tmpDir("conf"), "criu.conf");
    writeFileSync(conf, "log-file custom.log\n");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    c.annotations = { "org.criu.config": conf };
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const { images } = await cycle(c, join(data, "count"));
    expect(existsSync(join(images, "custom.log"))).toBe(true);
    expect(existsSync(join(images, "dump.log"))).toBe(false);
  });

  test("restore into another cgroupsPath (default cgroup mode)", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const other = `/${uniqueId("ctbun-ck-cg")}`;
    const { pid } = await cycle(c, join(data, "count"), { restoreBundle: (x) => ({ ...x, linux: { ...x.linux, cgroupsPath: other } }) });
    expect(readFileSync(`/proc/${pid}/cgroup`, "utf8")).toContain(`freezer:${other}`);
  });

  test("--manage-cgroups-mode ignore into another cgroupsPath", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const other = `/${uniqueId("ctbun-ck-cgi")}`;
    const { pid } = await cycle(c, join(data, "count"), {
      ckArgs: ["--manage-cgroups-mode", "ignore"],
      rsArgs: ["--manage-cgroups-mode", "ignore"],
      restoreBundle: (x) => ({ ...x, linux: { ...x.linux, cgroupsPath: other } }),
    });
    expect(readFileSync(`/proc/${pid}/cgroup`, "utf8")).toContain(`freezer:${other}`);
  });

  test("/dev, /dev/shm and /sys/fs/cgroup are made anew on restore (no tar images) and work", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", counter("/data/count")]);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const { id, images } = await cycle(c, join(data, "count"));
    const notes = JSON.parse(readFileSync(join(images, "ctbun.json"), "utf8"));
    expect(notes.tmpfs.map((t: any) => t.path).sort()).toEqual(["/dev", "/dev/shm", "/sys/fs/cgroup"]);
    expect(readdirSync(images).filter((f) => f.startsWith("tmpfs-dev-"))).toEqual([]);
    const sh = (cmd: string) => {
      const r = runCtbun(["exec", id, "sh", "-c", cmd]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      return r.stdout;
    };
    // device nodes: present, with their numbers, and working
    const ls = sh("ls -l /dev");
    for (const [name, maj, min] of [["null", 1, 3], ["zero", 1, 5], ["full", 1, 7], ["random", 1, 8], ["urandom", 1, 9], ["tty", 5, 0]] as const)
      expect(ls).toMatch(new RegExp(`^c.* ${maj}, +${min} .* ${name}$`, "m"));
    expect(ls).toMatch(/ptmx -> pts\/ptmx/);
    expect(ls).toMatch(/stdin -> \/proc\/self\/fd\/0/);
    expect(sh("echo gone > /dev/null && head -c 5 /dev/zero | wc -c && head -c 8 /dev/urandom | wc -c").split(/\s+/).filter(Boolean)).toEqual(["5", "8"]);
    expect(sh("echo -n 1 > /dev/full 2>/dev/null; echo $?").trim()).not.toBe("0");
    // /dev/shm: writable, empty at first, its own tmpfs with its flags and size
    expect(sh("ls -A /dev/shm; echo hello > /dev/shm/x && cat /dev/shm/x && rm /dev/shm/x")).toBe("hello\n");
    const mi = sh("cat /proc/self/mountinfo");
    expect(mi).toMatch(/ \/dev\/shm rw,nosuid,nodev,noexec[^ ]* .*- tmpfs shm rw,size=65536k/);
    expect(mi).toMatch(/ \/dev rw,nosuid[^ ]* .*- tmpfs tmpfs rw,size=65536k,mode=755/);
    expect(mi).toMatch(/ \/dev\/pts .*- devpts /);
    expect(mi).toMatch(/ \/dev\/mqueue .*- mqueue /);
    // /sys/fs/cgroup: read-only tmpfs with every hierarchy mounted below it, the container's own cgroup at its root
    expect(mi).toMatch(/ \/sys\/fs\/cgroup ro,[^ ]* .*- tmpfs /);
    for (const h of ["cpu", "memory", "pids", "freezer", "devices"]) expect(mi).toMatch(new RegExp(` / /sys/fs/cgroup/${h} ro,.* - cgroup cgroup `));
    expect(sh("cat /sys/fs/cgroup/pids/pids.max").trim()).toMatch(/^(max|\d+)$/);
    expect(sh("touch /sys/fs/cgroup/x 2>&1; echo $?").trim()).not.toMatch(/^0$/);
  });

  test("a /dev or /dev/shm with data in it is left to CRIU (and comes back)", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", `echo kept > /dev/shm/note; echo dev > /dev/extra; ${counter("/data/count")}`]);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const { id, images } = await cycle(c, join(data, "count"));
    const notes = JSON.parse(readFileSync(join(images, "ctbun.json"), "utf8"));
    expect((notes.tmpfs ?? []).map((t: any) => t.path)).toEqual(["/sys/fs/cgroup"]);
    expect(readdirSync(images).filter((f) => f.startsWith("tmpfs-dev-")).length).toBe(2);
    const r = runCtbun(["exec", id, "sh", "-c", "cat /dev/shm/note /dev/extra; head -c 3 /dev/zero | wc -c"]);
    expect(r.stdout.split(/\s+/).filter(Boolean)).toEqual(["kept", "dev", "3"]);
  });

  test("foreground restore waits and exits with the container's status", async () => {
    const data = tmpDir("data");
    const c = defaultConfig(["sh", "-c", "i=0; while [ $i -lt 25 ]; do i=$((i+1)); echo $i > /data/count; sleep 0.1; done; exit 7"]);
    c.mounts.push({ destination: "/data", type: "bind", source: data, options: ["rbind", "rw"] });
    const id = uniqueId("ckfg");
    made.push(id);
    const bundle = makeBundle(c);
    dirs.push(bundle);
    expect(runCtbun(["run", "-d", "-b", bundle, id]).code).toBe(0);
    expect(await waitCount(join(data, "count"), 3)).toBeGreaterThanOrEqual(3);
    const images = tmpDir("img");
    expect(runCtbun(["checkpoint", "--image-path", images, id]).code).toBe(0);
    const rs = runCtbun(["restore", "--image-path", images, "-b", bundle, id]);
    expect(rs.stderr).toBe("");
    expect(rs.code).toBe(7);
    expect(readCount(join(data, "count"))).toBe(25);
    expect(status(id)).toBeUndefined();
  });
});
