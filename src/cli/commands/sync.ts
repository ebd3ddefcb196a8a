import cliProgress from "cli-progress";
import { APIConnectionError } from "../../api/errors.js";
import { countPending, pendingRecords } from "../../delivery/pending.js";
import { batchLimits } from "../../delivery/pieces.js";
import { refuseLiveRun, type SyncResult, syncRun } from "../../delivery/sync-run.js";
import type { Transport } from "../../delivery/transport.js";
import { PolyaxonError } from "../../errors.js";
import type { RecordKind } from "../../records/types.js";
import { findRunDir, listRunDirs, type RunDir } from "../../store/run-store.js";
import type { Output } from "../format.js";
import { CliUsageError } from "./errors.js";

export interface SyncCommandOptions {
  trackingDir: string;
  /** Run ids or unique id prefixes; empty with `all`. */
  runs: readonly string[];
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
  /** API base URL (`…/api/v1`), or undefined when no server is configured. */
  baseUrl: string | undefined;
  /** Most points (or log lines) per request: `POLYAXON_BATCH_SIZE` (default: the settings' default). */
  batchSize?: number;
  /** Builds the transport for `baseUrl`; called once, and never in a dry run. */
  connect: (baseUrl: string) => Transport;
  /** `bar`: a cli-progress bar on `err` (a TTY); `lines`: a line per run; `none`: quiet. */
  progress?: "bar" | "lines" | "none";
  out: Output;
  err: Output;
}

/** What `sync` did (or, in a dry run, would do) for one run. */
export interface SyncReport {
  id: string;
  ok: boolean;
  experimentId: number | null;
  created: boolean;
  sent: number;
  rejected: number;
  skippedLines: number;
  error?: string;
  /** Dry run only: records that would be sent, per kind. */
  wouldSend?: { [kind in RecordKind]?: number };
  /** Dry run only: whether the experiment would be created first. */
  wouldCreate?: boolean;
}

export const NO_SERVER_MESSAGE =
  "No Polyaxon server configured: set POLYAXON_API_HOST (and POLYAXON_SECRET_USER_TOKEN; POLYAXON_HTTP_PORT, " +
  "POLYAXON_USE_HTTPS as needed), write them to ~/.polyaxon/.polyaxonclient, or pass --host/--token.";

/**
 * `polyaxon-tracking sync`: delivers local runs to the server. Idempotent and resumable
 * (cursors in each run's delivery.json). One failing run is reported and the others go on,
 * except when the server cannot be reached at all. Returns the exit code: 0 all good,
 * 1 something failed. Usage errors throw {@link CliUsageError} (exit 2).
 */
export async function syncCommand(options: SyncCommandOptions): Promise<number> {
  const runs = selectRuns(options);
  if (options.dryRun) return dryRun(runs, options);
  if (options.baseUrl === undefined) throw new CliUsageError(NO_SERVER_MESSAGE);
  const baseUrl = options.baseUrl;
  const transport = options.connect(baseUrl);
  const reports: SyncReport[] = [];
  let unreachable: string | undefined;
  for (const run of runs) {
    if (unreachable !== undefined) {
      reports.push(failed(run.id, "not attempted: the server could not be reached", 0));
      continue;
    }
    const report = await syncOne(run, baseUrl, transport, options);
    if (report.unreachable) unreachable = report.report.error;
    reports.push(report.report);
  }
  if (options.json) options.out.write(`${JSON.stringify(reports, null, 2)}\n`);
  else printReports(reports, options.out, options.dryRun ?? false);
  if (unreachable !== undefined) options.err.write(`error: ${unreachable}\n`);
  return reports.every((report) => report.ok) ? 0 : 1;
}

function selectRuns(options: SyncCommandOptions): RunDir[] {
  if (options.all) {
    if (options.runs.length > 0) throw new CliUsageError("Give run ids or --all, not both.");
    return listRunDirs(options.trackingDir);
  }
  if (options.runs.length === 0) {
    throw new CliUsageError("Name the runs to sync (ids or unique prefixes), or pass --all. List them with: runs");
  }
  // Resolve every id first: a typo must not leave half the runs synced.
  const runs = options.runs.map((id) => findRunDir(options.trackingDir, id));
  return runs.filter((run, index) => runs.findIndex((other) => other.path === run.path) === index);
}

async function syncOne(
  run: RunDir,
  baseUrl: string,
  transport: Transport,
  options: SyncCommandOptions,
): Promise<{ report: SyncReport; unreachable: boolean }> {
  let skippedLines = 0;
  let progress: Progress = { update: () => {}, stop: () => {} };
  try {
    // Before the progress line: a run that is refused has nothing "to send".
    refuseLiveRun(run);
    progress = await startProgress(run, options);
    const result: SyncResult = await syncRun(run, {
      transport,
      baseUrl,
      ...(options.batchSize === undefined ? {} : { limits: batchLimits(options.batchSize) }),
      onSkip: () => {
        skippedLines++;
      },
      onProgress: (sent) => progress.update(sent),
    });
    progress.stop();
    return {
      report: {
        id: run.id,
        ok: true,
        experimentId: result.experimentId,
        created: result.created,
        sent: result.sent,
        rejected: result.rejected,
        skippedLines,
      },
      unreachable: false,
    };
  } catch (error) {
    progress.stop();
    if (error instanceof APIConnectionError) {
      const message = `Cannot reach the Polyaxon server at ${baseUrl}: ${error.message}`;
      return { report: failed(run.id, message, skippedLines, run), unreachable: true };
    }
    if (!(error instanceof Error)) throw error;
    const hint = error instanceof PolyaxonError ? "" : ` (${error.name})`;
    return { report: failed(run.id, `${error.message}${hint}`, skippedLines, run), unreachable: false };
  }
}

function failed(id: string, error: string, skippedLines: number, run?: RunDir): SyncReport {
  const state = run?.readDelivery();
  return {
    id,
    ok: false,
    experimentId: state?.experimentId ?? null,
    created: false,
    sent: 0,
    rejected: 0,
    skippedLines,
    error,
  };
}

interface Progress {
  update(sent: number): void;
  stop(): void;
}

async function startProgress(run: RunDir, options: SyncCommandOptions): Promise<Progress> {
  const mode = options.progress ?? "none";
  if (mode === "none") return { update: () => {}, stop: () => {} };
  const total = pendingRecords(run);
  if (mode === "lines") {
    options.err.write(`syncing ${run.id}: ${total} record(s) to send\n`);
    return { update: () => {}, stop: () => {} };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${run.id} [{bar}] {value}/{total} records`,
      stream: options.err as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (sent) => bar.update(Math.min(sent, total)),
    stop: () => bar.stop(),
  };
}

function printReports(reports: readonly SyncReport[], out: Output, dryRun: boolean): void {
  for (const report of reports) {
    out.write(`${report.id}  ${describe(report, dryRun)}\n`);
    if (report.skippedLines > 0) {
      out.write(`  warning: skipped ${report.skippedLines} unreadable journal line(s)\n`);
    }
    if (report.rejected > 0) {
      out.write(
        `  warning: the server rejected ${report.rejected} record(s); see rejected.jsonl in the run directory\n`,
      );
    }
  }
  const failures = reports.filter((report) => !report.ok).length;
  const verb = dryRun ? "Checked" : "Synced";
  out.write(
    `${verb} ${reports.length - failures} of ${reports.length} run(s)${failures > 0 ? `; ${failures} failed` : ""}.\n`,
  );
}

function describe(report: SyncReport, dryRun: boolean): string {
  if (!report.ok) return `FAILED: ${report.error ?? "unknown error"}`;
  if (dryRun) {
    const kinds = Object.entries(report.wouldSend ?? {}).map(([kind, count]) => `${count} ${kind}`);
    const create = report.wouldCreate ? "would create the experiment, then " : "";
    const target = report.experimentId === null ? "" : ` to experiment ${report.experimentId}`;
    if (kinds.length === 0) return report.wouldCreate ? "would create the experiment" : `nothing to send${target}`;
    return `${create}would send ${report.sent} record(s)${target}: ${kinds.join(", ")}`;
  }
  const experiment = `experiment ${report.experimentId}`;
  if (report.created) return `created ${experiment}, sent ${report.sent} record(s)`;
  if (report.sent === 0) return `already synced (${experiment})`;
  return `sent ${report.sent} record(s) to ${experiment}`;
}

/**
 * Counts what a sync would send (`countPending`: the journal past the cursors, and the spool a
 * killed process left, which a sync settles first); never touches the network nor the run.
 */
function dryRun(runs: readonly RunDir[], options: SyncCommandOptions): number {
  const reports: SyncReport[] = [];
  for (const run of runs) {
    try {
      reports.push(planRun(run, options.baseUrl));
    } catch (error) {
      if (!(error instanceof PolyaxonError)) throw error;
      reports.push(failed(run.id, error.message, 0));
    }
  }
  if (options.json) options.out.write(`${JSON.stringify(reports, null, 2)}\n`);
  else {
    if (options.baseUrl === undefined) options.out.write(`(dry run; no server configured)\n`);
    else options.out.write(`(dry run; would sync to ${options.baseUrl})\n`);
    printReports(reports, options.out, true);
  }
  return reports.every((report) => report.ok) ? 0 : 1;
}

function planRun(run: RunDir, baseUrl: string | undefined): SyncReport {
  refuseLiveRun(run);
  const meta = run.readMeta();
  const state = run.readDelivery();
  if (state && baseUrl !== undefined && state.baseUrl !== baseUrl) {
    return failed(run.id, `was delivered to ${state.baseUrl}, not ${baseUrl}; sync would refuse it`, 0, run);
  }
  const pending = countPending(run);
  const wouldCreate = state === undefined && meta.experimentId === undefined;
  if (wouldCreate && !pending.hasCreate)
    return failed(run.id, "has no create record: nothing to create the experiment from", pending.unreadableLines);
  return {
    id: run.id,
    ok: true,
    experimentId: state?.experimentId ?? meta.experimentId ?? null,
    created: false,
    sent: pending.total,
    rejected: 0,
    skippedLines: pending.unreadableLines,
    wouldSend: pending.kinds,
    wouldCreate,
  };
}
