// An in-memory CgroupFs that records every write, for the cgroup unit tests.
// Files must exist to be written (no O_CREAT), as on cgroupfs; new directories are filled by a
// template so they look like fresh cgroups; errors can be injected per path.
import { posix } from "node:path";
import { SysError } from "../../../src/errors.ts";
import type { CgroupFs, DirEntry } from "../../../src/cgroups/fs.ts";

export interface Write {
  path: string;
  data: string;
}

export class FakeCgroupFs implements CgroupFs {
  files = new Map<string, string>();
  dirs = new Set<string>(["/"]);
  writes: Write[] = [];
  rmdirs: string[] = [];
  /** path -> errno thrown by writeFile (once per entry in the list, then success). */
  writeErrors = new Map<string, number[]>();
  /** Called after a successful write; may change other files (kernel side effects). */
  onWrite: ((path: string, data: string, fs: FakeCgroupFs) => void) | undefined;
  /** Files a new directory starts with, by directory path. */
  template: (dir: string) => Record<string, string> = () => ({});

  constructor(tree: Record<string, string> = {}) {
    for (const [p, c] of Object.entries(tree)) this.put(p, c);
  }

  /** Create a file (and its parent directories) without recording a write. */
  put(path: string, content: string): this {
    this.addDirs(posix.dirname(path));
    this.files.set(path, content);
    return this;
  }

  addDirs(dir: string): string[] {
    const made: string[] = [];
    let cur = "";
    for (const part of dir.split("/").filter(Boolean)) {
      cur += "/" + part;
      if (!this.dirs.has(cur)) {
        this.dirs.add(cur);
        made.push(cur);
      }
    }
    return made;
  }

  failWrite(path: string, ...errnos: number[]): this {
    this.writeErrors.set(path, errnos);
    return this;
  }

  /** Writes as "path=data", optionally only those under a directory (relative names then). */
  written(under?: string): string[] {
    return this.writes
      .filter((w) => !under || w.path.startsWith(under + "/"))
      .map((w) => `${under ? posix.relative(under, w.path) : w.path}=${w.data}`);
  }

  readFile(path: string): string {
    const c = this.files.get(path);
    if (c === undefined) throw new SysError("open", this.dirs.has(path) ? 21 : 2, path);
    return c;
  }

  writeFile(path: string, data: string): void {
    const errs = this.writeErrors.get(path);
    if (errs?.length) {
      const n = errs.shift()!;
      throw new SysError("write", n, path);
    }
    if (!this.files.has(path)) throw new SysError("open", 2, path);
    this.writes.push({ path, data });
    this.files.set(path, data);
    this.onWrite?.(path, data, this);
  }

  mkdirp(path: string): string[] {
    const made = this.addDirs(path);
    for (const d of made) for (const [name, c] of Object.entries(this.template(d))) this.files.set(posix.join(d, name), c);
    return made;
  }

  rmdir(path: string): void {
    if (!this.dirs.has(path)) throw new SysError("rmdir", 2, path);
    for (const d of this.dirs) if (d.startsWith(path + "/")) throw new SysError("rmdir", 16, path); // EBUSY like cgroupfs
    const procs = this.files.get(path + "/cgroup.procs");
    if (procs && procs.trim()) throw new SysError("rmdir", 16, path);
    this.dirs.delete(path);
    for (const f of [...this.files.keys()]) if (posix.dirname(f) === path) this.files.delete(f);
    this.rmdirs.push(path);
  }

  exists(path: string): boolean {
    return this.dirs.has(path) || this.files.has(path);
  }

  readdir(path: string): DirEntry[] {
    if (!this.dirs.has(path)) throw new SysError("open", 2, path);
    const out: DirEntry[] = [];
    for (const d of this.dirs) if (d !== path && posix.dirname(d) === path) out.push({ name: posix.basename(d), isDir: true });
    for (const f of this.files.keys()) if (posix.dirname(f) === path) out.push({ name: posix.basename(f), isDir: false });
    return out;
  }
}

/** This machine's layout: v1 controllers, name=systemd, and a cgroup2 mount with hugetlb. */
export const HYBRID_MOUNTINFO = `31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;

/** A typical systemd-era v1 host: comounted cpu,cpuacct and net_cls,net_prio, no cgroup2. */
export const LEGACY_MOUNTINFO = `25 18 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
26 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,xattr,release_agent=/lib/systemd/systemd-cgroups-agent,name=systemd
29 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,cpu,cpuacct
30 25 0:27 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,net_cls,net_prio
31 25 0:28 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,memory
32 25 0:29 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,cpuset
33 25 0:30 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,freezer
34 25 0:31 / /sys/fs/cgroup/hugetlb rw,nosuid,nodev,noexec,relatime shared:18 - cgroup cgroup rw,hugetlb
35 25 0:32 / /sys/fs/cgroup/devices rw,nosuid,nodev,noexec,relatime shared:19 - cgroup cgroup rw,devices
36 25 0:33 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:20 - cgroup cgroup rw,pids
37 25 0:34 / /sys/fs/cgroup/blkio rw,nosuid,nodev,noexec,relatime shared:21 - cgroup cgroup rw,blkio
38 25 0:35 / /sys/fs/cgroup/rdma rw,nosuid,nodev,noexec,relatime shared:22 - cgroup cgroup rw,rdma
`;

export const UNIFIED_MOUNTINFO = `24 18 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
`;

export const PROC_CGROUPS = `#subsys_name	hierarchy	num_cgroups	enabled
cpuset	4	1	1
cpu	2	1	1
cpuacct	2	1	1
blkio	11	1	1
memory	5	1	1
devices	9	1	1
freezer	6	1	1
net_cls	3	1	1
perf_event	8	1	1
net_prio	3	1	1
hugetlb	7	1	1
pids	10	1	1
rdma	12	1	1
misc	13	1	1
`;

/** Files a fresh v1 cgroup has, keyed by the hierarchy's mount directory name. */
export function v1Template(dir: string): Record<string, string> {
  const m = /^\/sys\/fs\/cgroup\/([^/]+)\//.exec(dir + "/");
  const h = m?.[1] ?? "";
  const files: Record<string, string> = { "cgroup.procs": "", tasks: "" };
  const has = (c: string) => h.split(",").includes(c);
  if (has("memory")) {
    Object.assign(files, {
      "memory.limit_in_bytes": "9223372036854771712\n",
      "memory.memsw.limit_in_bytes": "9223372036854771712\n",
      "memory.soft_limit_in_bytes": "9223372036854771712\n",
      "memory.swappiness": "60\n",
      "memory.oom_control": "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n",
      "memory.usage_in_bytes": "0\n",
      "memory.max_usage_in_bytes": "0\n",
      "memory.failcnt": "0\n",
      "memory.stat": "cache 0\nrss 0\n",
    });
  }
  if (has("cpu")) {
    Object.assign(files, {
      "cpu.shares": "1024\n",
      "cpu.cfs_period_us": "100000\n",
      "cpu.cfs_quota_us": "-1\n",
      "cpu.cfs_burst_us": "0\n",
      "cpu.rt_period_us": "1000000\n",
      "cpu.rt_runtime_us": "0\n",
      "cpu.idle": "0\n",
      "cpu.stat": "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n",
    });
  }
  if (has("cpuacct")) Object.assign(files, { "cpuacct.usage": "0\n", "cpuacct.stat": "user 0\nsystem 0\n" });
  if (has("cpuset")) Object.assign(files, { "cpuset.cpus": "\n", "cpuset.mems": "\n" });
  if (has("pids")) Object.assign(files, { "pids.max": "max\n", "pids.current": "0\n" });
  if (has("freezer")) Object.assign(files, { "freezer.state": "THAWED\n", "freezer.self_freezing": "0\n" });
  if (has("devices")) Object.assign(files, { "devices.allow": "", "devices.deny": "", "devices.list": "a *:* rwm\n" });
  if (has("blkio")) {
    Object.assign(files, {
      "blkio.bfq.weight": "100\n",
      "blkio.bfq.weight_device": "",
      "blkio.leaf_weight": "",
      "blkio.leaf_weight_device": "",
      "blkio.throttle.read_bps_device": "",
      "blkio.throttle.write_bps_device": "",
      "blkio.throttle.read_iops_device": "",
      "blkio.throttle.write_iops_device": "",
    });
  }
  if (has("hugetlb")) Object.assign(files, { "hugetlb.2MB.limit_in_bytes": "" });
  if (has("net_cls")) Object.assign(files, { "net_cls.classid": "0\n" });
  if (has("net_prio")) Object.assign(files, { "net_prio.ifpriomap": "" });
  if (has("rdma")) Object.assign(files, { "rdma.max": "" });
  if (h === "unified") Object.assign(files, { "cgroup.subtree_control": "", "cgroup.controllers": "", "hugetlb.2MB.max": "max\n" });
  return files;
}

/** Files a fresh v2 cgroup has (controllers enabled by the parent). */
export function v2Template(): Record<string, string> {
  return {
    "cgroup.procs": "",
    "cgroup.controllers": "cpuset cpu io memory hugetlb pids rdma misc\n",
    "cgroup.subtree_control": "",
    "cgroup.freeze": "0\n",
    "cgroup.events": "populated 0\nfrozen 0\n",
    "cgroup.kill": "",
    "cgroup.type": "domain\n",
    "memory.max": "max\n",
    "memory.low": "0\n",
    "memory.high": "max\n",
    "memory.swap.max": "max\n",
    "memory.current": "0\n",
    "memory.events": "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n",
    "cpu.weight": "100\n",
    "cpu.max": "max 100000\n",
    "cpu.max.burst": "0\n",
    "cpu.idle": "0\n",
    "cpuset.cpus": "",
    "cpuset.mems": "",
    "io.weight": "default 100\n",
    "io.max": "",
    "pids.max": "max\n",
    "pids.current": "0\n",
    "hugetlb.2MB.max": "max\n",
    "hugetlb.1GB.max": "max\n",
    "rdma.max": "",
  };
}

export function hybridFs(): FakeCgroupFs {
  const fs = new FakeCgroupFs({
    "/proc/self/mountinfo": HYBRID_MOUNTINFO,
    "/proc/cgroups": PROC_CGROUPS,
    "/proc/self/cgroup": "9:name=systemd:/\n8:pids:/\n6:freezer:/\n4:memory:/process_api/abc\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n",
    "/sys/fs/cgroup/cpuset/cpuset.cpus": "0-7\n",
    "/sys/fs/cgroup/cpuset/cpuset.mems": "0\n",
    "/sys/fs/cgroup/unified/cgroup.controllers": "hugetlb\n",
    "/sys/fs/cgroup/unified/cgroup.subtree_control": "",
  });
  for (const h of ["cpu", "cpuacct", "memory", "devices", "freezer", "blkio", "pids", "systemd"]) fs.addDirs(`/sys/fs/cgroup/${h}`);
  fs.addDirs("/sys/fs/cgroup/memory/process_api/abc");
  fs.template = v1Template;
  return fs;
}

export function legacyFs(): FakeCgroupFs {
  const fs = new FakeCgroupFs({
    "/proc/self/mountinfo": LEGACY_MOUNTINFO,
    "/proc/cgroups": PROC_CGROUPS,
    "/proc/self/cgroup":
      "12:rdma:/\n11:blkio:/user.slice\n10:pids:/user.slice/user-1000.slice/session-2.scope\n9:devices:/user.slice\n8:hugetlb:/\n7:freezer:/\n6:cpuset:/\n5:memory:/user.slice\n4:net_cls,net_prio:/\n3:cpu,cpuacct:/user.slice\n1:name=systemd:/user.slice/user-1000.slice/session-2.scope\n",
    "/sys/fs/cgroup/cpuset/cpuset.cpus": "0-3\n",
    "/sys/fs/cgroup/cpuset/cpuset.mems": "0\n",
  });
  for (const m of LEGACY_MOUNTINFO.matchAll(/ (\/sys\/fs\/cgroup\/\S+) /g)) fs.addDirs(m[1]!);
  fs.template = v1Template;
  return fs;
}

export function unifiedFs(): FakeCgroupFs {
  const fs = new FakeCgroupFs({
    "/proc/self/mountinfo": UNIFIED_MOUNTINFO,
    "/proc/self/cgroup": "0::/user.slice/user-1000.slice/session-3.scope\n",
    "/sys/fs/cgroup/cgroup.controllers": "cpuset cpu io memory hugetlb pids rdma misc\n",
    "/sys/fs/cgroup/cgroup.subtree_control": "",
    "/sys/fs/cgroup/user.slice/user-1000.slice/cgroup.subtree_control": "",
  });
  fs.template = (d) => (d.startsWith("/sys/fs/cgroup/") ? v2Template() : {});
  return fs;
}
