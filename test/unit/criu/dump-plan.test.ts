import { describe, expect, test } from "bun:test";
import { buildDumpRequest, buildRestoreRequest } from "../../../src/criu/dump-plan.ts";
import type { CheckpointOptions, PathResolver, RestoreOptions } from "../../../src/criu/options.ts";
import { criu_cg_mode, criu_network_lock_method, criu_req_type } from "../../../src/criu/rpc.gen.js";
import type { Spec } from "../../../src/spec/types.ts";

const noLinks: PathResolver = { lstat: () => ({ isSymbolicLink: () => false }), readlink: () => "" };

const spec = (over: Partial<Spec["linux"]> = {}, extra: Partial<Spec> = {}): Spec => ({
  ociVersion: "1.2.0",
  mounts: [
    { destination: "/proc", type: "proc", source: "proc" },
    { destination: "/data", type: "bind", source: "/host/data", options: ["rbind"] },
  ],
  linux: { namespaces: [{ type: "pid" }, { type: "network" }, { type: "mount" }], maskedPaths: ["/proc/kcore"], ...over },
  ...extra,
});

const ck = (o: Partial<CheckpointOptions> = {}): CheckpointOptions => ({
  root: "/run/ctbun",
  id: "c1",
  imagePath: "/tmp/img",
  leaveRunning: false,
  tcpEstablished: false,
  tcpSkipInFlight: false,
  linkRemap: false,
  extUnixSk: false,
  shellJob: false,
  lazyPages: false,
  statusFd: -1,
  fileLocks: false,
  preDump: false,
  manageCgroupsMode: "",
  emptyNs: [],
  autoDedup: false,
  printStats: false,
  ...o,
});

const facts = { rootfs: "/b/rootfs", initPid: 1234, imagesDirFd: 10, criuVersion: 40101, cgroupV2: false, nsInodes: {}, maskedFiles: ["/proc/kcore"], fs: noLinks };

describe("buildDumpRequest", () => {
  test("a plain dump", () => {
    const p = buildDumpRequest(spec(), ck(), { ...facts, freezerPath: "/sys/fs/cgroup/freezer/c1", workDirFd: 11 });
    expect(p.req.type).toBe(criu_req_type.DUMP);
    const o = p.req.opts;
    expect(o).toMatchObject({
      images_dir_fd: 10,
      work_dir_fd: 11,
      log_level: 4,
      log_file: "dump.log",
      root: "/b/rootfs",
      pid: 1234,
      manage_cgroups: true,
      manage_cgroups_mode: criu_cg_mode.DEFAULT,
      notify_scripts: true,
      orphan_pts_master: true,
      empty_ns: 0x40000000,
      freeze_cgroup: "/sys/fs/cgroup/freezer/c1",
      config_file: "/etc/criu/ctbun.conf",
      network_lock: criu_network_lock_method.SKIP,
    });
    expect(o.ext_mnt).toContainEqual({ key: "/data", val: "/data" });
    expect(o.ext_mnt).toContainEqual({ key: "/proc/kcore", val: "/dev/null" });
    expect(o.ext_mnt).toContainEqual({ key: "/dev/null", val: "/dev/null" });
    expect(o.external).toBeUndefined();
    expect(p.writeDescriptors).toBe(true);
    expect(p.networkLock).toBe("skip");
  });

  test("pre-dump: no mounts, no descriptors, MemTrack wanted, parent image", () => {
    const p = buildDumpRequest(spec(), ck({ preDump: true, parentPath: "../pre" }), facts);
    expect(p.req.type).toBe(criu_req_type.PRE_DUMP);
    expect(p.req.opts.ext_mnt).toBeUndefined();
    expect(p.writeDescriptors).toBe(false);
    expect(p.features).toEqual({ mem_track: true });
    expect(p.req.opts.parent_img).toBe("../pre");
    expect(p.req.opts.track_mem).toBe(true);
  });

  test("external namespaces by inode; iptables lock for a shared netns", () => {
    const s = spec({ namespaces: [{ type: "network", path: "/run/netns/n" }, { type: "pid", path: "/proc/9/ns/pid" }] });
    const p = buildDumpRequest(s, ck(), { ...facts, nsInodes: { network: 4026532001, pid: 4026531836 } });
    expect(p.req.opts.external).toEqual(["net[4026532001]:extRootNetNS", "pid[4026531836]:extRootPidNS"]);
    expect(p.req.opts.network_lock).toBe(criu_network_lock_method.IPTABLES);
  });

  test("version gates", () => {
    expect(() => buildDumpRequest(spec(), ck(), { ...facts, criuVersion: 31400 })).toThrow(
      "criu lacks support for external pid namespace during checkpointing process (old criu version?)",
    );
    const v2 = buildDumpRequest(spec(), ck(), { ...facts, cgroupV2: true, freezerPath: "/sys/fs/cgroup/c1" });
    expect(v2.req.opts.freeze_cgroup).toBe("/sys/fs/cgroup/c1");
  });

  test("page server, lazy pages and the status fd", () => {
    const p = buildDumpRequest(spec(), ck({ pageServer: "10.0.0.2:27", lazyPages: true, statusFd: 5 }), facts);
    expect(p.req.opts.ps).toEqual({ address: "10.0.0.2", port: 27 });
    expect(p.features).toEqual({ lazy_pages: true });
    expect(p.statusFdByNotify).toBe(true);
    expect(p.req.opts.status_fd).toBeUndefined();
  });

  test("flags pass through; bad values are refused before anything happens", () => {
    const p = buildDumpRequest(
      spec(),
      ck({ leaveRunning: true, tcpEstablished: true, tcpSkipInFlight: true, linkRemap: true, extUnixSk: true, shellJob: true, fileLocks: true, autoDedup: true, manageCgroupsMode: "ignore", networkLock: "nftables" }),
      facts,
    );
    expect(p.req.opts).toMatchObject({
      leave_running: true,
      tcp_established: true,
      tcp_skip_in_flight: true,
      link_remap: true,
      ext_unix_sk: true,
      shell_job: true,
      file_locks: true,
      auto_dedup: true,
      manage_cgroups_mode: criu_cg_mode.IGNORE,
      network_lock: criu_network_lock_method.NFTABLES,
    });
    expect(() => buildDumpRequest(spec(), ck({ manageCgroupsMode: "hard" }), facts)).toThrow('invalid --manage-cgroups-mode value "hard"');
    expect(() => buildDumpRequest(spec(), ck({ emptyNs: ["ipc"] }), facts)).toThrow('namespace "ipc" is not supported');
  });

  test("the config annotation", () => {
    const p = buildDumpRequest(spec({}, { annotations: { "org.criu.config": "" } }), ck(), facts);
    expect(p.req.opts.config_file).toBeUndefined();
  });
});

const rs = (o: Partial<RestoreOptions> = {}): RestoreOptions => ({
  root: "/run/ctbun",
  id: "c1",
  imagePath: "/tmp/img",
  bundle: "/b",
  detach: true,
  noSubreaper: false,
  noPivot: false,
  tcpEstablished: false,
  tcpClose: false,
  extUnixSk: false,
  shellJob: false,
  fileLocks: false,
  manageCgroupsMode: "",
  emptyNs: [],
  autoDedup: false,
  lazyPages: false,
  printStats: false,
  ...o,
});

const rfacts = { criuRoot: "/run/ctbun/c1/criu-root", imagesDirFd: 10, criuVersion: 40101, descriptors: ["/dev/null", "pipe:[77]", "pipe:[78]"], fs: noLinks };

describe("buildRestoreRequest", () => {
  test("a plain restore", () => {
    const p = buildRestoreRequest(spec(), rs(), { ...rfacts, cgRoots: [{ ctrl: "memory", path: "/ctbun/c1" }] });
    expect(p.req.type).toBe(criu_req_type.RESTORE);
    expect(p.req.opts).toMatchObject({
      images_dir_fd: 10,
      evasive_devices: true,
      rst_sibling: true,
      log_file: "restore.log",
      root: "/run/ctbun/c1/criu-root",
      notify_scripts: true,
      orphan_pts_master: true,
      empty_ns: 0x40000000,
    });
    expect(p.req.opts.ext_mnt).toContainEqual({ key: "/data", val: "/host/data" });
    expect(p.req.opts.ext_mnt).toContainEqual({ key: "/dev/null", val: "/dev/null" });
    expect(p.req.opts.inherit_fd).toEqual([
      { key: "pipe:[77]", fd: 1 },
      { key: "pipe:[78]", fd: 2 },
    ]);
    expect(p.req.opts.cg_root).toEqual([{ ctrl: "memory", path: "/ctbun/c1" }]);
    expect(p.req.opts.veths).toBeUndefined();
    expect(p.extraFdPaths).toEqual([]);
  });

  test("path namespaces: net/pid inherited as fds 4.., others joined", () => {
    const s = spec({ namespaces: [{ type: "network", path: "/run/netns/n" }, { type: "pid", path: "/proc/9/ns/pid" }, { type: "ipc", path: "/proc/9/ns/ipc" }] });
    const p = buildRestoreRequest(s, rs(), rfacts);
    expect(p.extraFdPaths).toEqual(["/run/netns/n", "/proc/9/ns/pid"]);
    expect(p.req.opts.inherit_fd?.slice(0, 2)).toEqual([
      { key: "extRootNetNS", fd: 4 },
      { key: "extRootPidNS", fd: 5 },
    ]);
    expect(p.req.opts.join_ns).toEqual([{ ns: "ipc", ns_file: "/proc/9/ns/ipc" }]);
  });

  test("LSM options need CRIU 3.16", () => {
    expect(() => buildRestoreRequest(spec(), rs({ lsmProfile: "apparmor:x" }), { ...rfacts, criuVersion: 31500 })).toThrow();
    expect(() => buildRestoreRequest(spec({ namespaces: [] }), rs({ lsmProfile: "apparmor:x" }), { ...rfacts, criuVersion: 31500 })).toThrow(
      "--lsm-profile requires at least CRIU 3.16",
    );
    expect(() => buildRestoreRequest(spec({ namespaces: [] }), rs({ lsmMountContext: "ctx" }), { ...rfacts, criuVersion: 31500 })).toThrow(
      "--lsm-mount-context requires at least CRIU 3.16",
    );
    const p = buildRestoreRequest(spec(), rs({ lsmProfile: "apparmor:x", lsmMountContext: "ctx", tcpClose: true }), rfacts);
    expect(p.req.opts).toMatchObject({ lsm_profile: "apparmor:x", lsm_mount_context: "ctx", tcp_close: true });
  });
});
