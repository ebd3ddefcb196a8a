/**
 * The one record model. The facade turns every call into a record; the local run store
 * appends the same records to `records.jsonl`; the HTTP delivery turns the same records
 * into requests. `sync` is therefore "read records, give them to the HTTP delivery".
 *
 * Wire bodies keep the server's snake_case field names.
 */

/** A value that survives JSON.stringify unchanged. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The 13 statuses the server accepts for an experiment (docs/wire.md#statuses). */
export const EXPERIMENT_STATUSES = [
  "created",
  "resuming",
  "warning",
  "building",
  "scheduled",
  "starting",
  "running",
  "succeeded",
  "failed",
  "upstream_failed",
  "stopped",
  "skipped",
  "unknown",
] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
/** The "done" group (docs/wire.md#statuses): once one is posted, the run is finished. */
export type TerminalStatus = "succeeded" | "failed" | "upstream_failed" | "stopped" | "skipped";
export const TERMINAL_STATUSES: ReadonlySet<ExperimentStatus> = new Set<TerminalStatus>([
  "succeeded",
  "failed",
  "upstream_failed",
  "stopped",
  "skipped",
]);

export function isTerminalStatus(status: string): status is TerminalStatus {
  return (TERMINAL_STATUSES as ReadonlySet<string>).has(status);
}

/** Body of `POST /{username}/{project_name}/experiments/` as the tracking client sends it. */
export interface CreateBody {
  is_managed: false;
  backend: string;
  name?: string;
  description?: string;
  tags?: string[];
  framework?: string;
  content?: string;
  run_env?: { [key: string]: Json };
  experiment_group?: number;
  build_job?: number;
}

/** Body of `PATCH …/experiments/{id}/` (one per facade call, as the reference sends them). */
export interface UpdateBody {
  name?: string;
  description?: string;
  tags?: string[] | null;
  params?: { [key: string]: Json } | null;
  data_refs?: { [key: string]: string } | null;
  run_env?: { [key: string]: Json };
  backend?: string;
  framework?: string;
  merge?: boolean;
}

/** Body of `POST …/experiments/{id}/coderef/`. A `type` so it is assignable to JSON object types. */
export type CodeRefBody = {
  commit: string;
  head: string;
  branch: string;
  git_url: string;
  is_dirty: boolean;
};

/** Body of `POST …/experiments/{id}/statuses/`. */
export interface StatusBody {
  status: ExperimentStatus;
  message?: string;
  traceback?: string;
}

/** Metric values: finite numbers only (the facade leaves null/NaN/±Infinity out). */
export type MetricValues = { [key: string]: number };

interface Stamp {
  /** Position in the run, 1-based, strictly increasing. */
  seq: number;
  /** When the call was made, epoch milliseconds. */
  ts: number;
}

export type CreateRecord = Stamp & { kind: "create"; body: CreateBody };
export type UpdateRecord = Stamp & { kind: "update"; body: UpdateBody };
export type CodeRefRecord = Stamp & { kind: "coderef"; body: CodeRefBody };
export type StatusRecord = Stamp & { kind: "status"; body: StatusBody };
/** One metric point; its wire `created_at` is `ts` in ISO 8601 UTC. */
export type MetricRecord = Stamp & { kind: "metric"; values: MetricValues };
/** One captured log line, already formatted as the server stores it. */
export type LogRecord = Stamp & { kind: "log"; line: string };
/** An artifact copied into the outputs store. Local bookkeeping only: never sent. */
export type ArtifactRecord = Stamp & { kind: "artifact"; source: string; path: string; bytes: number };

export type RunRecord =
  | CreateRecord
  | UpdateRecord
  | CodeRefRecord
  | StatusRecord
  | MetricRecord
  | LogRecord
  | ArtifactRecord;
export type RecordKind = RunRecord["kind"];

/**
 * Delivery channels. Each has its own acknowledged cursor, so a batch of metrics and a batch
 * of logs can be acknowledged independently without ever re-sending what the server took.
 * `ordered` records are sent one request each, in order; `metric` and `log` are batched.
 */
export type Channel = "ordered" | "metric" | "log";

export function channelOf(kind: RecordKind): Channel | undefined {
  switch (kind) {
    case "metric":
      return "metric";
    case "log":
      return "log";
    case "artifact":
      return undefined;
    default:
      return "ordered";
  }
}
