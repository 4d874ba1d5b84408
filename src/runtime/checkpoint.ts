// `ctbun checkpoint`: dump a running (or paused) container with CRIU.
//
// Unlike runc, ctbun freezes the container's cgroup itself (a write and a short poll, well under
// a millisecond here) before CRIU starts, and hands CRIU the already frozen cgroup: CRIU then
// finds FROZEN on its first read and skips its 100 ms freezer sleep. CRIU leaves a cgroup it did
// not freeze as it found it, so ctbun thaws it again whenever the container keeps running
// (failure, --leave-running, --pre-dump), unless it was paused before.
import { closeSync, mkdirSync, openSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { VERSION } from "../cli/_globals.ts";
import { CtbunError, InvalidStatusError } from "../errors.ts";
import { dropExportTarget, makeStaging, openExportTarget, parseCompression, stagingParent, writeArchive, writeMetadata, type Compression } from "../criu/archive.ts";
import { buildDumpRequest, type DumpFacts } from "../criu/dump-plan.ts";
import {
  closeFd,
  externalNsEntry,
  maskedFilesOf,
  openDir,
  parseManageCgroupsMode,
  stdioLinkTargets,
  validateParentPath,
  validateStatusFd,
  writeDescriptors,
  type CheckpointOptions,
} from "../criu/options.ts";
import { readDumpStats } from "../criu/stats.ts";
import { criuSwrk, type Notification } from "../criu/swrk.ts";
import { checkCriuFeatures, CRIU_MIN } from "../criu/version.ts";
import { libc } from "../linux/libc.ts";
import { log } from "../log.ts";
import { cgroupOf } from "./cgroup.ts";
import { criu_cg_mode } from "../criu/rpc.gen.js";
import { cgroupV1BindsOf, checkLazyPipes, hostCgroupYard, criuVersionAtLeast, explainCriuFailure, interruptible, ownMountNs, useCriuKdatCache, externalStdioFiles, hostHasV1, writeExternalStdio, writeImageNotes, readImageNotes, criuTcpLocks, maskedDirsOf, logStats, printStatsJson, resolveCriu, Steps } from "./criu-common.ts";
import { recreatableTmpfs, type TmpfsTree } from "./criu-tmpfs.ts";
import { destroy } from "./delete.ts";
import { nowRfc3339Nano, readSavedState, stateDir, statusOf } from "./state.ts";
import type { Spec } from "../spec/types.ts";

/** Marker written on the post-dump notification (runc's <state>/checkpoint). */
export const CHECKPOINT_MARKER = "checkpoint";

function mkdirTolerant(path: string, mode: number): void {
  try {
    mkdirSync(path, { mode, recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
}

export async function checkpoint(input: CheckpointOptions): Promise<void> {
  const steps = new Steps();
  const s = readSavedState(input.root, input.id);
  const status = statusOf(input.root, s);
  if (status === "created" || status === "stopped")
    throw new InvalidStatusError(status, `Container cannot be checkpointed in ${status} state`);
  const spec = s.config;

  // everything that can be refused without side effects comes first
  const compression = exportCompression(input);
  if (!input.imagePath) throw new CtbunError("invalid directory to save checkpoint");
  parseManageCgroupsMode(input.manageCgroupsMode);
  const criu = resolveCriu(input.criuPath);
  const version = await criuVersionAtLeast(input.root, criu, CRIU_MIN.base);
  steps.mark("version");
  // --export: the archive's file is opened first (a bad destination is refused while the
  // container runs); the images go to a private directory beside it, packed once CRIU is done
  const target = input.exportFile ? openExportTarget(input.exportFile) : undefined;
  let staging: string | undefined;
  try {
    staging = target ? makeStaging(stagingParent(dirname(target.file)), ".ctbun-export-") : undefined;
  } catch (e) {
    if (target) dropExportTarget(target);
    throw e;
  }
  const opts: CheckpointOptions = staging ? { ...input, imagePath: join(staging, "checkpoint") } : input;
  try {
    await dumpContainer(opts, s, spec, criu, version, steps);
  } catch (e) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    if (target) dropExportTarget(target);
    throw e;
  }
  if (target && staging && compression) {
    const logDir = opts.workPath ?? opts.imagePath;
    try {
      writeMetadata(
        staging,
        {
          id: s.id,
          name: s.id,
          runtime: "ctbun",
          rootfsImageName: "",
          createdTime: s.created,
          checkpointedTime: nowRfc3339Nano(),
          ctbun: { version: VERSION, criuVersion: version, bundle: s.bundle, rootfs: s.rootfs },
        },
        spec,
        join(logDir, "stats-dump"),
      );
      await writeArchive(target, staging, compression);
    } catch (e) {
      dropExportTarget(target);
      // the container may be gone already: its images must not be
      throw new CtbunError(`exporting the checkpoint to ${input.exportFile} failed (the images are in ${opts.imagePath}): ${(e as Error).message}`);
    }
    rmSync(staging, { recursive: true, force: true });
  }
}

/** --export's compression, after refusing the flags it cannot go with (podman's texts where it has them). */
function exportCompression(o: CheckpointOptions): Compression | undefined {
  if (o.exportFile === undefined) {
    if (o.compress !== undefined) throw new CtbunError("--compress can only be used with --export");
    return undefined;
  }
  const c = parseCompression(o.compress ?? "zstd");
  if (o.imagePathGiven) throw new CtbunError("--export cannot be used with --image-path");
  if (o.preDump || o.lazyPages || o.pageServer) throw new CtbunError("--export cannot be used with --pre-dump, --lazy-pages or --page-server: the memory would not be in the archive");
  if (o.parentPath) throw new CtbunError("--export cannot be used with --parent-path");
  return c;
}

async function dumpContainer(
  opts: CheckpointOptions,
  s: ReturnType<typeof readSavedState>,
  spec: Spec,
  criu: string,
  version: number,
  steps: Steps,
): Promise<void> {
  if (opts.preDump) await checkCriuFeatures({ mem_track: true }, criu);
  if (opts.lazyPages) {
    await checkCriuFeatures({ lazy_pages: true }, criu);
    validateStatusFd(opts.statusFd);
    checkLazyPipes();
  }
  steps.mark("features");

  const cg = cgroupOf(s);
  if (!cg) throw new CtbunError("container has no cgroup recorded: cannot checkpoint");
  const paths = cg.paths();
  const cgroupV2 = cg.mode === "unified";
  const freezerPath = cgroupV2 ? paths[""] : paths.freezer;

  // CRIU's kernel probe cache (see criu-common): before any directory is opened for CRIU
  if (useCriuKdatCache(criu, ownMountNs(spec))) steps.mark("kdat");
  mkdirTolerant(opts.imagePath, 0o700);
  if (opts.parentPath) validateParentPath(opts.imagePath, opts.parentPath);
  let imagesDirFd = -1;
  let workDirFd: number | undefined;
  const logDir = opts.workPath ?? opts.imagePath;
  const nsInodes: DumpFacts["nsInodes"] = {};
  for (const t of ["network", "pid"] as const) {
    const ns = spec.linux?.namespaces?.find((n) => n.type === t);
    if (ns?.path) nsInodes[t] = statSync(ns.path, { bigint: true }).ino;
  }
  const cgroupNs = (spec.linux?.namespaces ?? []).some((n) => n.type === "cgroup");
  const cgroupV1 = !cgroupNs && !cgroupV2 && hostHasV1() && (spec.mounts ?? []).some((m) => m.type === "cgroup") ? cgroupV1BindsOf(s.pid) : undefined;

  const maskedFiles = maskedFilesOf(s.pid, spec.linux?.maskedPaths);
  let netnsFd = -1;
  let criuInNetns = false;
  let wasFrozen = false;
  let weFroze = false;
  try {
    imagesDirFd = openDir(opts.imagePath);
    if (opts.workPath) {
      mkdirTolerant(opts.workPath, 0o700);
      workDirFd = openDir(opts.workPath);
    }
    const plan = buildDumpRequest(spec, opts, {
      rootfs: s.rootfs,
      initPid: s.pid,
      imagesDirFd,
      workDirFd,
      criuVersion: version,
      freezerPath,
      cgroupV2,
      nsInodes,
      maskedFiles,
      cgroupV1,
    });
    if (plan.writeDescriptors) {
      writeDescriptors(opts.imagePath, stdioLinkTargets(s.pid));
      // stdio on host files: external for CRIU, handed back by restore
      const ext = externalStdioFiles(s.pid);
      if (ext.length) plan.req.opts.external = [...(plan.req.opts.external ?? []), ...new Set(ext.map((x) => x.key))];
      writeExternalStdio(opts.imagePath, ext);
      // The container's own netns: runc has CRIU dump it (with empty_ns, so only some settings
      // and the iptables rules, ~15-30 ms here) and restore an empty one. ctbun declares it
      // external instead and restore hands CRIU a new one (lo up); not with
      // --tcp-established, whose connections CRIU must lock and restore in a dumped netns.
      const netns = spec.linux?.namespaces?.find((n) => n.type === "network");
      const ownNetnsExternal = !!netns && !netns.path && !opts.tcpEstablished && version >= CRIU_MIN.extNetNs;
      // Better still: CRIU started in the container's netns skips it altogether (an external
      // netns still costs two conntrack dumps, ~18 ms here); not when CRIU must reach the
      // host's network (page server, lazy pages).
      criuInNetns = ownNetnsExternal && !opts.pageServer && !opts.lazyPages && !process.env.CTBUN_CRIU_EXT_NETNS;
      if (criuInNetns) {
        netnsFd = libc.symbols.open(`/proc/${s.pid}/ns/net`, 0o2000000, 0);
        if (netnsFd < 0) criuInNetns = false;
      }
      if (ownNetnsExternal && !criuInNetns) {
        const ino = statSync(`/proc/${s.pid}/ns/net`, { bigint: true }).ino;
        plan.req.opts.external = [...(plan.req.opts.external ?? []), externalNsEntry("network", ino)];
      }
      const maskedDirs = maskedDirsOf(s.pid, spec.linux?.maskedPaths);
      if (maskedDirs.length) plan.req.opts.ext_mnt = [...(plan.req.opts.ext_mnt ?? []), ...maskedDirs.map((d) => ({ key: d, val: d }))];
      // /dev, /dev/shm, /sys/fs/cgroup and other tmpfs mounts holding only metadata: restore
      // makes them anew (see criu-tmpfs), CRIU does not tar them
      const tmpfs = recreatableTmpfsOf(spec, s.pid, maskedDirs, maskedFiles);
      if (tmpfs.length) plan.req.opts.ext_mnt = [...(plan.req.opts.ext_mnt ?? []), ...tmpfs.map((t) => ({ key: t.path, val: t.path }))];
      writeImageNotes(opts.imagePath, {
        ownNetnsExternal,
        ...(criuInNetns ? { criuInNetns } : {}),
        maskedDirs,
        ...(tmpfs.length ? { tmpfs } : {}),
        container: { id: s.id, created: s.created, checkpointed: nowRfc3339Nano(), ...(spec.process?.args ? { args: spec.process.args } : {}) },
      });
    }
    steps.mark("prepare");

    if (plan.req.opts.manage_cgroups_mode !== criu_cg_mode.IGNORE) {
      const yard = hostCgroupYard();
      if (yard) plan.req.opts.cgroup_yard = yard;
    }
    // freeze it ourselves: CRIU sees FROZEN at once and does not sleep in 100 ms steps
    if (plan.req.opts.freeze_cgroup) {
      wasFrozen = cg.freezerState() === "FROZEN";
      if (!wasFrozen) {
        await cg.freeze();
        weFroze = true;
      }
    }
    steps.mark("freeze");

    let statusFd = plan.statusFdByNotify ? opts.statusFd : -1;
    const onNotify = (n: Notification) => {
      switch (n.script) {
        case "post-dump":
          try {
            closeSync(openSync(join(stateDir(opts.root, opts.id), CHECKPOINT_MARKER), "w", 0o600));
          } catch (e) {
            log.warn(`unable to write the checkpoint marker: ${(e as Error).message}`);
          }
          break;
        case "status-ready":
          if (statusFd >= 0) {
            if (libc.symbols.write(statusFd, Buffer.from([0]), 1) !== 1) log.warn(`can't write \\0 to status fd ${statusFd}`);
            closeFd(statusFd);
            statusFd = -1;
          }
          break;
      }
    };
    let criuPid: number | undefined;
    const locksBefore = opts.tcpEstablished ? new Set(criuTcpLocks()) : undefined;
    const res = await interruptible(
      () => criuPid,
      (interrupted) =>
        criuSwrk(plan.req, {
          criuPath: criu,
          onStart: (p) => {
            criuPid = p;
            if (interrupted()) throw new CtbunError(`interrupted by ${interrupted()}`);
          },
          onNotify,
          ...(criuInNetns ? { netnsFd } : {}),
          logDir,
          logFile: plan.logFile,
          closeAfterFirstReply: plan.req.opts.status_fd ?? undefined,
        }),
    );
    steps.mark("criu");
    log.debug(`criu: spawn ${res.timings.spawnMs.toFixed(1)}ms rpc ${res.timings.rpcMs.toFixed(1)}ms`);
    if (locksBefore && !opts.preDump) {
      const tcpLocks = criuTcpLocks().filter((l) => !locksBefore.has(l));
      if (tcpLocks.length) writeImageNotes(opts.imagePath, { ...readImageNotes(opts.imagePath), tcpLocks });
    }

    // the dump is done: the container goes (runc semantics) unless it was to keep running
    if (opts.leaveRunning || opts.preDump) {
      if (weFroze) cg.thaw();
      weFroze = false;
      rmMarker(opts.root, opts.id);
    } else {
      weFroze = false;
      // CRIU has SIGKILLed the frozen tasks; destroy() thaws them so they die, then cleans up
      await destroyAfterDump(opts.root, s);
    }
    steps.mark("finish");
    const stats = readDumpStats(logDir);
    logStats("dump", stats);
    steps.log("checkpoint");
    if (opts.printStats) printStatsJson({ type: opts.preDump ? "pre-dump" : "dump", criu: stats ?? null, timings: steps.json() });
  } catch (e) {
    if (weFroze) {
      try {
        cg.thaw();
      } catch (err) {
        log.warn(`unable to thaw the container: ${(err as Error).message}`);
      }
    }
    rmMarker(opts.root, opts.id);
    throw explainCriuFailure(e);
  } finally {
    closeFd(imagesDirFd);
    closeFd(workDirFd);
    closeFd(netnsFd);
  }
}

/**
 * The container's tmpfs mounts that restore can make anew: the spec's tmpfs mounts and the
 * /sys/fs/cgroup tmpfs ctbun makes for cgroup mounts, when they hold only metadata. Not for
 * containers with a user namespace (their tmpfs belong to it, a new one would not).
 */
function recreatableTmpfsOf(spec: Spec, pid: number, maskedDirs: string[], maskedFiles: string[]): TmpfsTree[] {
  if (process.env.CTBUN_CRIU_TAR_TMPFS) return [];
  if ((spec.linux?.namespaces ?? []).some((n) => n.type === "user")) return [];
  const mounts = spec.mounts ?? [];
  const candidates = mounts.filter((m) => m.type === "tmpfs").map((m) => m.destination.replace(/\/+$/, "") || "/");
  if (mounts.some((m) => m.type === "cgroup" && m.destination.replace(/\/+$/, "") === "/sys/fs/cgroup")) candidates.push("/sys/fs/cgroup");
  return recreatableTmpfs(
    pid,
    candidates.filter((c) => c !== "/" && !maskedDirs.includes(c)),
    maskedFiles,
  );
}

function rmMarker(root: string, id: string): void {
  try {
    rmSync(join(stateDir(root, id), CHECKPOINT_MARKER), { force: true });
  } catch {}
}

async function destroyAfterDump(root: string, s: ReturnType<typeof readSavedState>): Promise<void> {
  const cg = cgroupOf(s);
  // make sure nothing stays frozen: a killed task only dies once thawed
  try {
    cg?.thaw();
  } catch {}
  await destroy(root, s);
}
