/**
 * What a tracking client writes and reads: statuses, metrics, code reference, logs
 * (openapi/spec.yaml; docs/wire.md#statuses, docs/wire.md#async-storage,
 * docs/wire.md#code-reference, docs/wire.md#logs).
 */
import type { components } from "../../../generated/schema.js";
import { type Answer, empty, json, NOT_FOUND, text } from "../answers.js";
import {
  codeRefWire,
  type ExperimentRecord,
  isDone,
  lastStatus,
  type MetricRecord,
  metricWire,
  statusWire,
} from "../records.js";
import { ALL, type Ctx, type Handler, onExperiment, onJob, page } from "./context.js";

type Schemas = components["schemas"];

/** A stable pseudo-random order key, so that one limit/offset page always shows the same shuffle. */
function mix(id: number, salt: number): number {
  let h = (id * 2654435761) ^ (salt * 40503);
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The metrics in the server's order: by `created_at` only. Postgres breaks ties differently
 * for each limit/offset, so with a `limit` points sharing a stamp come in a page-dependent
 * order, and pages repeat some and skip others (behaviour 13); without `limit` (one page)
 * they keep their arrival order.
 */
function serverOrder(ctx: Ctx, e: ExperimentRecord): MetricRecord[] {
  const sorted = ctx.state.sortedMetrics(e);
  const limit = ctx.query.get("limit");
  if (limit === null) return sorted;
  const salt = Number(limit) * 7919 + Number(ctx.query.get("offset") ?? 0);
  return sorted.sort((a, b) => a.createdAt - b.createdAt || mix(a.id, salt) - mix(b.id, salt));
}

const createMetrics: Handler = onExperiment((ctx, e) => {
  if (Array.isArray(ctx.body)) {
    // A list is queued for the worker: 201 with no body, stored later (at once by default).
    const points = ctx.body as Schemas["MetricCreate"][];
    ctx.state.later(() => {
      if (ctx.state.experimentsById.has(e.id)) ctx.state.addMetrics(e, points);
    });
    return empty(201);
  }
  const [stored] = ctx.state.addMetrics(e, [ctx.body as Schemas["MetricCreate"]]);
  return json(201, metricWire(stored as MetricRecord, e.id));
});

/** The log file's text, once the worker wrote it. */
function logFile(ctx: Ctx, e: ExperimentRecord): Answer {
  if (!isDone(lastStatus(e))) return json(404, "Experiment has no logs.");
  const now = ctx.state.clock.ms();
  const written = e.logs.filter((chunk) => chunk.writtenAt <= now);
  if (written.length === 0) {
    return json(404, `File not found: file_path=/polyaxon/logs/${e.owner}/${e.project}/experiments/${e.id}`);
  }
  return text(200, written.map((chunk) => chunk.text).join(""), "text/html; charset=utf-8");
}

export const trackingRoutes: Record<string, Handler> = {
  listExperimentStatuses: onExperiment((ctx, e) =>
    page(
      ctx,
      [...e.statuses].sort((a, b) => a.createdAt - b.createdAt).map((s) => statusWire(s, e.id)),
      { defaultLimit: 20, gzipLayers: 1 },
    ),
  ),
  createExperimentStatus: onExperiment((ctx, e) => {
    const body = ctx.body as Schemas["ExperimentStatusCreate"];
    const record = ctx.state.addStatus(e, { ...body, status: body.status ?? "created" });
    return json(201, statusWire(record, e.id));
  }),
  getExperimentStatus: onExperiment((ctx, e) => {
    const status = e.statuses.find((s) => s.uuid === ctx.params.get("status_uuid"));
    return status ? json(200, statusWire(status, e.id)) : NOT_FOUND();
  }),
  listExperimentMetrics: onExperiment((ctx, e) =>
    page(
      ctx,
      serverOrder(ctx, e).map((m) => metricWire(m, e.id)),
      { defaultLimit: ALL, gzipLayers: 2 },
    ),
  ),
  createExperimentMetrics: createMetrics,
  getExperimentCodeReference: onExperiment((ctx, e) =>
    json(200, codeRefWire(e.codeReference === null ? undefined : ctx.state.codeRefs.get(e.codeReference))),
  ),
  createExperimentCodeReference: onExperiment((ctx, e) => {
    const body = (ctx.body ?? {}) as Schemas["CodeReferenceCreate"];
    const ref = {
      id: ctx.state.nextId("coderef"),
      commit: body.commit ?? null,
      head: body.head ?? null,
      branch: body.branch === undefined ? "master" : body.branch,
      git_url: body.git_url ?? null,
      is_dirty: body.is_dirty ?? false,
      repo: body.repo ?? null,
      external_repo: body.external_repo ?? null,
    };
    ctx.state.codeRefs.set(ref.id, ref);
    e.codeReference = ref.id;
    e.updatedAt = ctx.state.clock.now();
    return json(201, codeRefWire(ref));
  }),
  getExperimentLogs: onExperiment(logFile),
  appendExperimentLogs: onExperiment((ctx, e) => {
    const body = ctx.body as string | string[];
    const chunk = `${Array.isArray(body) ? body.join("\n") : body}\n`;
    const delay = ctx.state.options.workerDelayMs ?? 0;
    e.logs.push({ text: chunk, writtenAt: ctx.state.clock.ms() + delay });
    return empty(200);
  }),
  getExperimentJobLogs: onJob(logFile),
};
