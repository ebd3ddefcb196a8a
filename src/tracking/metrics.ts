import { ValidationError } from "../errors.js";
import type { MetricValues } from "../records/types.js";

/**
 * Validates and copies metric values on the `logMetrics` hot path: numbers and null pass,
 * NaN/±Infinity become null (JSON cannot carry them; `onNonFinite` is told the key so the
 * caller can warn once), anything else is a `ValidationError` naming the key. The copy
 * protects the record from later mutation of the caller's object.
 */
export function copyMetricValues(metrics: unknown, onNonFinite: (key: string) => void): MetricValues {
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    throw new ValidationError("logMetrics expects an object of metric name → number, e.g. { loss: 0.1 }.", "metrics");
  }
  const source = metrics as Record<string, unknown>;
  const values: MetricValues = {};
  let count = 0;
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const value = source[key];
    if (typeof value === "number") {
      if (value - value === 0) values[key] = value;
      else {
        values[key] = null;
        onNonFinite(key);
      }
    } else if (value === null) {
      values[key] = null;
    } else if (typeof value === "bigint") {
      values[key] = Number(value);
    } else {
      throw new ValidationError(
        `Metric "${key}" must be a number or null, got ${value === undefined ? "undefined" : typeof value}.`,
        key,
      );
    }
    count++;
  }
  if (count === 0) throw new ValidationError("logMetrics needs at least one metric.", "metrics");
  return values;
}
