import type { RunDir } from "../store/run-store.js";
import { type Piece, PieceCollector } from "./pieces.js";
import { type SendContext, sendPieces } from "./send-pieces.js";

export interface ReplayOptions {
  /** Replay records up to this seq (inclusive); default: the whole journal. */
  upTo?: number;
  /** Start reading the journal at this byte offset (everything before it is delivered). */
  fromOffset?: number;
  /** Records given to `sendPieces` at once (bounds memory however long the journal is). */
  chunkSize?: number;
  /** A journal line that could not be read (e.g. truncated by a kill). */
  onSkip?: (lineNo: number, reason: string) => void;
  /** Called after each chunk with the number of records sent so far. */
  onProgress?: (sent: number) => void;
}

export interface ReplayResult {
  /** Records sent (in a request the server acknowledged, or refused and set aside). */
  sent: number;
  /** Byte offset just past the last record replayed: every record before it is delivered. */
  endOffset: number;
  /** Requests sent. */
  requests: number;
}

/**
 * Streams the journal and delivers every record the cursors do not cover yet, in order, in
 * bounded chunks, through the same `sendPieces` as live delivery. Used by `sync` and by live
 * delivery to catch up after an outage (resuming at the offset the previous pass reached, so a
 * long run is never re-read from the start). Duplicate lines are skipped by the journal reader
 * (`RunDir.deliveryBlocks`), and the offset reached is past them.
 */
export async function replayJournal(run: RunDir, ctx: SendContext, options: ReplayOptions = {}): Promise<ReplayResult> {
  const chunkSize = options.chunkSize ?? 20_000;
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let pieces: Piece[] = [];
  let inChunk = 0;
  let sent = 0;
  let requests = 0;
  let endOffset = options.fromOffset ?? 0;
  const collector = new PieceCollector(ctx.limits);
  const send = async () => {
    collector.close(pieces);
    if (inChunk > 0) requests += await sendPieces(pieces, ctx);
    sent += inChunk;
    if (inChunk > 0) options.onProgress?.(sent);
    pieces = [];
    inChunk = 0;
  };
  const blocks = run.deliveryBlocks({ fromOffset: endOffset, ...(options.onSkip ? { onSkip: options.onSkip } : {}) });
  read: for await (const items of blocks) {
    for (const { record, wire, end } of items) {
      if (record.seq > upTo) break read;
      endOffset = end;
      if (ctx.book.isDelivered(record) || !collector.add(record, wire, end, pieces)) continue;
      if (++inChunk >= chunkSize) await send();
    }
  }
  await send();
  return { sent, endOffset, requests };
}
