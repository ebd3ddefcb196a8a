import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CursorBook } from "../../src/delivery/cursor-book.js";
import { HttpDelivery } from "../../src/delivery/http-delivery.js";
import { Recorder } from "../../src/delivery/recorder.js";
import { sendInOrder } from "../../src/delivery/send-in-order.js";
import { syncRun } from "../../src/delivery/sync-run.js";
import { wireOf } from "../../src/records/serialize.js";
import { JournalWriter } from "../../src/store/journal.js";
import { type DeliveryState, RunDir } from "../../src/store/run-store.js";
import { FakeTransport } from "./fake-transport.js";

const target = { owner: "alice", projectName: "mnist", experimentId: 42 };
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "delivery-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function newRun(): RunDir {
  return RunDir.create(root, {
    project: "alice/mnist",
    owner: "alice",
    projectName: "mnist",
    createdAt: new Date().toISOString(),
    sdkVersion: "test",
  });
}

function state(cursors: Partial<DeliveryState["cursors"]> = {}): DeliveryState {
  return {
    baseUrl: "http://127.0.0.1:1/api/v1",
    ...target,
    cursors: { ordered: 0, metric: 0, log: 0, ...cursors },
    rejected: 0,
    updatedAt: new Date().toISOString(),
  };
}

/** A run with a journal and a recorder, not linked to any server. */
function recordedRun(batchSize = 1000) {
  const run = newRun();
  const journal = new JournalWriter(run.recordsFile);
  const recorder = new Recorder({ journal, intervalMs: 1000, batchSize });
  return { run, journal, recorder };
}

describe("sendInOrder", () => {
  it("batches metrics and logs, and sends what came before an ordered record first", async () => {
    const { run, recorder, journal } = recordedRun();
    recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
    recorder.record({ kind: "status", body: { status: "running" } });
    for (let step = 0; step < 3; step++) recorder.metric({ step });
    recorder.record({ kind: "log", line: "hello" });
    recorder.metric({ step: 3 });
    recorder.record({ kind: "status", body: { status: "succeeded" } });
    recorder.metric({ step: 4 });
    recorder.close();
    journal.close();
    const transport = new FakeTransport();
    const book = new CursorBook(run, state({ ordered: 1 }));
    const items = [];
    for await (const record of run.records()) items.push({ record, wire: wireOf(record) });
    await sendInOrder(items, {
      transport,
      target,
      book,
      limits: { maxItems: 5000, maxBytes: 1e6 },
      onReject: () => {},
    });
    expect(transport.shape()).toEqual(["status:running", "metrics:4", "logs:1", "status:succeeded", "metrics:1"]);
    expect(run.readDelivery()?.cursors).toEqual({ ordered: 8, metric: 9, log: 6 });
  });

  it("splits batches by count and by bytes", async () => {
    const { run, recorder } = recordedRun();
    for (let step = 0; step < 25; step++) recorder.metric({ step });
    recorder.close();
    const transport = new FakeTransport();
    const book = new CursorBook(run, state());
    const items = [];
    for await (const record of run.records()) items.push({ record, wire: wireOf(record) });
    await sendInOrder(items, { transport, target, book, limits: { maxItems: 10, maxBytes: 1e6 }, onReject: () => {} });
    expect(transport.shape()).toEqual(["metrics:10", "metrics:10", "metrics:5"]);
    const small = new FakeTransport();
    await sendInOrder(items, {
      transport: small,
      target,
      book: new CursorBook(run, state()),
      limits: { maxItems: 1000, maxBytes: 200 },
      onReject: () => {},
    });
    expect(small.calls.length).toBeGreaterThan(3);
    expect(small.metricSteps()).toEqual([...Array(25).keys()]);
  });

  it("sets a rejected request aside and goes on", async () => {
    const { run, recorder } = recordedRun();
    recorder.record({ kind: "update", body: { name: "x" } });
    recorder.record({ kind: "update", body: { name: "y" } });
    recorder.close();
    const transport = new FakeTransport();
    transport.failNext("reject");
    const rejected: unknown[] = [];
    const items = [];
    for await (const record of run.records()) items.push({ record, wire: undefined });
    await sendInOrder(items, {
      transport,
      target,
      book: new CursorBook(run, state()),
      limits: { maxItems: 10, maxBytes: 1e6 },
      onReject: (error) => rejected.push(error),
    });
    expect(rejected).toHaveLength(1);
    expect(transport.shape()).toEqual(["update"]);
    expect(readFileSync(run.rejectedFile, "utf8")).toContain('"name":"x"');
    expect(run.readDelivery()?.rejected).toBe(1);
  });
});

describe("HttpDelivery", () => {
  function live(run: RunDir, recorder: Recorder, transport: FakeTransport, maxQueue = 1000) {
    const notices: string[] = [];
    const errors: unknown[] = [];
    const delivery = new HttpDelivery({
      transport,
      target,
      run,
      book: new CursorBook(run, state()),
      flushJournal: () => recorder.sync(),
      maxQueue,
      backoffMs: { initial: 5, max: 20 },
      onError: (error) => errors.push(error),
      notify: (message) => notices.push(message),
    });
    run.writeDelivery(state());
    recorder.attachDelivery(delivery);
    return { delivery, notices, errors };
  }

  it("delivers every point exactly once across an outage, catching up from the journal", async () => {
    const { run, recorder } = recordedRun(100);
    const transport = new FakeTransport();
    const { delivery, notices } = live(run, recorder, transport);
    for (let step = 0; step < 300; step++) recorder.metric({ step });
    recorder.sync();
    expect(await delivery.drain(1000)).toBe(true);
    transport.down = true;
    for (let step = 300; step < 600; step++) recorder.metric({ step });
    recorder.sync();
    expect(await delivery.drain(50)).toBe(false);
    // "spilled", or "live" for the instant a catch-up attempt is under way: never halted.
    expect(delivery.mode).not.toBe("halted");
    transport.down = false;
    for (let step = 600; step < 700; step++) recorder.metric({ step });
    recorder.sync();
    await expect.poll(() => delivery.drain(100), { timeout: 2000 }).toBe(true);
    expect(transport.metricSteps().sort((a, b) => a - b)).toEqual([...Array(700).keys()]);
    expect(notices.some((n) => n.includes("not answering"))).toBe(true);
    delivery.close();
    recorder.close();
  });

  it("keeps memory bounded: past maxQueue it spills and replays from the journal", async () => {
    const { run, recorder } = recordedRun(50);
    const transport = new FakeTransport();
    transport.down = true;
    const { delivery } = live(run, recorder, transport, 100);
    for (let step = 0; step < 1000; step++) recorder.metric({ step });
    recorder.sync();
    expect(delivery.queued).toBeLessThanOrEqual(100);
    transport.down = false;
    await expect.poll(() => delivery.drain(100), { timeout: 2000 }).toBe(true);
    expect(transport.metricSteps()).toEqual([...Array(1000).keys()]);
    delivery.close();
    recorder.close();
  });

  it("halts on an authentication-type failure and says how to sync later", async () => {
    const { run, recorder } = recordedRun();
    const transport = new FakeTransport();
    transport.failNext("halt");
    const { delivery, notices } = live(run, recorder, transport);
    recorder.metric({ step: 1 });
    recorder.sync();
    expect(await delivery.drain(200)).toBe(false);
    expect(delivery.mode).toBe("halted");
    expect(notices.join("\n")).toContain(`npx polyaxon-tracking sync ${run.id}`);
    delivery.close();
    recorder.close();
  });
});

describe("journal and syncRun", () => {
  it("skips a truncated last line instead of failing", async () => {
    const { run, recorder } = recordedRun();
    recorder.metric({ step: 1 });
    recorder.close();
    appendFileSync(run.recordsFile, '{"seq":2,"ts":1,"kind":"met');
    const skipped: number[] = [];
    const records = [];
    for await (const record of run.records((lineNo) => skipped.push(lineNo))) records.push(record);
    expect(records).toHaveLength(1);
    expect(skipped).toEqual([2]);
  });

  it("creates once, sends everything once, and a second sync sends nothing", async () => {
    const { run, recorder } = recordedRun();
    recorder.record({ kind: "create", body: { is_managed: false, backend: "other", name: "n" } });
    recorder.record({ kind: "status", body: { status: "running" } });
    for (let step = 0; step < 50; step++) recorder.metric({ step });
    recorder.record({ kind: "status", body: { status: "succeeded" } });
    recorder.close();
    const transport = new FakeTransport();
    const first = await syncRun(run, { transport, baseUrl: "http://x/api/v1" });
    expect(first).toMatchObject({ experimentId: 42, created: true, sent: 52 });
    expect(transport.shape()).toEqual(["create", "status:running", "metrics:50", "status:succeeded"]);
    const again = await syncRun(run, { transport, baseUrl: "http://x/api/v1" });
    expect(again).toMatchObject({ created: false, sent: 0 });
    expect(transport.calls).toHaveLength(4);
    await expect(syncRun(run, { transport, baseUrl: "http://other/api/v1" })).rejects.toThrow(/refusing to split/);
  });

  it("resumes an interrupted sync without duplicates", async () => {
    const { run, recorder } = recordedRun();
    recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
    for (let step = 0; step < 30; step++) {
      recorder.metric({ step });
      if (step % 10 === 9) recorder.record({ kind: "update", body: { params: { step }, merge: true } });
    }
    recorder.close();
    const transport = new FakeTransport();
    const limits = { maxItems: 4, maxBytes: 1e6 };
    let calls = 0;
    const original = transport.postMetrics.bind(transport);
    transport.postMetrics = async (t, elements) => {
      if (++calls === 4) throw new Error("connection reset");
      return original(t, elements);
    };
    await expect(syncRun(run, { transport, baseUrl: "http://x/api/v1", limits })).rejects.toThrow("connection reset");
    await syncRun(run, { transport, baseUrl: "http://x/api/v1", limits });
    expect(transport.metricSteps()).toEqual([...Array(30).keys()]);
    expect(transport.shape().filter((s) => s === "create")).toHaveLength(1);
    expect(transport.shape().filter((s) => s === "update")).toHaveLength(3);
  });
});
