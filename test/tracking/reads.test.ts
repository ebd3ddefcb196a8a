/**
 * The facade's reads — `getEntityData()`, `metrics()`, `statuses()` — online against the fake
 * server of polyaxon-tracking/testing (a real 127.0.0.1 socket), in cluster, offline from the
 * run's journal (same shapes, server-assigned fields null), and their state rules.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient } from "../../src/api/index.js";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { Experiment, type ExperimentOptions, ExperimentStateError } from "../../src/tracking/experiment.js";

let dir: string;
let fake: FakePolyaxon | undefined;
const open: Experiment[] = [];
const quiet = { warn: () => {}, info: () => {} };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plx-reads-"));
});
afterEach(async () => {
  for (const experiment of open.splice(0)) await experiment.close(1_000);
  vi.unstubAllEnvs();
  if (fake) {
    expect(fake.violations()).toEqual([]);
    await fake.close();
    fake = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
});

function track(options: ExperimentOptions): Experiment {
  const experiment = new Experiment({
    project: "alice/mnist",
    configDirs: { homeDir: dir, tmpDir: dir, contextDir: join(dir, "ctx") },
    trackingDir: join(dir, "runs"),
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    notifier: quiet,
    ...options,
  });
  open.push(experiment);
  return experiment;
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The same calls, online or offline. */
async function trainingRun(experiment: Experiment, points = 50): Promise<void> {
  await experiment.create({ name: "reads", tags: ["a"], description: "reading back", framework: "pytorch" });
  experiment.logParams({ lr: 0.1, layers: [64, 32] });
  experiment.logParams({ seed: 7 });
  experiment.logTags(["b"]);
  experiment.logDataRef("train-set", { dataName: "train" });
  for (let step = 0; step < points; step++) experiment.logMetrics({ step, loss: 1 / (step + 1) });
  experiment.logMetrics({ accuracy: 0.9 });
  experiment.logSucceeded("done");
}

describe("online (the fake server on a real socket)", () => {
  it("reads the experiment, its metrics and statuses as the server holds them", async () => {
    fake = await startFakePolyaxon();
    const experiment = track({ settings: fake.settings });
    await trainingRun(experiment, 300);
    expect(await experiment.flush()).toBe(true);
    const id = experiment.experimentId ?? 0;

    expect(await experiment.getEntityData()).toEqual(fake.experiment(id));
    const points = await all(experiment.metrics());
    expect(points).toEqual(fake.metrics(id));
    expect(points).toHaveLength(301);
    expect(await all(experiment.statuses())).toEqual(fake.statuses(id));
    // The metric list in one page: no limit, no offset.
    expect(fake.requests({ operationId: "listExperimentMetrics" }).map((r) => r.query)).toEqual([{}]);
  });

  it("getEntityData() asks the server again on each call", async () => {
    fake = await startFakePolyaxon();
    const experiment = track({ settings: fake.settings });
    await experiment.create({ name: "fresh" });
    await experiment.flush();
    expect((await experiment.getEntityData())?.params).toBeNull();
    experiment.logParams({ lr: 0.5 });
    await experiment.flush();
    expect((await experiment.getEntityData())?.params).toEqual({ lr: 0.5 });
    expect(fake.requests({ operationId: "getExperiment" })).toHaveLength(2);
  });

  it("attached to an existing experiment, reads that experiment", async () => {
    fake = await startFakePolyaxon();
    const client = createClient({ ...fake.settings, retry: false });
    const project = { username: "alice", project_name: "mnist" };
    const { data } = await client.POST("/{username}/{project_name}/experiments/", {
      params: { path: project },
      body: { name: "elsewhere", is_managed: false },
    });
    const id = data?.id ?? 0;
    await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: { ...project, id } },
      body: { values: { loss: 0.25 } },
    });
    const experiment = track({ settings: fake.settings, experimentId: id });
    expect((await experiment.getEntityData())?.name).toBe("elsewhere");
    expect((await all(experiment.metrics())).map((point) => point.values)).toEqual([{ loss: 0.25 }]);
  });

  it("in cluster, reads the platform's experiment with the platform's credentials", async () => {
    fake = await startFakePolyaxon();
    const client = createClient({ ...fake.settings, retry: false });
    const { data } = await client.POST("/{username}/{project_name}/experiments/", {
      params: { path: { username: "alice", project_name: "mnist" } },
      body: { name: "in-cluster", is_managed: false },
    });
    const id = data?.id ?? 0;
    mkdirSync(join(dir, "ctx"), { recursive: true });
    writeFileSync(join(dir, "ctx", ".authtoken"), JSON.stringify({ POLYAXON_SECRET_USER_TOKEN: fake.token }));
    vi.stubEnv("HOME", dir);
    vi.stubEnv("POLYAXON_IS_MANAGED", "true");
    vi.stubEnv("POLYAXON_API_HTTP_HOST", `http://127.0.0.1:${fake.port}`);
    vi.stubEnv("POLYAXON_INTERNAL_HEADER", "X-POLYAXON-INTERNAL");
    vi.stubEnv("POLYAXON_INTERNAL_HEADER_SERVICE", "runner");
    vi.stubEnv("POLYAXON_RUN_OUTPUTS_PATH", join(dir, "outputs"));
    vi.stubEnv(
      "POLYAXON_EXPERIMENT_INFO",
      JSON.stringify({ project_name: "alice.mnist", experiment_name: `alice.mnist.${id}` }),
    );
    const experiment = new Experiment({
      configDirs: { homeDir: dir, tmpDir: dir, contextDir: join(dir, "ctx") },
      trackingDir: join(dir, "runs"),
      handleExit: false,
      notifier: quiet,
    });
    open.push(experiment);
    expect(experiment.mode).toBe("managed");
    experiment.logMetrics({ step: 1, loss: 0.5 });
    await experiment.flush();
    expect((await experiment.getEntityData())?.id).toBe(id);
    expect((await all(experiment.metrics())).map((point) => point.values)).toEqual([{ step: 1, loss: 0.5 }]);
    expect((await all(experiment.statuses())).map((s) => s.status)).toEqual(["created"]);
    expect(fake.requests({ operationId: "getExperiment" })[0]?.headers["x-polyaxon-internal"]).toBe("runner");
  });
});

describe("offline (the run's journal)", () => {
  function offline(options: ExperimentOptions = {}): Experiment {
    return track({ settings: { isOffline: true }, trackEnv: false, ...options });
  }

  it("builds the server's detail from what the run recorded, server-assigned fields null", async () => {
    const experiment = offline();
    await trainingRun(experiment);
    // No flush: the read path writes the journal first.
    const data = await experiment.getEntityData();
    expect(data).toMatchObject({
      id: null,
      uuid: null,
      unique_name: null,
      user: null,
      updated_at: null,
      name: "reads",
      description: "reading back",
      project: "alice.mnist",
      framework: "pytorch",
      backend: "other",
      is_managed: false,
      tags: ["a", "b"],
      params: { lr: 0.1, layers: [64, 32], seed: 7 },
      data_refs: { train: expect.stringMatching(/^[0-9a-f]{12}$/) },
      last_status: "succeeded",
      last_metric: { step: 49, loss: 1 / 50, accuracy: 0.9 },
      code_reference: null,
      bookmarked: null,
    });
    expect(Date.parse(data?.created_at ?? "")).not.toBeNaN();
    expect(Date.parse(data?.started_at ?? "")).toBeLessThanOrEqual(Date.parse(data?.finished_at ?? ""));
  });

  it("has the same fields as the server's detail of the same run", async () => {
    fake = await startFakePolyaxon();
    const online = track({ settings: fake.settings, trackEnv: false });
    await trainingRun(online);
    await online.flush();
    const local = offline();
    await trainingRun(local);
    const server = await online.getEntityData();
    const journal = await local.getEntityData();
    expect(Object.keys(journal ?? {}).sort()).toEqual(Object.keys(server ?? {}).sort());
    for (const field of ["name", "description", "tags", "params", "data_refs", "last_metric", "last_status"] as const) {
      expect(journal?.[field], field).toEqual(server?.[field]);
    }
  });

  it("yields the metric points and statuses as the server's items", async () => {
    const experiment = offline();
    await trainingRun(experiment, 3);
    const points = await all(experiment.metrics());
    expect(points.map((point) => point.values)).toEqual([
      { step: 0, loss: 1 },
      { step: 1, loss: 0.5 },
      { step: 2, loss: 1 / 3 },
      { accuracy: 0.9 },
    ]);
    for (const point of points) {
      expect(point).toMatchObject({ id: null, experiment: null });
      expect(point.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(\d{3})?Z$/);
    }
    const statuses = await all(experiment.statuses());
    expect(statuses.map(({ status, message }) => ({ status, message }))).toEqual([
      { status: "created", message: null },
      { status: "running", message: null },
      { status: "succeeded", message: "done" },
    ]);
    expect(statuses[0]).toMatchObject({ id: null, uuid: null, experiment: null, traceback: null });
  });

  it("still reads after close()", async () => {
    const experiment = offline();
    await trainingRun(experiment, 2);
    await experiment.close();
    expect((await experiment.getEntityData())?.last_status).toBe("succeeded");
    expect(await all(experiment.metrics())).toHaveLength(3);
  });

  it("an attached run without a server knows its id", async () => {
    const experiment = offline({ experimentId: 42 });
    experiment.logMetrics({ loss: 1 });
    const data = await experiment.getEntityData();
    expect(data).toMatchObject({ id: 42, last_metric: { loss: 1 }, last_status: null, created_at: null });
    expect((await all(experiment.metrics()))[0]).toMatchObject({ id: null, experiment: 42 });
  });
});

describe("state rules", () => {
  it("before create(): ExperimentStateError, for every read", async () => {
    const experiment = track({ settings: { isOffline: true } });
    await expect(experiment.getEntityData()).rejects.toThrow(ExperimentStateError);
    await expect(experiment.metrics().next()).rejects.toThrow(/metrics: call `await experiment.create\(\)` first/);
    await expect(experiment.statuses().next()).rejects.toThrow(ExperimentStateError);
  });

  it("no-op mode: undefined and nothing to iterate, and no request", async () => {
    const experiment = track({ settings: { noOp: true, apiHost: "127.0.0.1", httpPort: 9 } });
    await experiment.create();
    expect(await experiment.getEntityData()).toBeUndefined();
    expect(await all(experiment.metrics())).toEqual([]);
    expect(await all(experiment.statuses())).toEqual([]);
  });
});
