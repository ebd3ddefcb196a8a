/**
 * Reading an experiment back (the facade's `getEntityData()`, `metrics()` and `statuses()`):
 * from the server when the experiment exists there, else from the local run's journal, in the
 * server's shapes either way.
 */
import type { PolyaxonClient } from "../api/client.js";
import type { Schemas } from "../api/index.js";
import { paginate } from "../api/paginate.js";
import { PolyaxonError } from "../errors.js";
import { createdAtOfTs } from "../records/serialize.js";
import { type CreateBody, isTerminalStatus, type RunRecord } from "../records/types.js";
import type { RunDir } from "../store/run-store.js";
import { applyUpdate, createAsUpdate, type TrackedFields } from "./merge-update.js";

type Detail = Schemas["ExperimentDetail"];

/**
 * Fields of the experiment detail that the server assigns or computes (ids, names it derives,
 * its own bookkeeping). A local reading knows some of them (`id` of an attached run, `project`
 * when the owner is known, `created_at`, `is_managed` of a run this process created) and
 * leaves the others null.
 */
export type ServerAssignedField =
  | "id"
  | "uuid"
  | "unique_name"
  | "user"
  | "created_at"
  | "updated_at"
  | "project"
  | "is_managed"
  | "bookmarked"
  | "num_jobs"
  | "is_clone";

/**
 * What `getEntityData()` resolves to: the server's `ExperimentDetail` as it holds it; read from
 * the local run (offline, or before the experiment reached a server), the same object with the
 * fields only the server knows set to null.
 */
export type ExperimentData = Omit<Detail, ServerAssignedField> & {
  -readonly [K in ServerAssignedField]: Detail[K] | null;
};

/**
 * One point of `metrics()`: the server's `ExperimentMetric`. Read locally, `id` is null (the
 * server numbers points) and `experiment` is the experiment id when known, else null.
 */
export type ExperimentMetricPoint = Omit<Schemas["ExperimentMetric"], "id" | "experiment"> & {
  id: number | null;
  experiment: number | null;
};

/**
 * One entry of `statuses()`: the server's `ExperimentStatus`. Read locally, `id` and `uuid` are
 * null, `experiment` is the experiment id when known, and `created_at` is when the call was
 * made (the server stamps its own time).
 */
export type ExperimentStatusEntry = Omit<Schemas["ExperimentStatus"], "id" | "uuid" | "experiment"> & {
  id: number | null;
  uuid: string | null;
  experiment: number | null;
};

/** Options of `metrics()` and `statuses()`. */
export interface ReadOptions {
  /** Stops a server read (the request in flight, and the iteration) with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** Where a read goes: the server's experiment, or the run this process records. */
export type ReadSource =
  | { kind: "server"; client: PolyaxonClient; path: { username: string; project_name: string; id: number } }
  | { kind: "local"; run: RunDir; experimentId: number | undefined; owner: string | undefined };

const DETAIL = "/{username}/{project_name}/experiments/{id}/" as const;
const METRICS = "/{username}/{project_name}/experiments/{id}/metrics/" as const;
const STATUSES = "/{username}/{project_name}/experiments/{id}/statuses/" as const;

/** The experiment detail, fetched anew, or built from the journal. */
export async function readEntityData(source: ReadSource): Promise<ExperimentData> {
  if (source.kind === "local") return localEntityData(source);
  const { data, response } = await source.client.GET(DETAIL, { params: { path: source.path } });
  if (data === undefined) {
    throw new PolyaxonError(`GET ${DETAIL} → ${response.status}: the experiment could not be read.`);
  }
  return data;
}

/**
 * Every metric point, oldest first. From the server: one page without `limit` (the server then
 * answers every point at once; limit/offset pages of points that share a timestamp skip some),
 * and a point already yielded (same `id`) is never yielded again.
 */
export async function* readMetrics(
  source: ReadSource,
  options: ReadOptions = {},
): AsyncGenerator<ExperimentMetricPoint> {
  if (source.kind === "server") {
    yield* paginate(source.client, METRICS, { params: { path: source.path }, dedupe: true, signal: options.signal });
    return;
  }
  const experiment = source.experimentId ?? null;
  for await (const record of source.run.records()) {
    if (record.kind !== "metric") continue;
    yield { id: null, experiment, created_at: createdAtOfTs(record.ts), values: record.values };
  }
}

/**
 * Every status, oldest first. Locally, the create record stands for the `created` status the
 * server makes itself when the experiment is created.
 */
export async function* readStatuses(
  source: ReadSource,
  options: ReadOptions = {},
): AsyncGenerator<ExperimentStatusEntry> {
  if (source.kind === "server") {
    yield* paginate(source.client, STATUSES, { params: { path: source.path }, signal: options.signal });
    return;
  }
  const experiment = source.experimentId ?? null;
  // Metric lines are read by their head only: no status among them.
  for await (const { record } of source.run.deliveryItems()) {
    const entry = localStatus(record, experiment);
    if (entry) yield entry;
  }
}

function localStatus(record: RunRecord, experiment: number | null): ExperimentStatusEntry | undefined {
  const base = { id: null, uuid: null, experiment, created_at: createdAtOfTs(record.ts) };
  if (record.kind === "create") return { ...base, status: "created", message: null, traceback: null };
  if (record.kind !== "status") return undefined;
  const { status, message, traceback } = record.body;
  return { ...base, status, message: message ?? null, traceback: traceback ?? null };
}

/** The detail as the server would build it from what this run recorded (see {@link ExperimentData}). */
async function localEntityData(source: Extract<ReadSource, { kind: "local" }>): Promise<ExperimentData> {
  const meta = source.run.readMeta();
  let fields: TrackedFields = { tags: [], params: {}, dataRefs: {} };
  let create: CreateBody | undefined;
  let createdAt: string | null = null;
  let lastStatus: Detail["last_status"] = null;
  let startedAt: string | null = null;
  let finishedAt: string | null = null;
  let lastMetric: { [key: string]: number } | null = null;
  for await (const record of source.run.records()) {
    switch (record.kind) {
      case "create":
        create = record.body;
        createdAt = createdAtOfTs(record.ts);
        lastStatus = "created";
        fields = applyUpdate(fields, createAsUpdate(record.body));
        break;
      case "update":
        fields = applyUpdate(fields, record.body);
        break;
      case "status":
        lastStatus = record.body.status;
        // The server sets started_at at the first `running`, finished_at at a terminal status.
        if (record.body.status === "running") startedAt ??= createdAtOfTs(record.ts);
        if (isTerminalStatus(record.body.status)) finishedAt ??= createdAtOfTs(record.ts);
        break;
      case "metric":
        lastMetric = Object.assign(lastMetric ?? {}, record.values);
        break;
      default:
        break;
    }
  }
  const owner = source.owner ?? meta.owner;
  return {
    id: source.experimentId ?? null,
    uuid: null,
    name: fields.name ?? null,
    unique_name: null,
    user: null,
    description: fields.description ?? null,
    created_at: createdAt,
    updated_at: null,
    started_at: startedAt,
    finished_at: finishedAt,
    last_status: lastStatus,
    original: null,
    cloning_strategy: null,
    project: owner === undefined ? null : `${owner}.${meta.projectName}`,
    experiment_group: null,
    build_job: null,
    backend: fields.backend ?? null,
    is_managed: create ? create.is_managed : null,
    framework: fields.framework ?? null,
    tags: fields.tags.length > 0 ? fields.tags : null,
    params: Object.keys(fields.params).length > 0 ? fields.params : null,
    bookmarked: null,
    readme: null,
    content: create?.content ?? null,
    resources: null,
    run_env: fields.runEnv ?? null,
    data_refs: Object.keys(fields.dataRefs).length > 0 ? fields.dataRefs : null,
    num_jobs: null,
    is_clone: null,
    code_reference: null,
    tensorboard: null,
    has_tensorboard: null,
    last_metric: lastMetric,
  };
}
