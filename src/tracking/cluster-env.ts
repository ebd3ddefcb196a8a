/**
 * In-cluster helpers (docs/reference-client.md#calls): read what the Polyaxon platform
 * injects into experiment containers. The `Experiment` class exposes them as statics.
 *
 * Unlike the reference, a malformed value throws a `SettingsError` naming the variable
 * (instead of printing and returning null), and parsed values are checked against the
 * shape the platform writes, so the results can be typed. JSON `null` counts as missing.
 * In no-op mode (`POLYAXON_NO_OP`) every helper returns undefined without any check.
 */
import { PolyaxonError } from "../errors.js";
import { SettingsError } from "../settings/errors.js";
import { isPlainObject, parseBool, parseJsonText } from "../settings/parse.js";

export type Env = Record<string, string | undefined>;

export interface ClusterEnvOptions {
  /** Defaults to `process.env`. */
  env?: Env;
}

/** Raised by helpers that only make sense inside a Polyaxon-managed container. */
export class NotManagedError extends PolyaxonError {
  override name = "NotManagedError";
  constructor() {
    super("This experiment/job is not managed by Polyaxon.");
  }
}

/** `POLYAXON_EXPERIMENT_INFO`. Extra keys the platform may add are kept. */
export interface ExperimentInfo {
  /** `owner.project` */
  project_name: string;
  /** Unique name, e.g. `alice.mnist.17` or `alice.mnist.3.17` (grouped). */
  experiment_name: string;
  experiment_group_name?: string | null;
  project_uuid?: string;
  experiment_uuid?: string;
  experiment_group_uuid?: string;
  role?: string;
  type?: string;
  app?: string;
  [key: string]: unknown;
}

/** `POLYAXON_NOTEBOOK_INFO`: only `project_name` is relied upon. */
export interface NotebookInfo {
  project_name: string;
  [key: string]: unknown;
}

/** `POLYAXON_CLUSTER`: role (`master`, `worker`, `ps`…) → `host:port` list. */
export type ClusterDef = Record<string, string[]>;

/** `POLYAXON_TASK_INFO`. */
export interface TaskInfo {
  type: string;
  index: number;
}

/** `POLYAXON_PARAMS`: the experiment's declared params. */
export type Params = Record<string, unknown>;

/** `POLYAXON_RUN_DATA_PATHS`: data name → path. */
export type DataPaths = Record<string, string>;

/** `POLYAXON_REFS_OUTPUTS_PATHS`. */
export interface OutputsRefsPaths {
  jobs?: string[];
  experiments?: string[];
}

/** The TensorFlow `TF_CONFIG` object; missing parts are `null` as in the reference's JSON. */
export interface TfConfig {
  cluster: ClusterDef | null;
  task: TaskInfo | null;
  model_dir: string | null;
  environment: "cloud";
}

export interface ExperimentInfoTarget {
  owner: string;
  project: string;
  /** Kept as a string, as the reference does. */
  experimentId: string;
}

function envOf(options: ClusterEnvOptions | undefined): Env {
  return options?.env ?? process.env;
}

function flag(env: Env, variable: string): boolean {
  const raw = env[variable];
  return raw !== undefined && raw.trim() !== "" && parseBool(raw, { variable });
}

function isNoOp(env: Env): boolean {
  return flag(env, "POLYAXON_NO_OP");
}

function assertManaged(env: Env): void {
  if (!flag(env, "POLYAXON_IS_MANAGED") && !flag(env, "POLYAXON_IN_CLUSTER")) throw new NotManagedError();
}

function malformed(variable: string, expected: string): never {
  throw new SettingsError(`${variable} must be ${expected}.`, { variable });
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/** Parses a JSON variable and checks its shape; missing, empty or JSON null → undefined. */
function readJson<T>(env: Env, variable: string, check: (v: unknown) => v is T, expected: string): T | undefined {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = parseJsonText(raw, { variable });
  if (value === null) return undefined;
  return check(value) ? value : malformed(variable, expected);
}

/** Shared skeleton: no-op → undefined; otherwise managed check, then read. */
function managed<T>(options: ClusterEnvOptions | undefined, read: (env: Env) => T): T | undefined {
  const env = envOf(options);
  if (isNoOp(env)) return undefined;
  assertManaged(env);
  return read(env);
}

function rawString(env: Env, variable: string): string | undefined {
  const raw = env[variable];
  return raw === undefined || raw === "" ? undefined : raw;
}

const isExperimentInfo = (v: unknown): v is ExperimentInfo =>
  isPlainObject(v) && typeof v.project_name === "string" && typeof v.experiment_name === "string";
const isNotebookInfo = (v: unknown): v is NotebookInfo => isPlainObject(v) && typeof v.project_name === "string";
const isClusterDef = (v: unknown): v is ClusterDef => isPlainObject(v) && Object.values(v).every(isStringArray);
const isTaskInfo = (v: unknown): v is TaskInfo =>
  isPlainObject(v) && typeof v.type === "string" && Number.isInteger(v.index) && Number(v.index) >= 0;
const isParams = (v: unknown): v is Params => isPlainObject(v);
const isDataPaths = (v: unknown): v is DataPaths =>
  isPlainObject(v) && Object.values(v).every((p) => typeof p === "string");
const isOutputsRefsPaths = (v: unknown): v is OutputsRefsPaths =>
  isPlainObject(v) &&
  (v.jobs === undefined || isStringArray(v.jobs)) &&
  (v.experiments === undefined || isStringArray(v.experiments));

export function getExperimentInfo(options?: ClusterEnvOptions): ExperimentInfo | undefined {
  return managed(options, (env) =>
    readJson(
      env,
      "POLYAXON_EXPERIMENT_INFO",
      isExperimentInfo,
      "a JSON object with string project_name and experiment_name",
    ),
  );
}

export function getNotebookInfo(options?: ClusterEnvOptions): NotebookInfo | undefined {
  return managed(options, (env) =>
    readJson(env, "POLYAXON_NOTEBOOK_INFO", isNotebookInfo, "a JSON object with a string project_name"),
  );
}

export function getClusterDef(options?: ClusterEnvOptions): ClusterDef | undefined {
  return managed(options, (env) =>
    readJson(env, "POLYAXON_CLUSTER", isClusterDef, 'a JSON object of role → ["host:port", …]'),
  );
}

export function getTaskInfo(options?: ClusterEnvOptions): TaskInfo | undefined {
  return managed(options, (env) =>
    readJson(env, "POLYAXON_TASK_INFO", isTaskInfo, 'a JSON object {"type": string, "index": integer >= 0}'),
  );
}

export function getParams(options?: ClusterEnvOptions): Params | undefined {
  return managed(options, (env) => readJson(env, "POLYAXON_PARAMS", isParams, "a JSON object"));
}

/** Old name of `getParams`, kept like the reference's `get_declarations`. */
export const getDeclarations = getParams;

export function getOutputsPath(options?: ClusterEnvOptions): string | undefined {
  return managed(options, (env) => rawString(env, "POLYAXON_RUN_OUTPUTS_PATH"));
}

export function getLogLevel(options?: ClusterEnvOptions): string | undefined {
  return managed(options, (env) => rawString(env, "POLYAXON_LOG_LEVEL"));
}

export function getDataPaths(options?: ClusterEnvOptions): DataPaths | undefined {
  return managed(options, (env) =>
    readJson(env, "POLYAXON_RUN_DATA_PATHS", isDataPaths, "a JSON object of data name → path string"),
  );
}

export function getOutputsRefsPaths(options?: ClusterEnvOptions): OutputsRefsPaths | undefined {
  return managed(options, (env) =>
    readJson(
      env,
      "POLYAXON_REFS_OUTPUTS_PATHS",
      isOutputsRefsPaths,
      'a JSON object {"jobs"?: [paths], "experiments"?: [paths]}',
    ),
  );
}

/** Base outputs path for out-of-cluster runs; no managed check (as in the reference). */
export function getBaseOutputsPath(options?: ClusterEnvOptions): string | undefined {
  const env = envOf(options);
  return isNoOp(env) ? undefined : rawString(env, "POLYAXON_BASE_OUTPUTS_PATH");
}

export interface TfConfigOptions extends ClusterEnvOptions {
  /**
   * Variable that receives the JSON (in `env`, i.e. `process.env` by default), so that
   * TensorFlow started later in this process sees it. `""` or `null` → do not write.
   */
  envVar?: string | null;
}

export function getTfConfig({ envVar = "TF_CONFIG", ...options }: TfConfigOptions = {}): TfConfig | undefined {
  return managed(options, (env) => {
    const config: TfConfig = {
      cluster: getClusterDef({ env }) ?? null,
      task: getTaskInfo({ env }) ?? null,
      model_dir: getOutputsPath({ env }) ?? null,
      environment: "cloud",
    };
    if (envVar) env[envVar] = JSON.stringify(config);
    return config;
  });
}

/**
 * Experiment identity from `POLYAXON_EXPERIMENT_INFO` (docs/reference-client.md#constructor):
 * owner and project from `project_name` (`owner.project`), id = last dot segment of
 * `experiment_name`.
 */
export function parseExperimentInfoTarget(
  info: Pick<ExperimentInfo, "project_name" | "experiment_name">,
): ExperimentInfoTarget {
  const parts = info.project_name.replaceAll(".", "/").split("/");
  const [owner, project] = parts;
  if (parts.length !== 2 || !owner || !project) {
    malformed("POLYAXON_EXPERIMENT_INFO", `have project_name "owner.project" (got "${info.project_name}")`);
  }
  const experimentId = info.experiment_name.split(".").at(-1);
  if (!experimentId) {
    malformed("POLYAXON_EXPERIMENT_INFO", `have an experiment_name ending in the id (got "${info.experiment_name}")`);
  }
  return { owner, project, experimentId };
}
