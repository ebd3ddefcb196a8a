import type { PolyaxonClient } from "../../../api/client.js";
import type { Schemas } from "../../../api/index.js";
import { paginate } from "../../../api/paginate.js";
import { chartLine } from "../../chart.js";
import { bodyOf, describeCodeRef, formatDuration, indent, type Output } from "../../format.js";
import { type ProgressMode, pageProgress } from "../../progress.js";
import { MAX_SERIES_POINTS, type MetricSeries, SeriesBuilder } from "../../run-summary.js";
import { describeDuration, formatServerTime, msBetween } from "./describe.js";
import { type ExperimentPath, experimentPath, getExperiment, parseExperimentId, resolveProject } from "./target.js";

export interface ExperimentShowOptions {
  client: PolyaxonClient;
  project: string;
  id: string;
  json?: boolean;
  progress: ProgressMode;
  /** Sparkline width in characters. */
  chartWidth?: number;
  now?: () => number;
  out: Output;
  err: Output;
}

/** What `experiments show --json` prints. */
export interface ExperimentView {
  experiment: Schemas["ExperimentDetail"];
  /** Null when the experiment has no code reference. */
  codeReference: Schemas["CodeReference"] | null;
  statuses: Schemas["ExperimentStatus"][];
  /** Every point the server holds. */
  metricPoints: number;
  /** One series per metric name (`step` is the x axis), at most 2,000 evenly spaced points each. */
  metrics: MetricSeries[];
}

/** `experiments show <owner/project> <id>`. Returns the exit code. */
export async function experimentShowCommand(options: ExperimentShowOptions): Promise<number> {
  const id = parseExperimentId(options.id);
  const project = await resolveProject(options.client, options.project);
  const path = experimentPath(project, id);
  const view = await readExperimentView(options.client, path, options.json ? "none" : options.progress, options.err);
  if (options.json) options.out.write(`${JSON.stringify(view, null, 2)}\n`);
  else
    options.out.write(
      formatExperimentView(view, { width: options.chartWidth ?? 40, now: (options.now ?? Date.now)() }),
    );
  return 0;
}

async function readExperimentView(
  client: PolyaxonClient,
  path: ExperimentPath,
  mode: ProgressMode,
  err: Output,
): Promise<ExperimentView> {
  const experiment = await getExperiment(client, path);
  let codeReference: Schemas["CodeReference"] | null = null;
  if (experiment.code_reference !== null) {
    const { data } = await client.GET("/{username}/{project_name}/experiments/{id}/coderef/", { params: { path } });
    codeReference = data ?? null;
  }
  const statuses: Schemas["ExperimentStatus"][] = [];
  for await (const status of paginate(client, "/{username}/{project_name}/experiments/{id}/statuses/", {
    params: { path },
  })) {
    statuses.push(status);
  }
  const series = new Map<string, SeriesBuilder>();
  let metricPoints = 0;
  const progress = pageProgress(mode, err, `metrics of experiment ${path.id}`);
  try {
    // No page size: the server answers every point in one page (see paginate); a point that a
    // later page repeats is skipped by its id.
    for await (const point of paginate(client, "/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path },
      onPage: (page) => progress.onPage(page),
    })) {
      metricPoints++;
      const step = point.values.step;
      for (const [key, value] of Object.entries(point.values)) {
        if (key === "step") continue;
        let builder = series.get(key);
        if (!builder) {
          builder = new SeriesBuilder(key, MAX_SERIES_POINTS);
          series.set(key, builder);
        }
        builder.add(typeof step === "number" ? step : undefined, typeof value === "number" ? value : null);
      }
    }
  } finally {
    progress.stop();
  }
  const metrics = [...series.values()].map((builder) => builder.build()).sort((a, b) => (a.key < b.key ? -1 : 1));
  return { experiment, codeReference, statuses, metricPoints, metrics };
}

/** The human-readable `experiments show` output. Ends with a newline. */
export function formatExperimentView(view: ExperimentView, options: { width: number; now: number }): string {
  const { experiment: e } = view;
  const lines: string[] = [`Experiment ${e.id}${e.name ? `  ${e.name}` : ""}  (${e.unique_name})`];
  const facts: [string, string][] = [
    ["status", e.last_status ?? "–"],
    ["user", e.user],
    ["created", formatServerTime(e.created_at)],
    ["started", formatServerTime(e.started_at)],
    ["finished", formatServerTime(e.finished_at)],
    ["duration", describeDuration(e, options.now)],
  ];
  if (e.description) facts.push(["description", e.description]);
  if (e.framework || e.backend) {
    facts.push(["framework", [e.framework, e.backend && `(backend ${e.backend})`].filter(Boolean).join(" ")]);
  }
  if (e.tags && e.tags.length > 0) facts.push(["tags", e.tags.join(", ")]);
  const ref = view.codeReference;
  if (ref?.commit) facts.push(["code ref", describeCodeRef({ ...ref, commit: ref.commit })]);
  lines.push(indent(bodyOf(facts)));

  const params = Object.entries(e.params ?? {});
  if (params.length > 0) {
    lines.push("Params");
    lines.push(indent(bodyOf(params.map(([key, value]) => [key, JSON.stringify(value)]))));
  }
  const dataRefs = Object.entries(e.data_refs ?? {});
  if (dataRefs.length > 0) {
    lines.push("Data refs");
    lines.push(indent(bodyOf(dataRefs)));
  }
  if (view.statuses.length > 0) {
    lines.push("Statuses");
    const first = view.statuses[0]?.created_at ?? "";
    lines.push(
      indent(
        bodyOf(
          view.statuses.map((s, index) => [
            formatServerTime(s.created_at),
            s.status,
            index === 0 ? "" : `+${formatDuration(msBetween(first, s.created_at))}`,
            s.message ?? "",
          ]),
        ),
      ),
    );
  }
  if (view.metrics.length > 0) {
    const n = view.metricPoints;
    lines.push(`Metrics (${n} point${n === 1 ? "" : "s"})`);
    const keyWidth = Math.max(...view.metrics.map((series) => series.key.length));
    const width = Math.min(options.width, Math.max(...view.metrics.map((series) => series.points.length)));
    for (const series of view.metrics) {
      const values = series.points.map((point) => point.value);
      lines.push(indent(chartLine({ ...series, values }, { keyWidth, width })));
    }
  } else {
    lines.push("Metrics: none");
  }
  return `${lines.join("\n")}\n`;
}
