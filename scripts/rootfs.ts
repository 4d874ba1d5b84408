// A busybox root filesystem (from Debian's busybox-static) for the demo, tests and benchmarks.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function busyboxRootfs(rootfs = join(import.meta.dir, "..", "build", "rootfs")): string {
  if (existsSync(join(rootfs, "bin", "sh"))) return rootfs;
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "dev", "proc", "sys", "tmp", "root", "var", "run", "data"])
    mkdirSync(join(rootfs, d), { recursive: true });
  copyFileSync("/bin/busybox", join(rootfs, "bin", "busybox"));
  Bun.spawnSync([join(rootfs, "bin", "busybox"), "--install", "-s", join(rootfs, "bin")]);
  // --install -s links to the host path of busybox: point every applet at /bin/busybox instead
  for (const name of readdirSync(join(rootfs, "bin"))) {
    if (name === "busybox") continue;
    rmSync(join(rootfs, "bin", name));
    symlinkSync("/bin/busybox", join(rootfs, "bin", name));
  }
  writeFileSync(join(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
  writeFileSync(join(rootfs, "etc", "group"), "root:x:0:\nnogroup:x:65534:\n");
  return rootfs;
}

if (import.meta.main) console.log(busyboxRootfs(process.argv[2]));
