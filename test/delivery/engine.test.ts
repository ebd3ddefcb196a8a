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
    await expect.poll(() => h.flush(200), { timeout: 10_000 }).toBe(true);
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
    await expect.poll(() => bounded.flush(200), { timeout: 10_000 }).toBe(true);
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

  it("after a timeout the catch-up halves its requests until they are answered in time, then full requests again", async () => {
    const h = runHarness(temp.root, { limits: { maxItems: 1_000, maxBytes: 1e6 } });
    // Journaled before the link, so that delivery starts with a catch-up of full requests.
    for (let step = 0; step < 3_000; step++) h.recorder.metric({ step });
    expect(await h.flush()).toBe(true);
    // The server applies every request, but answers those of over 300 points too late.
    h.transport.slowAbove = 300;
    h.link();
    expect(await h.flush(20_000)).toBe(true);
    const sizes = () => h.transport.shape().filter((call) => call.startsWith("metrics:"));
    // 1,000 timed out, then 500; the catch-up goes on by 250 to the end of its backlog.
    expect(sizes()).toEqual(["metrics:1000", "metrics:500", ...Array(12).fill("metrics:250")]);
    const steps = h.transport.metricSteps();
    expect(new Set(steps).size).toBe(3_000);
    // The copies are the points of the two requests that timed out, and nothing else.
    expect(steps.length - 3_000).toBe(1_500);
    // Caught up, the limits are back: the catch-up after the next outage sends full requests.
    h.transport.slowAbove = Number.POSITIVE_INFINITY;
    h.transport.down = true;
    for (let step = 3_000; step < 5_000; step++) h.recorder.metric({ step });
    expect(await h.flush(50)).toBe(false);
    h.transport.down = false;
    expect(await h.flush()).toBe(true);
    expect(sizes().slice(14)).toEqual(["metrics:1000", "metrics:1000"]);
    h.core.close();
  });

  it("a flush keeps retrying a server that is down until its deadline", async () => {
    const h = runHarness(temp.root);
    h.link();
    h.transport.down = true;
    h.recorder.metric({ step: 1 });
    const flushed = h.flush(20_000);
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
    expect(await h.flush(20_000)).toBe(true);
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
    await expect.poll(() => h.transport.metricSteps().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4_900);
    h.core.close();
  });
});

describe("DeliveryEngine: the heartbeat", () => {
  /** One second of the fake clock, then a turn of the real event loop for I/O (the journal read). */
  async function second(): Promise<void> {
    await vi.advanceTimersByTimeAsync(1_000);
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Lets `ms` of fake time pass. */
  async function pass(ms: number): Promise<void> {
    for (let spent = 0; spent < ms; spent += 1_000) await second();
  }

  /** Lets fake time pass until `done()` (however long the real I/O in between takes). */
  async function until(done: () => boolean): Promise<void> {
    while (!done()) await second();
  }

  /** A run journaled before the link (the engine starts by catching up), each metric request taking 30 s. */
  async function slowCatchUp() {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const h = runHarness(temp.root, { limits: { maxItems: 10, maxBytes: 1e6 } });
    for (let step = 0; step < 100; step++) h.recorder.metric({ step });
    expect(await h.flush()).toBe(true);
    const core = h.core as unknown as { engine: { state: string } };
    const post = h.transport.postMetrics.bind(h.transport);
    let requests = 0;
    h.transport.postMetrics = async (target, body) => {
      requests++;
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      return post(target, body);
    };
    /** The engine's state at every heartbeat attempt. */
    const beats: string[] = [];
    const beat = h.transport.heartbeat.bind(h.transport);
    h.transport.heartbeat = async () => {
      beats.push(core.engine.state);
      return beat();
    };
    h.link({ heartbeatMs: 60_000, intervalMs: 1_000 });
    const delivered = () => h.transport.metricSteps().length === 100;
    return { h, core, beats, delivered, requested: () => requests };
  }

  it("keeps beating through a long catch-up (10 requests of 30 s), between its requests", async () => {
    const { h, core, beats, delivered } = await slowCatchUp();
    expect(core.engine.state).toBe("catching-up");
    await until(delivered);
    expect(h.transport.metricSteps()).toEqual([...Array(100).keys()]);
    // A beat a minute went out during the 5 minutes of catch-up, each between two requests.
    expect(beats.filter((state) => state === "catching-up").length).toBeGreaterThanOrEqual(4);
    const shape = h.transport.shape();
    expect(shape.indexOf("heartbeat")).toBeLessThan(shape.lastIndexOf("metrics:10"));
    h.core.close();
  });

  it("sends none while the server fails (waiting), and beats again once it answers", async () => {
    const { h, beats, delivered, requested } = await slowCatchUp();
    // The server fails from the catch-up's first request on.
    await until(() => requested() > 0);
    h.transport.down = true;
    const before = beats.length;
    await pass(5 * 60_000);
    expect(beats.slice(before)).toEqual([]);
    h.transport.down = false;
    await until(delivered);
    expect(h.transport.metricSteps()).toEqual([...Array(100).keys()]);
    // The 5 minutes of catch-up once it answers again: a beat a minute.
    expect(beats.slice(before).filter((state) => state === "catching-up").length).toBeGreaterThanOrEqual(4);
    h.core.close();
  });
});
