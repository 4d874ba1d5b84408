// cgroup v1 (legacy) and hybrid (v1 controllers + a cgroup2 mount, usually with no or few
// controllers, at /sys/fs/cgroup/unified). One directory per hierarchy; comounted controllers
// (cpu,cpuacct) share one. In hybrid mode the container also joins the cgroup2 tree (key ""),
// as runc does, and hugetlb is set there when only cgroup2 has it.
import { posix } from "node:path";
import { CtbunError } from "../errors.ts";
import type { LinuxResources } from "../spec/types.ts";
import {
  addCreated,
  allPids,
  defaultSleep,
  destroyDirs,
  isPermissionError,
  oomOnWake,
  pollOom,
  pollUntil,
  setRdma,
  signalAllFrozen,
  writeCg,
  writeProc,
  type FreezerState,
  type Sleep,
} from "./_common.ts";
import { pidsMax } from "./convert.ts";
import { readV2Controllers, type CgroupMode } from "./detect.ts";
import { specDeviceRules, v1RuleText, isWildcardAll } from "./devices.ts";
import { EBUSY, EINVAL, errnoOf, type CgroupFs } from "./fs.ts";
import {
  emptyStats,
  hugePageSizes,
  parseBlkioFile,
  parseCpusetStats,
  parseKeyValues,
  readUint,
  setIfNonZero,
  tryRead,
  type BlkioStats,
  type HugetlbStats,
  type MemoryEntry,
  type RuncStats,
} from "./stats.ts";
import type { CgroupManager, OomNotify, SavedCgroup } from "./types.ts";
import { applyV2Hugetlb, statV2Hugetlb } from "./v2.ts";

/** USER_HZ, the unit of cpuacct.stat. */
const CLOCK_TICKS = 100;

export class V1Manager implements CgroupManager {
  readonly mode: CgroupMode;
  private readonly created: string[];

  constructor(
    private readonly fs: CgroupFs,
    /** controller -> dir; "" is the cgroup2 dir in hybrid mode */
    private readonly dirs: Record<string, string>,
    /** controller -> mountpoint */
    private readonly mounts: Record<string, string>,
    private readonly rootless: boolean,
    created: string[] = [],
    private readonly sleep: Sleep = defaultSleep,
    private readonly oomNotify?: OomNotify,
  ) {
    this.mode = "" in dirs ? "hybrid" : "legacy";
    this.created = [...created];
  }

  paths(): Record<string, string> {
    return { ...this.dirs };
  }

  private uniqueDirs(): string[] {
    return [...new Set(Object.values(this.dirs))];
  }

  /** Run a step, swallowing permission errors when rootless. */
  private tolerate(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (this.rootless && isPermissionError(e)) return;
      throw e;
    }
  }

  create(): void {
    for (const dir of this.uniqueDirs()) {
      try {
        addCreated(this.created, this.fs.mkdirp(dir));
      } catch (e) {
        if (!(this.rootless && isPermissionError(e))) throw e;
        // rootless: a hierarchy we cannot make our cgroup in is not used (runc drops its path)
        for (const [c, d] of Object.entries(this.dirs)) if (d === dir) delete this.dirs[c];
      }
    }
    const cpuset = this.dirs.cpuset;
    if (cpuset) this.tolerate(() => this.initCpuset(cpuset, this.mounts.cpuset ?? posix.dirname(cpuset)));
  }

  /**
   * A new v1 cpuset cgroup starts with empty cpus/mems and refuses tasks until both are set,
   * so every level from the mountpoint down gets its parent's values when it has none.
   */
  private initCpuset(leaf: string, mountpoint: string): void {
    const rel = posix.relative(mountpoint, leaf);
    if (rel.startsWith("..")) return;
    const prefix = this.fs.exists(posix.join(mountpoint, "cpuset.cpus")) ? "cpuset." : "";
    let parent = mountpoint;
    for (const part of rel.split("/").filter(Boolean)) {
      const cur = posix.join(parent, part);
      for (const f of ["cpus", "mems"]) {
        const mine = tryRead(this.fs, cur, prefix + f);
        if (mine !== undefined && mine.trim() === "") {
          const theirs = tryRead(this.fs, parent, prefix + f) ?? "";
          writeCg(this.fs, cur, prefix + f, theirs.trim());
        }
      }
      parent = cur;
    }
  }

  /** Hybrid: let the cgroup2 tree hand hugetlb down when v1 has no hugetlb hierarchy. */
  private enableUnifiedHugetlb(leaf: string, mountpoint: string): void {
    if (this.dirs.hugetlb) return;
    if (!readV2Controllers(this.fs, mountpoint).includes("hugetlb")) return;
    const rel = posix.relative(mountpoint, leaf);
    if (rel.startsWith("..") || rel === "") return;
    let cur = mountpoint;
    for (const part of rel.split("/").filter(Boolean)) {
      try {
        writeCg(this.fs, cur, "cgroup.subtree_control", "+hugetlb");
      } catch {
        // best effort: a populated parent cannot delegate (no internal processes rule)
      }
      cur = posix.join(cur, part);
    }
  }

  apply(pid: number): void {
    this.create();
    for (const dir of this.uniqueDirs()) this.tolerate(() => writeProc(this.fs, dir, pid));
  }

  set(r: LinuxResources): void {
    if (r.unified && Object.keys(r.unified).length > 0) {
      throw new CtbunError("invalid configuration: cannot use unified on cgroup v1");
    }
    // Same order as runc's subsystem list.
    this.step("cpuset", r.cpu?.cpus || r.cpu?.mems, (d) => this.setCpuset(d, r));
    this.step("devices", r.devices, (d) => this.setDevices(d, r));
    this.step("memory", memorySet(r), (d) => this.setMemory(d, r));
    this.step("cpu", cpuSet(r), (d) => this.setCpu(d, r));
    this.step("pids", pidsMax(r.pids?.limit) !== undefined, (d) => this.setPids(d, r));
    this.step("blkio", r.blockIO, (d) => this.setBlkio(d, r));
    if (r.hugepageLimits?.length && !this.dirs.hugetlb && this.dirs[""]) {
      const unified = this.dirs[""];
      this.tolerate(() => {
        this.enableUnifiedHugetlb(unified, this.mounts[""] ?? "/sys/fs/cgroup/unified");
        applyV2Hugetlb(this.fs, unified, r);
      });
    } else {
      this.step("hugetlb", r.hugepageLimits?.length, (d) => this.setHugetlb(d, r));
    }
    this.step("net_cls", r.network?.classID !== undefined, (d) => writeCg(this.fs, d, "net_cls.classid", String(r.network!.classID)));
    this.step("net_prio", r.network?.priorities?.length, (d) => {
      for (const p of r.network!.priorities!) writeCg(this.fs, d, "net_prio.ifpriomap", `${p.name} ${p.priority}`);
    });
    this.step("rdma", r.rdma && Object.keys(r.rdma).length, (d) => setRdma(this.fs, d, r));
  }

  /** Apply one controller's settings when any are requested. */
  private step(controller: string, wanted: unknown, fn: (dir: string) => void): void {
    if (!wanted) return;
    const dir = this.dirs[controller];
    if (!dir) {
      if (this.rootless) return;
      throw new CtbunError(`cannot set ${controller} limit: container could not join or create cgroup`);
    }
    try {
      fn(dir);
    } catch (e) {
      if (this.rootless && (isPermissionError(e) || controller === "devices")) return;
      throw e;
    }
  }

  private setCpuset(dir: string, r: LinuxResources): void {
    const prefix = this.fs.exists(posix.join(dir, "cpuset.cpus")) ? "cpuset." : "";
    if (r.cpu?.cpus) writeCg(this.fs, dir, prefix + "cpus", r.cpu.cpus);
    if (r.cpu?.mems) writeCg(this.fs, dir, prefix + "mems", r.cpu.mems);
  }

  /** Deny everything, then replay the rules in order (later rules override earlier ones). */
  private setDevices(dir: string, r: LinuxResources): void {
    const rules = specDeviceRules(r.devices);
    writeCg(this.fs, dir, "devices.deny", "a");
    rules.forEach((rule, i) => {
      if (i === 0 && !rule.allow && isWildcardAll(rule)) return; // already denied
      if (isWildcardAll(rule)) writeCg(this.fs, dir, rule.allow ? "devices.allow" : "devices.deny", "a");
      else writeCg(this.fs, dir, rule.allow ? "devices.allow" : "devices.deny", v1RuleText(rule));
    });
  }

  private setMemory(dir: string, r: LinuxResources): void {
    const m = r.memory ?? {};
    const limit = m.limit ?? 0;
    let swap = m.swap ?? 0;
    // memory = -1 with no swap given means "both unlimited" (when swap accounting exists).
    if (limit === -1 && swap === 0 && this.fs.exists(posix.join(dir, "memory.memsw.limit_in_bytes"))) swap = -1;
    const setLimit = () => {
      if (limit === 0) return;
      try {
        writeCg(this.fs, dir, "memory.limit_in_bytes", String(limit));
      } catch (e) {
        if (errnoOf(e) !== EBUSY) throw e;
        const usage = readUint(this.fs, dir, "memory.usage_in_bytes") ?? 0;
        const peak = readUint(this.fs, dir, "memory.max_usage_in_bytes") ?? 0;
        throw new CtbunError(`unable to set memory limit to ${limit} (current usage: ${usage}, peak usage: ${peak})`, { cause: e });
      }
    };
    const setSwap = () => {
      if (swap !== 0) writeCg(this.fs, dir, "memory.memsw.limit_in_bytes", String(swap));
    };
    // memsw must stay >= limit at every moment: raise swap first when growing, limit first
    // when shrinking.
    let swapFirst = false;
    if (limit !== 0 && swap !== 0) {
      const cur = readUint(this.fs, dir, "memory.limit_in_bytes") ?? 0;
      swapFirst = swap === -1 || cur < swap;
    }
    if (swapFirst) {
      setSwap();
      setLimit();
    } else {
      setLimit();
      setSwap();
    }
    if (m.reservation) writeCg(this.fs, dir, "memory.soft_limit_in_bytes", String(m.reservation));
    if (m.disableOOMKiller) writeCg(this.fs, dir, "memory.oom_control", "1");
    if (m.swappiness !== undefined && m.swappiness !== -1) {
      if (m.swappiness < 0 || m.swappiness > 100) {
        throw new CtbunError(`invalid value:${m.swappiness}. valid memory swappiness range is 0-100`);
      }
      writeCg(this.fs, dir, "memory.swappiness", String(m.swappiness));
    }
  }

  private setCpu(dir: string, r: LinuxResources): void {
    const c = r.cpu ?? {};
    if (c.shares) {
      writeCg(this.fs, dir, "cpu.shares", String(c.shares));
      const got = readUint(this.fs, dir, "cpu.shares");
      if (got !== undefined && c.shares > got) throw new CtbunError(`the maximum allowed cpu-shares is ${got}`);
      if (got !== undefined && c.shares < got) throw new CtbunError(`the minimum allowed cpu-shares is ${got}`);
    }
    const quota = c.quota ?? 0;
    // The kernel checks quota/period and burst against the parent at each write; a value it
    // rejects with EINVAL now may fit once the other one is written, so retry those after.
    let burst = c.burst !== undefined ? String(c.burst) : "";
    if (burst) {
      try {
        writeCg(this.fs, dir, "cpu.cfs_burst_us", burst);
        burst = "";
      } catch (e) {
        if (errnoOf(e) !== EINVAL || quota === 0) throw e;
      }
    }
    let period = c.period ? String(c.period) : "";
    if (period) {
      try {
        writeCg(this.fs, dir, "cpu.cfs_period_us", period);
        period = "";
      } catch (e) {
        if (errnoOf(e) !== EINVAL) throw e;
      }
    }
    if (quota !== 0) {
      writeCg(this.fs, dir, "cpu.cfs_quota_us", String(quota));
      if (period) writeCg(this.fs, dir, "cpu.cfs_period_us", period);
      if (burst) writeCg(this.fs, dir, "cpu.cfs_burst_us", burst);
    }
    if (c.realtimePeriod) writeCg(this.fs, dir, "cpu.rt_period_us", String(c.realtimePeriod));
    if (c.realtimeRuntime) writeCg(this.fs, dir, "cpu.rt_runtime_us", String(c.realtimeRuntime));
    if (c.idle !== undefined) writeCg(this.fs, dir, "cpu.idle", String(c.idle));
  }

  private setPids(dir: string, r: LinuxResources): void {
    const max = pidsMax(r.pids?.limit); // runc >= 1.4: 0 is a limit, -1 unlimited (convert.ts)
    if (max !== undefined) writeCg(this.fs, dir, "pids.max", max);
  }

  private setBlkio(dir: string, r: LinuxResources): void {
    const b = r.blockIO!;
    // BFQ (the only weight-aware scheduler since 5.0) names its files blkio.bfq.*.
    const bfq = this.fs.exists(posix.join(dir, "blkio.bfq.weight"));
    const weightFile = bfq ? "blkio.bfq.weight" : "blkio.weight";
    const weightDeviceFile = bfq ? "blkio.bfq.weight_device" : "blkio.weight_device";
    if (b.weight) writeCg(this.fs, dir, weightFile, String(b.weight));
    if (b.leafWeight) writeCg(this.fs, dir, "blkio.leaf_weight", String(b.leafWeight));
    for (const wd of b.weightDevice ?? []) {
      if (wd.weight) writeCg(this.fs, dir, weightDeviceFile, `${wd.major}:${wd.minor} ${wd.weight}`);
      if (wd.leafWeight) writeCg(this.fs, dir, "blkio.leaf_weight_device", `${wd.major}:${wd.minor} ${wd.leafWeight}`);
    }
    const throttles: [keyof typeof b, string][] = [
      ["throttleReadBpsDevice", "blkio.throttle.read_bps_device"],
      ["throttleWriteBpsDevice", "blkio.throttle.write_bps_device"],
      ["throttleReadIOPSDevice", "blkio.throttle.read_iops_device"],
      ["throttleWriteIOPSDevice", "blkio.throttle.write_iops_device"],
    ];
    for (const [key, file] of throttles) {
      for (const td of (b[key] as { major: number; minor: number; rate: number }[] | undefined) ?? []) {
        writeCg(this.fs, dir, file, `${td.major}:${td.minor} ${td.rate}`);
      }
    }
  }

  private setHugetlb(dir: string, r: LinuxResources): void {
    for (const h of r.hugepageLimits ?? []) {
      writeCg(this.fs, dir, `hugetlb.${h.pageSize}.limit_in_bytes`, String(h.limit));
      const rsvd = `hugetlb.${h.pageSize}.rsvd.limit_in_bytes`;
      if (this.fs.exists(posix.join(dir, rsvd))) writeCg(this.fs, dir, rsvd, String(h.limit));
    }
  }

  // ---- freezer -----------------------------------------------------------------------------

  async freeze(): Promise<void> {
    const dir = this.dirs.freezer;
    if (!dir) throw new CtbunError("freezer not supported: no freezer cgroup");
    let last = "";
    try {
      const ok = await pollUntil((i) => {
        // Re-writing FROZEN helps when tasks keep forking into the cgroup; an occasional
        // thaw lets a stuck FREEZING settle (runc does both).
        if (i > 0 && i % 50 === 0) writeCg(this.fs, dir, "freezer.state", "THAWED");
        writeCg(this.fs, dir, "freezer.state", "FROZEN");
        last = this.fs.readFile(posix.join(dir, "freezer.state")).trim();
        if (last === "FROZEN") return true;
        if (last !== "FREEZING") throw new CtbunError(`unexpected state ${last} while freezing`);
        return false;
      }, this.sleep);
      if (!ok) throw new CtbunError("unable to freeze");
    } catch (e) {
      // Never leave the container half frozen.
      try {
        writeCg(this.fs, dir, "freezer.state", "THAWED");
      } catch {
        // ignore
      }
      throw e;
    }
  }

  thaw(): void {
    const dir = this.dirs.freezer;
    if (!dir) return;
    writeCg(this.fs, dir, "freezer.state", "THAWED");
  }

  freezerState(): FreezerState {
    const dir = this.dirs.freezer;
    if (!dir) return "UNKNOWN";
    const s = tryRead(this.fs, dir, "freezer.state")?.trim();
    if (s === "THAWED") return "THAWED";
    if (s === "FREEZING") return "FREEZING";
    if (s === "FROZEN") {
      // Frozen only because an ancestor is: the container itself was not paused.
      const self = tryRead(this.fs, dir, "freezer.self_freezing")?.trim();
      return self === "0" ? "THAWED" : "FROZEN";
    }
    return "UNKNOWN";
  }

  // ---- processes ---------------------------------------------------------------------------

  private pidsDir(): string | undefined {
    return this.dirs.devices ?? this.dirs.freezer ?? this.dirs.pids ?? this.dirs.memory ?? Object.values(this.dirs)[0];
  }

  pids(): number[] {
    const dir = this.pidsDir();
    return dir ? allPids(this.fs, dir) : [];
  }

  killAll(signal: number | string): Promise<void> {
    return signalAllFrozen(this, signal, !!this.dirs.freezer);
  }

  // ---- stats -------------------------------------------------------------------------------

  stats(): RuncStats {
    const st = emptyStats();
    const fs = this.fs;
    const mem = this.dirs.memory;
    if (mem) {
      const raw = tryRead(fs, mem, "memory.stat");
      if (raw !== undefined) {
        const kv = parseKeyValues(raw);
        if (Object.keys(kv).length) st.memory.raw = kv;
        setIfNonZero(st.memory, "cache", kv.cache);
      }
      st.memory.usage = v1MemoryEntry(fs, mem, "memory");
      st.memory.swap = v1MemoryEntry(fs, mem, "memory.memsw");
      st.memory.kernel = v1MemoryEntry(fs, mem, "memory.kmem");
      st.memory.kernelTCP = v1MemoryEntry(fs, mem, "memory.kmem.tcp");
    }
    const acct = this.dirs.cpuacct;
    if (acct) {
      const u = st.cpu.usage;
      setIfNonZero(u, "total", readUint(fs, acct, "cpuacct.usage"));
      const percpu = tryRead(fs, acct, "cpuacct.usage_percpu");
      if (percpu) setIfNonZero(u, "percpu", percpu.trim().split(/\s+/).map(Number));
      const all = tryRead(fs, acct, "cpuacct.usage_all");
      if (all) {
        const rows = all.trim().split("\n").slice(1).map((l) => l.trim().split(/\s+/).map(Number));
        setIfNonZero(u, "percpu_user", rows.map((r) => r[1] ?? 0));
        setIfNonZero(u, "percpu_kernel", rows.map((r) => r[2] ?? 0));
      }
      const ticks = tryRead(fs, acct, "cpuacct.stat");
      if (ticks) {
        const kv = parseKeyValues(ticks);
        const ns = 1e9 / CLOCK_TICKS;
        u.user = (kv.user ?? 0) * ns;
        u.kernel = (kv.system ?? 0) * ns;
      }
    }
    const cpu = this.dirs.cpu;
    if (cpu) {
      const t = tryRead(fs, cpu, "cpu.stat");
      if (t) {
        const kv = parseKeyValues(t);
        setIfNonZero(st.cpu.throttling, "periods", kv.nr_periods);
        setIfNonZero(st.cpu.throttling, "throttledPeriods", kv.nr_throttled);
        setIfNonZero(st.cpu.throttling, "throttledTime", kv.throttled_time);
      }
    }
    const cpuset = this.dirs.cpuset;
    if (cpuset) {
      const prefix = fs.exists(posix.join(cpuset, "cpuset.cpus")) ? "cpuset." : "";
      parseCpusetStats(fs, cpuset, prefix, st.cpuset);
    }
    const pids = this.dirs.pids;
    if (pids) {
      setIfNonZero(st.pids, "current", readUint(fs, pids, "pids.current"));
      const max = tryRead(fs, pids, "pids.max")?.trim();
      if (max && max !== "max") setIfNonZero(st.pids, "limit", Number(max));
    }
    if (this.dirs.blkio) st.blkio = v1Blkio(fs, this.dirs.blkio);
    const huge = this.dirs.hugetlb;
    if (huge) {
      for (const size of hugePageSizes(fs)) {
        const h: HugetlbStats = { usage: undefined, max: undefined, failcnt: readUint(fs, huge, `hugetlb.${size}.failcnt`) ?? 0 };
        setIfNonZero(h, "usage", readUint(fs, huge, `hugetlb.${size}.usage_in_bytes`));
        setIfNonZero(h, "max", readUint(fs, huge, `hugetlb.${size}.max_usage_in_bytes`));
        st.hugetlb[size] = h;
      }
    } else if (this.dirs[""]) {
      statV2Hugetlb(fs, this.dirs[""], st);
    }
    return st;
  }

  oomKillCount(): number | undefined {
    const mem = this.dirs.memory;
    if (!mem) return undefined;
    const t = tryRead(this.fs, mem, "memory.oom_control");
    if (t === undefined) return undefined;
    return parseKeyValues(t).oom_kill;
  }

  oomEvents(onOom: () => void, opts: { intervalMs?: number; poll?: boolean } = {}): () => Promise<void> {
    // An eventfd on memory.oom_control (cgroup.event_control) wakes us at each OOM, as runc's
    // notifyOnOOM does; what is reported is still the oom_kill counter, as on v2. Polling the
    // counter is the fallback (no memory cgroup, registration refused).
    const mem = this.dirs.memory;
    if (mem && !opts.poll) {
      const counter = oomOnWake(() => this.oomKillCount(), onOom);
      let watch: { stop(): Promise<void> } | undefined;
      try {
        const notify = this.oomNotify ?? (require("./_oom-eventfd.ts") as typeof import("./_oom-eventfd.ts")).realOomNotify;
        watch = notify(mem, () => counter.wake());
      } catch {}
      if (watch) {
        const w = watch;
        return async () => {
          await w.stop();
          counter.flush();
        };
      }
    }
    return pollOom(() => this.oomKillCount(), onOom, opts.intervalMs);
  }

  destroy(): void {
    destroyDirs(this.fs, this.uniqueDirs(), this.created);
  }

  exists(): boolean {
    return this.uniqueDirs().some((d) => this.fs.exists(d));
  }

  save(): SavedCgroup {
    return {
      version: 1,
      mode: this.mode,
      paths: { ...this.dirs },
      created: [...this.created],
      rootless: this.rootless,
      mountpoints: { ...this.mounts },
    };
  }
}

function memorySet(r: LinuxResources): boolean {
  const m = r.memory;
  if (!m) return false;
  return !!(m.limit || m.swap || m.reservation || m.disableOOMKiller || (m.swappiness !== undefined && m.swappiness !== -1));
}

function cpuSet(r: LinuxResources): boolean {
  const c = r.cpu;
  if (!c) return false;
  return !!(c.shares || c.quota || c.period || c.realtimePeriod || c.realtimeRuntime || c.burst !== undefined || c.idle !== undefined);
}

function v1MemoryEntry(fs: CgroupFs, dir: string, prefix: string) {
  const usage = readUint(fs, dir, `${prefix}.usage_in_bytes`);
  const e: MemoryEntry = { limit: 0, usage: undefined, max: undefined, failcnt: 0 };
  if (usage === undefined) return e; // swap / kmem accounting is optional
  setIfNonZero(e, "usage", usage);
  setIfNonZero(e, "max", readUint(fs, dir, `${prefix}.max_usage_in_bytes`));
  e.failcnt = readUint(fs, dir, `${prefix}.failcnt`) ?? 0;
  e.limit = readUint(fs, dir, `${prefix}.limit_in_bytes`) ?? 0;
  return e;
}

/**
 * The recursive blkio tables, from the first family of files the kernel provides (BFQ with
 * debug stats, BFQ, CFQ, then the throttle layer), as runc picks them.
 */
function v1Blkio(fs: CgroupFs, dir: string): BlkioStats {
  type Key = Exclude<keyof BlkioStats, "psi">;
  const families: [string, Key][][] = [
    [
      ["blkio.bfq.sectors_recursive", "sectorsRecursive"],
      ["blkio.bfq.io_service_time_recursive", "ioServiceTimeRecursive"],
      ["blkio.bfq.io_wait_time_recursive", "ioWaitTimeRecursive"],
      ["blkio.bfq.io_merged_recursive", "ioMergedRecursive"],
      ["blkio.bfq.io_queued_recursive", "ioQueueRecursive"],
      ["blkio.bfq.time_recursive", "ioTimeRecursive"],
      ["blkio.bfq.io_serviced_recursive", "ioServicedRecursive"],
      ["blkio.bfq.io_service_bytes_recursive", "ioServiceBytesRecursive"],
    ],
    [
      ["blkio.bfq.io_serviced_recursive", "ioServicedRecursive"],
      ["blkio.bfq.io_service_bytes_recursive", "ioServiceBytesRecursive"],
    ],
    [
      ["blkio.sectors_recursive", "sectorsRecursive"],
      ["blkio.io_service_time_recursive", "ioServiceTimeRecursive"],
      ["blkio.io_wait_time_recursive", "ioWaitTimeRecursive"],
      ["blkio.io_merged_recursive", "ioMergedRecursive"],
      ["blkio.io_queued_recursive", "ioQueueRecursive"],
      ["blkio.time_recursive", "ioTimeRecursive"],
      ["blkio.io_serviced_recursive", "ioServicedRecursive"],
      ["blkio.io_service_bytes_recursive", "ioServiceBytesRecursive"],
    ],
    [
      ["blkio.throttle.io_serviced_recursive", "ioServicedRecursive"],
      ["blkio.throttle.io_service_bytes_recursive", "ioServiceBytesRecursive"],
    ],
    [
      ["blkio.throttle.io_serviced", "ioServicedRecursive"],
      ["blkio.throttle.io_service_bytes", "ioServiceBytesRecursive"],
    ],
  ];
  for (const fam of families) {
    const first = tryRead(fs, dir, fam[0]![0]);
    if (first === undefined || parseBlkioFile(first).length === 0) continue;
    const out: BlkioStats = {};
    for (const [file, key] of fam) {
      const t = tryRead(fs, dir, file);
      if (t !== undefined) setIfNonZero(out, key, parseBlkioFile(t));
    }
    return out;
  }
  return {};
}
