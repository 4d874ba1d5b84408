// The cgroup facts of a dump (cgroup.img), read without CRIU: which cgroup sets the dumped tasks
// were in and which cgroup directories CRIU recorded. Restore uses them to see whether every
// task sat in the container's own cgroups (then CRIU need not place anything: see restore.ts).
//
// Layout: IMG_COMMON_MAGIC, CGROUP_MAGIC, then one length-prefixed (u32 LE) cgroup_entry:
//   cgroup_entry { repeated cg_set_entry sets = 1; repeated cg_controller_entry controllers = 2; }
//   cg_set_entry { uint32 id = 1; repeated cg_member_entry ctls = 2; }
//   cg_member_entry { string name = 1; string path = 2; optional uint32 cgns_prefix = 3; }
//   cg_controller_entry { repeated string cnames = 1; repeated cgroup_dir_entry dirs = 2; }
//   cgroup_dir_entry { string dir_name = 1; repeated cgroup_dir_entry children = 2; ... }
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type protobuf from "protobufjs/minimal.js";
import { fields, imageEntries, reader } from "./image.ts";

const CGROUP_MAGIC = 0x59383330;

export interface CgMember {
  /** the hierarchy's controllers ("cpu", "cpu,cpuacct", "name=systemd"; "" = cgroup2) */
  name: string;
  /** the task's cgroup at dump time, from its hierarchy's root */
  path: string;
  /** length of the part of `path` that was the task's cgroup namespace root, when in one */
  cgnsPrefix?: number;
}

export interface CgDir {
  name: string;
  children: CgDir[];
}

export interface CgroupImage {
  sets: { id: number; members: CgMember[] }[];
  controllers: { cnames: string[]; dirs: CgDir[] }[];
}

type Reader = protobuf.Reader;

function member(r: Reader, end: number): CgMember {
  const m: CgMember = { name: "", path: "" };
  fields(r, end, (f, w) => {
    if (f === 1 && w === 2) m.name = r.string();
    else if (f === 2 && w === 2) m.path = r.string();
    else if (f === 3 && w === 0) m.cgnsPrefix = r.uint32();
    else return false;
    return true;
  });
  return m;
}

function dir(r: Reader, end: number): CgDir {
  const d: CgDir = { name: "", children: [] };
  fields(r, end, (f, w) => {
    if (f === 1 && w === 2) d.name = r.string();
    else if (f === 2 && w === 2) {
      const len = r.uint32();
      d.children.push(dir(r, r.pos + len));
    } else return false;
    return true;
  });
  return d;
}

/** Decode a cgroup.img's bytes. Throws on anything that is not one. */
export function parseCgroupImage(buf: Uint8Array): CgroupImage {
  const [record] = imageEntries(buf, CGROUP_MAGIC, "cgroup.img");
  if (!record) throw new Error("cgroup.img: no record");
  const r = reader(record);
  const size = record.length;
  const img: CgroupImage = { sets: [], controllers: [] };
  fields(r, size, (f, w) => {
    if (w !== 2) return false;
    const len = r.uint32();
    const end = r.pos + len;
    if (f === 1) {
      const set = { id: 0, members: [] as CgMember[] };
      fields(r, end, (g, w2) => {
        if (g === 1 && w2 === 0) set.id = r.uint32();
        else if (g === 2 && w2 === 2) {
          const l = r.uint32();
          set.members.push(member(r, r.pos + l));
        } else return false;
        return true;
      });
      img.sets.push(set);
    } else if (f === 2) {
      const c = { cnames: [] as string[], dirs: [] as CgDir[] };
      fields(r, end, (g, w2) => {
        if (g === 1 && w2 === 2) c.cnames.push(r.string());
        else if (g === 2 && w2 === 2) {
          const l = r.uint32();
          c.dirs.push(dir(r, r.pos + l));
        } else return false;
        return true;
      });
      img.controllers.push(c);
    } else r.pos = end;
    return true;
  });
  return img;
}

/** The image dir's cgroup.img, or undefined when there is none (or it cannot be read). */
export function readCgroupImage(imageDir: string): CgroupImage | undefined {
  try {
    return parseCgroupImage(readFileSync(join(imageDir, "cgroup.img")));
  } catch {
    return undefined;
  }
}

/**
 * Whether every dumped task sat in the top of the container's cgroups in every hierarchy, with
 * no cgroup below it recorded: then a restore that starts CRIU in the container's (new) cgroups
 * and lets the tree inherit them (manage_cgroups_mode IGNORE) puts every task where CRIU would
 * have. Returns the hierarchies (member names) to place, and whether the tasks were in a cgroup
 * namespace rooted there; undefined when CRIU has to place them (nested cgroups, tasks in
 * different places, a namespace rooted elsewhere).
 */
export function flatCgroups(img: CgroupImage): { names: string[]; cgns: boolean } | undefined {
  if (!img.sets.length) return undefined;
  const members = img.sets[0]!.members;
  if (!members.length) return undefined;
  // CRIU records a child's set before copying the root's cgroup-namespace prefix into it, so a
  // tree of several tasks in one place has several sets with the same content
  const key = (ms: typeof members) => JSON.stringify(ms.map((m) => [m.name, m.path, m.cgnsPrefix ?? 0]).sort());
  const first = key(members);
  if (img.sets.some((s) => key(s.members) !== first)) return undefined;
  let cgns: boolean | undefined;
  for (const m of members) {
    const inNs = m.cgnsPrefix !== undefined && m.cgnsPrefix > 0;
    if (cgns !== undefined && cgns !== inNs) return undefined;
    cgns = inNs;
    const ctrl = img.controllers.find((c) => c.cnames.join(",") === m.name || (m.name === "" && c.cnames.length === 0) || c.cnames.includes(m.name));
    if (!ctrl) return undefined;
    // the task at the top of its namespace, and the only directory CRIU recorded there
    if (inNs && m.cgnsPrefix !== m.path.length) return undefined;
    if (ctrl.dirs.length !== 1) return undefined;
    const top = ctrl.dirs[0]!;
    if (top.children.length || `/${top.name}` !== m.path) return undefined;
  }
  return { names: members.map((m) => m.name), cgns: !!cgns };
}
