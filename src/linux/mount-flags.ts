// OCI mount option strings -> what mount(2) and mount_setattr(2) need. A table, not code:
// every option ctbun understands is one row; anything not in a table is filesystem data
// ("mode=755", "size=65536k") passed through in order.
import {
  MOUNT_ATTR__ATIME,
  MOUNT_ATTR_NOATIME,
  MOUNT_ATTR_NODEV,
  MOUNT_ATTR_NODIRATIME,
  MOUNT_ATTR_NOEXEC,
  MOUNT_ATTR_NOSUID,
  MOUNT_ATTR_NOSYMFOLLOW,
  MOUNT_ATTR_RDONLY,
  MOUNT_ATTR_RELATIME,
  MOUNT_ATTR_STRICTATIME,
  MS_BIND,
  MS_DIRSYNC,
  MS_I_VERSION,
  MS_LAZYTIME,
  MS_MANDLOCK,
  MS_NOATIME,
  MS_NODEV,
  MS_NODIRATIME,
  MS_NOEXEC,
  MS_NOSUID,
  MS_NOSYMFOLLOW,
  MS_PRIVATE,
  MS_RDONLY,
  MS_REC,
  MS_RELATIME,
  MS_REMOUNT,
  MS_SHARED,
  MS_SILENT,
  MS_SLAVE,
  MS_STRICTATIME,
  MS_SYNCHRONOUS,
  MS_UNBINDABLE,
} from "./constants.ts";

/** One option: `clear` means the option turns the flag off ("rw" clears MS_RDONLY). */
interface FlagRow {
  readonly flag: number;
  readonly clear: boolean;
}

/** Options that map to MS_* bits of mount(2). */
export const MOUNT_FLAG_OPTIONS: Readonly<Record<string, FlagRow>> = {
  defaults: { flag: 0, clear: false },
  ro: { flag: MS_RDONLY, clear: false },
  rw: { flag: MS_RDONLY, clear: true },
  nosuid: { flag: MS_NOSUID, clear: false },
  suid: { flag: MS_NOSUID, clear: true },
  nodev: { flag: MS_NODEV, clear: false },
  dev: { flag: MS_NODEV, clear: true },
  noexec: { flag: MS_NOEXEC, clear: false },
  exec: { flag: MS_NOEXEC, clear: true },
  sync: { flag: MS_SYNCHRONOUS, clear: false },
  async: { flag: MS_SYNCHRONOUS, clear: true },
  dirsync: { flag: MS_DIRSYNC, clear: false },
  remount: { flag: MS_REMOUNT, clear: false },
  mand: { flag: MS_MANDLOCK, clear: false },
  nomand: { flag: MS_MANDLOCK, clear: true },
  noatime: { flag: MS_NOATIME, clear: false },
  atime: { flag: MS_NOATIME, clear: true },
  nodiratime: { flag: MS_NODIRATIME, clear: false },
  diratime: { flag: MS_NODIRATIME, clear: true },
  relatime: { flag: MS_RELATIME, clear: false },
  norelatime: { flag: MS_RELATIME, clear: true },
  strictatime: { flag: MS_STRICTATIME, clear: false },
  nostrictatime: { flag: MS_STRICTATIME, clear: true },
  lazytime: { flag: MS_LAZYTIME, clear: false },
  nolazytime: { flag: MS_LAZYTIME, clear: true },
  iversion: { flag: MS_I_VERSION, clear: false },
  noiversion: { flag: MS_I_VERSION, clear: true },
  silent: { flag: MS_SILENT, clear: false },
  loud: { flag: MS_SILENT, clear: true },
  nosymfollow: { flag: MS_NOSYMFOLLOW, clear: false },
  symfollow: { flag: MS_NOSYMFOLLOW, clear: true },
  bind: { flag: MS_BIND, clear: false },
  rbind: { flag: MS_BIND | MS_REC, clear: false },
};

/** Propagation options: each becomes its own mount(2) call after the mount exists. */
export const PROPAGATION_OPTIONS: Readonly<Record<string, number>> = {
  shared: MS_SHARED,
  rshared: MS_SHARED | MS_REC,
  slave: MS_SLAVE,
  rslave: MS_SLAVE | MS_REC,
  private: MS_PRIVATE,
  rprivate: MS_PRIVATE | MS_REC,
  unbindable: MS_UNBINDABLE,
  runbindable: MS_UNBINDABLE | MS_REC,
};

/** Recursive attribute options, applied with mount_setattr(2) + AT_RECURSIVE (kernel 5.12+). */
export const REC_ATTR_OPTIONS: Readonly<Record<string, FlagRow>> = {
  rro: { flag: MOUNT_ATTR_RDONLY, clear: false },
  rrw: { flag: MOUNT_ATTR_RDONLY, clear: true },
  rnosuid: { flag: MOUNT_ATTR_NOSUID, clear: false },
  rsuid: { flag: MOUNT_ATTR_NOSUID, clear: true },
  rnodev: { flag: MOUNT_ATTR_NODEV, clear: false },
  rdev: { flag: MOUNT_ATTR_NODEV, clear: true },
  rnoexec: { flag: MOUNT_ATTR_NOEXEC, clear: false },
  rexec: { flag: MOUNT_ATTR_NOEXEC, clear: true },
  rnodiratime: { flag: MOUNT_ATTR_NODIRATIME, clear: false },
  rdiratime: { flag: MOUNT_ATTR_NODIRATIME, clear: true },
  rrelatime: { flag: MOUNT_ATTR_RELATIME, clear: false },
  rnorelatime: { flag: MOUNT_ATTR_RELATIME, clear: true },
  rnoatime: { flag: MOUNT_ATTR_NOATIME, clear: false },
  ratime: { flag: MOUNT_ATTR_NOATIME, clear: true },
  rstrictatime: { flag: MOUNT_ATTR_STRICTATIME, clear: false },
  rnostrictatime: { flag: MOUNT_ATTR_STRICTATIME, clear: true },
  rnosymfollow: { flag: MOUNT_ATTR_NOSYMFOLLOW, clear: false },
  rsymfollow: { flag: MOUNT_ATTR_NOSYMFOLLOW, clear: true },
};

/**
 * Options that are neither kernel flags nor filesystem data: the runtime acts on them itself.
 * tmpcopyup: copy the underlying directory into a fresh tmpfs (runc, crun).
 * idmap / ridmap: id-mapped bind mount, non-recursive / recursive (runc 1.2+).
 * copy-symlink, src-nofollow, dest-nofollow: crun extensions.
 */
export const EXTENSION_OPTIONS: readonly string[] = ["tmpcopyup", "idmap", "ridmap", "copy-symlink", "src-nofollow", "dest-nofollow"];

export interface MountOptions {
  /** MS_* bits to pass to mount(2). */
  flags: number;
  /** MS_* bits an option explicitly turned off ("rw", "exec", ...): a remount must clear them. */
  clearFlags: number;
  /** Propagation changes in order, each one mount(NULL, dest, NULL, flags, NULL). */
  propagation: number[];
  /** Filesystem-specific options in order; join with "," for mount(2)'s data argument. */
  data: string[];
  /** MOUNT_ATTR_* to set recursively with mount_setattr(2). */
  recAttrSet: number;
  /** MOUNT_ATTR_* to clear recursively with mount_setattr(2). */
  recAttrClr: number;
  /** "bind" or "rbind" was given. */
  bind: boolean;
  /** "rbind" was given (MS_REC on the bind). */
  recursive: boolean;
  /** "tmpcopyup" was given. */
  tmpcopyup: boolean;
  /** "idmap" or "ridmap" was given. */
  idmap: boolean;
  /** "ridmap" was given: the id mapping applies to the whole subtree. */
  idmapRecursive: boolean;
  /** Extension options seen (EXTENSION_OPTIONS), in order. */
  extensions: string[];
}

/** Turn an OCI mount's `options` into flags, propagation, recursive attributes and data. Later options win. */
export function parseMountOptions(options: readonly string[] = []): MountOptions {
  const out: MountOptions = {
    flags: 0,
    clearFlags: 0,
    propagation: [],
    data: [],
    recAttrSet: 0,
    recAttrClr: 0,
    bind: false,
    recursive: false,
    tmpcopyup: false,
    idmap: false,
    idmapRecursive: false,
    extensions: [],
  };
  for (const opt of options) {
    const row = Object.hasOwn(MOUNT_FLAG_OPTIONS, opt) ? MOUNT_FLAG_OPTIONS[opt] : undefined;
    if (row) {
      if (row.clear) {
        out.flags &= ~row.flag;
        out.clearFlags |= row.flag;
      } else {
        out.flags |= row.flag;
        out.clearFlags &= ~row.flag;
      }
      if (opt === "bind" || opt === "rbind") out.bind = true;
      if (opt === "rbind") out.recursive = true;
      continue;
    }
    const prop = Object.hasOwn(PROPAGATION_OPTIONS, opt) ? PROPAGATION_OPTIONS[opt] : undefined;
    if (prop !== undefined) {
      out.propagation.push(prop);
      continue;
    }
    const attr = Object.hasOwn(REC_ATTR_OPTIONS, opt) ? REC_ATTR_OPTIONS[opt] : undefined;
    if (attr) {
      if (attr.clear) {
        out.recAttrClr |= attr.flag;
        out.recAttrSet &= ~attr.flag;
      } else {
        out.recAttrSet |= attr.flag;
        out.recAttrClr &= ~attr.flag;
        // the atime modes share one field: choosing one must clear the whole field first
        if ((attr.flag & MOUNT_ATTR__ATIME) === attr.flag) {
          out.recAttrSet = (out.recAttrSet & ~MOUNT_ATTR__ATIME) | attr.flag;
          out.recAttrClr |= MOUNT_ATTR__ATIME;
        }
      }
      continue;
    }
    if (EXTENSION_OPTIONS.includes(opt)) {
      out.extensions.push(opt);
      if (opt === "tmpcopyup") out.tmpcopyup = true;
      if (opt === "idmap" || opt === "ridmap") out.idmap = true;
      if (opt === "ridmap") out.idmapRecursive = true;
      continue;
    }
    out.data.push(opt);
  }
  return out;
}

/** Every option name ctbun recognises, sorted (the `mountOptions` list of `ctbun features`). */
export function knownMountOptions(): string[] {
  return [
    ...Object.keys(MOUNT_FLAG_OPTIONS),
    ...Object.keys(PROPAGATION_OPTIONS),
    ...Object.keys(REC_ATTR_OPTIONS),
    ...EXTENSION_OPTIONS,
  ].sort();
}
