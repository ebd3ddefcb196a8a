import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CoreEvents } from "../../src/delivery/core.js";
import { Recorder } from "../../src/delivery/recorder.js";
import { ThreadHost } from "../../src/delivery/thread-host.js";
import { throttleDelayMs } from "../../src/delivery/throttle.js";
import { parseRecordLine } from "../../src/records/serialize.js";
import { newRun, tempRoot } from "./harness.js";

let temp: ReturnType<typeof tempRoot>;
beforeEach(() => {
  temp = tempRoot("thread-");
});
afterEach(() => temp.cleanup());

function threaded() {
  const run = newRun(temp.root);
  const notices: string[] = [];
  const events: CoreEvents = { notify: (m) => notices.push(m), onError: () => {}, throttleDelayMs };
  const host = new ThreadHost({ runPath: run.path, startSeq: 0, persistMs: 1 }, events);
  const recorder = new Recorder({ sink: host, handOffMs: 3_600_000 });
  const lines = () =>
    readFileSync(run.recordsFile, "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map(parseRecordLine);
  return { run, host, recorder, notices, lines };
}

describe("ThreadHost: the journal writer on the delivery thread", () => {
  it("journals what the training thread hands over; close() is synchronous and complete, and removes the spool", async () => {
    const t = threaded();
    // The thread is up (close() waits for it 5 s at most, and with two test suites at once on two
    // cores, starting a worker and journaling 10,000 points took longer).
    expect(await t.host.flush(20_000)).toBe(true);
    for (let step = 0; step < 10_000; step++) t.recorder.metric({ step, loss: step / 3 });
    t.recorder.record({ kind: "status", body: { status: "succeeded" } });
    t.recorder.handOff();
    expect(t.host.close()).toBe(true);
    expect(existsSync(t.run.spoolFile)).toBe(false);
    expect(existsSync(t.run.lockFile)).toBe(false);
    const records = t.lines();
    expect(records).toHaveLength(10_001);
    expect(records.map((r) => r.seq)).toEqual([...Array(10_001).keys()].map((i) => i + 1));
    expect(records.at(-1)).toMatchObject({ kind: "status" });
  });

  it("flush() resolves once the thread has journaled everything handed over", async () => {
    const t = threaded();
    for (let step = 0; step < 500; step++) t.recorder.metric({ step });
    t.recorder.handOff();
    expect(await t.host.flush(20_000)).toBe(true);
    expect(t.lines()).toHaveLength(500);
    t.host.close();
  });

  it("if the thread dies, its work moves to this thread with nothing lost", async () => {
    const t = threaded();
    for (let step = 0; step < 100; step++) t.recorder.metric({ step });
    t.recorder.handOff();
    expect(await t.host.flush(20_000)).toBe(true);
    await (t.host as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect.poll(() => t.notices.some((n) => n.includes("delivery thread stopped"))).toBe(true);
    for (let step = 100; step < 200; step++) t.recorder.metric({ step });
    t.recorder.handOff();
    expect(await t.host.flush(20_000)).toBe(true);
    t.host.close();
    const steps = t.lines().map((r) => (r.kind === "metric" ? r.values.step : -1));
    expect(steps).toEqual([...Array(200).keys()]);
  });
});
