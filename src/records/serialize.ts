import { channelOf, type MetricValues, type RunRecord } from "./types.js";

/**
 * The two encodings of a record, and the one place that knows them:
 *
 * - the journal line (`records.jsonl`): `JSON.stringify(record)`; for a metric point
 *   `{"seq":…,"ts":…,"kind":"metric","values":{…}}`, `ts` in epoch ms with a microsecond fraction;
 * - the wire element a batched request carries: for a metric `{"values":{…},"created_at":"…"}`,
 *   for a log line the JSON string.
 *
 * The journal writer builds both as bytes (row-encoder.ts), the values' JSON once for both;
 * these string forms are the reference it must match.
 */

/** A record read back from the journal, with its wire element (metrics and logs). */
export interface SerializedRecord {
  readonly record: RunRecord;
  readonly wire: string | undefined;
}

const NO_VALUES: MetricValues = Object.freeze({}) as MetricValues;

/** The journal line of a metric point, from its values' JSON. Read back by `parseMetricLine`. */
export function metricLine(seq: number, ts: string, values: string): string {
  return `{"seq":${seq},"ts":${ts},"kind":"metric","values":${values}}`;
}

/**
 * A stamp (epoch µs) as the journal's `ts` text: epoch ms with the microseconds as a fraction
 * (`1764505380123.456`, no trailing zeros), from integers only. Parses to the same number as the
 * float `us / 1000`. The reference spelling of what RowEncoder writes as bytes.
 */
export function tsText(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = us - ms * 1000;
  if (micros === 0) return `${ms}`;
  const fraction = micros < 10 ? `00${micros}` : micros < 100 ? `0${micros}` : `${micros}`;
  return `${ms}.${fraction.replace(/0+$/, "")}`;
}

/** The wire element of a metric point. */
export function metricWire(values: string, us: number): string {
  return `{"values":${values},"created_at":"${createdAtOf(us)}"}`;
}

let cachedSecond = Number.NaN;
let cachedPrefix = "";

/**
 * `created_at` of a point: ISO 8601 UTC with microseconds (`2026-11-30T12:43:21.507123Z`), as the
 * server stores it. The date part is computed once per second: a loop logs many points in one.
 */
export function createdAtOf(us: number): string {
  const second = Math.floor(us / 1_000_000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  const micros = us - second * 1_000_000;
  return `${cachedPrefix}${micros < 100_000 ? String(micros).padStart(6, "0") : micros}Z`;
}

/** Microseconds of a journal `ts` (epoch ms; older journals hold whole ms). */
function usOfTs(tsMs: number): number {
  return Math.round(tsMs * 1000);
}

/** A journal `ts` as the `created_at` its record was (or would be) sent with. */
export function createdAtOfTs(tsMs: number): string {
  return createdAtOf(usOfTs(tsMs));
}

/** The journal line of a record (any kind). */
export function journalLineOf(record: RunRecord): string {
  return record.kind === "metric"
    ? metricLine(record.seq, String(record.ts), JSON.stringify(record.values))
    : JSON.stringify(record);
}

/** The wire element of a record read back from the journal (metrics and logs), else undefined. */
export function wireOf(record: RunRecord): string | undefined {
  if (record.kind === "metric") return metricWire(JSON.stringify(record.values), usOfTs(record.ts));
  if (record.kind === "log") return JSON.stringify(record.line);
  return undefined;
}

const METRIC_PREFIX = /^\{"seq":(\d+),"ts":(\d+(?:\.\d+)?),"kind":"metric","values":(?=\{)/;

/** A whole metric line as the journal writer writes it (a torn one does not end in `}}`). */
function matchMetricLine(line: string): RegExpExecArray | undefined {
  const match = METRIC_PREFIX.exec(line);
  return match && line.endsWith("}}") ? match : undefined;
}

/** The seq of a metric line as the journal writer writes it, read without JSON.parse; else undefined. */
export function metricLineSeq(line: string): number | undefined {
  const match = matchMetricLine(line);
  return match ? Number(match[1]) : undefined;
}

/**
 * Fast path of reading the journal back for delivery: a metric line as the writer writes it is
 * read without JSON.parse, and its wire element is built from the values' JSON text as stored.
 * Delivery needs only seq, kind and the wire text, so the returned record's `values` is left
 * empty (read the journal with `RunDir.records()` to get them). Returns undefined for any other line.
 */
export function parseMetricLine(line: string): SerializedRecord | undefined {
  const match = matchMetricLine(line);
  if (!match) return undefined;
  const ts = Number(match[2]);
  const record = { seq: Number(match[1]), ts, kind: "metric" as const, values: NO_VALUES };
  return { record, wire: metricWire(line.slice(match[0].length, -1), usOfTs(ts)) };
}

/** Why a journal line could not be read back. */
export class RecordParseError extends Error {
  override name = "RecordParseError";
}

const KINDS = new Set(["create", "update", "coderef", "status", "metric", "log", "artifact"]);

/** Parses one journal line, checking the envelope every record kind shares. */
export function parseRecordLine(line: string): RunRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new RecordParseError("not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RecordParseError("not a JSON object");
  }
  const { seq, ts, kind } = value as { seq?: unknown; ts?: unknown; kind?: unknown };
  if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 1) throw new RecordParseError("bad seq");
  if (typeof ts !== "number") throw new RecordParseError("bad ts");
  if (typeof kind !== "string" || !KINDS.has(kind)) throw new RecordParseError(`unknown kind ${String(kind)}`);
  const record = value as RunRecord;
  const channel = channelOf(record.kind);
  if (channel === "ordered" && typeof (record as { body?: unknown }).body !== "object") {
    throw new RecordParseError(`${kind} record without a body`);
  }
  if (record.kind === "metric" && (typeof record.values !== "object" || record.values === null)) {
    throw new RecordParseError("metric record without values");
  }
  if (record.kind === "log" && typeof record.line !== "string") throw new RecordParseError("log record without a line");
  return record;
}
