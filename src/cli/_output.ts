// Output helpers that reproduce Go's encoders, byte for byte where engines parse the result.

import { writeSync } from "node:fs";

/**
 * Writes command output to fd 1 synchronously. Touching process.stdout costs several
 * milliseconds of stream set-up per run; a plain write(2) does not. Falls back to the stream
 * if fd 1 is non-blocking and full.
 */
export function writeStdout(text: string): void {
  const buf = Buffer.from(text);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off, buf.length - off);
    } catch (e) {
      if ((e as { code?: string }).code !== "EAGAIN") throw e;
      process.stdout.write(buf.subarray(off));
      return;
    }
  }
}

/**
 * JSON the way Go's encoding/json writes it: like JSON.stringify, but "<", ">", "&", U+2028
 * and U+2029 are escaped (they can only occur inside strings, so a plain replace is safe).
 */
export function goJson(value: unknown, indent?: string): string {
  const s = JSON.stringify(value, null, indent) ?? "null";
  return s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Go's text/tabwriter with flags 0: every cell that ends in a tab is padded with spaces to
 * max(minwidth, widest cell in its column + padding); the last cell of a line is left as is.
 * Rows here all have the same number of cells, so each column is one block.
 */
export function tabwrite(rows: readonly (readonly string[])[], minwidth: number, padding: number): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let c = 0; c < row.length - 1; c++) {
      const w = [...(row[c] as string)].length + padding;
      widths[c] = Math.max(widths[c] ?? minwidth, w, minwidth);
    }
  }
  let out = "";
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      const cell = row[c] as string;
      out += c < row.length - 1 ? cell + " ".repeat((widths[c] ?? 0) - [...cell].length) : cell;
    }
    out += "\n";
  }
  return out;
}
