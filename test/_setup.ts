// Preloaded by bun test (bunfig.toml). Integration tests use a private --root under /run.
process.env.NO_COLOR = "1";

// directories the harness made (tempDir, makeBundle): removed once every test file has run
import { afterAll } from "bun:test";
import { rmSync } from "node:fs";
afterAll(() => {
  for (const d of (globalThis as { __ctbunTestDirs?: string[] }).__ctbunTestDirs ?? []) rmSync(d, { recursive: true, force: true });
});
