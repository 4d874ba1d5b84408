// An established TCP connection to a server inside the container, across checkpoint/restore
// (real CRIU, root only): --tcp-established keeps it; --tcp-close restores it closed.
// The container shares the host's network namespace so the test process can connect to it.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { defaultConfig, forceDelete, isRoot, makeBundle, runCtbun, uniqueId } from "../_harness.ts";

const criu = Bun.which("criu", { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" });
const skipReason = !isRoot ? "needs root" : !criu ? "criu not found in PATH" : "";
if (skipReason) console.warn(`checkpoint-tcp integration tests skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;

const made: string[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const id of made) forceDelete(id);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A client socket that collects what it reads; `next(text)` waits until `text` arrived. */
async function client(port: number) {
  let sock: Socket | undefined;
  for (let i = 0; i < 100 && !sock; i++) {
    try {
      sock = await new Promise<Socket>((res, rej) => {
        const s = connect(port, "127.0.0.1", () => res(s));
        s.once("error", rej);
      });
    } catch {
      await Bun.sleep(30);
    }
  }
  if (!sock) throw new Error(`cannot connect to port ${port}`);
  let got = "";
  let closed = false;
  sock.on("data", (d) => (got += d.toString()));
  sock.on("close", () => (closed = true));
  sock.on("error", () => (closed = true));
  return {
    sock,
    send: (t: string) => sock!.write(t),
    async next(text: string, ms = 5000) {
      const end = Date.now() + ms;
      while (!got.includes(text) && Date.now() < end) await Bun.sleep(10);
      return got;
    },
    async closed(ms = 5000) {
      const end = Date.now() + ms;
      while (!closed && Date.now() < end) await Bun.sleep(10);
      return closed;
    },
  };
}

async function echoServer() {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const id = uniqueId("cktcp");
  made.push(id);
  const c = defaultConfig(["sh", "-c", `nc -l -p ${port} -e cat; sleep 1000`]);
  c.linux.namespaces = c.linux.namespaces.filter((n: any) => n.type !== "network");
  const bundle = makeBundle(c);
  dirs.push(bundle);
  expect(runCtbun(["run", "-d", "-b", bundle, id]).code).toBe(0);
  const cl = await client(port);
  cl.send("one\n");
  expect(await cl.next("one\n")).toBe("one\n");
  return { id, bundle, cl, images: mkdtempSync("/tmp/ctbun-cktcp-img-") };
}

/**
 * CRIU 4.1.1 cannot dump any TCP socket on kernels >= 6.16: it reads SO_PASSCRED/SO_PASSSEC,
 * which those kernels refuse on TCP sockets (EOPNOTSUPP), and fails the dump
 * ("sockets: Can't get 1:16 opt: Operation not supported"). Probed once; the tests that need a
 * dumped connection report the measured reason and stop there.
 */
let tcpBlocked: string | undefined;
async function tcpDumpBlocked(): Promise<string | undefined> {
  if (tcpBlocked !== undefined) return tcpBlocked || undefined;
  const { id, cl, images } = await echoServer();
  dirs.push(images);
  const r = runCtbun(["checkpoint", "--leave-running", "--tcp-established", "--image-path", images, id]);
  cl.sock.destroy();
  forceDelete(id);
  const m = /criu failed: [^\n]*(Can't get \d+:\d+ opt: Operation not supported)/.exec(r.stderr);
  tcpBlocked = r.code !== 0 && m ? `this CRIU cannot dump TCP sockets on this kernel (${m[1]})` : "";
  if (tcpBlocked) console.warn(`TCP checkpoint tests skipped: ${tcpBlocked}`);
  return tcpBlocked || undefined;
}

suite("TCP across checkpoint/restore", () => {
  test("--tcp-established: the connection survives", async () => {
    if (await tcpDumpBlocked()) return;
    const { id, bundle, cl, images } = await echoServer();
    dirs.push(images);
    const ck = runCtbun(["checkpoint", "--tcp-established", "--image-path", images, id]);
    expect(ck.stderr).toBe("");
    expect(ck.code).toBe(0);
    const rs = runCtbun(["restore", "-d", "--tcp-established", "--image-path", images, "-b", bundle, id]);
    expect(rs.stderr).toBe("");
    expect(rs.code).toBe(0);
    cl.send("two\n");
    expect(await cl.next("two\n")).toBe("one\ntwo\n");
    cl.sock.destroy();
  });

  test("without --tcp-established the dump refuses the connection", async () => {
    const { id, cl, images } = await echoServer();
    dirs.push(images);
    const ck = runCtbun(["checkpoint", "--image-path", images, id]);
    expect(ck.code).toBe(1);
    expect(ck.stderr).toContain("criu failed");
    // still serving
    cl.send("two\n");
    expect(await cl.next("two\n")).toBe("one\ntwo\n");
    cl.sock.destroy();
  });

  test("--tcp-close: restored with the connection closed", async () => {
    if (await tcpDumpBlocked()) return;
    const { id, bundle, cl, images } = await echoServer();
    dirs.push(images);
    const ck = runCtbun(["checkpoint", "--tcp-established", "--image-path", images, id]);
    expect(ck.stderr).toBe("");
    expect(ck.code).toBe(0);
    const rs = runCtbun(["restore", "-d", "--tcp-close", "--image-path", images, "-b", bundle, id]);
    expect(rs.stderr).toBe("");
    expect(rs.code).toBe(0);
    cl.send("two\n");
    expect(await cl.closed()).toBe(true);
    expect(await cl.next("two\n", 300)).toBe("one\n");
  });
});
