// Build: 1) ffi/ctshim.c -> build/libctshim.so (gcc)  2) criu-proto/*.proto -> src/criu/*.gen.js
// (static protobufjs code, no .proto parsing at run time)  3) one executable ./ctbun.
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = import.meta.dir;
const bin = join(root, "node_modules", ".bin");

function newer(out: string, inputs: string[]): boolean {
  if (!existsSync(out)) return false;
  const t = statSync(out).mtimeMs;
  return inputs.every((i) => statSync(i).mtimeMs <= t);
}

function run(cmd: string[]): void {
  const r = Bun.spawnSync(cmd, { cwd: root, stdout: "inherit", stderr: "inherit" });
  if (r.exitCode !== 0) throw new Error(`build step failed: ${cmd.join(" ")}`);
}

mkdirSync(join(root, "build"), { recursive: true });

// 1. the C shim: every ffi/*.c into one shared library
const so = join(root, "build", "libctshim.so");
const ffiDir = join(root, "ffi");
const cFiles = readdirSync(ffiDir).filter((f) => f.endsWith(".c")).sort();
const cInputs = readdirSync(ffiDir).filter((f) => f.endsWith(".c") || f.endsWith(".h")).map((f) => join(ffiDir, f));
if (!newer(so, cInputs)) {
  run(["gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-o", so, ...cFiles.map((f) => `ffi/${f}`), "-lpthread"]);
}

// 2. CRIU protobuf messages
for (const f of existsSync(join(root, "criu-proto")) ? readdirSync(join(root, "criu-proto")) : []) {
  if (!f.endsWith(".proto")) continue;
  const name = f.slice(0, -".proto".length);
  const src = join(root, "criu-proto", f);
  const js = join(root, "src", "criu", `${name}.gen.js`);
  const dts = join(root, "src", "criu", `${name}.gen.d.ts`);
  if (newer(js, [src]) && newer(dts, [js])) continue;
  run([join(bin, "pbjs"), "-t", "static-module", "-w", "es6", "--keep-case", "--no-create", "--no-verify",
    "--no-delimited", "--no-convert", "-o", js, src]); // keep the JSDoc: pbts reads types from it
  // protobufjs 8 ships ESM: import the minimal runtime with its extension
  const text = (await Bun.file(js).text()).replace(/from "protobufjs\/minimal"/, 'from "protobufjs/minimal.js"');
  await Bun.write(js, text);
  run([join(bin, "pbts"), "--no-comments", "-o", dts, js]);
}

// 3. the executable
// protobufjs picks up the `long` package when it can require it, and long.js compiles a
// WebAssembly module as it loads (~2.5 ms of every CRIU command's start). CRIU's messages need no
// Long: without it, 64-bit fields decode to numbers (src/criu/stats.ts takes either).
const withoutLong: import("bun").BunPlugin = {
  name: "without-long",
  setup(b) {
    b.onResolve({ filter: /^long$/ }, () => ({ path: "long", namespace: "without-long" }));
    b.onLoad({ filter: /.*/, namespace: "without-long" }, () => ({ contents: "module.exports = null;", loader: "js" }));
  },
};
const result = await Bun.build({
  entrypoints: [join(root, "src", "main.ts")],
  compile: { outfile: join(root, "ctbun"), autoloadDotenv: false, autoloadBunfig: false },
  minify: true,
  bytecode: true,
  // lazily loaded chunks: a command parses only the code it runs (~2 ms less start-up)
  splitting: true,
  format: "esm",
  target: "bun",
  define: { "process.env.CTBUN_BUILD_TIME": JSON.stringify(new Date().toISOString()) },
  plugins: [withoutLong],
});
if (!result.success) {
  for (const l of result.logs) console.error(l);
  process.exitCode = 1;
} else {
  console.error("built ./ctbun");
}
