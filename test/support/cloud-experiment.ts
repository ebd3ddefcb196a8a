/**
 * The `Experiment` facade against a cloud store, in cluster and out of cluster, for the
 * store tests: a FakePolyaxon API on 127.0.0.1, throw-away HOME and config directories, and
 * none of the machine's store variables (they are stubbed away, so whatever the SDK exports
 * into `process.env` is undone after each test).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { Experiment } from "../../src/tracking/experiment.js";
import type { Notifier } from "../../src/tracking/notice.js";

export const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/** What the platform injects for experiment 17 of alice/mnist (docs/reference-client.md#constructor). */
export const EXPERIMENT_INFO = {
  project_name: "alice.mnist",
  experiment_name: "alice.mnist.17",
  experiment_group_name: null,
  project_uuid: "0123456789abcdef0123456789abcdef",
  experiment_uuid: "fedcba9876543210fedcba9876543210",
};

const STORE_VARIABLES = [
  "POLYAXON_STORE",
  "STORE",
  "POLYSTORES_RUN_STORES_ACCESS_KEYS",
  "POLYSTORES_TMP_AUTH_GCS_ACCESS_PATH",
  "POLYAXON_STORE_TIMEOUT",
  "POLYAXON_BASE_OUTPUTS_PATH",
  "POLYAXON_RUN_OUTPUTS_PATH",
  "POLYAXON_IS_MANAGED",
  "POLYAXON_IS_OFFLINE",
  "POLYAXON_NO_OP",
  "AWS_ENDPOINT_URL",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SECURITY_TOKEN",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_REGION_NAME",
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AZURE_ACCOUNT_NAME",
  "AZURE_ACCOUNT_KEY",
  "AZURE_CONNECTION_STRING",
  "GC_KEY_PATH",
  "GOOGLE_KEY_PATH",
  "GC_KEYFILE_DICT",
  "GOOGLE_APPLICATION_CREDENTIALS",
  "GC_PROJECT",
  "GOOGLE_CLOUD_PROJECT",
  "STORAGE_EMULATOR_HOST",
];

export interface Sandbox {
  /** Also the working directory while the sandbox is open (a relative path lands here). */
  root: string;
  previousCwd: string;
  dirs: { homeDir: string; tmpDir: string; contextDir: string };
  trackingDir: string;
  warnings: string[];
  notifier: Notifier;
  server: FakePolyaxon;
  open: Experiment[];
}

/** Call in `beforeEach`; undo with `closeSandbox` in `afterEach`. */
export async function openSandbox(): Promise<Sandbox> {
  const root = mkdtempSync(join(tmpdir(), "plx-cloud-"));
  const dirs = { homeDir: join(root, "home"), tmpDir: join(root, "tmp"), contextDir: join(root, "plx-context") };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  vi.stubEnv("HOME", dirs.homeDir);
  for (const name of STORE_VARIABLES) vi.stubEnv(name, undefined);
  const warnings: string[] = [];
  const previousCwd = process.cwd();
  process.chdir(root);
  const server = await startFakePolyaxon({ token: TOKEN });
  await createPodExperiment(server);
  return {
    root,
    previousCwd,
    dirs,
    trackingDir: join(root, "runs"),
    warnings,
    notifier: { warn: (message) => warnings.push(message), info: () => {} },
    server,
    open: [],
  };
}

/**
 * In cluster the platform created the experiment before the pod started: experiment 17 of
 * alice/mnist (EXPERIMENT_INFO) exists on the fake, so the pod's own requests (run environment,
 * heartbeat) find it.
 */
async function createPodExperiment(server: FakePolyaxon): Promise<void> {
  while (server.state.nextId("experiment") < 16);
  const response = await fetch(`${server.url}/alice/mnist/experiments/`, {
    method: "POST",
    headers: { authorization: `Token ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ is_managed: false, name: "pod" }),
  });
  const created = (await response.json()) as { id: number };
  if (created.id !== 17) throw new Error(`the pod's experiment got id ${created.id}, not 17`);
}

export async function closeSandbox(box: Sandbox): Promise<void> {
  for (const experiment of box.open.splice(0)) await experiment.close(1_000);
  await box.server.close();
  process.chdir(box.previousCwd);
  vi.unstubAllEnvs();
  rmSync(box.root, { recursive: true, force: true });
}

/** A Polyaxon job: identity and outputs path from the pod's variables, API = the fake. */
export function inCluster(box: Sandbox, outputsPath: string, env: Record<string, string> = {}): Experiment {
  vi.stubEnv("POLYAXON_IS_MANAGED", "true");
  vi.stubEnv("POLYAXON_EXPERIMENT_INFO", JSON.stringify(EXPERIMENT_INFO));
  vi.stubEnv("POLYAXON_RUN_OUTPUTS_PATH", outputsPath);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const experiment = new Experiment({
    settings: {
      isManaged: true,
      apiHttpHost: `http://127.0.0.1:${box.server.port}`,
      internalHeader: "X-POLYAXON-INTERNAL",
      internalHeaderService: "runner",
      userToken: TOKEN,
    },
    configDirs: box.dirs,
    trackingDir: box.trackingDir,
    handleExit: false,
    notifier: box.notifier,
  });
  box.open.push(experiment);
  return experiment;
}

/** `new Experiment({ project: "alice/mnist" })` + `create({ baseOutputsPath })` against the fake. */
export async function outOfCluster(
  box: Sandbox,
  baseOutputsPath: string,
  env: Record<string, string> = {},
): Promise<Experiment> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const experiment = new Experiment({
    project: "alice/mnist",
    settings: { apiHost: "127.0.0.1", httpPort: box.server.port, userToken: TOKEN },
    configDirs: box.dirs,
    trackingDir: box.trackingDir,
    trackGit: false,
    trackLogs: false,
    handleExit: false,
    notifier: box.notifier,
  });
  box.open.push(experiment);
  await experiment.create({ baseOutputsPath });
  return experiment;
}
