// Preloaded by bun test (bunfig.toml). Integration tests use a private --root under /run.
process.env.NO_COLOR = "1";
