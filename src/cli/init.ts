// ctbun init: hidden. The runtime re-executes this binary with it to become the container's
// first process; it is not meant to be called by hand.

import { defineCommand } from "./_command.ts";

export default defineCommand({
  name: "init",
  summary: "internal: first process of a new container (never run it by hand)",
  flags: [],
  async run() {
    const { initMain } = await import("../runtime/init.ts");
    initMain();
  },
});
