/**
 * The fake server as msw handlers (polyaxon-tracking/testing/msw): the same state machine
 * behind an intercepted fetch, driven here by the SDK's own Experiment and client.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APIConnectionError, createClient, Experiment } from "../../src/index.js";
import { FakePolyaxonState } from "../../src/testing/index.js";
import { polyaxonHandlers } from "../../src/testing/msw.js";

const BASE = "http://polyaxon.test/api/v1";
const state = new FakePolyaxonState({ doubleGzip: false });
const server = setupServer(...polyaxonHandlers(state, { baseUrl: BASE }));
const trackingDir = mkdtempSync(join(tmpdir(), "plx-msw-fake-"));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  expect(state.violations()).toEqual([]);
  state.clearFaults();
});
afterAll(() => {
  server.close();
  rmSync(trackingDir, { recursive: true, force: true });
});

describe("polyaxonHandlers", () => {
  it("tracks a run from the Experiment facade into the fake's state", async () => {
    const experiment = new Experiment({
      project: "alice/mnist",
      settings: { apiHost: "polyaxon.test", httpPort: 80, userToken: state.mainUser.token },
      trackingDir,
      handleExit: false,
      trackGit: false,
      trackLogs: false,
    });
    await experiment.create({ name: "msw-run", tags: ["msw"] });
    experiment.logParams({ lr: 0.01 });
    for (let step = 0; step < 50; step++) experiment.logMetrics({ step, loss: 1 / (step + 1) });
    experiment.logSucceeded();
    expect(await experiment.flush(20_000)).toBe(true);
    await experiment.close(1_000);
    const id = experiment.experimentId ?? 0;
    expect(state.experiment(id)).toMatchObject({
      name: "msw-run",
      tags: ["msw"],
      params: { lr: 0.01 },
      last_status: "succeeded",
    });
    expect(state.metrics(id).map((m) => m.values.step)).toEqual([...Array(50).keys()]);
  });

  it("answers gzip-encoded lists that the intercepted fetch decodes", async () => {
    const client = createClient({ baseUrl: BASE, token: state.mainUser.token, retry: false });
    const { data } = await client.GET("/{username}/{project_name}/experiments/", {
      params: { path: { username: "alice", project_name: "mnist" } },
    });
    expect(data?.results.map((e) => ("name" in e ? e.name : undefined))).toContain("msw-run");
    const listed = state.requests({ operationId: "listProjectExperiments" });
    expect(listed).toHaveLength(1);
  });

  it("turns a destroyed connection into a network error", async () => {
    state.fault({ destroy: true, times: 1 });
    const client = createClient({ baseUrl: BASE, token: state.mainUser.token, retry: false });
    await expect(client.GET("/users/")).rejects.toBeInstanceOf(APIConnectionError);
  });

  it("refuses a base URL that is not <origin>/api/v1", () => {
    expect(() => polyaxonHandlers(state, { baseUrl: "http://polyaxon.test/prefix/api/v1" })).toThrow(RangeError);
  });
});
