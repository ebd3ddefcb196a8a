import type { CodeRefRecord, StatusRecord, UpdateRecord } from "../records/types.js";

/** Request-size limits of batched metric and log requests. */
export interface BatchLimits {
  /** Most elements in one request. */
  maxItems: number;
  /** Most bytes of JSON in one request (Django refuses bodies over 2.5 MB by default: docs/wire.md). */
  maxBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxItems: 5000, maxBytes: 2_000_000 };

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
  /** Characters of `body`. */
  bytes: number;
  /** The wire elements, joined by commas (no brackets). */
  body: string;
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

/** Seq of a piece's last record. */
export function lastSeqOf(piece: Piece): number {
  return piece.type === "batch" ? piece.last : piece.record.seq;
}

/**
 * Collects the wire elements of consecutive records of one channel into batch pieces no larger
 * than the limits. Used by the journal writer (live records) and by the journal replay.
 */
export class BatchBuilder {
  private elements: string[] = [];
  private first = 0;
  private last = 0;
  private bytes = 0;
  private lastEnd = 0;
  private readonly channel: "metric" | "log";
  private readonly limits: BatchLimits;

  constructor(channel: "metric" | "log", limits: BatchLimits) {
    this.channel = channel;
    this.limits = limits;
  }

  get size(): number {
    return this.elements.length;
  }

  /** Adds the element of record `seq` (whose journal line ends at `end`); full batches go to `out`. */
  add(seq: number, wire: string, out: Piece[], end: number): void {
    const size = wire.length + 1;
    if (this.elements.length > 0 && this.bytes + size > this.limits.maxBytes) this.close(out);
    if (this.elements.length === 0) this.first = seq;
    this.elements.push(wire);
    this.last = seq;
    this.lastEnd = end;
    this.bytes += size;
    if (this.elements.length >= this.limits.maxItems) this.close(out);
  }

  /** Ends the open batch (if any) as a piece. */
  close(out: Piece[]): void {
    if (this.elements.length === 0) return;
    out.push({
      type: "batch",
      channel: this.channel,
      first: this.first,
      last: this.last,
      count: this.elements.length,
      bytes: this.bytes - 1,
      body: this.elements.join(","),
      end: this.lastEnd,
    });
    this.elements = [];
    this.bytes = 0;
  }
}
