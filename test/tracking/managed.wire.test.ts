/**
 * The `Experiment` facade in managed (in-cluster) mode, on the wire: identity from
 * POLYAXON_EXPERIMENT_INFO, no create / user lookup / automatic status, the run environment
 * and the heartbeat as the only automatic traffic, the internal-service header and the
 * platform's credentials (context token file, internal token, ephemeral exchange) on every
 * request. HOME, /tmp and /plx-context are throw-away directories (`configDirs` + a stubbed
 * HOME), so no token file of this machine leaks in and none is left behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SettingsError } from "../../src/settings/errors.js";
import { NotManagedError } from "../../src/tracking/cluster-env.js";
import { Experiment, type ExperimentOptions, exitHooksOf } from "../../src/tracking/experiment.js";
import type { Notifier } from "../../src/tracking/notice.js";
import { expectNoSpecViolations, type RecordedRequest, recordRequests, specHandler } from "../support/spec.js";
import {
  experimentCreated as created,
  experimentDetail as detail,
  experimentStatus as status,
} from "../support/spec-fixtures.js";

const HOST = "http://polyaxon.test";
const BASE = `${HOST}/api/v1`;
const X = "/alice/mnist/experiments/17/";
const USER_TOKEN = "1111111111111111111111111111111111111111111111111111111111111111";
const EXCHANGED = "2222222222222222222222222222222222222222222222222222222222222222";
const CONTEXT_TOKEN = "3333333333333333333333333333333333333333333333333333333333333333";
const INTERNAL = "internal-secret-4444";
const EPHEMERAL = "ephemeral-5555";
const EXPERIMENT_INFO = {
  project_name: "alice.mnist",
  experiment_name: "alice.mnist.17",
  experiment_group_name: null,
  project_uuid: "0123456789abcdef0123456789abcdef",
  experiment_uuid: "fedcba9876543210fedcba9876543210",
  role: "polyaxon-workers",
  type: "polyaxon-experiment",
  app: "polyaxon-experiment",
};

interface SeenRequest {
  method: string;
  path: string;
  authorization: string | null;
  internal: string | null;
}

const server = setupServer();
let calls: RecordedRequest[];
let stopRecording: () => void;
let seen: SeenRequest[];
let root: string;
let dirs: { homeDir: string; tmpDir: string; contextDir: string };
let trackingDir: string;
let outputsDir: string;
let warnings: string[];
let exchange: () => Response;
const open: Experiment[] = [];

const notifier: Notifier = {
  warn: (message) => warnings.push(message),
  info: () => {},
};

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  // Every request, handled or not, with the two headers this file is about.
  server.events.on("request:start", ({ request }) => {
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname.replace("/api/v1", ""),
      authorization: request.headers.get("authorization"),
      internal: request.headers.get("x-polyaxon-internal"),
    });
  });
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "plx-managed-"));
  dirs = { homeDir: join(root, "home"), tmpDir: join(root, "tmp"), contextDir: join(root, "plx-context") };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  trackingDir = join(root, "runs");
  outputsDir = join(root, "outputs");
  // os.homedir() follows HOME: nothing from the real ~/.polyaxon can reach the settings.
  vi.stubEnv("HOME", dirs.homeDir);
  vi.stubEnv("POLYAXON_IS_MANAGED", "true");
  vi.stubEnv("POLYAXON_EXPERIMENT_INFO", JSON.stringify(EXPERIMENT_INFO));
  vi.stubEnv("POLYAXON_RUN_OUTPUTS_PATH", outputsDir);
  seen = [];
  warnings = [];
  exchange = () => HttpResponse.json({ token: EXCHANGED });
  const recording = recordRequests();
  calls = recording.calls;
  stopRecording = recording.stop;
  server.use(...handlers());
});

afterEach(async () => {
  for (const experiment of open.splice(0)) await experiment.close(1_000);
  vi.useRealTimers();
  vi.unstubAllEnvs();
  stopRecording();
  server.resetHandlers();
  rmSync(root, { recursive: true, force: true });
  expectNoSpecViolations();
});

afterAll(() => server.close());

function handlers() {
  const opts = { baseUrl: BASE };
  // The forbidden calls are handled too, so that sending one shows up in `calls`.
  return [
    specHandler("getCurrentUser", () => HttpResponse.json({ username: "alice" }), opts),
    specHandler("createExperiment", () => new HttpResponse(null, { status: 500 }), opts),
    specHandler("createExperimentCodeReference", () => new HttpResponse(null, { status: 500 }), opts),
    specHandler("appendExperimentLogs", () => new HttpResponse(null, { status: 200 }), opts),
    specHandler("updateExperiment", () => HttpResponse.json(detail()), opts),
    specHandler("createExperimentStatus", () => HttpResponse.json(status(), { status: 201 }), opts),
    specHandler("createExperimentMetrics", () => new HttpResponse(null, { status: 201 }), opts),
    specHandler("experimentHeartbeat", () => new HttpResponse(null, { status: 200 }), opts),
    specHandler("exchangeEphemeralToken", () => exchange(), opts),
  ];
}

/** The platform's settings for an experiment pod (what docs/reference-client.md#constructor lists), as explicit overrides. */
const podSettings = {
  isManaged: true,
  apiHttpHost: HOST,
  internalHeader: "X-POLYAXON-INTERNAL",
  internalHeaderService: "runner",
} as const;

function track(options: ExperimentOptions = {}): Experiment {
  const all: ExperimentOptions = {
    settings: { ...podSettings, userToken: USER_TOKEN },
    configDirs: dirs,
    trackingDir,
    handleExit: false,
    notifier,
    ...options,
  };
  // MSW intercepts this thread's fetch only: deliver from here, not from the delivery thread.
  const experiment = new Experiment({ ...all, settings: { deliveryThread: false, ...all.settings } });
  open.push(experiment);
  return experiment;
}

function wire(list: readonly RecordedRequest[] = calls) {
  return list.map(({ method, path, body }) => ({ method, path, body }));
}

async function delivered(experiment: Experiment) {
  expect(await experiment.flush(20_000)).toBe(true);
  return wire();
}

/** Forget what the start sent (run env), after making sure it went out. */
async function started(options: ExperimentOptions = {}): Promise<Experiment> {
  const experiment = track(options);
  expect(await experiment.flush(20_000)).toBe(true);
  calls.length = 0;
  seen.length = 0;
  return experiment;
}

describe("start in a Polyaxon job", () => {
  it("takes owner/project/id from POLYAXON_EXPERIMENT_INFO and only sends the run environment", async () => {
    const experiment = track();
    expect(experiment.mode).toBe("managed");
    expect(experiment.experimentId).toBe(17);
    expect(experiment.settings.apiBaseUrl).toBe(BASE);
    const sent = await delivered(experiment);
    expect(sent).toEqual([
      {
        method: "PATCH",
        path: X,
        body: {
          run_env: expect.objectContaining({
            pid: process.pid,
            node_version: process.versions.node,
            is_notebook: false,
          }),
        },
      },
    ]);
    // Nothing else reached the network (no user lookup, no create, no status, no code ref).
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH ${X}`]);
    expect(warnings).toEqual([]);
  });

  it("picks up the whole configuration from the pod's environment, token from /plx-context/.authtoken", async () => {
    vi.stubEnv("POLYAXON_API_HTTP_HOST", HOST);
    vi.stubEnv("POLYAXON_API_VERSION", "v1");
    vi.stubEnv("POLYAXON_INTERNAL_HEADER", "X-POLYAXON-INTERNAL");
    vi.stubEnv("POLYAXON_INTERNAL_HEADER_SERVICE", "runner");
    writeFileSync(join(dirs.contextDir, ".authtoken"), JSON.stringify({ POLYAXON_SECRET_USER_TOKEN: CONTEXT_TOKEN }));
    const experiment = new Experiment({
      configDirs: dirs,
      trackingDir,
      handleExit: false,
      notifier,
      settings: { deliveryThread: false },
    });
    open.push(experiment);
    expect(experiment.mode).toBe("managed");
    experiment.logMetrics({ loss: 0.5 });
    expect(await delivered(experiment)).toHaveLength(2);
    expect(seen.length).toBe(2);
    for (const request of seen) {
      expect(request).toMatchObject({ authorization: `Token ${CONTEXT_TOKEN}`, internal: "runner" });
    }
  });

  it("does not send the run environment with trackEnv: false", async () => {
    const experiment = track({ trackEnv: false });
    expect(await delivered(experiment)).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("a given project wins over POLYAXON_EXPERIMENT_INFO for owner/project", async () => {
    const experiment = track({ project: "bob/cifar", experimentId: 17 });
    expect(await delivered(experiment)).toEqual([
      { method: "PATCH", path: "/bob/cifar/experiments/17/", body: { run_env: expect.any(Object) } },
    ]);
  });

  it("create() is a warning and sends nothing", async () => {
    const experiment = await started();
    expect(await experiment.create({ name: "ignored" })).toBe(experiment);
    expect(await delivered(experiment)).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining("create() ignored")]);
  });

  it("without POLYAXON_EXPERIMENT_INFO (and no project) it is a typed error", () => {
    vi.stubEnv("POLYAXON_EXPERIMENT_INFO", "");
    expect(() => track()).toThrow(/POLYAXON_EXPERIMENT_INFO/);
  });

  it("malformed POLYAXON_EXPERIMENT_INFO is a SettingsError naming the variable, nothing is sent", () => {
    vi.stubEnv("POLYAXON_EXPERIMENT_INFO", "{not json");
    expect(() => track()).toThrow(SettingsError);
    expect(() => track()).toThrow(/POLYAXON_EXPERIMENT_INFO/);
    vi.stubEnv("POLYAXON_EXPERIMENT_INFO", JSON.stringify({ project_name: "mnist", experiment_name: "x.17" }));
    expect(() => track()).toThrow(/owner\.project/);
    expect(seen).toEqual([]);
  });
});

describe("notebook job (POLYAXON_NOTEBOOK_INFO, no experiment info)", () => {
  it("takes the project from the notebook, sends nothing until create(), then creates and tracks as out of cluster", async () => {
    vi.stubEnv("POLYAXON_EXPERIMENT_INFO", "");
    vi.stubEnv("POLYAXON_NOTEBOOK_INFO", JSON.stringify({ project_name: "alice.mnist" }));
    server.use(specHandler("createExperiment", () => HttpResponse.json(created(), { status: 201 }), { baseUrl: BASE }));
    const experiment = track({ trackGit: false, trackLogs: false });
    expect(experiment.experimentId).toBeUndefined();
    expect(await experiment.flush(20_000)).toBe(true);
    expect(calls).toEqual([]);
    await experiment.create({ name: "nb_run" });
    experiment.logMetrics({ loss: 1 });
    exitHooksOf(experiment).finish({ status: "succeeded" });
    const requests = await delivered(experiment);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /alice/mnist/experiments/",
      "POST /alice/mnist/experiments/12/statuses/",
      "POST /alice/mnist/experiments/12/metrics/",
      "POST /alice/mnist/experiments/12/statuses/",
    ]);
    expect(requests[0]?.body).toMatchObject({ name: "nb_run", is_managed: false });
    expect(requests.at(-1)?.body).toEqual({ status: "succeeded" });
    expect(seen.every((request) => request.internal === "runner")).toBe(true);
  });
});

describe("heartbeat", () => {
  it("beats every healthCheckIntervalMs from the constructor, no body", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const experiment = await started({
      settings: { ...podSettings, userToken: USER_TOKEN, healthCheckIntervalMs: 30_000 },
    });
    const beats = () => calls.filter((c) => c.method === "POST" && c.path === `${X}_heartbeat/`);
    vi.advanceTimersByTime(29_999);
    await experiment.flush();
    expect(beats()).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(beats()).toHaveLength(1), { timeout: 10_000 });
    for (const expected of [2, 3, 4]) {
      vi.advanceTimersByTime(30_000);
      await vi.waitFor(() => expect(beats()).toHaveLength(expected), { timeout: 10_000 });
    }
    expect(beats().every((beat) => beat.body === undefined)).toBe(true);
    expect(seen.every((r) => r.authorization === `Token ${USER_TOKEN}` && r.internal === "runner")).toBe(true);
    // close() stops it.
    await experiment.close(1_000);
    vi.advanceTimersByTime(300_000);
    await Promise.resolve();
    expect(beats()).toHaveLength(4);
  });
});

describe("credentials and the internal-service header", () => {
  it("sends X-POLYAXON-INTERNAL: runner and the user token on every request", async () => {
    const experiment = track();
    experiment.logParams({ lr: 0.1 });
    experiment.logMetrics({ loss: 1 });
    await delivered(experiment);
    // The run environment and the params in one PATCH, and the metrics.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const request of seen) {
      expect(request).toMatchObject({ authorization: `Token ${USER_TOKEN}`, internal: "runner" });
    }
  });

  it("with only an internal token, uses it with the configured keyword (Token by default, docs/wire.md#authentication)", async () => {
    const experiment = track({ settings: { ...podSettings, internalToken: INTERNAL } });
    await delivered(experiment);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ authorization: `Token ${INTERNAL}`, internal: "runner" });
  });

  it("with only an internal token and POLYAXON_AUTHENTICATION_TYPE=InternalToken: InternalToken <secret>", async () => {
    vi.stubEnv("POLYAXON_AUTHENTICATION_TYPE", "InternalToken");
    const experiment = track({ settings: { ...podSettings, internalToken: INTERNAL } });
    await delivered(experiment);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ authorization: `InternalToken ${INTERNAL}`, internal: "runner" });
  });

  it("a user token wins over the internal token", async () => {
    const experiment = track({ settings: { ...podSettings, userToken: USER_TOKEN, internalToken: INTERNAL } });
    await delivered(experiment);
    expect(seen.map((r) => r.authorization)).toEqual([`Token ${USER_TOKEN}`]);
  });

  it("no internal header without both header settings", async () => {
    const experiment = track({ settings: { isManaged: true, apiHttpHost: HOST, userToken: USER_TOKEN } });
    await delivered(experiment);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ authorization: `Token ${USER_TOKEN}`, internal: null });
  });
});

describe("the run environment comes first and is never dropped", () => {
  it.each([
    ["the platform's context token", false],
    ["an ephemeral token (exchanged first)", true],
  ])("a job that ends at once, with %s: run_env PATCH first, then the final status", async (_kind, ephemeral) => {
    if (ephemeral) vi.stubEnv("POLYAXON_SECRET_EPHEMERAL_TOKEN", EPHEMERAL);
    const experiment = track(ephemeral ? { settings: podSettings } : {});
    experiment.logSucceeded();
    const sent = await delivered(experiment);
    const expected = [`PATCH ${X}`, `POST ${X}statuses/`];
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(
      ephemeral ? [`POST ${X}ephemeraltoken/`, ...expected] : expected,
    );
    expect(sent.find((r) => r.method === "PATCH")?.body).toEqual({
      run_env: expect.objectContaining({ pid: process.pid }),
    });
    expect(warnings.filter((w) => w.includes("ignored"))).toEqual([]);
  });
});

describe("ephemeral token exchange", () => {
  const cacheFile = () => join(dirs.tmpDir, ".polyaxon", ".authtoken");

  it("exchanges first, then uses Token <exchanged> everywhere, caches it and forgets the ephemeral token", async () => {
    vi.stubEnv("POLYAXON_SECRET_EPHEMERAL_TOKEN", EPHEMERAL);
    const experiment = track({ settings: podSettings });
    expect(experiment.settings.paths.tmpAuthToken).toBe(cacheFile());
    experiment.logMetrics({ loss: 0.25 });
    const sent = await delivered(experiment);
    expect(sent[0]).toEqual({ method: "POST", path: `${X}ephemeraltoken/`, body: undefined });
    expect(seen[0]).toEqual({
      method: "POST",
      path: `${X}ephemeraltoken/`,
      authorization: `EphemeralToken ${EPHEMERAL}`,
      internal: "runner",
    });
    const later = seen.slice(1);
    expect(later.map((r) => `${r.method} ${r.path}`).sort()).toEqual([`PATCH ${X}`, `POST ${X}metrics/`]);
    for (const request of later) {
      expect(request).toMatchObject({ authorization: `Token ${EXCHANGED}`, internal: "runner" });
    }
    expect(JSON.parse(readFileSync(cacheFile(), "utf8"))).toEqual({ POLYAXON_SECRET_USER_TOKEN: EXCHANGED });
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
    expect(process.env.POLYAXON_SECRET_EPHEMERAL_TOKEN).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("the exchanged token also beats a configured user token", async () => {
    vi.stubEnv("POLYAXON_SECRET_EPHEMERAL_TOKEN", EPHEMERAL);
    const experiment = track();
    await delivered(experiment);
    expect(seen.slice(1).map((r) => r.authorization)).toEqual([`Token ${EXCHANGED}`]);
  });

  it("a 401 (token already used) is swallowed: tracking goes on with the configured token", async () => {
    vi.stubEnv("POLYAXON_SECRET_EPHEMERAL_TOKEN", EPHEMERAL);
    exchange = () =>
      HttpResponse.json(
        { detail: "Invalid token." },
        { status: 401, headers: { "WWW-Authenticate": "EphemeralToken" } },
      );
    const experiment = track();
    experiment.logParams({ lr: 0.1 });
    const sent = await delivered(experiment);
    // The run environment and the params coalesced into one PATCH.
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${X}ephemeraltoken/`, `PATCH ${X}`]);
    expect(seen.slice(1).every((r) => r.authorization === `Token ${USER_TOKEN}`)).toBe(true);
    expect(warnings).toEqual([]);
    expect(existsSync(cacheFile())).toBe(false);
  });

  it("a 403 (experiment not running) is reported without the token, and tracking goes on", async () => {
    vi.stubEnv("POLYAXON_SECRET_EPHEMERAL_TOKEN", EPHEMERAL);
    exchange = () => new HttpResponse(null, { status: 403 });
    const experiment = track();
    const sent = await delivered(experiment);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${X}ephemeraltoken/`, `PATCH ${X}`]);
    expect(seen[1]?.authorization).toBe(`Token ${USER_TOKEN}`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ephemeral token exchange failed/);
    expect(warnings[0]).not.toContain(EPHEMERAL);
    expect(existsSync(cacheFile())).toBe(false);
  });

  it("the exchange is sent only once (no retry: the server deletes the token on first check)", async () => {
    vi.stubEnv("POLYAXON_SECRET_EPHEMERAL_TOKEN", EPHEMERAL);
    exchange = () =>
      new HttpResponse("<h1>Service Unavailable</h1>", { status: 503, headers: { "Content-Type": "text/html" } });
    const experiment = track();
    await delivered(experiment);
    expect(calls.filter((c) => c.path === `${X}ephemeraltoken/`)).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/ephemeral token exchange failed/)]);
  });
});

describe("explicit calls work as out of cluster", () => {
  it("metrics are batched to …/17/metrics/, params/tags go in one PATCH", async () => {
    const experiment = await started();
    experiment.logMetrics({ step: 1, loss: 0.5 });
    experiment.logMetrics({ step: 2, loss: 0.25 });
    experiment.logParams({ lr: 0.01 });
    experiment.logTags(["a", "b"]);
    const sent = await delivered(experiment);
    const metrics = sent.filter((r) => r.path === `${X}metrics/`);
    expect(metrics.every((r) => r.method === "POST")).toBe(true);
    const points = metrics.flatMap((r) => r.body as Array<{ values: unknown; created_at: string }>);
    expect(points.map((p) => p.values)).toEqual([
      { step: 1, loss: 0.5 },
      { step: 2, loss: 0.25 },
    ]);
    expect(sent.filter((r) => r.path === X)).toEqual([
      { method: "PATCH", path: X, body: { params: { lr: 0.01 }, tags: ["a", "b"], merge: true } },
    ]);
  });

  it("explicit statuses are posted, terminal ones once (reference: log_status/end post in any mode)", async () => {
    const experiment = await started();
    experiment.logStatus("running", "warming up");
    experiment.logSucceeded();
    experiment.logFailed("too late");
    expect(await delivered(experiment)).toEqual([
      { method: "POST", path: `${X}statuses/`, body: { status: "running", message: "warming up" } },
      { method: "POST", path: `${X}statuses/`, body: { status: "succeeded" } },
    ]);
    expect(warnings).toEqual([expect.stringContaining("ignored")]);
  });

  it("the automatic exit-time status is not posted in managed mode (the platform owns it)", async () => {
    const experiment = await started();
    experiment.logMetrics({ loss: 1 });
    exitHooksOf(experiment).finish({ status: "succeeded" });
    exitHooksOf(experiment).finish({ status: "failed", message: "boom" });
    await exitHooksOf(experiment).flushForExit(1_000);
    expect(wire().map((r) => r.path)).toEqual([`${X}metrics/`]);
    expect(experiment.lastStatus).toBe("succeeded");
  });
});

describe("outputs, log level and helpers", () => {
  it("getOutputsPath() is POLYAXON_RUN_OUTPUTS_PATH and logArtifact copies into it, sending nothing", async () => {
    const experiment = await started();
    expect(experiment.getOutputsPath()).toBe(outputsDir);
    const source = join(root, "model.bin");
    writeFileSync(source, "weights");
    const result = await experiment.logArtifact(source);
    expect(result?.destination).toBe(join(outputsDir, "model.bin"));
    expect(readFileSync(join(outputsDir, "model.bin"), "utf8")).toBe("weights");
    const nested = join(root, "checkpoints");
    mkdirSync(join(nested, "epoch1"), { recursive: true });
    writeFileSync(join(nested, "epoch1", "w.txt"), "1");
    await experiment.logArtifacts(nested);
    expect(readFileSync(join(outputsDir, "checkpoints", "epoch1", "w.txt"), "utf8")).toBe("1");
    expect(await delivered(experiment)).toEqual([]);
  });

  it("getLogLevel() is POLYAXON_LOG_LEVEL", async () => {
    const experiment = await started();
    expect(experiment.getLogLevel()).toBeUndefined();
    vi.stubEnv("POLYAXON_LOG_LEVEL", "DEBUG");
    expect(experiment.getLogLevel()).toBe("DEBUG");
  });

  it("static helpers read the pod's variables", () => {
    const cluster = { master: ["plx-abc-master-0:2222"], worker: ["plx-abc-worker-0:2222"] };
    vi.stubEnv("POLYAXON_CLUSTER", JSON.stringify(cluster));
    vi.stubEnv("POLYAXON_TASK_INFO", JSON.stringify({ type: "worker", index: 0 }));
    vi.stubEnv("POLYAXON_PARAMS", JSON.stringify({ lr: 0.1 }));
    vi.stubEnv("POLYAXON_RUN_DATA_PATHS", JSON.stringify({ mnist: "/data/mnist" }));
    vi.stubEnv("POLYAXON_REFS_OUTPUTS_PATHS", JSON.stringify({ experiments: ["/outputs/alice/mnist/3"] }));
    vi.stubEnv("TF_CONFIG", "");
    expect(Experiment.getExperimentInfo()).toEqual(EXPERIMENT_INFO);
    expect(Experiment.getClusterDef()).toEqual(cluster);
    expect(Experiment.getTaskInfo()).toEqual({ type: "worker", index: 0 });
    expect(Experiment.getParams()).toEqual({ lr: 0.1 });
    expect(Experiment.getDeclarations()).toEqual({ lr: 0.1 });
    expect(Experiment.getDataPaths()).toEqual({ mnist: "/data/mnist" });
    expect(Experiment.getOutputsRefsPaths()).toEqual({ experiments: ["/outputs/alice/mnist/3"] });
    const tf = { cluster, task: { type: "worker", index: 0 }, model_dir: outputsDir, environment: "cloud" };
    expect(Experiment.getTfConfig({ envVar: "" })).toEqual(tf);
    expect(process.env.TF_CONFIG).toBe("");
    expect(Experiment.getTfConfig()).toEqual(tf);
    expect(JSON.parse(process.env.TF_CONFIG ?? "null")).toEqual(tf);
    expect(seen).toEqual([]);
  });

  it("managed from settings alone (no POLYAXON_IS_MANAGED in env): identity, outputs and log level still work", async () => {
    vi.stubEnv("POLYAXON_IS_MANAGED", "");
    vi.stubEnv("POLYAXON_LOG_LEVEL", "INFO");
    const experiment = track();
    expect(experiment.experimentId).toBe(17);
    expect(experiment.getOutputsPath()).toBe(outputsDir);
    expect(experiment.getLogLevel()).toBe("INFO");
    const source = join(root, "a.txt");
    writeFileSync(source, "a");
    await experiment.logArtifact(source);
    expect(readFileSync(join(outputsDir, "a.txt"), "utf8")).toBe("a");
    expect(await delivered(experiment)).toEqual([{ method: "PATCH", path: X, body: { run_env: expect.any(Object) } }]);
    // The statics cannot see an instance's settings: they keep reading the environment.
    expect(() => Experiment.getExperimentInfo()).toThrow(NotManagedError);
  });

  it("static helpers throw NotManagedError outside a Polyaxon job", () => {
    vi.stubEnv("POLYAXON_IS_MANAGED", "");
    expect(() => Experiment.getClusterDef()).toThrow(NotManagedError);
    expect(() => Experiment.getTfConfig()).toThrow("This experiment/job is not managed by Polyaxon.");
  });
});
