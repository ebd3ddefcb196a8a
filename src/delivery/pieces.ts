import type { RowEncoder } from "../records/row-encoder.js";
import type { CodeRefRecord, RunRecord, StatusRecord, UpdateRecord } from "../records/types.js";
import { SETTING_DEFAULTS } from "../settings/defaults.js";
import { ByteBuffer } from "../store/byte-buffer.js";

/** Request-size limits of batched metric and log requests. */
export interface BatchLimits {
  /** Most elements in one request. */
  maxItems: number;
  /** Most bytes of JSON in one request (Django refuses bodies over 2.5 MB by default: docs/wire.md). */
  maxBytes: number;
}

/** Most bytes of JSON in one batched request, whatever `POLYAXON_BATCH_SIZE` says. */
export const MAX_BATCH_BYTES = 2_000_000;

/** The limits for `POLYAXON_BATCH_SIZE` (`Settings.batchSize`). */
export function batchLimits(batchSize: number): BatchLimits {
  return { maxItems: batchSize, maxBytes: MAX_BATCH_BYTES };
}

/** Smallest requests that `halvedLimits` cuts to (or the limits themselves, if smaller). */
const HALVED_FLOOR: BatchLimits = { maxItems: 100, maxBytes: 64 * 1024 };

/** `limits` halved `times` times, down to `HALVED_FLOOR`. */
export function halvedLimits(limits: BatchLimits, times: number): BatchLimits {
  const cut = 2 ** times;
  return {
    maxItems: Math.max(Math.min(HALVED_FLOOR.maxItems, limits.maxItems), Math.floor(limits.maxItems / cut)),
    maxBytes: Math.max(Math.min(HALVED_FLOOR.maxBytes, limits.maxBytes), Math.floor(limits.maxBytes / cut)),
  };
}

/** The limits of the default settings. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = batchLimits(SETTING_DEFAULTS.batchSize);

/**
 * What delivery sends, in the order records were made. Metric points and log lines travel as
 * batches (their wire elements joined by commas); an update is coalesced with the other updates
 * of its segment; a barrier (status, code reference) is sent on its own, after everything
 * recorded before it and before everything recorded after it.
 *
 * `end` is the journal offset just past the piece's last record (where a later catch-up may start
 * once the piece and everything before it are acknowledged).
 */
export type Piece = BatchPiece | UpdatePiece | BarrierPiece;

export interface BatchPiece {
  type: "batch";
  channel: "metric" | "log";
  /** Seq of the first and last element. */
  first: number;
  last: number;
  count: number;
  /** The wire elements as UTF-8 bytes, joined by commas (no brackets). */
  body: Uint8Array;
  end: number;
}

export interface UpdatePiece {
  type: "update";
  record: UpdateRecord;
  end: number;
}

export interface BarrierPiece {
  type: "barrier";
  record: StatusRecord | CodeRefRecord;
  end: number;
}

/**
 * Collects the wire elements of consecutive records of one channel into batch pieces no larger
 * than the limits. The elements are written as bytes straight into one buffer, so a batch of
 * thousands of points is never an array of strings to join. Used by the journal writer (live
 * records) and by the journal replay.
 */
export class BatchBuilder {
  private readonly out = new ByteBuffer(64 * 1024);
  private count = 0;
  private first = 0;
  private last = 0;
  private lastEnd = 0;
  private readonly channel: "metric" | "log";
  private readonly limits: BatchLimits;

  constructor(channel: "metric" | "log", limits: BatchLimits) {
    this.channel = channel;
    this.limits = limits;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds the element of record `seq` (whose journal line ends at `end`); full batches go to `out`.
   * `ascii`: the element is known to be ASCII (written without UTF-8 encoding).
   */
  add(seq: number, wire: string, out: Piece[], end: number, ascii = false): void {
    const size = ascii ? wire.length : Buffer.byteLength(wire, "utf8");
    // +2: the brackets of the request around the elements.
    if (this.count > 0 && this.out.length + 1 + size + 2 > this.limits.maxBytes) this.close(out);
    if (this.count > 0) this.out.append(",", true);
    this.out.append(wire, ascii);
    this.added(seq, out, end);
  }

  /**
   * Adds the wire element of the metric row `encoder` just wrote as a journal line into `line`
   * (see RowEncoder): its values' bytes are copied, not encoded again.
   */
  addRow(seq: number, encoder: RowEncoder, line: Uint8Array, us: number, out: Piece[], end: number): void {
    const buffer = this.out;
    buffer.reserve(1 + encoder.maxWireBytes);
    // After a comma when the batch has elements; moved to the start of a new batch if it does not fit.
    const at = this.count === 0 ? 0 : buffer.length + 1;
    const stop = encoder.wire(buffer.bytes, at, line, us);
    const size = stop - at;
    if (this.count > 0 && buffer.length + 1 + size + 2 > this.limits.maxBytes) {
      this.close(out);
      buffer.bytes.copyWithin(0, at, stop);
      buffer.length = size;
    } else {
      if (this.count > 0) buffer.bytes[buffer.length] = 0x2c; // ","
      buffer.length = stop;
    }
    this.added(seq, out, end);
  }

  /** Drops the open batch (what a failed write left). */
  clear(): void {
    this.count = 0;
    this.out.length = 0;
  }

  /** Ends the open batch (if any) as a piece. */
  close(out: Piece[]): void {
    if (this.count === 0) return;
    out.push({
      type: "batch",
      channel: this.channel,
      first: this.first,
      last: this.last,
      count: this.count,
      body: this.out.copy(),
      end: this.lastEnd,
    });
    this.count = 0;
    this.out.length = 0;
  }

  private added(seq: number, out: Piece[], end: number): void {
    if (this.count === 0) this.first = seq;
    this.count++;
    this.last = seq;
    this.lastEnd = end;
    if (this.count >= this.limits.maxItems) this.close(out);
  }
}

/**
 * Turns records, in seq order, into delivery pieces: metric points and log lines into batches,
 * updates as they are, statuses and code references as barriers (the open batches are closed
 * first: what was recorded before a barrier is sent before it). The journal writer (live
 * records) and the journal replay share it.
 */
export class PieceCollector {
  readonly metrics: BatchBuilder;
  readonly logs: BatchBuilder;

  constructor(limits: BatchLimits) {
    this.metrics = new BatchBuilder("metric", limits);
    this.logs = new BatchBuilder("log", limits);
  }

  /**
   * Adds `record`, whose journal line ends at `end`; `wire` is its wire element (metrics and
   * logs). Returns false for records delivery does not send (create, artifact).
   */
  add(record: RunRecord, wire: string | undefined, end: number, out: Piece[]): boolean {
    switch (record.kind) {
      case "metric":
        this.metrics.add(record.seq, wire as string, out, end);
        return true;
      case "log":
        this.logs.add(record.seq, wire as string, out, end);
        return true;
      case "update":
        out.push({ type: "update", record, end });
        return true;
      case "status":
      case "coderef":
        this.close(out);
        out.push({ type: "barrier", record, end });
        return true;
      default:
        // create (sent by the facade or by sync itself) and artifact (local bookkeeping).
        return false;
    }
  }

  /** Ends the open batches as pieces. */
  close(out: Piece[]): void {
    this.metrics.close(out);
    this.logs.close(out);
  }

  /** Drops the open batches (what a failed write left). */
  clear(): void {
    this.metrics.clear();
    this.logs.clear();
  }
}
