import { PolyaxonError } from "../../errors.js";
import { listRunDirs } from "../../store/run-store.js";
import { formatDuration, formatTable, formatTime, type Output } from "../format.js";
import { type RunSummary, summarizeRun } from "../run-summary.js";
import { warnSkipped } from "./warnings.js";

export interface RunsCommandOptions {
  trackingDir: string;
  json?: boolean;
  out: Output;
  err: Output;
}

/** One row of `runs --json`. */
export interface RunListEntry {
  id: string;
  project: string;
  name: string | null;
  status: string;
  created: string;
  started: string | null;
  durationMs: number | null;
  metricPoints: number;
  logLines: number;
  sync: RunSummary["sync"];
  pending: number;
  experimentId: number | null;
  skippedLines: number;
  /** Set when the run directory could not be read at all. */
  error?: string;
}

/** `polyaxon-tracking runs`: every local run, oldest first. Returns the exit code. */
export async function runsCommand(options: RunsCommandOptions): Promise<number> {
  const entries: RunListEntry[] = [];
  let failed = false;
  for (const run of listRunDirs(options.trackingDir)) {
    try {
      const summary = await summarizeRun(run, { maxPoints: 0 });
      warnSkipped(options.err, summary);
      entries.push(toEntry(summary));
    } catch (error) {
      if (!(error instanceof PolyaxonError)) throw error;
      failed = true;
      options.err.write(`warning: run ${run.id}: ${error.message}\n`);
      entries.push(brokenEntry(run.id, error.message));
    }
  }
  if (options.json) {
    options.out.write(`${JSON.stringify(entries, null, 2)}\n`);
  } else if (entries.length === 0) {
    options.out.write(`No local runs under ${options.trackingDir}\n`);
  } else {
    const rows = entries.map((entry) => [
      entry.id,
      entry.name ?? "",
      entry.error ? "unreadable" : entry.status,
      entry.started ? formatTime(entry.started) : "–",
      formatDuration(entry.durationMs ?? undefined),
      String(entry.metricPoints),
      entry.sync === "partly" ? `partly (${entry.pending} pending)` : entry.sync,
    ]);
    options.out.write(`${formatTable(["ID", "NAME", "STATUS", "STARTED", "DURATION", "POINTS", "SYNC"], rows)}\n`);
  }
  return failed ? 1 : 0;
}

function toEntry(summary: RunSummary): RunListEntry {
  return {
    id: summary.id,
    project: summary.project,
    name: summary.name ?? null,
    status: summary.status,
    created: summary.created,
    started: summary.started === undefined ? null : new Date(summary.started).toISOString(),
    durationMs: summary.durationMs ?? null,
    metricPoints: summary.metricPoints,
    logLines: summary.logLines,
    sync: summary.sync,
    pending: summary.pending,
    experimentId: summary.experimentId ?? null,
    skippedLines: summary.skippedCount,
  };
}

function brokenEntry(id: string, error: string): RunListEntry {
  return {
    id,
    project: "",
    name: null,
    status: "unknown",
    created: "",
    started: null,
    durationMs: null,
    metricPoints: 0,
    logLines: 0,
    sync: "local",
    pending: 0,
    experimentId: null,
    skippedLines: 0,
    error,
  };
}
