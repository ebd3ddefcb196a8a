import { isAbsolute, relative } from "node:path";
import { findRunDir } from "../../store/run-store.js";
import { chartLine } from "../chart.js";
import { bodyOf, describeCodeRef, formatBytes, formatDuration, formatTime, indent, type Output } from "../format.js";
import { type RunSummary, summarizeRun } from "../run-summary.js";
import { warnSkipped } from "./warnings.js";

export interface ShowCommandOptions {
  trackingDir: string;
  /** Run id or unique id prefix. */
  run: string;
  json?: boolean;
  /** Sparkline width in characters. */
  chartWidth?: number;
  out: Output;
  err: Output;
}

/**
 * `polyaxon-tracking show <run>`. Returns the exit code; an unknown or ambiguous id throws
 * `RunStoreError` (the CLI maps it to exit 2).
 */
export async function showCommand(options: ShowCommandOptions): Promise<number> {
  const run = findRunDir(options.trackingDir, options.run);
  const summary = await summarizeRun(run);
  warnSkipped(options.err, summary);
  if (options.json) options.out.write(`${JSON.stringify(summary, null, 2)}\n`);
  else options.out.write(formatSummary(summary, options.chartWidth === undefined ? {} : { width: options.chartWidth }));
  return 0;
}

/** The human-readable `show` output (also printed by the demo). Ends with a newline. */
export function formatSummary(summary: RunSummary, options: { width?: number } = {}): string {
  const lines: string[] = [];
  lines.push(`Run ${summary.id}${summary.name ? `  (${summary.name})` : ""}`);
  const facts: [string, string][] = [
    ["project", summary.project],
    ["status", summary.status],
    ["created", formatTime(summary.created)],
    ["started", formatTime(summary.started)],
    ["ended", formatTime(summary.ended)],
    ["duration", formatDuration(summary.durationMs)],
    ["sync", describeSync(summary)],
    ["path", summary.path],
  ];
  if (summary.description) facts.push(["description", summary.description]);
  if (summary.framework || summary.backend) {
    facts.push([
      "framework",
      [summary.framework, summary.backend && `(backend ${summary.backend})`].filter(Boolean).join(" "),
    ]);
  }
  if (summary.tags.length > 0) facts.push(["tags", summary.tags.join(", ")]);
  if (summary.codeRef) facts.push(["code ref", describeCodeRef(summary.codeRef)]);
  lines.push(indent(bodyOf(facts)));

  const params = Object.entries(summary.params);
  if (params.length > 0) {
    lines.push("Params");
    lines.push(indent(bodyOf(params.map(([key, value]) => [key, JSON.stringify(value)]))));
  }
  const dataRefs = Object.entries(summary.dataRefs);
  if (dataRefs.length > 0) {
    lines.push("Data refs");
    lines.push(indent(bodyOf(dataRefs)));
  }
  if (summary.metrics.length > 0) {
    lines.push(`Metrics (${summary.metricPoints} point${summary.metricPoints === 1 ? "" : "s"})`);
    const keyWidth = Math.max(...summary.metrics.map((series) => series.key.length));
    // No wider than the longest series, so short runs do not get a wall of padding.
    const width = Math.min(options.width ?? 40, Math.max(...summary.metrics.map((series) => series.points.length)));
    for (const series of summary.metrics) {
      const values = series.points.map((point) => point.value);
      lines.push(indent(chartLine({ ...series, values }, { keyWidth, width })));
    }
  } else {
    lines.push("Metrics: none");
  }
  lines.push(`Logs: ${summary.logLines} line${summary.logLines === 1 ? "" : "s"}`);
  if (summary.artifacts.length > 0) {
    lines.push("Artifacts");
    lines.push(
      indent(
        bodyOf(
          summary.artifacts.map((a) => [
            relativeToRun(summary.path, a.path),
            formatBytes(a.bytes),
            a.source ? `from ${a.source}` : "",
          ]),
        ),
      ),
    );
  }
  if (summary.skippedCount > 0) {
    const shown = summary.skipped.slice(0, 5).map((skip) => `line ${skip.lineNo} (${skip.reason})`);
    const more = summary.skippedCount > shown.length ? `, … ${summary.skippedCount - shown.length} more` : "";
    lines.push(`Skipped ${summary.skippedCount} unreadable journal line(s): ${shown.join(", ")}${more}`);
  }
  return `${lines.join("\n")}\n`;
}

export function describeSync(summary: RunSummary): string {
  const target = summary.serverUrl ? ` to ${summary.serverUrl}` : "";
  const experiment = summary.experimentId === undefined ? "" : ` (experiment ${summary.experimentId})`;
  switch (summary.sync) {
    case "synced":
      return `synced${target}${experiment}`;
    case "partly":
      return `partly synced${target}${experiment}, ${summary.pending} record(s) pending`;
    case "local":
      return `local only, ${summary.pending} record(s) to send with: polyaxon-tracking sync ${summary.id}`;
  }
}

/** Artifacts inside the run directory are shown relative to it (`outputs/weights.json`). */
function relativeToRun(runPath: string, artifactPath: string): string {
  if (!isAbsolute(artifactPath)) return artifactPath;
  const relativePath = relative(runPath, artifactPath);
  return relativePath.startsWith("..") || isAbsolute(relativePath) ? artifactPath : relativePath;
}
