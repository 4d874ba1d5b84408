// ctbun init: hidden. The runtime re-executes this binary with it to become the container's
// first process; it is not meant to be called by hand.

import { defineCommand } from "./_command.ts";

export default defineCommand({
  name: "init",
  summary: "initialize the namespaces and launch the process (do not call it outside of ctbun)",
  flags: [],
  async run() {
    const { initMain } = await import("../runtime/init.ts");
    initMain();
  },
});
