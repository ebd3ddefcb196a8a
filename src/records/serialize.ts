import { channelOf, type MetricValues, type RunRecord } from "./types.js";

/**
 * A record ready for delivery: `wire` is the JSON of the element it contributes to a batched
 * request (metrics and logs), computed once and never re-stringified. For metrics, `record.values`
 * is left empty: the wire text carries them (the journal keeps them in full).
 */
export interface SerializedRecord {
  readonly record: RunRecord;
  readonly wire: string | undefined;
}

const NO_VALUES: MetricValues = Object.freeze({}) as MetricValues;

/** The journal line of a metric record, from its values' JSON. Read back by `parseMetricLine`. */
const metricLine = (seq: number, ts: number, values: string) =>
  `{"seq":${seq},"ts":${ts},"kind":"metric","values":${values}}`;

/** The wire element of a metric: `{"values": …, "created_at": "<ISO 8601 UTC>"}`. */
const metricWire = (values: string, ts: number) => `{"values":${values},"created_at":"${isoOf(ts)}"}`;

let lastTs = Number.NaN;
let lastIso = "";

/** `new Date(ts).toISOString()`, computed once per millisecond: a tight loop logs many points in one. */
function isoOf(ts: number): string {
  if (ts !== lastTs) {
    lastIso = new Date(ts).toISOString();
    lastTs = ts;
  }
  return lastIso;
}

/**
 * Serialises a record once: its journal line goes to `writeLine`, and the returned item carries
 * the wire element. A metric's values are stringified a single time for both, which keeps the
 * journal and the HTTP batch from paying for JSON.stringify twice.
 */
export function serializeRecord(record: RunRecord, writeLine: (line: string, seq: number) => void): SerializedRecord {
  if (record.kind === "metric") {
    const values = JSON.stringify(record.values);
    writeLine(metricLine(record.seq, record.ts, values), record.seq);
    // The queued item keeps the values only as wire text: the object can be collected at once.
    return {
      record: { seq: record.seq, ts: record.ts, kind: "metric", values: NO_VALUES },
      wire: metricWire(values, record.ts),
    };
  }
  writeLine(JSON.stringify(record), record.seq);
  return { record, wire: record.kind === "log" ? JSON.stringify(record.line) : undefined };
}

/**
 * The journal line of a record, without its wire element: what the recorder writes when live
 * delivery would not keep the record in memory anyway (offline, or while delivery replays from
 * the journal). Same text as `serializeRecord` writes.
 */
export function journalLineOf(record: RunRecord): string {
  return record.kind === "metric"
    ? metricLine(record.seq, record.ts, JSON.stringify(record.values))
    : JSON.stringify(record);
}

/** The wire element of a record read back from the journal (sync / replay path). */
export function wireOf(record: RunRecord): string | undefined {
  if (record.kind === "metric") return metricWire(JSON.stringify(record.values), record.ts);
  if (record.kind === "log") return JSON.stringify(record.line);
  return undefined;
}

const METRIC_PREFIX = /^\{"seq":(\d+),"ts":(\d+),"kind":"metric","values":(?=\{)/;

/** A whole metric line as the recorder writes it (a torn one does not end in `}}`). */
function matchMetricLine(line: string): RegExpExecArray | undefined {
  const match = METRIC_PREFIX.exec(line);
  return match && line.endsWith("}}") ? match : undefined;
}

/** The seq of a metric line as the recorder writes it, read without JSON.parse; else undefined. */
export function metricLineSeq(line: string): number | undefined {
  const match = matchMetricLine(line);
  return match ? Number(match[1]) : undefined;
}

/**
 * Fast path of the replay: a metric line as the recorder writes it is read without JSON.parse,
 * and its wire element is built from the values' JSON text as stored. Delivery needs only seq,
 * kind and the wire text, so the returned record's `values` is left empty (read the journal with
 * `RunDir.records()` to get them). Returns undefined for any other line.
 */
export function parseMetricLine(line: string): SerializedRecord | undefined {
  const match = matchMetricLine(line);
  if (!match) return undefined;
  const ts = Number(match[2]);
  const record = { seq: Number(match[1]), ts, kind: "metric" as const, values: NO_VALUES };
  return { record, wire: metricWire(line.slice(match[0].length, -1), ts) };
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
