import type { PolyaxonClient } from "../../../api/client.js";
import type { Schemas } from "../../../api/index.js";
import { paginate } from "../../../api/paginate.js";
import { formatNumber } from "../../chart.js";
import { formatTable, type Output } from "../../format.js";
import { type ProgressMode, pageProgress } from "../../progress.js";
import { describeDuration, formatServerTime, metricKeys } from "./describe.js";
import { resolveProject, unknownOn404 } from "./target.js";

export interface ExperimentsListOptions {
  client: PolyaxonClient;
  /** `owner/project`. */
  project: string;
  /** The server's filter language, e.g. `status:running,metric.loss:<0.1`. */
  query?: string | undefined;
  /** e.g. `-created_at`, `metric.loss`. */
  sort?: string | undefined;
  /** At most this many experiments (also the page size); all of them when undefined. */
  limit?: number | undefined;
  json?: boolean;
  progress: ProgressMode;
  now?: () => number;
  out: Output;
  err: Output;
}

type ListItem = Schemas["ProjectExperiment"];

/**
 * `experiments list <owner/project>`: the project's experiments, in the server's order
 * (default `-updated_at`). Returns the exit code.
 */
export async function experimentsListCommand(options: ExperimentsListOptions): Promise<number> {
  const project = await resolveProject(options.client, options.project);
  const query: { query?: string; sort?: string } = {};
  if (options.query !== undefined) query.query = options.query;
  if (options.sort !== undefined) query.sort = options.sort;
  const progress = pageProgress(
    options.json ? "none" : options.progress,
    options.err,
    `experiments of ${project.owner}/${project.name}`,
    options.limit,
  );
  const items: ListItem[] = [];
  try {
    for await (const item of paginate(options.client, "/{username}/{project_name}/experiments/", {
      params: { path: { username: project.owner, project_name: project.name }, query },
      pageSize: options.limit,
      onPage: (page) => progress.onPage(page),
    })) {
      // Without projection parameters, every item is a full list item.
      items.push(item as ListItem);
      if (options.limit !== undefined && items.length >= options.limit) break;
    }
  } catch (error) {
    throw unknownOn404(error, `No project ${project.owner}/${project.name}`);
  } finally {
    progress.stop();
  }
  if (options.json) {
    options.out.write(`${JSON.stringify(items, null, 2)}\n`);
    return 0;
  }
  if (items.length === 0) {
    options.out.write(
      `No experiments in ${project.owner}/${project.name}${options.query ? " match the query" : ""}.\n`,
    );
    return 0;
  }
  const now = (options.now ?? Date.now)();
  const rows = items.map((item) => [
    String(item.id),
    item.name ?? "",
    item.last_status ?? "–",
    formatServerTime(item.started_at),
    describeDuration(item, now),
    lastMetrics(item.last_metric),
  ]);
  options.out.write(`${formatTable(["ID", "NAME", "STATUS", "STARTED", "DURATION", "LAST METRICS"], rows)}\n`);
  return 0;
}

function lastMetrics(values: { [key: string]: number } | null): string {
  if (!values) return "";
  return metricKeys([values])
    .map((key) => `${key}=${formatNumber(values[key])}`)
    .join(" ");
}
