// terminal: true with --console-socket: the receiver gets a working pty master.
import { afterAll, describe, expect, test } from "bun:test";
import { ptr } from "bun:ffi";
import { rmSync } from "node:fs";
import { libc } from "../../src/linux/libc.ts";
import { acceptFd, listenUnix } from "../../src/linux/shim.ts";
import { defaultConfig, forceDelete, isRoot, makeBundle, readUntil, runCtbun, uniqueId } from "../_harness.ts";

const made: string[] = [];
afterAll(() => made.forEach((id) => forceDelete(id)));

describe.skipIf(!isRoot)("console socket", () => {
  test("a terminal container hands its pty master to --console-socket", async () => {
    const sock = `/tmp/${uniqueId("console")}.sock`;
    const lfd = listenUnix(sock);
    const id = uniqueId("tty");
    made.push(id);
    const c = defaultConfig(["sh"]);
    c.process.terminal = true;
    const b = makeBundle(c);
    const create = Bun.spawn([`${import.meta.dir}/../../ctbun`, "--root", "/run/ctbun-test", "create", "--console-socket", sock, "-b", b, id], { stderr: "pipe" });
    const { fd } = acceptFd(lfd, 10000);
    expect(await create.exited).toBe(0);
    expect(runCtbun(["start", id]).code).toBe(0);
    const cmd = Buffer.from("echo h''i; tty\n");
    libc.symbols.write(fd, ptr(cmd), cmd.length);
    const out = await readUntil(fd, "/dev/pts/0", 5000);
    expect(out).toContain("hi");
    expect(out).toContain("/dev/pts/0");
    const exit = Buffer.from("exit\n");
    libc.symbols.write(fd, ptr(exit), exit.length);
    libc.symbols.close(fd);
    libc.symbols.close(lfd);
    rmSync(sock, { force: true });
  });

  test("terminal without --console-socket on create is refused", () => {
    const c = defaultConfig(["sh"]);
    c.process.terminal = true;
    const id = uniqueId("tty");
    const r = runCtbun(["create", "-b", makeBundle(c), id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot allocate tty if runc will detach without setting console socket");
  });
});

describe.skipIf(!isRoot || !Bun.which("script"))("foreground terminal", () => {
  test("run with terminal: true gives the caller's terminal a pty to the container", () => {
    const id = uniqueId("fgtty");
    made.push(id);
    const c = defaultConfig(["sh", "-c", "tty; stty size; echo done"]);
    c.process.terminal = true;
    const b = makeBundle(c);
    // script(1) puts ctbun on a pseudo-terminal, as an interactive user would be
    const r = Bun.spawnSync(["script", "-qec", `stty rows 33 cols 101; ${import.meta.dir}/../../ctbun --root /run/ctbun-test run -b ${b} ${id}`, "/dev/null"], {
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      timeout: 20000,
    });
    const out = r.stdout.toString();
    expect(out).toContain("/dev/pts/0");
    expect(out).toContain("33 101"); // the window size was copied to the container's pty
    expect(out).toContain("done");
    expect(r.exitCode).toBe(0);
  });
});
