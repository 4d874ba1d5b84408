// cgroup v2 (unified): one directory. Limits go to the v2 files with runc's conversions from
// the OCI (v1-style) values; devices are an eBPF program; freezing is cgroup.freeze.
import { posix } from "node:path";
import { CtbunError } from "../errors.ts";
import type { LinuxResources } from "../spec/types.ts";
import {
  addCreated,
  allPids,
  defaultSleep,
  destroyDirs,
  isNotExist,
  isPermissionError,
  isSigkill,
  pollOom,
  pollUntil,
  setRdma,
  signalAllFrozen,
  writeCg,
  writeProc,
  type FreezerState,
  type Sleep,
} from "./_common.ts";
import { blkioWeightToIoWeight, cpuSharesToWeight, pidsMax, swapToV2, v2Num } from "./convert.ts";
import { readV2Controllers } from "./detect.ts";
import { setDevicesV2, type BpfDeps } from "./devices-bpf.ts";
import { specDeviceRules } from "./devices.ts";
import { EINVAL, ENOENT, errnoOf, type CgroupFs } from "./fs.ts";
import {
  emptyStats,
  hugePageSizes,
  parseIoStat,
  parseKeyValues,
  parsePsi,
  readUint,
  setIfNonZero,
  tryRead,
  U64_MAX,
  type HugetlbStats,
  type MemoryEntry,
  type RuncStats,
} from "./stats.ts";
import type { CgroupManager, SavedCgroup } from "./types.ts";

export class V2Manager implements CgroupManager {
  readonly mode = "unified" as const;
  private readonly created: string[];

  constructor(
    private readonly fs: CgroupFs,
    private readonly dir: string,
    private readonly mountpoint: string,
    private readonly rootless: boolean,
    created: string[] = [],
    private readonly bpf: (() => BpfDeps) | undefined = undefined,
    private readonly sleep: Sleep = defaultSleep,
  ) {
    this.created = [...created];
  }

  paths(): Record<string, string> {
    return { "": this.dir };
  }

  private tolerate(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (this.rootless && isPermissionError(e)) return;
      throw e;
    }
  }

  /**
   * mkdir each level below the mountpoint and turn on every available controller in
   * cgroup.subtree_control from the mountpoint down to the leaf's parent.
   */
  create(): void {
    const rel = posix.relative(this.mountpoint, this.dir);
    if (rel.startsWith("..") || posix.isAbsolute(rel)) throw new CtbunError(`invalid cgroup path ${this.dir}`);
    this.tolerate(() => addCreated(this.created, this.fs.mkdirp(this.dir)));
    const ctrls = readV2Controllers(this.fs, this.mountpoint);
    if (!ctrls.length) return;
    const all = ctrls.map((c) => "+" + c).join(" ");
    let cur = this.mountpoint;
    for (const part of rel.split("/").filter(Boolean)) {
      try {
        writeCg(this.fs, cur, "cgroup.subtree_control", all);
      } catch {
        // Some may be unavailable (rootless, or a parent that does not have them): one by one.
        for (const c of ctrls) {
          try {
            writeCg(this.fs, cur, "cgroup.subtree_control", "+" + c);
          } catch {
            // caught later, when a limit for that controller is written
          }
        }
      }
      cur = posix.join(cur, part);
    }
  }

  apply(pid: number): void {
    this.create();
    // rootless: no cgroup could be made (no delegation): run in the caller's, as runc does
    if (this.rootless && !this.fs.exists(this.dir)) return;
    this.tolerate(() => writeProc(this.fs, this.dir, pid));
  }

  set(r: LinuxResources): void {
    if (this.rootless && !this.fs.exists(this.dir)) return; // rootless without a cgroup of its own
    const fs = this.fs;
    const dir = this.dir;
    const step = (fn: () => void, always = false) => {
      try {
        fn();
      } catch (e) {
        if (this.rootless && (always || isPermissionError(e))) return;
        throw e;
      }
    };
    // Same order as runc's fs2 manager.
    const pmax = pidsMax(r.pids?.limit); // runc >= 1.4: 0 is a limit, -1 unlimited (convert.ts)
    if (pmax !== undefined) step(() => writeCg(fs, dir, "pids.max", pmax));
    step(() => setMemoryV2(fs, dir, r));
    step(() => setIoV2(fs, dir, r));
    step(() => setCpuV2(fs, dir, r));
    if (r.devices) {
      step(() => {
        if (!this.bpf) throw new CtbunError("cgroup v2 device control needs bpf(2), which is not available");
        setDevicesV2(dir, specDeviceRules(r.devices), this.bpf());
      }, true);
    }
    if (r.cpu?.cpus) step(() => writeCg(fs, dir, "cpuset.cpus", r.cpu!.cpus!));
    if (r.cpu?.mems) step(() => writeCg(fs, dir, "cpuset.mems", r.cpu!.mems!));
    step(() => applyV2Hugetlb(fs, dir, r));
    if (r.rdma) step(() => setRdma(fs, dir, r));
    if (r.unified) this.setUnified(r.unified);
  }

  /** linux.resources.unified: file name -> value, written as is, one line per write. */
  private setUnified(map: Record<string, string>): void {
    const controllers = readV2Controllers(this.fs, this.dir);
    for (const [key, value] of Object.entries(map)) {
      if (key.includes("/")) throw new CtbunError(`unified resource "${key}" must be a file name (no slashes)`);
      const dot = key.indexOf(".");
      if (!this.fs.exists(posix.join(this.dir, key))) {
        if (dot < 0) throw new CtbunError(`unified resource "${key}" must be in the form CONTROLLER.PARAMETER`);
        const c = key.slice(0, dot);
        if (c !== "cgroup" && !controllers.includes(c)) {
          throw new CtbunError(`unified resource "${key}" can't be set: controller "${c}" not available`);
        }
        throw new CtbunError(`unable to set unified resource "${key}": no such file`);
      }
      try {
        for (const line of value.split("\n")) if (line !== "" || value === "") writeCg(this.fs, this.dir, key, line);
      } catch (e) {
        if (this.rootless && isPermissionError(e)) continue;
        throw new CtbunError(`unable to set unified resource "${key}"`, { cause: e });
      }
    }
  }

  // ---- freezer -----------------------------------------------------------------------------

  async freeze(): Promise<void> {
    try {
      writeCg(this.fs, this.dir, "cgroup.freeze", "1");
    } catch (e) {
      throw new CtbunError("freezer not supported", { cause: e });
    }
    try {
      const ok = await pollUntil(() => this.eventsFrozen() === true, this.sleep);
      if (!ok) throw new CtbunError("timeout of 10s reached waiting for the cgroup to freeze");
    } catch (e) {
      try {
        writeCg(this.fs, this.dir, "cgroup.freeze", "0");
      } catch {
        // ignore
      }
      throw e;
    }
  }

  /** "frozen 1" in cgroup.events; undefined when the file or the line is missing. */
  private eventsFrozen(): boolean | undefined {
    const t = tryRead(this.fs, this.dir, "cgroup.events");
    if (t === undefined) return undefined;
    const v = parseKeyValues(t).frozen;
    return v === undefined ? undefined : v === 1;
  }

  thaw(): void {
    try {
      writeCg(this.fs, this.dir, "cgroup.freeze", "0");
    } catch (e) {
      if (!isNotExist(e)) throw e; // no freezer (or no cgroup): nothing is frozen
    }
  }

  freezerState(): FreezerState {
    const s = tryRead(this.fs, this.dir, "cgroup.freeze")?.trim();
    if (s === "0") return "THAWED";
    if (s === "1") return this.eventsFrozen() ? "FROZEN" : "FREEZING";
    return "UNKNOWN";
  }

  pids(): number[] {
    return allPids(this.fs, this.dir);
  }

  async killAll(signal: number | string): Promise<void> {
    if (isSigkill(signal) && this.fs.exists(posix.join(this.dir, "cgroup.kill"))) {
      writeCg(this.fs, this.dir, "cgroup.kill", "1");
      return;
    }
    return signalAllFrozen(this, signal, true);
  }

  // ---- stats -------------------------------------------------------------------------------

  stats(): RuncStats {
    const fs = this.fs;
    const dir = this.dir;
    const st = emptyStats();
    // pids
    const cur = readUint(fs, dir, "pids.current");
    setIfNonZero(st.pids, "current", cur ?? (fs.exists(dir) ? allPids(fs, dir).length : undefined));
    const pmax = tryRead(fs, dir, "pids.max")?.trim();
    if (pmax && pmax !== "max") setIfNonZero(st.pids, "limit", Number(pmax));
    // memory
    const mstat = tryRead(fs, dir, "memory.stat");
    if (mstat !== undefined) {
      const kv = parseKeyValues(mstat);
      if (Object.keys(kv).length) st.memory.raw = kv;
      setIfNonZero(st.memory, "cache", kv.file);
    }
    const usage = v2MemoryEntry(fs, dir, "memory");
    if (usage) {
      st.memory.usage = usage;
      const swap = v2MemoryEntry(fs, dir, "memory.swap");
      if (swap) {
        // v1 reported memory+swap; keep that meaning.
        const combined: MemoryEntry = { limit: swap.limit, usage: undefined, failcnt: swap.failcnt };
        setIfNonZero(combined, "usage", (swap.usage ?? 0) + (usage.usage ?? 0));
        if (swap.limit !== U64_MAX) combined.limit = swap.limit + usage.limit;
        st.memory.swap = combined;
      }
    }
    const mpsi = tryRead(fs, dir, "memory.pressure");
    if (mpsi !== undefined) st.memory.psi = parsePsi(mpsi);
    // io
    const io = tryRead(fs, dir, "io.stat");
    if (io !== undefined) st.blkio = parseIoStat(io);
    const ipsi = tryRead(fs, dir, "io.pressure");
    if (ipsi !== undefined) st.blkio.psi = parsePsi(ipsi);
    // cpu
    const cs = tryRead(fs, dir, "cpu.stat");
    if (cs !== undefined) {
      const kv = parseKeyValues(cs);
      setIfNonZero(st.cpu.usage, "total", kv.usage_usec !== undefined ? kv.usage_usec * 1000 : undefined);
      st.cpu.usage.user = (kv.user_usec ?? 0) * 1000;
      st.cpu.usage.kernel = (kv.system_usec ?? 0) * 1000;
      setIfNonZero(st.cpu.throttling, "periods", kv.nr_periods);
      setIfNonZero(st.cpu.throttling, "throttledPeriods", kv.nr_throttled);
      setIfNonZero(st.cpu.throttling, "throttledTime", kv.throttled_usec !== undefined ? kv.throttled_usec * 1000 : undefined);
    }
    const cpsi = tryRead(fs, dir, "cpu.pressure");
    if (cpsi !== undefined) st.cpu.psi = parsePsi(cpsi);
    statV2Hugetlb(fs, dir, st);
    return st;
  }

  oomKillCount(): number | undefined {
    const t = tryRead(this.fs, this.dir, "memory.events");
    return t === undefined ? undefined : (parseKeyValues(t).oom_kill ?? 0);
  }

  oomEvents(onOom: () => void, opts: { intervalMs?: number; poll?: boolean } = {}): () => Promise<void> {
    return pollOom(() => this.oomKillCount(), onOom, opts.intervalMs);
  }

  destroy(): void {
    destroyDirs(this.fs, [this.dir], this.created);
  }

  exists(): boolean {
    return this.fs.exists(this.dir);
  }

  save(): SavedCgroup {
    return {
      version: 1,
      mode: "unified",
      paths: { "": this.dir },
      created: [...this.created],
      rootless: this.rootless,
      mountpoints: { "": this.mountpoint },
    };
  }
}

function v2MemoryEntry(fs: CgroupFs, dir: string, prefix: string): MemoryEntry | undefined {
  const usage = readUint(fs, dir, `${prefix}.current`);
  if (usage === undefined) return undefined;
  const e: MemoryEntry = { limit: readUint(fs, dir, `${prefix}.max`) ?? 0, usage: undefined, max: undefined, failcnt: 0 };
  setIfNonZero(e, "usage", usage);
  setIfNonZero(e, "max", readUint(fs, dir, `${prefix}.peak`));
  return e;
}

function setMemoryV2(fs: CgroupFs, dir: string, r: LinuxResources): void {
  const m = r.memory;
  if (!m) return;
  const limit = m.limit ?? 0;
  const swapIn = m.swap ?? 0;
  const reservation = m.reservation ?? 0;
  if (!limit && !swapIn && !reservation) return;
  if (m.checkBeforeUpdate && (limit > 0 || swapIn > 0)) {
    const usage = readUint(fs, dir, "memory.current");
    if (usage !== undefined) {
      if (swapIn > 0 && swapIn <= usage) throw new CtbunError(`rejecting memory+swap limit ${swapIn} <= usage ${usage}`);
      if (limit > 0 && limit <= usage) throw new CtbunError(`rejecting memory limit ${limit} <= usage ${usage}`);
    }
  }
  const swap = swapToV2(swapIn, limit);
  let swapStr = v2Num(swap);
  if (swapStr === "" && swap === 0 && swapIn > 0) swapStr = "0"; // memory == memory+swap: no swap
  if (swapStr !== "") {
    try {
      writeCg(fs, dir, "memory.swap.max", swapStr);
    } catch (e) {
      // Without swap accounting, "no limit" and "no swap" are already true.
      if (!(errnoOf(e) === ENOENT && (swapStr === "max" || swapStr === "0"))) throw e;
    }
  }
  const max = v2Num(limit);
  if (max) writeCg(fs, dir, "memory.max", max);
  const low = v2Num(reservation);
  if (low) writeCg(fs, dir, "memory.low", low);
}

function setIoV2(fs: CgroupFs, dir: string, r: LinuxResources): void {
  const b = r.blockIO;
  if (!b) return;
  const bfq = fs.exists(posix.join(dir, "io.bfq.weight"));
  if (b.weight) {
    if (bfq) writeCg(fs, dir, "io.bfq.weight", String(b.weight));
    else writeCg(fs, dir, "io.weight", String(blkioWeightToIoWeight(b.weight)));
  }
  for (const wd of b.weightDevice ?? []) {
    if (!wd.weight) continue;
    if (bfq) writeCg(fs, dir, "io.bfq.weight", `${wd.major}:${wd.minor} ${wd.weight}`);
    else writeCg(fs, dir, "io.weight", `${wd.major}:${wd.minor} ${blkioWeightToIoWeight(wd.weight)}`);
  }
  const throttles: [typeof b.throttleReadBpsDevice, string][] = [
    [b.throttleReadBpsDevice, "rbps"],
    [b.throttleWriteBpsDevice, "wbps"],
    [b.throttleReadIOPSDevice, "riops"],
    [b.throttleWriteIOPSDevice, "wiops"],
  ];
  for (const [list, key] of throttles) {
    for (const td of list ?? []) writeCg(fs, dir, "io.max", `${td.major}:${td.minor} ${key}=${td.rate}`);
  }
}

function setCpuV2(fs: CgroupFs, dir: string, r: LinuxResources): void {
  const c = r.cpu;
  if (!c) return;
  if (c.idle !== undefined) writeCg(fs, dir, "cpu.idle", String(c.idle));
  const weight = cpuSharesToWeight(c.shares ?? 0);
  if (weight) writeCg(fs, dir, "cpu.weight", String(weight));
  const quota = c.quota ?? 0;
  const period = c.period ?? 0;
  let burst = c.burst !== undefined ? String(c.burst) : "";
  if (burst) {
    try {
      writeCg(fs, dir, "cpu.max.burst", burst);
      burst = "";
    } catch (e) {
      // A burst above the current quota is refused; it may fit after cpu.max is written.
      if (errnoOf(e) !== EINVAL || quota === 0) throw e;
    }
  }
  if (quota !== 0 || period !== 0) {
    const q = quota > 0 ? String(quota) : "max";
    writeCg(fs, dir, "cpu.max", `${q} ${period || 100000}`);
    if (burst) writeCg(fs, dir, "cpu.max.burst", burst);
  }
}

/** hugetlb.<size>.max (and .rsvd.max when the kernel has it). Used by hybrid v1 too. */
export function applyV2Hugetlb(fs: CgroupFs, dir: string, r: LinuxResources): void {
  for (const h of r.hugepageLimits ?? []) {
    writeCg(fs, dir, `hugetlb.${h.pageSize}.max`, String(h.limit));
    const rsvd = `hugetlb.${h.pageSize}.rsvd.max`;
    if (fs.exists(posix.join(dir, rsvd))) writeCg(fs, dir, rsvd, String(h.limit));
  }
}

/** v2 hugetlb stats: usage from .current, failcnt from the "max" count in .events. */
export function statV2Hugetlb(fs: CgroupFs, dir: string, st: RuncStats): void {
  for (const size of hugePageSizes(fs)) {
    const usage = readUint(fs, dir, `hugetlb.${size}.current`);
    if (usage === undefined) continue;
    const ev = tryRead(fs, dir, `hugetlb.${size}.events`);
    const h: HugetlbStats = { usage: undefined, failcnt: ev ? (parseKeyValues(ev).max ?? 0) : 0 };
    setIfNonZero(h, "usage", usage);
    st.hugetlb[size] = h;
  }
}
