import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/api/client.js";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { Experiment } from "../../src/tracking/experiment.js";

let trackingDir: string;
let server: FakePolyaxon;
const notices: string[] = [];
const notifier = { warn: (m: string) => notices.push(m), info: (m: string) => notices.push(m) };

beforeEach(async () => {
  trackingDir = mkdtempSync(join(tmpdir(), "late-create-"));
  notices.length = 0;
  server = await startFakePolyaxon({ token: "t0k3n" });
});
afterEach(async () => {
  expect(server.violations()).toEqual([]);
  await server.close();
  rmSync(trackingDir, { recursive: true, force: true });
});

function track(): Experiment {
  return new Experiment({
    project: "alice/mnist",
    trackingDir,
    handleExit: false,
    trackGit: false,
    trackLogs: false,
    notifier,
    settings: { apiHost: "127.0.0.1", httpPort: server.port, userToken: "t0k3n" },
    client: createClient({ baseUrl: server.url, token: "t0k3n", retry: false }),
  });
}

describe("a server that is down at create()", () => {
  it("is linked once it answers: the experiment is created and the run delivered live, without sync", async () => {
    await server.stop();
    const experiment = track();
    await experiment.create({ name: "late" });
    expect(experiment.experimentId).toBeUndefined();
    for (let step = 0; step < 100; step++) experiment.logMetrics({ step });
    await server.start();
    await expect.poll(() => experiment.experimentId, { timeout: 10_000, interval: 100 }).toBe(1);
    for (let step = 100; step < 150; step++) experiment.logMetrics({ step });
    experiment.logSucceeded();
    expect(await experiment.flush(20_000)).toBe(true);
    await experiment.close(1_000);
    expect(server.requests({ method: "POST", path: "/alice/mnist/experiments/" })).toHaveLength(1);
    expect(server.metrics(1).map((p) => p.values.step)).toEqual([...Array(150).keys()]);
    expect(server.statuses(1).map((s) => s.status)).toEqual(["created", "running", "succeeded"]);
    expect(notices.some((n) => n.includes("created experiment 1"))).toBe(true);
  });

  it("does not retry in the background when the create may have been applied (no duplicate experiment)", async () => {
    server.fault({
      match: ({ method, path }) => method === "POST" && path === "/alice/mnist/experiments/",
      status: 500,
    });
    const experiment = track();
    await experiment.create({ name: "maybe" });
    expect(experiment.experimentId).toBeUndefined();
    server.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(experiment.experimentId).toBeUndefined();
    // The one create the server failed, and no retry after it.
    expect(server.requests({ path: "/alice/mnist/experiments/" }).map((r) => r.status)).toEqual([500]);
    expect(server.experiments()).toEqual([]);
    await experiment.close(500);
  });
});
