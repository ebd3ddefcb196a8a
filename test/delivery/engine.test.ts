import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimitError } from "../../src/api/errors.js";
import { runHarness, tempRoot } from "./harness.js";

let temp: ReturnType<typeof tempRoot>;
beforeEach(() => {
  temp = tempRoot("engine-");
});
afterEach(() => {
  vi.useRealTimers();
  temp.cleanup();
});

function rateLimited(retryAfterMs: number): RateLimitError {
  const context = {
    method: "POST",
    pathTemplate: "/x/",
    url: "http://x/",
    attempts: 1,
    retryable: true,
    mayHaveBeenApplied: false,
  };
  const details = { status: 429, statusText: "", body: undefined, headers: {}, bodySummary: "" };
  return new RateLimitError(context, details, retryAfterMs);
}

describe("DeliveryEngine: live delivery", () => {
  it("delivers every point exactly once and in order across an outage, catching up from the journal", async () => {
    const h = runHarness(temp.root);
    h.link();
    for (let step = 0; step < 300; step++) h.recorder.metric({ step });
    expect(await h.flush()).toBe(true);
    h.transport.down = true;
    for (let step = 300; step < 600; step++) h.recorder.metric({ step });
    expect(await h.flush(50)).toBe(false);
    expect(h.notices.some((n) => n.includes("not answering"))).toBe(true);
    h.transport.down = false;
    for (let step = 600; step < 700; step++) h.recorder.metric({ step });
    await expect.poll(() => h.flush(200), { timeout: 5_000 }).toBe(true);
    expect(h.transport.metricSteps()).toEqual([...Array(700).keys()]);
    expect(h.notices.some((n) => n.includes("reachable again"))).toBe(true);
    h.core.close();
  });

  it("keeps memory bounded: past the queue bound it drops the queue and replays from the journal", async () => {
    const bounded = runHarness(temp.root);
    const core = bounded.core as unknown as { config: { maxQueueBytes: number }; engine: { state: string } };
    core.config.maxQueueBytes = 2_000;
    bounded.link();
    const release = bounded.transport.hold();
    for (let step = 0; step < 50; step++) bounded.recorder.metric({ step });
    bounded.recorder.handOff();
    // A round is in flight (held); what comes meanwhile passes the bound.
    for (let step = 50; step < 2_000; step++) bounded.recorder.metric({ step });
    bounded.recorder.handOff();
    await expect.poll(() => core.engine.state).toBe("catching-up");
    release();
    await expect.poll(() => bounded.flush(200), { timeout: 5_000 }).toBe(true);
    expect(bounded.transport.metricSteps()).toEqual([...Array(2_000).keys()]);
    bounded.core.close();
  });

  it("halts on an authentication-type failure, says how to sync later, and sends nothing more", async () => {
    const h = runHarness(temp.root);
    h.link();
    h.transport.failNext("halt");
    h.recorder.metric({ step: 1 });
    expect(await h.flush(500)).toBe(false);
    expect(h.notices.join("\n")).toContain(`npx polyaxon-tracking sync ${h.run.id}`);
    h.recorder.metric({ step: 2 });
    expect(await h.flush(100)).toBe(false);
    expect(h.transport.calls).toHaveLength(0);
    h.core.close();
  });

  it("a flush keeps retrying a server that is down until its deadline", async () => {
    const h = runHarness(temp.root);
    h.link();
    h.transport.down = true;
    h.recorder.metric({ step: 1 });
    const flushed = h.flush(6_000);
    setTimeout(() => {
      h.transport.down = false;
    }, 1_500);
    expect(await flushed).toBe(true);
    expect(h.transport.metricSteps()).toEqual([1]);
    h.core.close();
  });

  it("a 429 pauses every channel for its Retry-After, then resends the same request", async () => {
    const h = runHarness(temp.root);
    h.link({ heartbeatMs: 50 });
    h.transport.failWith(rateLimited(600));
    h.recorder.metric({ step: 1 });
    h.recorder.record({ kind: "log", line: "a" });
    const start = Date.now();
    expect(await h.flush(5_000)).toBe(true);
    const first = h.transport.calls[0];
    // Nothing at all (heartbeats included) went out during the pause.
    expect(Date.now() - start).toBeGreaterThanOrEqual(550);
    expect(first?.type).toBe("metrics");
    expect(h.transport.shape().filter((s) => s !== "heartbeat")).toEqual(["metrics:1", "logs:1"]);
    expect(h.notices.some((n) => n.includes("throttling"))).toBe(true);
    h.core.close();
  });
});

describe("DeliveryEngine: the request budget", () => {
  it("a steady loop (metrics, log lines, params and tags every 100 ms) spends at most 1.5 requests/s, and delivers everything", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const h = runHarness(temp.root);
    h.link({ intervalMs: 1_000, requestsPerMinute: 90, heartbeatMs: 60_000 });
    const seconds = 20;
    for (let step = 0; step < seconds * 10; step++) {
      h.recorder.metric({ step, loss: 1 / (step + 1) });
      h.recorder.record({ kind: "log", line: `line ${step}` });
      if (step % 10 === 0) {
        h.recorder.record({ kind: "update", body: { params: { [`p${step}`]: step }, merge: true } });
        h.recorder.record({ kind: "update", body: { tags: [`t${step}`], merge: true } });
      }
      h.recorder.handOff();
      await vi.advanceTimersByTimeAsync(100);
    }
    const requests = h.transport.calls.length;
    // 90 a minute, plus the bucket's burst of 3.
    expect(requests).toBeLessThanOrEqual(seconds * 1.5 + 3);
    // Nothing waits long: 3 s later everything is there without a flush.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(h.transport.metricSteps()).toEqual([...Array(seconds * 10).keys()]);
    const lines = h.transport.calls.flatMap((c) => (c.type === "logs" ? c.elements : []));
    expect(lines).toHaveLength(seconds * 10);
    const patches = h.transport.calls.flatMap((c) => (c.type === "ordered" ? [c.record.body] : []));
    const params = Object.assign({}, ...patches.map((b) => ("params" in b ? b.params : {})));
    expect(Object.keys(params)).toHaveLength(seconds);
    expect(patches.every((b) => "merge" in b && b.merge === true)).toBe(true);
    h.core.close();
  });

  it("a quiet run sends only the heartbeat", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const h = runHarness(temp.root);
    h.link({ intervalMs: 1_000, requestsPerMinute: 90, heartbeatMs: 60_000 });
    await vi.advanceTimersByTimeAsync(5 * 60_000 + 100);
    expect(h.transport.shape()).toEqual(["heartbeat", "heartbeat", "heartbeat", "heartbeat", "heartbeat"]);
    h.core.close();
  });

  it("a backlog of whole requests goes at once, past the budget", async () => {
    const h = runHarness(temp.root, { limits: { maxItems: 100, maxBytes: 1e6 } });
    h.link({ intervalMs: 1_000, requestsPerMinute: 6 });
    for (let step = 0; step < 5_000; step++) h.recorder.metric({ step });
    h.recorder.handOff();
    await expect.poll(() => h.transport.metricSteps().length, { timeout: 2_000 }).toBeGreaterThanOrEqual(4_900);
    h.core.close();
  });
});
