/** How the read commands show what the server holds. */
import type { Schemas } from "../../../api/index.js";
import { isTerminalStatus } from "../../../records/types.js";
import { formatDuration, formatTime } from "../../format.js";

/** A server timestamp (ISO 8601, microseconds) as `2026-11-30 12:43:21`; `–` when null. */
export function formatServerTime(iso: string | null | undefined): string {
  return formatTime(iso ?? undefined);
}

/** Milliseconds between two server timestamps. */
export function msBetween(from: string, to: string): number {
  return Date.parse(to) - Date.parse(from);
}

/** From start to finish; a run still going counts up to `now`; `–` when never started. */
export function durationMs(
  experiment: Pick<Schemas["Experiment"], "started_at" | "finished_at" | "last_status">,
  now: number,
): number | undefined {
  if (!experiment.started_at) return undefined;
  if (experiment.finished_at) return Math.max(0, msBetween(experiment.started_at, experiment.finished_at));
  if (experiment.last_status && isTerminalStatus(experiment.last_status)) return undefined;
  return Math.max(0, now - Date.parse(experiment.started_at));
}

export function describeDuration(
  experiment: Pick<Schemas["Experiment"], "started_at" | "finished_at" | "last_status">,
  now: number,
): string {
  return formatDuration(durationMs(experiment, now));
}

/** Every metric name of these value objects: `step` first, the others alphabetically. */
export function metricKeys(values: readonly ({ [key: string]: unknown } | null | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const value of values) for (const key of Object.keys(value ?? {})) keys.add(key);
  return [...keys].sort((a, b) => (a === "step" ? -1 : b === "step" ? 1 : a < b ? -1 : a > b ? 1 : 0));
}
