import { ValidationError } from "../errors.js";
import type { MetricValues } from "./types.js";

/** Why a value was left out of a metric point. */
export type DroppedReason = "null" | "non-finite";

/**
 * The rules of a metric point, in one place. Finite numbers pass (bigints are converted); `null`,
 * NaN and ±Infinity are accepted but left out of the point (`onDropped` is told the key, so the
 * caller can warn once): JSON cannot carry NaN/Infinity, and the v0.6 server stores a null value
 * but then fails with a 500 on the experiment's page forever (docs/wire.md, "Null metrics");
 * anything else is a `ValidationError` naming the key.
 */
export function metricNumber(
  key: string,
  value: unknown,
  onDropped?: (key: string, reason: DroppedReason) => void,
): number {
  if (typeof value === "number") {
    if (value - value === 0) return value;
    onDropped?.(key, "non-finite");
    return Number.NaN;
  }
  if (typeof value === "bigint") return Number(value);
  if (value === null) {
    onDropped?.(key, "null");
    return Number.NaN;
  }
  throw new ValidationError(
    `Metric "${key}" must be a number or null, got ${value === undefined ? "undefined" : typeof value}.`,
    key,
  );
}

/** The own keys of a point; a non-object or an empty one is a `ValidationError`. */
export function metricKeys(metrics: unknown): string[] {
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    throw new ValidationError("logMetrics expects an object of metric name → number, e.g. { loss: 0.1 }.", "metrics");
  }
  const keys = Object.keys(metrics);
  if (keys.length === 0) throw new ValidationError("logMetrics needs at least one metric.", "metrics");
  return keys;
}

/** A checked copy of a point's values (dropped values left out); may be empty. */
export function copyMetricValues(
  metrics: unknown,
  onDropped?: (key: string, reason: DroppedReason) => void,
): MetricValues {
  const values: MetricValues = {};
  for (const key of metricKeys(metrics)) {
    const value = metricNumber(key, (metrics as Record<string, unknown>)[key], onDropped);
    if (!Number.isNaN(value)) values[key] = value;
  }
  return values;
}
