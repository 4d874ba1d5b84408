// The container's root filesystem: OCI mounts planned and applied through the Syscall
// interface (src/linux/syscall.ts), pivot_root, masked/readonly paths, read-only root.
// Mount targets are resolved inside the rootfs without following symlinks out of it, then
// opened with openat2(RESOLVE_IN_ROOT) and mounted through /proc/self/fd/N.
import { readFileSync } from "node:fs";
import { CtbunError, SysError } from "../errors.ts";
import { parseMountOptions } from "../linux/mount-flags.ts";
import type { Syscall } from "../linux/syscall.ts";
import type { Mount, Spec } from "../spec/types.ts";
import { MNT_DETACH, MS_BIND, MS_MOVE, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_RDONLY, MS_REC, MS_REMOUNT, MS_SHARED, MS_SLAVE, MS_UNBINDABLE, S_IFBLK, S_IFCHR, S_IFIFO } from "../linux/constants.ts";


export const PROPAGATION: Record<string, number> = {
  "": MS_REC | MS_SLAVE,
  shared: MS_SHARED,
  rshared: MS_REC | MS_SHARED,
  slave: MS_SLAVE,
  rslave: MS_REC | MS_SLAVE,
  private: MS_PRIVATE,
  rprivate: MS_REC | MS_PRIVATE,
  unbindable: MS_UNBINDABLE,
  runbindable: MS_REC | MS_UNBINDABLE,
};

export interface RootfsConfig {
  spec: Spec;
  rootfs: string;
  bundle: string;
  noPivot: boolean;
  /** The container has its own cgroup namespace (cgroup fs can be mounted directly). */
  cgroupNs: boolean;
  /** The container has a user namespace (mknod is not allowed: bind host devices). */
  userNs: boolean;
  /** v1 hierarchies and the unified mount of the host, read from mountinfo. */
  cgroupMounts: CgroupMount[];
  /** Our own cgroup per hierarchy (from /proc/self/cgroup, read once we are in the container's
   * cgroup): bound when there is no cgroup namespace. */
  ownCgroups: () => Record<string, string>;
}

export interface CgroupMount {
  /** Mount point on the host (/sys/fs/cgroup/cpu,cpuacct). */
  mountPoint: string;
  /** "cgroup" (v1) or "cgroup2". */
  fstype: string;
  /** v1 super options naming the controllers (cpu,cpuacct / name=systemd). */
  controllers: string[];
}

/** Resolve `unsafe` inside `root`: symlinks are followed as if `root` were "/". */
export function secureJoin(sys: Syscall, root: string, unsafe: string): string {
  let rest = unsafe.split("/").filter((p) => p && p !== ".");
  const cur: string[] = [];
  let links = 0;
  while (rest.length) {
    const p = rest.shift()!;
    if (p === ".") continue;
    if (p === "..") {
      cur.pop();
      continue;
    }
    const full = `${root}/${[...cur, p].join("/")}`;
    const st = sys.lstat(full);
    if (st?.isSymlink) {
      if (++links > 255) throw new SysError("secure join", 40, unsafe);
      const target = sys.readlink(full);
      if (target.startsWith("/")) cur.length = 0;
      rest = [...target.split("/").filter((x) => x && x !== "."), ...rest];
      continue;
    }
    cur.push(p);
  }
  return cur.length ? `${root}/${cur.join("/")}` : root;
}

/** True when any existing component of `dest` under `root` is a symlink. */
function hasSymlink(sys: Syscall, root: string, dest: string): boolean {
  let cur = root;
  for (const p of dest.split("/").filter(Boolean)) {
    cur += `/${p}`;
    const st = sys.lstat(cur);
    if (!st) return false;
    if (st.isSymlink) return true;
  }
  return false;
}

export function readCgroupMounts(): { mounts: CgroupMount[]; own: Record<string, string> } {
  const mounts: CgroupMount[] = [];
  const seen = new Set<string>();
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const [pre, post] = line.split(" - ");
    if (!pre || !post) continue;
    const f = pre.split(" ");
    const [fstype, , superOpts] = post.split(" ");
    if (fstype !== "cgroup" && fstype !== "cgroup2") continue;
    const controllers =
      fstype === "cgroup" ? (superOpts ?? "").split(",").filter((o) => !["rw", "ro", "nosuid", "nodev", "noexec", "relatime", "xattr", "clone_children"].includes(o) && !o.startsWith("release_agent")) : [];
    // one entry per hierarchy: the same superblock may be mounted again elsewhere (CRIU's
    // cgroup yard, bind mounts), and the first mount, /sys/fs/cgroup/..., is the one we want
    if (seen.has(f[2]!)) continue;
    seen.add(f[2]!);
    mounts.push({ mountPoint: f[4]!, fstype, controllers });
  }
  const own: Record<string, string> = {};
  for (const line of readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line);
    if (m) own[m[1]!] = m[2]!;
  }
  return { mounts, own };
}

/** The character devices every container gets (runc's defaults), besides linux.devices. */
export const DEFAULT_DEVICES: readonly { path: string; major: number; minor: number }[] = [
  { path: "/dev/null", major: 1, minor: 3 },
  { path: "/dev/zero", major: 1, minor: 5 },
  { path: "/dev/full", major: 1, minor: 7 },
  { path: "/dev/random", major: 1, minor: 8 },
  { path: "/dev/urandom", major: 1, minor: 9 },
  { path: "/dev/tty", major: 5, minor: 0 },
];

export class Rootfs {
  private rootFd = -1;
  constructor(
    private sys: Syscall,
    private cfg: RootfsConfig,
  ) {}

  /** Everything before pivot_root: propagation, the rootfs bind, all mounts, /dev. */
  prepare(beforeCgroupMount: () => void = () => {}): void {
    const { sys, cfg } = this;
    const prop = cfg.spec.linux?.rootfsPropagation ?? "";
    const flag = PROPAGATION[prop];
    if (flag === undefined) throw new CtbunError(`invalid rootfsPropagation "${prop}"`);
    // never let a mount made here reach the host; shared propagation is set again after pivot
    sys.mount(null, "/", null, flag & (MS_SHARED | MS_UNBINDABLE) ? MS_REC | MS_SLAVE : flag, null);
    sys.mount(cfg.rootfs, cfg.rootfs, null, MS_BIND | MS_REC, null);
    this.rootFd = sys.openDir(cfg.rootfs);
    try {
      for (const m of cfg.spec.mounts ?? []) {
        if (m.type === "cgroup" || m.type === "cgroup2") beforeCgroupMount();
        this.mountOne(m);
      }
      if (!this.isBound("/dev")) this.createDevices();
      this.createDevSymlinks();
    } finally {
      sys.close(this.rootFd);
      this.rootFd = -1;
    }
  }

  private isBound(dest: string): boolean {
    return (this.cfg.spec.mounts ?? []).some((m) => m.destination === dest && isBind(m));
  }

  /** Resolve, create and open a mount target; returns the /proc/self/fd path to mount on. */
  private target(dest: string, file: boolean): { path: string; fd: number } {
    const { sys, cfg } = this;
    // create along the path as resolved inside the root (a dangling symlink's target included)
    const host = secureJoin(sys, cfg.rootfs, dest);
    if (!sys.lstat(host)) sys.createInRoot(this.rootFd, host.slice(cfg.rootfs.length) || "/", file);
    const fd = sys.openInRoot(this.rootFd, dest);
    return { path: `/proc/self/fd/${fd}`, fd };
  }

  /** Run `fn` on the mount that is now at `dest` (an fd opened before a mount sees what was under it). */
  private onMounted(dest: string, fn: (path: string) => void): void {
    const fd = this.sys.openInRoot(this.rootFd, dest);
    try {
      fn(`/proc/self/fd/${fd}`);
    } finally {
      this.sys.close(fd);
    }
  }

  private mountOne(m: Mount): void {
    const { sys, cfg } = this;
    const type = m.type ?? "";
    const opts = parseMountOptions(m.options ?? []);
    const bind = isBind(m);
    const dest = m.destination;
    try {
      if ((type === "proc" || type === "sysfs") && hasSymlink(sys, cfg.rootfs, dest))
        throw new CtbunError(`${type} cannot be mounted on ${dest}: the destination is a symlink`);
      if (bind) {
        let src = m.source ?? "";
        if (!src.startsWith("/")) src = `${cfg.bundle}/${src}`;
        const sst = sys.stat(src);
        if (!sst) throw new SysError("stat", 2, src);
        const t = this.target(dest, !sst.isDir);
        try {
          sys.mount(src, t.path, null, MS_BIND | (opts.recursive ? MS_REC : 0), null);
        } finally {
          sys.close(t.fd);
        }
        const extra = opts.flags & ~(MS_BIND | MS_REC);
        if (extra || opts.propagation.length)
          this.onMounted(dest, (p) => {
            if (extra) sys.mount(null, p, null, MS_BIND | MS_REMOUNT | extra, null);
            for (const prop of opts.propagation) sys.mount(null, p, null, prop, null);
          });
        return;
      }
      if (type === "cgroup" || type === "cgroup2") return this.mountCgroup(m, opts.flags);
      const t = this.target(dest, false);
      try {
        const data = opts.data.join(",") || null;
        try {
          sys.mount(m.source ?? type, t.path, type, opts.flags, data);
        } catch (e) {
          // no private network/ipc namespace (or a user namespace): bind the host's instead
          if (e instanceof SysError && e.errno === 1 && (type === "sysfs" || type === "mqueue")) {
            sys.mount(type === "sysfs" ? "/sys" : "/dev/mqueue", t.path, null, MS_BIND | MS_REC, null);
            if (opts.flags & MS_RDONLY) this.onMounted(dest, (p) => sys.mount(null, p, null, MS_BIND | MS_REMOUNT | MS_REC | opts.flags, null));
          } else throw e;
        }
      } finally {
        sys.close(t.fd);
      }
      if (opts.propagation.length) this.onMounted(dest, (p) => opts.propagation.forEach((prop) => sys.mount(null, p, null, prop, null)));
    } catch (e) {
      throw new CtbunError(`unable to mount ${type || "bind"} on ${dest}`, { cause: e });
    }
  }

  private mountCgroup(m: Mount, flags: number): void {
    const { sys, cfg } = this;
    const dest = m.destination;
    const v2only = cfg.cgroupMounts.length > 0 && cfg.cgroupMounts.every((c) => c.fstype === "cgroup2" && c.mountPoint === "/sys/fs/cgroup");
    if (m.type === "cgroup2" || v2only) {
      const t = this.target(dest, false);
      try {
        if (cfg.cgroupNs) sys.mount("cgroup2", t.path, "cgroup2", flags, null);
        else sys.mount(`/sys/fs/cgroup${cfg.ownCgroups()[""] ?? ""}`, t.path, null, MS_BIND | MS_REC, null);
      } finally {
        sys.close(t.fd);
      }
      if (!cfg.cgroupNs && flags & MS_RDONLY) this.onMounted(dest, (p) => sys.mount(null, p, null, MS_BIND | MS_REMOUNT | MS_REC | flags, null));
      return;
    }
    // v1: a tmpfs with one directory per hierarchy, then read-only if asked
    const t = this.target(dest, false);
    try {
      sys.mount("tmpfs", t.path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755");
    } finally {
      sys.close(t.fd);
    }
    const base = secureJoin(sys, cfg.rootfs, dest);
    for (const cm of cfg.cgroupMounts) {
      const name = cm.mountPoint.slice(cm.mountPoint.lastIndexOf("/") + 1);
      const sub = `${dest}/${name}`;
      const st = this.target(sub, false);
      try {
        const key = cm.fstype === "cgroup2" ? "" : cm.controllers.join(",");
        if (cfg.cgroupNs) sys.mount("cgroup", st.path, cm.fstype, flags & ~MS_RDONLY, cm.fstype === "cgroup2" ? null : cm.controllers.join(","));
        else sys.mount(`${cm.mountPoint}${cfg.ownCgroups()[key] ?? ""}`, st.path, null, MS_BIND | MS_REC, null);
      } finally {
        sys.close(st.fd);
      }
      if (flags & MS_RDONLY) this.onMounted(sub, (p) => sys.mount(null, p, null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, null));
      // cpu -> cpu,cpuacct for comounted controllers
      if (cm.controllers.length > 1)
        for (const c of cm.controllers) if (!sys.lstat(`${base}/${c}`)) sys.symlink(name, `${base}/${c}`);
    }
    if (flags & MS_RDONLY) this.onMounted(dest, (p) => sys.mount(null, p, null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, null));
  }

  private createDevices(): void {
    const { sys, cfg } = this;
    const defaults = DEFAULT_DEVICES.map((d) => ({ ...d, type: "c", fileMode: 0o666, uid: 0, gid: 0 }));
    const extra = cfg.spec.linux?.devices ?? [];
    for (const d of [...defaults.filter((x) => !extra.some((e) => e.path === x.path)), ...extra]) {
      const host = secureJoin(sys, cfg.rootfs, d.path);
      if (cfg.userNs) {
        // mknod is refused in a user namespace: bind the host's node onto an empty file
        sys.touch(host);
        const t = this.target(d.path, true);
        try {
          sys.mount(d.path, t.path, null, MS_BIND, null);
        } finally {
          sys.close(t.fd);
        }
        continue;
      }
      const kind = d.type === "b" ? S_IFBLK : d.type === "p" ? S_IFIFO : S_IFCHR;
      const dev = ((d.major ?? 0) << 8) | ((d.minor ?? 0) & 0xff) | (((d.minor ?? 0) & ~0xff) << 12);
      sys.mkdirAll(host.slice(0, host.lastIndexOf("/")));
      if (sys.lstat(host)) continue;
      sys.mknod(host, kind | ((d.fileMode ?? 0o666) & 0o7777), dev);
    }
  }

  private createDevSymlinks(): void {
    const { sys, cfg } = this;
    const links: [string, string][] = [
      ["/proc/self/fd", "/dev/fd"],
      ["/proc/self/fd/0", "/dev/stdin"],
      ["/proc/self/fd/1", "/dev/stdout"],
      ["/proc/self/fd/2", "/dev/stderr"],
    ];
    if ((cfg.spec.mounts ?? []).some((m) => m.destination === "/dev/pts")) links.push(["pts/ptmx", "/dev/ptmx"]);
    for (const [target, link] of links) {
      const host = secureJoin(sys, cfg.rootfs, link);
      const st = sys.lstat(host);
      if (st && !(link === "/dev/ptmx" && !st.isDir)) continue;
      if (st) continue;
      sys.symlink(target, host);
    }
  }

  /** pivot_root into the rootfs (or MS_MOVE + chroot with --no-pivot). */
  pivot(): void {
    const { sys, cfg } = this;
    if (cfg.noPivot) {
      sys.chdir(cfg.rootfs);
      sys.mount(cfg.rootfs, "/", null, MS_MOVE, null);
      sys.chroot(".");
      sys.chdir("/");
      return;
    }
    const oldRoot = sys.openDir("/");
    try {
      sys.chdir(cfg.rootfs);
      sys.pivotRoot(".", ".");
      // the old root is now stacked under "."; detach it without touching the host
      sys.fchdir(oldRoot);
      sys.mount(null, ".", null, MS_SLAVE | MS_REC, null);
      sys.umount2(".", MNT_DETACH);
      sys.chdir("/");
    } finally {
      sys.close(oldRoot);
    }
    const prop = cfg.spec.linux?.rootfsPropagation ?? "";
    if (prop === "shared" || prop === "rshared") sys.mount(null, "/", null, PROPAGATION[prop]!, null);
  }

  /** After pivot: readonly and masked paths, then the read-only root. */
  finalize(): void {
    const { sys, cfg } = this;
    const linux = cfg.spec.linux ?? {};
    for (const p of linux.readonlyPaths ?? []) {
      if (!sys.lstat(p)) continue;
      sys.mount(p, p, null, MS_BIND | MS_REC, null);
      sys.mount(null, p, null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC | MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
    }
    for (const p of linux.maskedPaths ?? []) {
      const st = sys.lstat(p);
      if (!st) continue;
      if (st.isDir) sys.mount("tmpfs", p, "tmpfs", MS_RDONLY, null);
      else sys.mount("/dev/null", p, null, MS_BIND, null);
    }
    if (cfg.spec.root?.readonly) sys.mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, null);
  }
}

export function isBind(m: Mount): boolean {
  return m.type === "bind" || (m.options ?? []).some((o) => o === "bind" || o === "rbind");
}
