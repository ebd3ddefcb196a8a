/**
 * No-op mode (`POLYAXON_NO_OP`, docs/reference-client.md#modes-and-configuration): every call is accepted and does
 * nothing — no request (an msw server with no handlers and `onUnhandledRequest: "error"`, plus
 * a count of every request that starts), no file, no timer, no process hook, no log capture;
 * helpers return undefined.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Experiment, type ExperimentOptions, exitHooksOf } from "../../src/tracking/experiment.js";
import type { Notifier } from "../../src/tracking/notice.js";

const HOOKED_EVENTS = ["beforeExit", "exit", "uncaughtException", "unhandledRejection", "SIGINT", "SIGTERM"] as const;

const server = setupServer();
let requests: string[];
let root: string;
let dirs: { homeDir: string; tmpDir: string; contextDir: string };
let trackingDir: string;
let notices: string[];

const notifier: Notifier = {
  warn: (message) => notices.push(message),
  info: (message) => notices.push(message),
};

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  server.events.on("request:start", ({ request }) => requests.push(`${request.method} ${request.url}`));
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "plx-noop-"));
  dirs = { homeDir: join(root, "home"), tmpDir: join(root, "tmp"), contextDir: join(root, "plx-context") };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  trackingDir = join(root, "runs");
  vi.stubEnv("HOME", dirs.homeDir);
  requests = [];
  notices = [];
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

afterAll(() => server.close());

function listenerCounts(): Record<string, number> {
  return Object.fromEntries(HOOKED_EVENTS.map((event) => [event, process.listenerCount(event)]));
}

/** Every public call, with valid input, as a user script would make them. */
async function useEverything(experiment: Experiment): Promise<void> {
  expect(await experiment.create({ name: "noop-run", tags: ["a"], description: "d" })).toBe(experiment);
  experiment.setName("renamed");
  experiment.setDescription("text");
  experiment.logTags("x,y");
  experiment.logParams({ lr: 0.1 });
  experiment.logDataRef("dataset", { dataName: "mnist" });
  experiment.logFramework("tensorflow");
  experiment.logBackend("other");
  experiment.logRunEnv();
  await experiment.logCodeRef();
  experiment.logStatus("running");
  for (let step = 0; step < 2_000; step++) experiment.logMetrics({ step, loss: 1 / (step + 1) });
  experiment.logMetrics({ loss: Number.NaN });
  const file = join(root, "model.bin");
  writeFileSync(file, "weights");
  expect(await experiment.logArtifact(file)).toBeUndefined();
  expect(await experiment.logArtifacts(root)).toBeUndefined();
  expect(await experiment.logArtifact(join(root, "missing.bin"))).toBeUndefined();
  experiment.logSucceeded();
  experiment.logFailed("after the end");
  experiment.logStopped();
  exitHooksOf(experiment).finish({ status: "failed", message: "exit" });
  await exitHooksOf(experiment).flushForExit(100);
  exitHooksOf(experiment).closeAtExit();
  expect(await experiment.flush()).toBe(true);
  expect(await experiment.close()).toBe(true);
}

function expectUntouched(experiment: Experiment): void {
  expect(requests).toEqual([]);
  expect(existsSync(trackingDir)).toBe(false);
  for (const dir of Object.values(dirs)) expect(readdirSync(dir)).toEqual([]);
  expect(readdirSync(root).sort()).toEqual(["home", "model.bin", "plx-context", "tmp"]);
  expect(experiment.runId).toBeUndefined();
  expect(experiment.runDir).toBeUndefined();
  expect(experiment.experimentId).toBeUndefined();
  expect(experiment.getOutputsPath()).toBeUndefined();
  expect(experiment.getLogLevel()).toBeUndefined();
}

describe("POLYAXON_NO_OP=true", () => {
  const options = (): ExperimentOptions => ({ configDirs: dirs, trackingDir, notifier });

  it("accepts every call and sends, writes, hooks and schedules nothing", async () => {
    vi.stubEnv("POLYAXON_NO_OP", "true");
    // A server is configured: no-op must win over it.
    vi.stubEnv("POLYAXON_API_HOST", "polyaxon.test");
    vi.stubEnv("POLYAXON_SECRET_USER_TOKEN", "1".repeat(64));
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "setImmediate"] });
    const hooks = listenerCounts();
    const write = process.stdout.write;
    // handleExit is left at its default (true): no-op must still install nothing.
    const experiment = new Experiment({ project: "alice/mnist", ...options() });
    expect(experiment.mode).toBe("noop");
    expect(listenerCounts()).toEqual(hooks);
    await useEverything(experiment);
    expect(vi.getTimerCount()).toBe(0);
    expect(listenerCounts()).toEqual(hooks);
    expect(process.stdout.write).toBe(write);
    expectUntouched(experiment);
    expect(notices).toEqual([]);
  });

  it("needs no project and ignores a managed environment (no exchange, no heartbeat, env untouched)", async () => {
    vi.stubEnv("POLYAXON_NO_OP", "1");
    vi.stubEnv("POLYAXON_IS_MANAGED", "true");
    vi.stubEnv("POLYAXON_API_HTTP_HOST", "http://polyaxon.test");
    vi.stubEnv("POLYAXON_EXPERIMENT_INFO", JSON.stringify({ project_name: "alice.mnist", experiment_name: "a.m.17" }));
    vi.stubEnv("POLYAXON_SECRET_EPHEMERAL_TOKEN", "ephemeral");
    vi.stubEnv("POLYAXON_RUN_OUTPUTS_PATH", join(root, "outputs"));
    vi.stubEnv("POLYAXON_LOG_LEVEL", "DEBUG");
    const hooks = listenerCounts();
    const experiment = new Experiment(options());
    expect(experiment.mode).toBe("noop");
    await useEverything(experiment);
    expect(process.env.POLYAXON_SECRET_EPHEMERAL_TOKEN).toBe("ephemeral");
    expect(listenerCounts()).toEqual(hooks);
    expectUntouched(experiment);
  });

  it("static helpers return undefined, even inside a managed job, and do not set TF_CONFIG", () => {
    vi.stubEnv("POLYAXON_NO_OP", "true");
    vi.stubEnv("POLYAXON_IS_MANAGED", "true");
    vi.stubEnv("POLYAXON_EXPERIMENT_INFO", JSON.stringify({ project_name: "alice.mnist", experiment_name: "a.m.17" }));
    vi.stubEnv("POLYAXON_CLUSTER", JSON.stringify({ master: ["h:2222"] }));
    vi.stubEnv("POLYAXON_TASK_INFO", "{malformed");
    vi.stubEnv("POLYAXON_PARAMS", JSON.stringify({ lr: 1 }));
    vi.stubEnv("POLYAXON_RUN_DATA_PATHS", JSON.stringify({ d: "/d" }));
    vi.stubEnv("POLYAXON_REFS_OUTPUTS_PATHS", JSON.stringify({ jobs: [] }));
    vi.stubEnv("TF_CONFIG", "untouched");
    const helpers = [
      Experiment.getExperimentInfo,
      Experiment.getNotebookInfo,
      Experiment.getClusterDef,
      Experiment.getTaskInfo,
      Experiment.getParams,
      Experiment.getDeclarations,
      Experiment.getDataPaths,
      Experiment.getOutputsRefsPaths,
      () => Experiment.getTfConfig(),
    ];
    for (const helper of helpers) expect(helper()).toBeUndefined();
    expect(process.env.TF_CONFIG).toBe("untouched");
  });

  it("outside a managed job, helpers still return undefined instead of throwing", () => {
    vi.stubEnv("POLYAXON_NO_OP", "true");
    expect(Experiment.getClusterDef()).toBeUndefined();
    expect(Experiment.getTfConfig()).toBeUndefined();
  });
});

describe("settings: { noOp: true }", () => {
  it("behaves the same without the environment variable, and wins over offline", async () => {
    const hooks = listenerCounts();
    const experiment = new Experiment({
      project: "alice/mnist",
      settings: { noOp: true, isOffline: true, apiHost: "polyaxon.test" },
      configDirs: dirs,
      trackingDir,
      notifier,
    });
    expect(experiment.mode).toBe("noop");
    await useEverything(experiment);
    expect(listenerCounts()).toEqual(hooks);
    expectUntouched(experiment);
  });

  it("attaching to an experiment id still does nothing", async () => {
    const experiment = new Experiment({
      project: "alice/mnist",
      experimentId: 12,
      settings: { noOp: true, apiHost: "polyaxon.test", userToken: "1".repeat(64) },
      configDirs: dirs,
      trackingDir,
      notifier,
    });
    experiment.logMetrics({ loss: 1 });
    expect(await experiment.close()).toBe(true);
    expect(requests).toEqual([]);
    expect(existsSync(trackingDir)).toBe(false);
  });
});
