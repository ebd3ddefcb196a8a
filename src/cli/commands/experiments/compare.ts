import type { PolyaxonClient } from "../../../api/client.js";
import type { Schemas } from "../../../api/index.js";
import { formatNumber } from "../../chart.js";
import { formatTable, type Output } from "../../format.js";
import { CliUsageError } from "../errors.js";
import { describeDuration, durationMs, metricKeys } from "./describe.js";
import { experimentPath, getExperiment, parseExperimentId, resolveProject } from "./target.js";

/** Marks a section row before the table is laid out (a control character no value contains). */
const SECTION_MARK = "\u001d";
const SECTION_ROW = new RegExp(`^${SECTION_MARK}(\\d+)$`, "gm");

export interface ExperimentsCompareOptions {
  client: PolyaxonClient;
  project: string;
  /** Two or more experiment ids. */
  ids: readonly string[];
  json?: boolean;
  now?: () => number;
  out: Output;
  err: Output;
}

/** What `experiments compare --json` prints; each list holds one entry per experiment, in order. */
export interface Comparison {
  experiments: { id: number; name: string | null; status: string | null; durationMs: number | null }[];
  /** Params whose values differ (an absent param is null). */
  differingParams: { [key: string]: unknown[] };
  /** Params every experiment has with the same value. */
  sameParams: { [key: string]: unknown };
  /** Every metric name of any `last_metric`, its value per experiment (null when absent). */
  lastMetrics: { [key: string]: (number | null)[] };
}

/** `experiments compare <owner/project> <id> <id>...`. Returns the exit code. */
export async function experimentsCompareCommand(options: ExperimentsCompareOptions): Promise<number> {
  if (options.ids.length < 2) throw new CliUsageError("Name at least two experiments to compare.");
  const ids = options.ids.map(parseExperimentId);
  const project = await resolveProject(options.client, options.project);
  const experiments: Schemas["ExperimentDetail"][] = [];
  for (const id of ids) experiments.push(await getExperiment(options.client, experimentPath(project, id)));
  const now = (options.now ?? Date.now)();
  const comparison = compare(experiments, now);
  if (options.json) options.out.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else options.out.write(formatComparison(comparison, experiments, now));
  return 0;
}

function compare(experiments: readonly Schemas["ExperimentDetail"][], now: number): Comparison {
  const differingParams: Comparison["differingParams"] = {};
  const sameParams: Comparison["sameParams"] = {};
  for (const key of paramKeys(experiments)) {
    const values = experiments.map((e) => (e.params && key in e.params ? e.params[key] : null));
    const first = JSON.stringify(values[0]);
    const same =
      experiments.every((e) => e.params && key in e.params) && values.every((v) => JSON.stringify(v) === first);
    if (same) sameParams[key] = values[0];
    else differingParams[key] = values;
  }
  const lastMetrics: Comparison["lastMetrics"] = {};
  for (const key of metricKeys(experiments.map((e) => e.last_metric))) {
    lastMetrics[key] = experiments.map((e) => e.last_metric?.[key] ?? null);
  }
  return {
    experiments: experiments.map((e) => ({
      id: e.id,
      name: e.name,
      status: e.last_status,
      durationMs: durationMs(e, now) ?? null,
    })),
    differingParams,
    sameParams,
    lastMetrics,
  };
}

function paramKeys(experiments: readonly Schemas["ExperimentDetail"][]): string[] {
  const keys = new Set<string>();
  for (const e of experiments) for (const key of Object.keys(e.params ?? {})) keys.add(key);
  return [...keys].sort();
}

function formatComparison(c: Comparison, experiments: readonly Schemas["ExperimentDetail"][], now: number): string {
  const header = ["", ...c.experiments.map((e) => String(e.id))];
  const rows: string[][] = [
    ["name", ...c.experiments.map((e) => e.name ?? "–")],
    ["status", ...c.experiments.map((e) => e.status ?? "–")],
    ["duration", ...experiments.map((e) => describeDuration(e, now))],
  ];
  // Section titles span the row: a placeholder keeps them out of the first column's width.
  const sections: string[] = [];
  const section = (title: string) => {
    rows.push([`${SECTION_MARK}${sections.length}`]);
    sections.push(title);
  };
  const differing = Object.entries(c.differingParams);
  section(`Params: ${differing.length} differ, ${Object.keys(c.sameParams).length} the same`);
  for (const [key, values] of differing) rows.push([`  ${key}`, ...values.map(showParam)]);
  const metrics = Object.entries(c.lastMetrics);
  section(metrics.length > 0 ? "Last metrics" : "Last metrics: none");
  for (const [key, values] of metrics) rows.push([`  ${key}`, ...values.map((value) => formatNumber(value))]);
  const table = formatTable(header, rows).replace(SECTION_ROW, (_, index: string) => sections[Number(index)] ?? "");
  return `${table}\n`;
}

function showParam(value: unknown): string {
  return value === null ? "–" : JSON.stringify(value);
}
