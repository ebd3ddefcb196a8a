import type { Output } from "../format.js";
import type { RunSummary } from "../run-summary.js";

/** One stderr line per run with unreadable journal lines (a truncated last line after a kill). */
export function warnSkipped(err: Output, summary: Pick<RunSummary, "id" | "skipped" | "skippedCount">): void {
  const first = summary.skipped[0];
  if (!first) return;
  const count = summary.skippedCount;
  err.write(
    `warning: run ${summary.id}: skipped ${count} unreadable journal line${count === 1 ? "" : "s"} ` +
      `(line ${first.lineNo}: ${first.reason})\n`,
  );
}
