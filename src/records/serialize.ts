import { channelOf, type MetricValues, type RunRecord } from "./types.js";

/**
 * A record serialised once: `line` is its journal line (no newline), `wire` the JSON of the
 * element it contributes to a batched request (metrics and logs only). Serialising here,
 * once, keeps both the journal and the HTTP batch from paying for JSON.stringify twice.
 */
export interface SerializedRecord {
  readonly record: RunRecord;
  readonly line: string;
  readonly wire: string | undefined;
}

export function serializeRecord(record: RunRecord): SerializedRecord {
  if (record.kind === "metric") {
    const values = JSON.stringify(record.values);
    return {
      record,
      line: `{"seq":${record.seq},"ts":${record.ts},"kind":"metric","values":${values}}`,
      wire: `{"values":${values},"created_at":"${new Date(record.ts).toISOString()}"}`,
    };
  }
  const line = JSON.stringify(record);
  const wire = record.kind === "log" ? JSON.stringify(record.line) : undefined;
  return { record, line, wire };
}

/** The wire element of a record read back from the journal (sync / replay path). */
export function wireOf(record: RunRecord): string | undefined {
  if (record.kind === "metric") return metricWire(record.values, record.ts);
  if (record.kind === "log") return JSON.stringify(record.line);
  return undefined;
}

function metricWire(values: MetricValues, ts: number): string {
  return `{"values":${JSON.stringify(values)},"created_at":"${new Date(ts).toISOString()}"}`;
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
