import type { SerializedRecord } from "../records/serialize.js";
import type { RunDir } from "../store/run-store.js";
import { type SendContext, sendInOrder } from "./send-in-order.js";

export interface ReplayOptions {
  /** Replay records up to this seq (inclusive); default: the whole journal. */
  upTo?: number;
  /** Start reading the journal at this byte offset (everything before it is delivered). */
  fromOffset?: number;
  /** Records handed to `sendInOrder` at once (bounds memory however long the journal is). */
  chunkSize?: number;
  /** A journal line that could not be read (e.g. truncated by a kill). */
  onSkip?: (lineNo: number, reason: string) => void;
  /** Called after each chunk with the number of records handed over so far. */
  onProgress?: (handled: number) => void;
}

export interface ReplayResult {
  /** Records handed to the server. */
  handled: number;
  /** Byte offset just past the last record replayed: every record before it is delivered. */
  endOffset: number;
}

/**
 * Streams the journal and delivers every record the cursors do not cover yet, in order and in
 * bounded chunks. Used by `sync` and by live delivery to catch up after an outage; the latter
 * resumes at the offset the previous pass reached, so a long run is never re-read from the start.
 */
export async function replayJournal(run: RunDir, ctx: SendContext, options: ReplayOptions = {}): Promise<ReplayResult> {
  const chunkSize = options.chunkSize ?? 20_000;
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let chunk: SerializedRecord[] = [];
  let handled = 0;
  let chunkEnd = options.fromOffset ?? 0;
  const blocks = run.deliveryBlocks({
    fromOffset: chunkEnd,
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  });
  read: for await (const items of blocks) {
    for (const item of items) {
      if (item.record.seq > upTo) break read;
      chunkEnd = item.end;
      if (ctx.book.isDelivered(item.record)) continue;
      chunk.push(item);
      if (chunk.length >= chunkSize) {
        await sendInOrder(chunk, ctx);
        handled += chunk.length;
        options.onProgress?.(handled);
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) {
    await sendInOrder(chunk, ctx);
    handled += chunk.length;
    options.onProgress?.(handled);
  }
  return { handled, endOffset: chunkEnd };
}
