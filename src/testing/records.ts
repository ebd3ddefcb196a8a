/**
 * What the fake server stores, and how each record looks on the wire (field order and
 * null/empty conventions as recorded from the v0.6.1 server).
 */
import type { components } from "../../generated/schema.js";
import { formatMicros, type Micros } from "./time.js";

type Schemas = components["schemas"];
export type JsonObject = Record<string, unknown>;

export interface StatusRecord {
  id: number;
  uuid: string;
  createdAt: Micros;
  status: Schemas["ExperimentStatusValue"];
  message: string | null;
  traceback: string | null;
}

export interface MetricRecord {
  id: number;
  createdAt: Micros;
  values: Record<string, number>;
}

export interface CodeRefRecord {
  id: number;
  commit: string | null;
  head: string | null;
  branch: string | null;
  git_url: string | null;
  is_dirty: boolean;
  repo: number | null;
  external_repo: number | null;
}

export interface ChartViewRecord {
  id: number;
  uuid: string;
  createdAt: Micros;
  updatedAt: Micros;
  name: string | null;
  charts: unknown;
  meta: JsonObject | null;
}

export interface JobStatusRecord {
  id: number;
  uuid: string;
  createdAt: Micros;
  status: Schemas["JobStatusValue"];
  message: string | null;
  traceback: string | null;
  details: JsonObject | null;
}

export interface JobRecord {
  id: number;
  uuid: string;
  role: string;
  createdAt: Micros;
  updatedAt: Micros;
  startedAt: Micros | null;
  finishedAt: Micros | null;
  nodeScheduled: string | null;
  definition: JsonObject;
  sequence: number;
  statuses: JobStatusRecord[];
}

/** Log text becomes readable by GET only once the (emulated) worker has written it. */
export interface LogChunk {
  text: string;
  writtenAt: number;
}

export interface ExperimentRecord {
  id: number;
  uuid: string;
  owner: string;
  project: string;
  user: string;
  name: string | null;
  description: string | null;
  readme: string | null;
  content: string | null;
  isManaged: boolean;
  backend: string | null;
  framework: string | null;
  tags: string[] | null;
  params: JsonObject | null;
  runEnv: JsonObject | null;
  dataRefs: Record<string, string> | null;
  createdAt: Micros;
  updatedAt: Micros;
  startedAt: Micros | null;
  finishedAt: Micros | null;
  original: string | null;
  cloningStrategy: "copy" | "restart" | "resume" | null;
  codeReference: number | null;
  tensorboard: number | null;
  archived: boolean;
  lastMetric: Record<string, number>;
  statuses: StatusRecord[];
  metrics: MetricRecord[];
  logs: LogChunk[];
  heartbeats: number;
  chartViews: ChartViewRecord[];
  jobs: JobRecord[];
}

const TERMINAL = new Set(["succeeded", "failed", "upstream_failed", "stopped", "skipped"]);
const STOPPABLE = new Set(["scheduled", "building", "starting", "running", "warning", "unknown"]);

export function isDone(status: string | null | undefined): boolean {
  return status !== null && status !== undefined && TERMINAL.has(status);
}

export function isStoppable(status: string | null | undefined): boolean {
  return status !== null && status !== undefined && STOPPABLE.has(status);
}

export function lastStatus(e: ExperimentRecord): Schemas["ExperimentStatusValue"] | null {
  return e.statuses.at(-1)?.status ?? null;
}

const stamp = (us: Micros | null): string | null => (us === null ? null : formatMicros(us));

function base(e: ExperimentRecord): Schemas["ExperimentBase"] {
  return {
    id: e.id,
    uuid: e.uuid,
    name: e.name,
    unique_name: `${e.owner}.${e.project}.${e.id}`,
    user: e.user,
    description: e.description,
    created_at: formatMicros(e.createdAt),
    updated_at: formatMicros(e.updatedAt),
    started_at: stamp(e.startedAt),
    finished_at: stamp(e.finishedAt),
    last_status: lastStatus(e),
    original: e.original,
    cloning_strategy: e.cloningStrategy,
    project: `${e.owner}.${e.project}`,
    experiment_group: null,
    build_job: null,
    backend: e.backend,
    is_managed: e.isManaged,
    framework: e.framework,
    tags: e.tags,
    params: e.params,
  };
}

/** A list item (global list, clone answers): `last_metric` is `{}` when empty, unrounded. */
export function experimentItem(e: ExperimentRecord): Schemas["Experiment"] {
  const { params, ...rest } = base(e);
  return { ...rest, last_metric: { ...e.lastMetric }, params };
}

export function projectItem(e: ExperimentRecord, bookmarked: boolean): Schemas["ProjectExperiment"] {
  return { ...experimentItem(e), bookmarked };
}

/** The detail: `last_metric` rounded to 7 decimals, and null when empty. */
export function experimentDetail(e: ExperimentRecord, bookmarked: boolean): Schemas["ExperimentDetail"] {
  const rounded = Object.entries(e.lastMetric).map(([key, value]) => [key, Math.round(value * 1e7) / 1e7]);
  const { params, ...rest } = base(e);
  return {
    ...rest,
    last_metric: rounded.length === 0 ? null : Object.fromEntries(rounded),
    params,
    bookmarked,
    readme: e.readme,
    content: e.content,
    resources: null,
    run_env: e.runEnv,
    data_refs: e.dataRefs,
    num_jobs: e.jobs.length,
    is_clone: e.original !== null,
    code_reference: e.codeReference,
    tensorboard: e.tensorboard,
    has_tensorboard: e.tensorboard === null ? null : false,
  };
}

/** The reduced create answer: no uuid, status or timestamps; group and build as ids. */
export function experimentCreated(e: ExperimentRecord): Schemas["ExperimentCreated"] {
  return {
    id: e.id,
    unique_name: `${e.owner}.${e.project}.${e.id}`,
    project: `${e.owner}.${e.project}`,
    user: e.user,
    name: e.name,
    description: e.description,
    readme: e.readme,
    original_experiment: null,
    experiment_group: null,
    build_job: null,
    content: e.content,
    params: e.params,
    backend: e.backend,
    framework: e.framework,
    is_managed: e.isManaged,
    run_env: e.runEnv,
    data_refs: e.dataRefs,
    tags: e.tags,
  };
}

/** The fields an experiment's and a job's status share, in the server's order. */
function statusFields<V extends string>(s: Omit<StatusRecord, "status"> & { status: V }) {
  return {
    id: s.id,
    uuid: s.uuid,
    created_at: formatMicros(s.createdAt),
    message: s.message,
    traceback: s.traceback,
    status: s.status,
  };
}

export function statusWire(s: StatusRecord, experiment: number): Schemas["ExperimentStatus"] {
  return { ...statusFields(s), experiment };
}

export function metricWire(m: MetricRecord, experiment: number): Schemas["ExperimentMetric"] {
  return { id: m.id, created_at: formatMicros(m.createdAt), values: { ...m.values }, experiment };
}

/** The code reference; with none attached, the all-empty object without `id`. */
export function codeRefWire(ref: CodeRefRecord | undefined): Schemas["CodeReference"] {
  if (!ref) {
    return { branch: "", commit: "", head: "", is_dirty: false, git_url: "", repo: null, external_repo: null };
  }
  const { id, branch, commit, head, is_dirty, git_url, repo, external_repo } = ref;
  return { id, branch, commit, head, is_dirty, git_url, repo, external_repo };
}

export function chartViewWire(c: ChartViewRecord, experiment: number): Schemas["ChartView"] {
  return {
    id: c.id,
    uuid: c.uuid,
    created_at: formatMicros(c.createdAt),
    updated_at: formatMicros(c.updatedAt),
    name: c.name,
    charts: c.charts,
    meta: c.meta,
    experiment,
  };
}

export function jobWire(j: JobRecord, e: ExperimentRecord): Schemas["ExperimentJob"] {
  return {
    id: j.id,
    uuid: j.uuid,
    unique_name: `${e.owner}.${e.project}.${e.id}.${j.id}.${j.role}`,
    role: j.role,
    experiment: e.id,
    last_status: j.statuses.at(-1)?.status ?? null,
    created_at: formatMicros(j.createdAt),
    updated_at: formatMicros(j.updatedAt),
    started_at: stamp(j.startedAt),
    finished_at: stamp(j.finishedAt),
    resources: null,
    node_scheduled: j.nodeScheduled,
    pod_id: `plx-${e.uuid}-${j.role}-${j.sequence}`,
  };
}

export function jobDetailWire(j: JobRecord, e: ExperimentRecord): Schemas["ExperimentJobDetail"] {
  return { ...jobWire(j, e), definition: j.definition };
}

export function jobStatusWire(s: JobStatusRecord, job: number): Schemas["ExperimentJobStatus"] {
  return { ...statusFields(s), details: s.details, job };
}
