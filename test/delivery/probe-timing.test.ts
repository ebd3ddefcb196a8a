/**
 * Timing of HttpDelivery's retries after an outage, found by the fault-injection suite:
 * - a probe timer that fires before `Date.now()` reaches the due time must still probe
 *   (libuv's cached loop time makes this happen for real, by a millisecond or so);
 * - `drain()` (the exit flush) keeps retrying until its deadline instead of giving up at the
 *   first failed attempt.
 * Only setTimeout/clearTimeout are faked: `Date.now()` stays real, so a fired timer is "early".
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CursorBook } from "../../src/delivery/cursor-book.js";
import { HttpDelivery } from "../../src/delivery/http-delivery.js";
import { Recorder } from "../../src/delivery/recorder.js";
import { JournalWriter } from "../../src/store/journal.js";
import { type DeliveryState, RunDir } from "../../src/store/run-store.js";
import { FakeTransport } from "./fake-transport.js";

const target = { owner: "alice", projectName: "mnist", experimentId: 42 };
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "probe-"));
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

function setup(backoffMs: number, maxQueue = 20_000) {
  const run = RunDir.create(root, {
    project: "alice/mnist",
    owner: "alice",
    projectName: "mnist",
    createdAt: new Date().toISOString(),
    sdkVersion: "test",
  });
  const state: DeliveryState = {
    baseUrl: "http://127.0.0.1:1/api/v1",
    ...target,
    cursors: { ordered: 0, metric: 0, log: 0 },
    rejected: 0,
    updatedAt: new Date().toISOString(),
  };
  run.writeDelivery(state);
  const recorder = new Recorder({ journal: new JournalWriter(run.recordsFile), intervalMs: 1000, batchSize: 1000 });
  const transport = new FakeTransport();
  const delivery = new HttpDelivery({
    transport,
    target,
    run,
    book: new CursorBook(run, state),
    flushJournal: () => recorder.sync(),
    backoffMs: { initial: backoffMs, max: backoffMs },
    maxQueue,
    onError: () => undefined,
    notify: () => undefined,
  });
  recorder.attachDelivery(delivery);
  return { recorder, transport, delivery };
}

/** Lets promises and file I/O run (setImmediate is not faked) until `done()` or a turn limit. */
async function turnsUntil(done: () => boolean, turns = 50_000): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A delivery that spilled on its first point because the server is down. */
async function spilledWithOnePoint(backoffMs: number, maxQueue?: number) {
  const parts = setup(backoffMs, maxQueue);
  parts.transport.down = true;
  parts.recorder.metric({ step: 0 });
  parts.recorder.sync();
  await turnsUntil(() => parts.delivery.mode === "spilled");
  return parts;
}

describe("HttpDelivery retry timing", () => {
  it("probes when its timer fires, even if Date.now() has not reached the due time yet", async () => {
    const { recorder, transport, delivery } = await spilledWithOnePoint(60_000);
    expect(delivery.mode).toBe("spilled");
    transport.down = false;
    vi.advanceTimersByTime(60_000);
    await turnsUntil(() => delivery.settled);
    expect(transport.metricSteps()).toEqual([0]);
    expect(delivery.settled).toBe(true);
    delivery.close();
    recorder.close();
  });

  it("drain() keeps retrying through an outage shorter than its deadline", async () => {
    const { recorder, transport, delivery } = await spilledWithOnePoint(60_000);
    let drained: boolean | undefined;
    void delivery.drain(10_000).then((value) => {
      drained = value;
    });
    // drain() retries at once; that attempt fails too, and it must not give up.
    const attempts = vi.spyOn(transport, "postMetrics");
    await turnsUntil(() => attempts.mock.calls.length >= 1);
    await turnsUntil(() => false, 200);
    expect(attempts).toHaveBeenCalledTimes(1);
    expect(drained).toBeUndefined();
    transport.down = false;
    // The next attempt comes within 1 s, not after the 60 s backoff.
    vi.advanceTimersByTime(1_000);
    await turnsUntil(() => drained !== undefined);
    expect(drained).toBe(true);
    expect(transport.metricSteps()).toEqual([0]);
    delivery.close();
    recorder.close();
  });

  it("drain() still resolves false at its deadline while the server stays down", async () => {
    const { recorder, transport, delivery } = await spilledWithOnePoint(60_000);
    let drained: boolean | undefined;
    void delivery.drain(3_000).then((value) => {
      drained = value;
    });
    for (let second = 0; second < 3; second++) {
      await turnsUntil(() => false, 100);
      vi.advanceTimersByTime(1_000);
    }
    await turnsUntil(() => drained !== undefined);
    expect(drained).toBe(false);
    expect(transport.metricSteps()).toEqual([]);
    delivery.close();
    recorder.close();
  });

  it.each([
    { made: 500, queued: 0, why: "left on disk for the next pass" },
    { made: 3000, queued: 0, why: "left on disk for the next pass, past maxQueue too" },
  ])("records made during a catch-up: $made are $why, then delivered once, in order", async ({ made, queued }) => {
    const { recorder, transport, delivery } = await spilledWithOnePoint(60_000, 1000);
    transport.down = false;
    // Hold the first catch-up request until we let it go.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const post = transport.postMetrics.bind(transport);
    const attempts = vi.spyOn(transport, "postMetrics").mockImplementationOnce(async (t, elements) => {
      await held;
      return post(t, elements);
    });
    vi.advanceTimersByTime(60_000);
    await turnsUntil(() => attempts.mock.calls.length >= 1);
    for (let step = 1; step <= made; step++) recorder.metric({ step });
    recorder.sync();
    expect(delivery.queued).toBe(queued);
    release();
    await turnsUntil(() => delivery.settled);
    expect(transport.metricSteps()).toEqual([...Array(made + 1).keys()]);
    delivery.close();
    recorder.close();
  });
});
