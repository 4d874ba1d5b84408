// Whole CRIU requests for checkpoint and restore, built from facts the caller has gathered
// (pids, fds, inodes, cgroup paths, CRIU's version). Pure: no fs, no processes, so every rule
// of the seeds' Checkpoint/Restore (Q, R, S, T, U, V, W, X) can be unit-tested here.
import { CriuError } from "../errors.ts";
import type { Spec } from "../spec/types.ts";
import {
  chooseNetworkLock,
  criuConfigFile,
  dumpExtMounts,
  emptyNsMask,
  externalNsEntry,
  networkLockMethod,
  parseManageCgroupsMode,
  parsePageServer,
  pipeInheritFds,
  restoreExtMounts,
  restoreNamespacePlan,
  CLONE_NEWNET,
  type CgroupV1Bind,
  type CheckpointOptions,
  type NetworkLock,
  type PathResolver,
  type RestoreOptions,
} from "./options.ts";
import { criu_req_type, type criu_opts } from "./rpc.gen.js";
import type { CriuReq } from "./swrk.ts";
import { CRIU_MIN } from "./version.ts";

export const DUMP_LOG = "dump.log";
export const RESTORE_LOG = "restore.log";

export interface DumpFacts {
  /** the container's rootfs on the host */
  rootfs: string;
  /** the container's init pid (on the host) */
  initPid: number;
  imagesDirFd: number;
  workDirFd?: number;
  criuVersion: number;
  /** the container's freezer cgroup dir (v1) or its v2 cgroup dir; undefined = let CRIU seize */
  freezerPath?: string;
  cgroupV2: boolean;
  /** inode of each namespace the spec gives by path (network, pid) */
  nsInodes: Partial<Record<"network" | "pid", number | bigint>>;
  /** masked paths that are files in the running container (options.maskedFilesOf) */
  maskedFiles: string[];
  /** v1 hierarchies bound into the container (no cgroupns) */
  cgroupV1?: CgroupV1Bind[];
  /** for resolving symlinked mount destinations (tests) */
  fs?: PathResolver;
}

export interface DumpPlan {
  req: CriuReq & { opts: criu_opts.$Properties };
  logFile: string;
  networkLock: NetworkLock;
  /** true: write descriptors.json before sending (full dumps only) */
  writeDescriptors: boolean;
  /** wanted features to check first */
  features: { mem_track?: boolean; lazy_pages?: boolean };
  /** status fd: written by us on the status-ready notify (CRIU >= 3.15), else passed to CRIU */
  statusFdByNotify: boolean;
}

function extNsSupported(t: "network" | "pid", version: number): boolean {
  return version >= (t === "network" ? CRIU_MIN.extNetNs : CRIU_MIN.extPidNs);
}

const nsWord = (t: "network" | "pid") => (t === "network" ? "net" : "pid");

export function buildDumpRequest(spec: Spec, opts: CheckpointOptions, f: DumpFacts): DumpPlan {
  const cgMode = parseManageCgroupsMode(opts.manageCgroupsMode);
  const networkLock = chooseNetworkLock(opts.networkLock, spec);
  const o: criu_opts.$Properties = {
    images_dir_fd: f.imagesDirFd,
    log_level: 4,
    log_file: DUMP_LOG,
    root: f.rootfs,
    manage_cgroups: true,
    manage_cgroups_mode: cgMode,
    notify_scripts: true,
    pid: f.initPid,
    shell_job: opts.shellJob,
    leave_running: opts.leaveRunning,
    tcp_established: opts.tcpEstablished,
    tcp_skip_in_flight: opts.tcpSkipInFlight,
    link_remap: opts.linkRemap,
    ext_unix_sk: opts.extUnixSk,
    file_locks: opts.fileLocks,
    empty_ns: emptyNsMask(opts.emptyNs),
    orphan_pts_master: true,
    auto_dedup: opts.autoDedup,
    lazy_pages: opts.lazyPages,
    network_lock: networkLockMethod(networkLock),
  };
  if (opts.tcpClose) o.tcp_close = true;
  if (f.workDirFd !== undefined) o.work_dir_fd = f.workDirFd;
  const cfg = criuConfigFile(spec.annotations);
  if (cfg) o.config_file = cfg;

  // namespaces joined by path are external: CRIU records them by inode (S2)
  const external: string[] = [];
  for (const t of ["network", "pid"] as const) {
    if (!extNsSupported(t, f.criuVersion))
      throw new CriuError(`criu lacks support for external ${nsWord(t)} namespace during checkpointing process (old criu version?)`);
    const ns = spec.linux?.namespaces?.find((n) => n.type === t);
    if (!ns?.path) continue;
    const ino = f.nsInodes[t];
    if (ino === undefined) throw new CriuError(`no inode for the ${nsWord(t)} namespace at ${ns.path}`);
    external.push(externalNsEntry(t, ino));
  }
  if (external.length) o.external = external;

  if (f.freezerPath && (!f.cgroupV2 || f.criuVersion >= CRIU_MIN.cgroupV2Freezer)) o.freeze_cgroup = f.freezerPath;
  if (opts.pageServer) {
    const ps = parsePageServer(opts.pageServer);
    o.ps = { address: ps.address, port: ps.port };
  }
  if (opts.parentPath) {
    o.parent_img = opts.parentPath;
    o.track_mem = true;
  }
  const features: DumpPlan["features"] = {};
  if (opts.preDump) features.mem_track = true;
  let statusFdByNotify = false;
  if (opts.lazyPages) {
    features.lazy_pages = true;
    if (opts.statusFd >= 0) {
      if (f.criuVersion >= CRIU_MIN.statusReadyNotify) statusFdByNotify = true;
      else o.status_fd = opts.statusFd;
    }
  }
  if (!opts.preDump) {
    o.ext_mnt = dumpExtMounts({ spec, rootfs: f.rootfs, cgroupV1: f.cgroupV1, maskedFiles: f.maskedFiles }, f.fs);
  }
  return {
    req: { type: opts.preDump ? criu_req_type.PRE_DUMP : criu_req_type.DUMP, opts: o },
    logFile: DUMP_LOG,
    networkLock,
    writeDescriptors: !opts.preDump,
    features,
    statusFdByNotify,
  };
}

export interface RestoreFacts {
  /** where the rootfs is rbind-mounted for CRIU (<state>/criu-root) */
  criuRoot: string;
  imagesDirFd: number;
  workDirFd?: number;
  criuVersion: number;
  /** descriptors.json of the image */
  descriptors: string[];
  /** /proc/<criu pid>/cgroup after joining the container's cgroups: controller -> path */
  cgRoots?: { ctrl: string; path: string }[];
  cgroupV1?: CgroupV1Bind[];
  fs?: PathResolver;
}

export interface RestorePlan {
  req: CriuReq & { opts: criu_opts.$Properties };
  logFile: string;
  /** namespace files to open and hand to CRIU, in order, as fds 4, 5, ... */
  extraFdPaths: string[];
}

export function buildRestoreRequest(spec: Spec, opts: RestoreOptions, f: RestoreFacts): RestorePlan {
  const cgMode = parseManageCgroupsMode(opts.manageCgroupsMode);
  const emptyNs = emptyNsMask(opts.emptyNs);
  const o: criu_opts.$Properties = {
    images_dir_fd: f.imagesDirFd,
    evasive_devices: true,
    log_level: 4,
    log_file: RESTORE_LOG,
    rst_sibling: true,
    root: f.criuRoot,
    manage_cgroups: true,
    manage_cgroups_mode: cgMode,
    notify_scripts: true,
    shell_job: opts.shellJob,
    ext_unix_sk: opts.extUnixSk,
    tcp_established: opts.tcpEstablished,
    file_locks: opts.fileLocks,
    empty_ns: emptyNs,
    orphan_pts_master: true,
    auto_dedup: opts.autoDedup,
    lazy_pages: opts.lazyPages,
  };
  if (opts.tcpClose) o.tcp_close = true;
  // CRIU takes the lock method recorded at dump time; an explicit flag is passed along anyway
  if (opts.networkLock) o.network_lock = networkLockMethod(chooseNetworkLock(opts.networkLock, spec));
  if (opts.lsmProfile) {
    if (f.criuVersion < CRIU_MIN.lsm) throw new CriuError("--lsm-profile requires at least CRIU 3.16");
    o.lsm_profile = opts.lsmProfile;
  }
  if (opts.lsmMountContext) {
    if (f.criuVersion < CRIU_MIN.lsm) throw new CriuError("--lsm-mount-context requires at least CRIU 3.16");
    o.lsm_mount_context = opts.lsmMountContext;
  }
  if (f.workDirFd !== undefined) o.work_dir_fd = f.workDirFd;
  const cfg = criuConfigFile(spec.annotations);
  if (cfg) o.config_file = cfg;

  const plan = restoreNamespacePlan(spec.linux?.namespaces);
  const extraFdPaths: string[] = [];
  const inherit: { key: string; fd: number }[] = [];
  for (const ns of spec.linux?.namespaces ?? []) {
    if ((ns.type === "network" || ns.type === "pid") && !extNsSupported(ns.type, f.criuVersion))
      throw new CriuError(`criu lacks support for external ${nsWord(ns.type)} namespace during the restoration process (old criu version?)`);
  }
  for (const x of plan.inherit) {
    inherit.push({ key: x.key, fd: 4 + extraFdPaths.length });
    extraFdPaths.push(x.path);
  }
  if (plan.join.length) o.join_ns = plan.join;

  o.ext_mnt = restoreExtMounts({ spec, rootfs: f.criuRoot, cgroupV1: f.cgroupV1 }, f.fs);
  // veths: ctbun manages no network devices, and NEWNET is always in empty_ns (see emptyNsMask)
  if ((emptyNs & CLONE_NEWNET) === 0) o.veths = [];
  inherit.push(...pipeInheritFds(f.descriptors));
  if (inherit.length) o.inherit_fd = inherit;
  if (f.cgRoots?.length) o.cg_root = f.cgRoots.map((c) => ({ ctrl: c.ctrl, path: c.path }));
  return { req: { type: criu_req_type.RESTORE, opts: o }, logFile: RESTORE_LOG, extraFdPaths };
}
