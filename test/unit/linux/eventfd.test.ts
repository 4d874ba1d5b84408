// eventfd(2) read off the event loop (no root needed).
import { describe, expect, test } from "bun:test";
import { fstatSync } from "node:fs";
import { eventfd, eventfdWrite, watchEventfd } from "../../../src/linux/eventfd.ts";

describe("eventfd", () => {
  test("watchEventfd() delivers each write without blocking timers; stop() delivers the rest and closes", async () => {
    const fd = eventfd();
    const got: number[] = [];
    const w = watchEventfd(fd, (n) => got.push(n));
    let ticks = 0;
    const t = setInterval(() => ticks++, 2);
    await Bun.sleep(30);
    expect(ticks).toBeGreaterThan(3); // the pending read does not hold the event loop
    eventfdWrite(fd, 1n);
    for (let i = 0; i < 100 && got.length === 0; i++) await Bun.sleep(2);
    expect(got).toEqual([1]);
    eventfdWrite(fd, 2n);
    for (let i = 0; i < 100 && got.length === 1; i++) await Bun.sleep(2);
    expect(got).toEqual([1, 2]);
    clearInterval(t);
    await w.stop();
    expect(() => fstatSync(fd)).toThrow(); // closed
    await w.stop(); // twice is fine
  });
});
