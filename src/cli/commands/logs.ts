import { setTimeout as sleep } from "node:timers/promises";
import type { PolyaxonClient } from "../../api/client.js";
import { NotFoundError } from "../../api/errors.js";
import type { Output } from "../format.js";
import {
  type ExperimentPath,
  experimentPath,
  getExperiment,
  parseExperimentId,
  resolveProject,
  unknownOn404,
} from "./experiments/target.js";

export interface LogsCommandOptions {
  client: PolyaxonClient;
  project: string;
  id: string;
  /** Poll until the experiment has ended and its log file stopped growing. */
  follow?: boolean;
  /** Between two polls (default 2 s). */
  intervalMs?: number;
  /** How long to wait, once the experiment ended, for a log file to appear (default 30 s). */
  graceMs?: number;
  json?: boolean;
  out: Output;
  err: Output;
}

/** What `logs --json` prints. */
export interface LogsReport {
  experiment: number;
  /** The log text; null when the server has none (yet). */
  logs: string | null;
  /** Why there is no text. */
  note?: string;
}

/**
 * One read of the logs, as the v0.6.1 server answers it: 404 `"Experiment has no logs."` until
 * the experiment has a terminal status; then 404 `"File not found: …"` until its worker wrote the
 * file (about a second, or for ever when no line was posted); then 200 with the text (labelled
 * `text/html`).
 */
type LogsRead = { state: "running" } | { state: "unwritten" } | { state: "text"; text: string };

const NO_LOGS_YET = "has no logs yet: the server serves them once the experiment has ended (--follow waits for that).";

/** `logs <owner/project> <id> [--follow]`. Returns the exit code. */
export async function logsCommand(options: LogsCommandOptions): Promise<number> {
  const id = parseExperimentId(options.id);
  const project = await resolveProject(options.client, options.project);
  const path = experimentPath(project, id);
  const experiment = await getExperiment(options.client, path);
  const report: LogsReport = options.follow
    ? await follow(options, path, experiment.last_status ?? "unknown")
    : await readOnce(options, path);
  if (options.json) options.out.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.note) options.err.write(`${report.note}\n`);
  return 0;
}

async function readOnce(options: LogsCommandOptions, path: ExperimentPath): Promise<LogsReport> {
  const read = await readLogs(options.client, path);
  if (read.state === "text") {
    if (!options.json) options.out.write(read.text);
    return { experiment: path.id, logs: read.text };
  }
  const note =
    read.state === "running"
      ? `Experiment ${path.id} ${NO_LOGS_YET}`
      : `The logs of experiment ${path.id} are not written yet (it ended moments ago, or it posted no line); try again, or use --follow.`;
  return { experiment: path.id, logs: null, note };
}

/**
 * Polls until the experiment has ended and two reads in a row give the same text (the worker
 * writes the lines posted before the end shortly after it), printing what is new each time.
 * An ended experiment whose file never appears within `graceMs` ends the follow without text.
 */
async function follow(options: LogsCommandOptions, path: ExperimentPath, status: string): Promise<LogsReport> {
  const intervalMs = options.intervalMs ?? 2_000;
  const graceMs = options.graceMs ?? 30_000;
  if (!options.json) options.err.write(`Following the logs of experiment ${path.id} (${status})…\n`);
  let printed = "";
  let previous: string | undefined;
  let unwrittenSince: number | undefined;
  for (;;) {
    const read = await readLogs(options.client, path);
    if (read.state === "text") {
      unwrittenSince = undefined;
      // The file only grows; a text that does not extend what was printed is shown whole.
      const fresh = read.text.startsWith(printed) ? read.text.slice(printed.length) : read.text;
      if (fresh !== "" && !options.json) options.out.write(fresh);
      printed = read.text;
      if (previous === read.text) return { experiment: path.id, logs: read.text };
      previous = read.text;
    } else {
      previous = undefined;
      if (read.state === "unwritten") {
        unwrittenSince ??= Date.now();
        if (Date.now() - unwrittenSince >= graceMs) {
          const note = `Experiment ${path.id} ended without a log file within ${graceMs / 1000} s.`;
          return { experiment: path.id, logs: null, note };
        }
      }
    }
    await sleep(intervalMs);
  }
}

async function readLogs(client: PolyaxonClient, path: ExperimentPath): Promise<LogsRead> {
  try {
    const { data } = await client.GET("/{username}/{project_name}/experiments/{id}/logs/", { params: { path } });
    return { state: "text", text: typeof data === "string" ? data : "" };
  } catch (error) {
    if (error instanceof NotFoundError && typeof error.body === "string") {
      if (error.body.startsWith("Experiment has no logs")) return { state: "running" };
      if (error.body.startsWith("File not found")) return { state: "unwritten" };
    }
    throw unknownOn404(error, `No experiment ${path.id} in ${path.username}/${path.project_name}`);
  }
}
