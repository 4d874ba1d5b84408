// Entry point: placeholder until the CLI lands.
import { shim } from "./linux/shim.ts";
console.log("ctbun version 0.1.0", typeof shim);
