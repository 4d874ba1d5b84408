// Every command pays for what src/main.ts imports statically: keep heavy modules off that path
// (node:tty cost ~3 ms and node:util ~2 ms per command when they crept in).
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const HEAVY = ["node:tty", "node:util", "node:net", "node:child_process", "node:stream", "node:readline", "protobufjs", "protobufjs/minimal.js", "citty", "consola"];

/** Static (value) imports of a module, transitively; `import type` and import() are not followed. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.startsWith("/")) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms)) {
      const spec = m[1]!;
      todo.push(spec.startsWith(".") ? resolve(dirname(file), spec) : spec);
    }
  }
  return seen;
}

test("the start-up path of every command imports no heavy module", () => {
  const graph = staticGraph(join(import.meta.dir, "../../src/main.ts"));
  expect(graph.size).toBeGreaterThan(3);
  expect([...graph].filter((m) => HEAVY.includes(m))).toEqual([]);
});

test("checkpoint and restore import no node:os, node:util or node:tty (each ~1-3 ms of start-up)", () => {
  for (const cmd of ["checkpoint", "restore"]) {
    const graph = staticGraph(join(import.meta.dir, `../../src/runtime/${cmd}.ts`));
    expect(graph.size).toBeGreaterThan(10);
    expect([...graph].filter((m) => ["node:os", "node:util", "node:tty", "node:child_process", "tar"].includes(m))).toEqual([]);
  }
});
