/** The rest of the API: chart views, jobs, outputs, tensorboards, saved searches, token exchanges. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { components } from "../../../generated/schema.js";
import { type Answer, empty, htmlError, json, NOT_FOUND } from "../answers.js";
import {
  chartViewWire,
  type ExperimentRecord,
  isStoppable,
  type JobRecord,
  jobDetailWire,
  jobStatusWire,
  jobWire,
  lastStatus,
} from "../records.js";
import {
  ALL,
  type Ctx,
  type Handler,
  isAnswer,
  numberParam,
  onExperiment,
  onJob,
  page,
  param,
  projectOf,
  username,
} from "./context.js";

type Schemas = components["schemas"];
const TENSORBOARD_CONTENT =
  '{"version": 1, "kind": "tensorboard", "build": {"image": "tensorflow/tensorflow:1.11.0-py3"}}';

function onChartView(action: (ctx: Ctx, e: ExperimentRecord, index: number) => Answer): Handler {
  return onExperiment((ctx, e) => {
    const index = e.chartViews.findIndex((c) => c.id === numberParam(ctx, "chart_id"));
    return index < 0 ? NOT_FOUND() : action(ctx, e, index);
  });
}

function onJobStatus(action: (ctx: Ctx, job: JobRecord, index: number) => Answer): Handler {
  return onJob((ctx, _e, job) => {
    const index = job.statuses.findIndex((s) => s.uuid === param(ctx, "status_uuid"));
    return index < 0 ? NOT_FOUND() : action(ctx, job, index);
  });
}

function updateChartView(ctx: Ctx, e: ExperimentRecord, index: number): Answer {
  const view = e.chartViews[index];
  if (!view) return NOT_FOUND();
  const body = ctx.body as Schemas["ChartViewUpdate"];
  if (Object.hasOwn(body, "name")) view.name = body.name ?? null;
  if (Object.hasOwn(body, "charts")) view.charts = body.charts;
  if (Object.hasOwn(body, "meta")) view.meta = body.meta ?? null;
  view.updatedAt = ctx.state.clock.now();
  return json(200, chartViewWire(view, e.id));
}

function updateJob(ctx: Ctx, e: ExperimentRecord, job: JobRecord): Answer {
  const body = ctx.body as Schemas["ExperimentJobWrite"];
  if (body.role !== undefined) job.role = body.role;
  if (Object.hasOwn(body, "node_scheduled")) job.nodeScheduled = body.node_scheduled ?? null;
  if (body.definition !== undefined) job.definition = body.definition;
  job.updatedAt = ctx.state.clock.now();
  return json(200, jobDetailWire(job, e));
}

function updateJobStatus(ctx: Ctx, job: JobRecord, index: number): Answer {
  const status = job.statuses[index];
  if (!status) return NOT_FOUND();
  const body = ctx.body as Schemas["ExperimentJobStatusWrite"];
  if (body.status !== undefined) status.status = body.status;
  if (Object.hasOwn(body, "message")) status.message = body.message ?? null;
  if (Object.hasOwn(body, "traceback")) status.traceback = body.traceback ?? null;
  if (body.details !== undefined) status.details = body.details;
  return json(200, jobStatusWire(status, job.id));
}

/** `{outputsRoot}/{owner}/{project}/experiments/{id}`, the server's outputs layout. */
function outputsDir(ctx: Ctx, e: ExperimentRecord): string | undefined {
  const root = ctx.state.options.outputsRoot;
  return root === undefined ? undefined : join(root, e.owner, e.project, "experiments", String(e.id));
}

/** The owner's token, for the exchanges; the fake must know the user. */
function ownerToken(ctx: Ctx, e: ExperimentRecord): string | undefined {
  return ctx.state.users.find((u) => u.username === e.user)?.token;
}

function internalService(ctx: Ctx): string {
  return ctx.principal.kind === "internal" ? ctx.principal.service : "";
}

const createJob: Handler = onExperiment((ctx, e) => {
  const body = (ctx.body ?? {}) as Schemas["ExperimentJobWrite"];
  const now = ctx.state.clock.now();
  const role = body.role ?? "master";
  const job: JobRecord = {
    id: ctx.state.nextId("job"),
    uuid: ctx.state.newUuid(),
    role,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    nodeScheduled: body.node_scheduled ?? null,
    definition: body.definition ?? {},
    sequence: e.jobs.filter((j) => j.role === role).length,
    statuses: [],
  };
  e.jobs.push(job);
  ctx.state.addJobStatus(job, { status: "created", details: null });
  return json(201, jobDetailWire(job, e));
});

const exchangeEphemeral: Handler = onExperiment((ctx, e) => {
  const status = lastStatus(e);
  const token = ownerToken(ctx, e);
  if (status === null || !["scheduled", "starting", "running"].includes(status) || token === undefined) {
    return empty(403);
  }
  return json(200, { token });
});

export const extraRoutes: Record<string, Handler> = {
  listExperimentChartViews: onExperiment((ctx, e) =>
    page(
      ctx,
      e.chartViews.map((c) => chartViewWire(c, e.id)),
      { defaultLimit: ALL, gzipLayers: 1 },
    ),
  ),
  createExperimentChartView: onExperiment((ctx, e) => {
    const body = ctx.body as Schemas["ChartViewCreate"];
    const now = ctx.state.clock.now();
    const view = {
      id: ctx.state.nextId("chartview"),
      uuid: ctx.state.newUuid(),
      createdAt: now,
      updatedAt: now,
      name: body.name ?? null,
      charts: body.charts,
      meta: body.meta === undefined ? {} : body.meta,
    };
    e.chartViews.push(view);
    return json(201, chartViewWire(view, e.id));
  }),
  getExperimentChartView: onChartView((_ctx, e, index) => {
    const view = e.chartViews[index];
    return view ? json(200, chartViewWire(view, e.id)) : NOT_FOUND();
  }),
  updateExperimentChartView: onChartView(updateChartView),
  replaceExperimentChartView: onChartView(updateChartView),
  deleteExperimentChartView: onChartView((_ctx, e, index) => {
    e.chartViews.splice(index, 1);
    return empty(204);
  }),
  listExperimentJobs: onExperiment((ctx, e) =>
    page(
      ctx,
      [...e.jobs].sort((a, b) => b.updatedAt - a.updatedAt).map((j) => jobWire(j, e)),
      { defaultLimit: 20, gzipLayers: 1 },
    ),
  ),
  createExperimentJob: createJob,
  getExperimentJob: onJob((_ctx, e, job) => json(200, jobDetailWire(job, e))),
  updateExperimentJob: onJob(updateJob),
  replaceExperimentJob: onJob(updateJob),
  deleteExperimentJob: onJob((_ctx, e, job) => {
    e.jobs = e.jobs.filter((j) => j !== job);
    return empty(204);
  }),
  listExperimentJobStatuses: onJob((ctx, _e, job) =>
    page(
      ctx,
      job.statuses.map((s) => jobStatusWire(s, job.id)),
      { defaultLimit: 20, gzipLayers: 1 },
    ),
  ),
  createExperimentJobStatus: onJob((ctx, _e, job) => {
    const body = ctx.body as Schemas["ExperimentJobStatusWrite"];
    const record = ctx.state.addJobStatus(job, {
      ...body,
      status: body.status ?? "created",
      details: body.details ?? {},
    });
    return json(201, jobStatusWire(record, job.id));
  }),
  getExperimentJobStatus: onJobStatus((_ctx, job, index) => {
    const status = job.statuses[index];
    return status ? json(200, jobStatusWire(status, job.id)) : NOT_FOUND();
  }),
  updateExperimentJobStatus: onJobStatus(updateJobStatus),
  replaceExperimentJobStatus: onJobStatus(updateJobStatus),
  reconcileExperimentJob: onExperiment((ctx, e) =>
    e.jobs.some((j) => j.uuid === param(ctx, "job_uuid")) ? empty(200) : NOT_FOUND(),
  ),
  replaceExperimentJobLogs: () => htmlError(500),
  updateExperimentJobLogs: () => htmlError(500),
  getExperimentOutputsTree: onExperiment((ctx, e) => {
    const root = outputsDir(ctx, e);
    const dir = root === undefined ? undefined : resolve(root, ctx.query.get("path") ?? "");
    let names: string[];
    try {
      names = dir === undefined ? [] : readdirSync(dir).sort();
      if (dir === undefined) throw new Error("no outputs root");
    } catch {
      return json(400, ["Experiment outputs path does not exists or bad configuration."]);
    }
    const files: Array<[string, number]> = [];
    const dirs: string[] = [];
    for (const name of names) {
      const info = statSync(join(dir as string, name));
      if (info.isDirectory()) dirs.push(name);
      else files.push([name, info.size]);
    }
    return json(200, { files, dirs });
  }),
  downloadExperimentOutputsFile: onExperiment((ctx, e) => {
    const root = outputsDir(ctx, e) ?? "/polyaxon/outputs";
    const file = resolve(root, ctx.query.get("path") ?? "");
    try {
      const bytes = readFileSync(file);
      const answer: Answer = {
        status: 200,
        headers: { "content-type": "application/octet-stream" },
        body: bytes,
        gzipLayers: 0,
        text: bytes.length === 0 ? "" : "(binary)",
      };
      return answer;
    } catch {
      return json(404, `File not found: file_path=${file}`);
    }
  }),
  downloadExperimentOutputs: onExperiment((_ctx, e) =>
    empty(200, { "content-type": "", "x-accel-redirect": `/polyaxon/archives/${e.owner}_${e.project}_${e.id}.tar.gz` }),
  ),
  startExperimentTensorboard: onExperiment((ctx, e) => {
    const id = ctx.state.nextId("tensorboard");
    const job: Schemas["TensorboardJob"] = {
      id,
      user: username(ctx) || e.user,
      name: null,
      description: null,
      project: `${e.owner}.${e.project}`,
      unique_name: `${e.owner}.${e.project}.tensorboards.${id}`,
      content: TENSORBOARD_CONTENT,
      pod_id: `plx-tensorboard-${ctx.state.newUuid()}`,
      build_job: null,
      last_status: "created",
      tags: null,
    };
    ctx.state.tensorboards.set(id, job);
    e.tensorboard = id;
    return json(201, job);
  }),
  stopExperimentTensorboard: onExperiment(() => empty(200)),
  listExperimentSearches: (ctx) => {
    const place = projectOf(ctx);
    if (isAnswer(place)) return place;
    const mine = ctx.state.searches.filter(
      (s) => s.owner === place.owner && s.project === place.project && s.user === username(ctx),
    );
    return page(
      ctx,
      mine.map(({ id, name, query, meta }) => ({ id, name, query, meta })),
      { defaultLimit: ALL, gzipLayers: 1 },
    );
  },
  createExperimentSearch: (ctx) => {
    const place = projectOf(ctx);
    if (isAnswer(place)) return place;
    const body = ctx.body as Schemas["ExperimentSearchCreate"];
    const search = {
      id: ctx.state.nextId("search"),
      name: body.name ?? null,
      query: body.query,
      meta: body.meta ?? {},
    };
    ctx.state.searches.push({ ...search, ...place, user: username(ctx) });
    return json(201, search);
  },
  deleteExperimentSearch: (ctx) => {
    const place = projectOf(ctx);
    if (isAnswer(place)) return place;
    const index = ctx.state.searches.findIndex((s) => s.id === numberParam(ctx, "search_id"));
    if (index < 0) return NOT_FOUND();
    ctx.state.searches.splice(index, 1);
    return empty(204);
  },
  exchangeEphemeralToken: exchangeEphemeral,
  exchangeEphemeralTokenLegacy: exchangeEphemeral,
  impersonateExperimentOwner: onExperiment((ctx, e) => {
    if (internalService(ctx) !== "initializer" || !isStoppable(lastStatus(e))) return empty(403);
    const token = ownerToken(ctx, e);
    return token === undefined ? empty(403) : json(200, { token });
  }),
};
