/**
 * A view that crashes on a POST answers 405 with an empty body (the server's error page only
 * answers GET): that is a server error, so delivery tries the batch again instead of setting it
 * aside as refused. Against the spec-checked fake, through the delivery thread.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { Experiment } from "../../src/tracking/experiment.js";

let fake: FakePolyaxon;
let dir: string;
beforeEach(async () => {
  fake = await startFakePolyaxon();
  dir = mkdtempSync(join(tmpdir(), "plx-crash-"));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a crashed view (405, empty body) on a metrics POST", () => {
  it("is tried again until the server takes the batch: every point arrives once, nothing is set aside", async () => {
    const experiment = new Experiment({
      project: "alice/mnist",
      settings: { ...fake.settings, intervalMs: 100 },
      trackingDir: dir,
      handleExit: false,
      trackGit: false,
      trackEnv: false,
      trackLogs: false,
      notifier: { warn: () => {}, info: () => {} },
    });
    await experiment.create({ name: "crash" });
    const crash = fake.fault({ status: 405, times: 2, match: { method: "POST", path: /\/metrics\/$/ } });
    for (let step = 0; step < 100; step++) experiment.logMetrics({ step, loss: 1 / (step + 1) });
    expect(await experiment.flush(20_000)).toBe(true);
    await experiment.close(1_000);
    expect(crash.used).toBe(2);
    const id = experiment.experimentId ?? 0;
    expect(fake.metrics(id).map((m) => m.values.step)).toEqual([...Array(100).keys()]);
    expect(existsSync(join(experiment.runDir ?? "", "rejected.jsonl"))).toBe(false);
    const crashed = fake.requests({ method: "POST", path: /\/metrics\/$/ }).filter((r) => r.status === 405);
    expect(crashed).toHaveLength(2);
  }, 30_000);
});
