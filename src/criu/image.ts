// CRIU's image files read without CRIU (cgroup.img, pstree.img, core-N.img): the header and
// the length-prefixed protobuf records, and a walker over a record's fields that decodes only
// the fields asked for (CRIU's messages are large; ctbun needs a handful of their fields).
import protobuf from "protobufjs/minimal.js";
import { CtbunError } from "../errors.ts";

/** The first word of every image that is not a "service" image (stats-*). */
export const IMG_COMMON_MAGIC = 0x54564319;
/** core-N.img: one thread's registers, credentials, task state */
export const CORE_MAGIC = 0x55053847;

/** The records of an image: IMG_COMMON_MAGIC, the image's own magic, then u32-length records. */
export function imageEntries(buf: Uint8Array, magic: number, what: string): Uint8Array[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < 8 || dv.getUint32(0, true) !== IMG_COMMON_MAGIC || dv.getUint32(4, true) !== magic) throw new CtbunError(`${what}: not a CRIU image of that kind`);
  const out: Uint8Array[] = [];
  for (let off = 8; off < buf.length; ) {
    if (off + 4 > buf.length) throw new CtbunError(`${what}: truncated`);
    const n = dv.getUint32(off, true);
    if (off + 4 + n > buf.length) throw new CtbunError(`${what}: truncated`);
    out.push(buf.subarray(off + 4, off + 4 + n));
    off += 4 + n;
  }
  return out;
}

/** Visit the fields from r.pos to `end`: `on` reads the ones it wants (from r) and returns true. */
export function fields(r: protobuf.Reader, end: number, on: (field: number, wire: number) => boolean): void {
  while (r.pos < end) {
    const tag = r.uint32();
    if (!on(tag >>> 3, tag & 7)) r.skipType(tag & 7);
  }
}

/** Visit the fields of the length-delimited message at r.pos. */
export function message(r: protobuf.Reader, on: (field: number, wire: number) => boolean): void {
  const end = r.uint32() + r.pos;
  fields(r, end, on);
}

/** A reader over one record. */
export const reader = (record: Uint8Array): protobuf.Reader => protobuf.Reader.create(record);
