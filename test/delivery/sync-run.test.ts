import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RunInUseError, syncRun } from "../../src/delivery/sync-run.js";
import { FakeFailure } from "./fake-transport.js";
import { deliveryState, runHarness, tempRoot } from "./harness.js";

let temp: ReturnType<typeof tempRoot>;
beforeEach(() => {
  temp = tempRoot("sync-");
});
afterEach(() => temp.cleanup());

const BASE = "http://x/api/v1";

/** A run recorded offline (never linked), journaled and closed. */
async function offlineRun(
  record: (h: ReturnType<typeof runHarness>) => void,
  limits?: { maxItems: number; maxBytes: number },
) {
  const h = runHarness(temp.root, limits ? { limits } : {});
  record(h);
  await h.flush();
  h.core.close();
  return h;
}

describe("syncRun: what reaches the server, in which order", () => {
  it("sends what came before a status or code reference first; updates of a segment go as one PATCH", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      recorder.record({ kind: "status", body: { status: "running" } });
      for (let step = 0; step < 3; step++) recorder.metric({ step });
      recorder.record({ kind: "update", body: { params: { a: 1 }, merge: true } });
      recorder.record({ kind: "log", line: "hello" });
      recorder.metric({ step: 3 });
      recorder.record({ kind: "update", body: { tags: ["x"], merge: true } });
      recorder.record({ kind: "status", body: { status: "succeeded" } });
      recorder.metric({ step: 4 });
    });
    const result = await syncRun(h.run, { transport: h.transport, baseUrl: BASE });
    expect(h.transport.shape()).toEqual([
      "create",
      "status:running",
      "metrics:4",
      "logs:1",
      "update",
      "status:succeeded",
      "metrics:1",
    ]);
    const patch = h.transport.calls.find((c) => c.type === "ordered" && c.record.kind === "update");
    expect(patch).toMatchObject({ record: { body: { params: { a: 1 }, tags: ["x"], merge: true } } });
    expect(result).toMatchObject({ created: true, sent: 10 });
    expect(h.run.readDelivery()?.cursors).toEqual({ ordered: 10, metric: 11, log: 7 });
  });

  it("splits batches by count and by bytes", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      for (let step = 0; step < 25; step++) recorder.metric({ step });
    });
    await syncRun(h.run, { transport: h.transport, baseUrl: BASE, limits: { maxItems: 10, maxBytes: 1e6 } });
    expect(h.transport.shape()).toEqual(["create", "metrics:10", "metrics:10", "metrics:5"]);
    const small = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      for (let step = 0; step < 25; step++) recorder.metric({ step });
    });
    await syncRun(small.run, { transport: small.transport, baseUrl: BASE, limits: { maxItems: 1000, maxBytes: 200 } });
    const sizes = small.transport.calls.flatMap((c) =>
      c.type === "metrics" ? [JSON.stringify(c.elements).length] : [],
    );
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
    expect(small.transport.metricSteps()).toEqual([...Array(25).keys()]);
  });

  it("sets a refused request aside and goes on; a refused merged PATCH is retried update by update", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      recorder.record({ kind: "update", body: { name: "bad name" } });
      recorder.record({ kind: "update", body: { description: "fine" } });
    });
    // Already created: the refusals below hit the PATCHes. The merged PATCH is refused, then the
    // first update alone; the second goes through.
    h.run.writeDelivery({ ...deliveryState({ ordered: 1 }), baseUrl: BASE });
    h.transport.failNext("reject", 2);
    const rejected: number[] = [];
    const result = await syncRun(h.run, {
      transport: h.transport,
      baseUrl: BASE,
      onReject: (_error, count) => rejected.push(count),
    });
    expect(h.transport.shape()).toEqual(["update"]);
    expect(h.transport.calls.at(-1)).toMatchObject({ record: { body: { description: "fine" } } });
    expect(rejected).toEqual([1]);
    expect(result.rejected).toBe(1);
    expect(readFileSync(h.run.rejectedFile, "utf8")).toContain('"name":"bad name"');
    expect(h.run.readDelivery()).toMatchObject({ rejected: 1, cursors: { ordered: 3 } });
  });

  it("after an interruption between the two PATCHes of a pair, only the replacement is sent again, never the name", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      recorder.record({ kind: "update", body: { params: { a: 1 }, merge: true } });
      recorder.record({ kind: "update", body: { name: "renamed" } });
      recorder.record({ kind: "update", body: { tags: ["x"] } });
    });
    h.run.writeDelivery({ ...deliveryState({ ordered: 1 }), baseUrl: BASE });
    let patches = 0;
    const original = h.transport.sendOrdered.bind(h.transport);
    h.transport.sendOrdered = async (t, record) => {
      if (++patches === 2) throw new FakeFailure("retry");
      return original(t, record);
    };
    await expect(syncRun(h.run, { transport: h.transport, baseUrl: BASE })).rejects.toThrow("fake retry");
    await syncRun(h.run, { transport: h.transport, baseUrl: BASE });
    const bodies = h.transport.calls.flatMap((c) => (c.type === "ordered" ? [c.record.body] : []));
    expect(bodies).toEqual([{ tags: ["x"] }, { tags: ["x"] }, { name: "renamed", params: { a: 1 }, merge: true }]);
  });

  it("skips a truncated last line instead of failing", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      recorder.metric({ step: 1 });
    });
    appendFileSync(h.run.recordsFile, '{"seq":3,"ts":1,"kind":"met');
    const skipped: number[] = [];
    await syncRun(h.run, { transport: h.transport, baseUrl: BASE, onSkip: (lineNo) => skipped.push(lineNo) });
    expect(skipped).toEqual([3]);
    expect(h.transport.metricSteps()).toEqual([1]);
  });

  it("skips a duplicated journal line (a delivery thread still writing after close gave up on it)", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      for (let step = 0; step < 3; step++) recorder.metric({ step });
    });
    const lines = h.journalLines();
    appendFileSync(h.run.recordsFile, `${lines.slice(1).join("\n")}\n`);
    await syncRun(h.run, { transport: h.transport, baseUrl: BASE });
    expect(h.transport.metricSteps()).toEqual([0, 1, 2]);
  });

  it("creates once, sends everything once, and a second sync sends nothing", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other", name: "n" } });
      recorder.record({ kind: "status", body: { status: "running" } });
      for (let step = 0; step < 50; step++) recorder.metric({ step });
      recorder.record({ kind: "status", body: { status: "succeeded" } });
    });
    const first = await syncRun(h.run, { transport: h.transport, baseUrl: BASE });
    expect(first).toMatchObject({ experimentId: 42, created: true, sent: 52 });
    expect(h.transport.shape()).toEqual(["create", "status:running", "metrics:50", "status:succeeded"]);
    const again = await syncRun(h.run, { transport: h.transport, baseUrl: BASE });
    expect(again).toMatchObject({ created: false, sent: 0 });
    expect(h.transport.calls).toHaveLength(4);
    await expect(syncRun(h.run, { transport: h.transport, baseUrl: "http://other/api/v1" })).rejects.toThrow(
      /refusing to split/,
    );
  });

  it("resumes an interrupted sync without duplicates", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      for (let step = 0; step < 30; step++) {
        recorder.metric({ step });
        if (step % 10 === 9) recorder.record({ kind: "status", body: { status: "running", message: `${step}` } });
      }
    });
    const limits = { maxItems: 4, maxBytes: 1e6 };
    let calls = 0;
    const original = h.transport.postMetrics.bind(h.transport);
    h.transport.postMetrics = async (t, elements) => {
      if (++calls === 4) throw new FakeFailure("retry");
      return original(t, elements);
    };
    await expect(syncRun(h.run, { transport: h.transport, baseUrl: BASE, limits })).rejects.toThrow("fake retry");
    await syncRun(h.run, { transport: h.transport, baseUrl: BASE, limits });
    expect(h.transport.metricSteps()).toEqual([...Array(30).keys()]);
    expect(h.transport.shape().filter((s) => s === "create")).toHaveLength(1);
    expect(h.transport.shape().filter((s) => s.startsWith("status"))).toHaveLength(3);
  });
});

describe("syncRun: a run another live process still writes", () => {
  let other: ChildProcess | undefined;
  afterEach(() => {
    other?.kill();
    other = undefined;
  });

  /** A process that stays alive until the test kills it. */
  function liveProcess(): number {
    other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    return other.pid as number;
  }

  it("is refused with a RunInUseError naming the pid, before anything is sent or written", async () => {
    const h = await offlineRun(({ recorder }) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      recorder.metric({ step: 1 });
    });
    const pid = liveProcess();
    writeFileSync(h.run.lockFile, String(pid));
    const refused = syncRun(h.run, { transport: h.transport, baseUrl: BASE });
    await expect(refused).rejects.toBeInstanceOf(RunInUseError);
    await expect(refused).rejects.toMatchObject({ pid, message: expect.stringContaining(`process ${pid}`) });
    expect(h.transport.calls).toHaveLength(0);
    expect(h.run.readDelivery()).toBeUndefined();
  });

  it("goes ahead when the writer is this very process, or a process that is gone", async () => {
    const record = ({ recorder }: ReturnType<typeof runHarness>) => {
      recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
      recorder.metric({ step: 1 });
    };
    const mine = await offlineRun(record);
    writeFileSync(mine.run.lockFile, String(process.pid));
    expect(await syncRun(mine.run, { transport: mine.transport, baseUrl: BASE })).toMatchObject({ sent: 1 });
    const ended = await offlineRun(record);
    const gone = liveProcess();
    await new Promise((resolve) => {
      other?.once("exit", resolve);
      other?.kill();
    });
    writeFileSync(ended.run.lockFile, String(gone));
    expect(await syncRun(ended.run, { transport: ended.transport, baseUrl: BASE })).toMatchObject({ sent: 1 });
  });
});
