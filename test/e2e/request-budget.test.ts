/**
 * The request budget on the wire (issue 15): a steady training loop — 100 points a second, a
 * printed line, `logParams` and `logTags` every second — against the spec-checked fake server,
 * with default settings and the delivery thread. It spends at most 1.5 requests a second after
 * the create-time requests, and the server ends in exactly the state the calls describe.
 * Real time: the budget is about seconds (6 s of loop).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { Experiment } from "../../src/tracking/experiment.js";

let fake: FakePolyaxon;
let dir: string;
beforeEach(async () => {
  fake = await startFakePolyaxon();
  dir = mkdtempSync(join(tmpdir(), "plx-budget-"));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const SECONDS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a steady loop under the server's throttle", () => {
  it("spends at most 1.5 requests/s after create(), and the server ends with exactly what was logged", async () => {
    const experiment = new Experiment({
      project: "alice/mnist",
      settings: fake.settings,
      trackingDir: dir,
      handleExit: false,
      trackGit: false,
      trackEnv: false,
      trackLogs: true,
      notifier: { warn: () => {}, info: () => {} },
    });
    await experiment.create({ name: "budget" });
    expect(await experiment.flush(20_000)).toBe(true);
    const id = experiment.experimentId ?? 0;
    const from = Date.now();
    const startedWith = fake.requests().length;
    let step = 0;
    for (let second = 0; second < SECONDS; second++) {
      process.stdout.write(`epoch ${second}\n`);
      experiment.logParams({ [`p${second}`]: second });
      experiment.logTags([`t${second}`]);
      for (let tenth = 0; tenth < 10; tenth++) {
        for (let i = 0; i < 10; i++) experiment.logMetrics({ step: step++, loss: 1 / step });
        await sleep(100);
      }
    }
    const elapsed = (Date.now() - from) / 1000;
    const during = fake.requests().slice(startedWith);
    // At most 90 a minute on average, plus the budget's burst of 3.
    expect(during.length).toBeLessThanOrEqual(Math.floor(1.5 * elapsed) + 3);
    // Every kind went at most once per round: fewer PATCHes than the 12 update calls.
    expect(during.filter((r) => r.method === "PATCH").length).toBeLessThanOrEqual(Math.ceil(elapsed / 2) + 1);

    // Nothing waits long: within 3 s after the loop everything is there, without a flush.
    await sleep(3_000);
    experiment.logSucceeded();
    expect(await experiment.flush(20_000)).toBe(true);
    await experiment.close(1_000);
    expect(fake.violations()).toEqual([]);
    const detail = fake.experiment(id);
    expect(detail?.params).toEqual(Object.fromEntries([...Array(SECONDS).keys()].map((s) => [`p${s}`, s])));
    expect([...(detail?.tags ?? [])].sort()).toEqual([...Array(SECONDS).keys()].map((s) => `t${s}`).sort());
    expect(detail?.last_status).toBe("succeeded");
    expect(fake.metrics(id).map((m) => m.values.step)).toEqual([...Array(step).keys()]);
    expect(fake.logs(id).filter((line) => / UTC INFO -- epoch \d$/.test(line))).toHaveLength(SECONDS);
  }, 30_000);
});
