import type { SerializedRecord } from "../records/serialize.js";
import { wireOf } from "../records/serialize.js";
import type { RunDir } from "../store/run-store.js";
import { type SendContext, sendInOrder } from "./send-in-order.js";

export interface ReplayOptions {
  /** Replay records up to this seq (inclusive); default: the whole journal. */
  upTo?: number;
  /** Records handed to `sendInOrder` at once (bounds memory however long the journal is). */
  chunkSize?: number;
  /** A journal line that could not be read (e.g. truncated by a kill). */
  onSkip?: (lineNo: number, reason: string) => void;
  /** Called after each chunk with the number of records handed over so far. */
  onProgress?: (handled: number) => void;
}

/**
 * Streams the journal and delivers every record the cursors do not cover yet, in order and in
 * bounded chunks. Used by `sync` and by live delivery to catch up after an outage.
 */
export async function replayJournal(run: RunDir, ctx: SendContext, options: ReplayOptions = {}): Promise<number> {
  const chunkSize = options.chunkSize ?? 20_000;
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let chunk: SerializedRecord[] = [];
  let handled = 0;
  for await (const record of run.records(options.onSkip)) {
    if (record.seq > upTo) break;
    if (ctx.book.isDelivered(record)) continue;
    chunk.push({ record, line: "", wire: wireOf(record) });
    if (chunk.length >= chunkSize) {
      await sendInOrder(chunk, ctx);
      handled += chunk.length;
      options.onProgress?.(handled);
      chunk = [];
    }
  }
  if (chunk.length > 0) {
    await sendInOrder(chunk, ctx);
    handled += chunk.length;
    options.onProgress?.(handled);
  }
  return handled;
}
