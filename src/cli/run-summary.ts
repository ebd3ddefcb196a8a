import { pendingCounter } from "../delivery/pending.js";
import { settleSpool, visitSpooled } from "../delivery/spool-journal.js";
import type { CodeRefBody, ExperimentStatus, Json, RecordKind } from "../records/types.js";
import { TERMINAL_STATUSES } from "../records/types.js";
import type { RunDir } from "../store/run-store.js";
import { applyUpdate, createAsUpdate, type TrackedFields } from "../tracking/merge-update.js";

/** Most points kept per metric key for display; every point is still counted. */
export const MAX_SERIES_POINTS = 2000;
/** Unreadable lines listed individually; the rest are only counted. */
export const MAX_SKIPPED_KEPT = 100;

/** One displayed point: `step` is the point's own `step` value, else its index in the series. */
export interface SeriesPoint {
  step: number;
  value: number | null;
}

export interface MetricSeries {
  key: string;
  /** Every point recorded for this key (nulls included). */
  count: number;
  /** At most {@link MAX_SERIES_POINTS} evenly spaced points, the last one always included. */
  points: SeriesPoint[];
  min: number | undefined;
  max: number | undefined;
  last: number | null | undefined;
}

export type SyncState = "synced" | "partly" | "local";

export interface SkippedLine {
  lineNo: number;
  reason: string;
}

export interface ArtifactEntry {
  source: string;
  path: string;
  bytes: number;
}

export interface RunSummary {
  id: string;
  path: string;
  project: string;
  name: string | undefined;
  /** run.json `createdAt` (ISO 8601). */
  created: string;
  status: ExperimentStatus;
  /** Epoch ms of the first `running` status. */
  started: number | undefined;
  /** Epoch ms of the terminal status, when the run finished. */
  ended: number | undefined;
  /** From start (or the first record) to end (or the last record). */
  durationMs: number | undefined;
  description: string | undefined;
  framework: string | undefined;
  backend: string | undefined;
  tags: string[];
  params: { [key: string]: Json };
  dataRefs: { [key: string]: string };
  codeRef: CodeRefBody | undefined;
  /** Empty when summarized with `maxPoints: 0` (metric points are then only counted). */
  metrics: MetricSeries[];
  metricPoints: number;
  logLines: number;
  artifacts: ArtifactEntry[];
  records: { [kind in RecordKind]?: number };
  /** The first {@link MAX_SKIPPED_KEPT} unreadable journal lines. */
  skipped: SkippedLine[];
  /** How many journal lines could not be read (typically a torn last line after a kill). */
  skippedCount: number;
  sync: SyncState;
  /** Records a `sync` would still send (`pendingRecords`). */
  pending: number;
  experimentId: number | undefined;
  serverUrl: string | undefined;
}

/** Streams the journal once and builds everything `runs` and `show` display, the pending count included. */
export async function summarizeRun(run: RunDir, options: { maxPoints?: number } = {}): Promise<RunSummary> {
  settleSpool(run);
  const maxPoints = options.maxPoints ?? MAX_SERIES_POINTS;
  const meta = run.readMeta();
  const delivery = run.readDelivery();

  let fields: TrackedFields = { tags: [], params: {}, dataRefs: {} };
  let status: ExperimentStatus | undefined;
  let started: number | undefined;
  let ended: number | undefined;
  let firstTs: number | undefined;
  let lastTs: number | undefined;
  let codeRef: CodeRefBody | undefined;
  let metricPoints = 0;
  let logLines = 0;
  const artifacts: ArtifactEntry[] = [];
  const records: { [kind in RecordKind]?: number } = {};
  const skipped: SkippedLine[] = [];
  let skippedCount = 0;
  const onSkip = (lineNo: number, reason: string) => {
    skippedCount++;
    if (skipped.length < MAX_SKIPPED_KEPT) skipped.push({ lineNo, reason });
  };
  const series = new Map<string, SeriesBuilder>();
  const pending = pendingCounter(delivery?.cursors);
  let lastSeq = 0;

  // Without points to keep, metric lines are only counted: read by their head, never JSON-parsed.
  for await (const { record } of run.deliveryItems({ onSkip, withValues: maxPoints > 0 })) {
    pending.add(record.kind, record.seq);
    lastSeq = record.seq;
    records[record.kind] = (records[record.kind] ?? 0) + 1;
    firstTs ??= record.ts;
    lastTs = record.ts;
    switch (record.kind) {
      case "create":
        fields = applyUpdate(fields, createAsUpdate(record.body));
        break;
      case "update":
        fields = applyUpdate(fields, record.body);
        break;
      case "coderef":
        codeRef = record.body;
        break;
      case "status":
        status = record.body.status;
        if (status === "running") started ??= record.ts;
        if (TERMINAL_STATUSES.has(status)) ended = record.ts;
        else ended = undefined;
        break;
      case "metric": {
        metricPoints++;
        const step = record.values.step;
        for (const [key, value] of Object.entries(record.values)) {
          if (key === "step") continue;
          let builder = series.get(key);
          if (!builder) {
            builder = new SeriesBuilder(key, maxPoints);
            series.set(key, builder);
          }
          builder.add(typeof step === "number" ? step : undefined, value);
        }
        break;
      }
      case "log":
        logLines++;
        break;
      case "artifact":
        artifacts.push({ source: record.source, path: record.path, bytes: record.bytes });
        break;
    }
  }

  // The spool is settled unless its writer is alive: then what it holds beyond the journal counts too.
  visitSpooled(run, pending.add, lastSeq);
  const from = started ?? firstTs;
  const to = ended ?? lastTs;
  return {
    id: run.id,
    path: run.path,
    project: meta.project,
    name: fields.name ?? meta.name,
    created: meta.createdAt,
    status: status ?? "created",
    started,
    ended,
    durationMs: from !== undefined && to !== undefined ? Math.max(0, to - from) : undefined,
    description: fields.description,
    framework: fields.framework,
    backend: fields.backend,
    tags: fields.tags,
    params: fields.params,
    dataRefs: fields.dataRefs,
    codeRef,
    metrics: [...series.values()].map((builder) => builder.build()),
    metricPoints,
    logLines,
    artifacts,
    records,
    skipped,
    skippedCount,
    sync: delivery === undefined ? "local" : pending.count.total === 0 ? "synced" : "partly",
    pending: pending.count.total,
    experimentId: delivery?.experimentId ?? meta.experimentId,
    serverUrl: delivery?.baseUrl,
  };
}

/**
 * Keeps a bounded, evenly spaced sample of a series while it streams: when the sample is
 * full, every other point is dropped and the stride doubles. Min/max/last see every point.
 */
export class SeriesBuilder {
  private points: SeriesPoint[] = [];
  private stride = 1;
  private count = 0;
  private min: number | undefined;
  private max: number | undefined;
  private lastPoint: SeriesPoint | undefined;

  constructor(
    private readonly key: string,
    private readonly limit: number,
  ) {}

  add(step: number | undefined, value: number | null): void {
    const point: SeriesPoint = { step: step ?? this.count, value };
    if (this.limit > 0 && this.count % this.stride === 0) {
      if (this.points.length >= this.limit) {
        this.points = this.points.filter((_, i) => i % 2 === 0);
        this.stride *= 2;
      }
      if (this.count % this.stride === 0) this.points.push(point);
    }
    this.count++;
    this.lastPoint = point;
    if (value !== null) {
      if (this.min === undefined || value < this.min) this.min = value;
      if (this.max === undefined || value > this.max) this.max = value;
    }
  }

  build(): MetricSeries {
    const points = this.points.slice();
    const last = this.lastPoint;
    if (last && this.limit > 0 && points.at(-1) !== last) {
      if (points.length >= this.limit) points.pop();
      points.push(last);
    }
    return {
      key: this.key,
      count: this.count,
      points,
      min: this.min,
      max: this.max,
      last: last?.value,
    };
  }
}
