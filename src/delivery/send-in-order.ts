import { errorMessage } from "../errors.js";
import type { SerializedRecord } from "../records/serialize.js";
import { channelOf } from "../records/types.js";
import { type BatchLimits, splitBatches } from "./batches.js";
import type { CursorBook } from "./cursor-book.js";
import type { DeliveryTarget, OrderedRecord, Transport } from "./transport.js";

export interface SendContext {
  transport: Transport;
  target: DeliveryTarget;
  book: CursorBook;
  limits: BatchLimits;
  /** Told about every request the server refused for good; delivery goes on past it. */
  onReject: (error: unknown, count: number) => void;
}

/**
 * Sends records (in seq order) so the server sees them in the order they were made:
 * the metrics and logs recorded before an ordered record (status, update, code reference)
 * are delivered, batched, before it. Ordered records are rare, so batches stay large.
 * Records already acknowledged are skipped. Throws on a `retry` or `halt` failure, after
 * persisting the cursors of everything that did get through.
 */
export async function sendInOrder(items: readonly SerializedRecord[], ctx: SendContext): Promise<void> {
  let metrics: SerializedRecord[] = [];
  let logs: SerializedRecord[] = [];
  for (const item of items) {
    const channel = channelOf(item.record.kind);
    if (channel === undefined || ctx.book.isDelivered(item.record)) continue;
    if (channel === "metric") metrics.push(item);
    else if (channel === "log") logs.push(item);
    else {
      await sendBatched(metrics, logs, ctx);
      metrics = [];
      logs = [];
      await sendOne(item, ctx);
    }
  }
  await sendBatched(metrics, logs, ctx);
}

async function sendBatched(metrics: SerializedRecord[], logs: SerializedRecord[], ctx: SendContext): Promise<void> {
  for (const batch of splitBatches(metrics, ctx.limits)) {
    await attempt(ctx, "metric", batch, () => ctx.transport.postMetrics(ctx.target, wires(batch)));
  }
  for (const batch of splitBatches(logs, ctx.limits)) {
    await attempt(ctx, "log", batch, () => ctx.transport.postLogs(ctx.target, wires(batch)));
  }
}

async function sendOne(item: SerializedRecord, ctx: SendContext): Promise<void> {
  const record = item.record as OrderedRecord;
  await attempt(ctx, "ordered", [item], () => ctx.transport.sendOrdered(ctx.target, record));
}

async function attempt(
  ctx: SendContext,
  channel: "ordered" | "metric" | "log",
  batch: SerializedRecord[],
  send: () => Promise<void>,
): Promise<void> {
  const last = batch.at(-1);
  if (!last) return;
  try {
    await send();
  } catch (error) {
    if (ctx.transport.classify(error) !== "reject") throw error;
    ctx.book.reject(channel, batch, errorMessage(error));
    ctx.onReject(error, batch.length);
    return;
  }
  ctx.book.advance(channel, last.record.seq);
}

function wires(batch: readonly SerializedRecord[]): string[] {
  return batch.map((item) => item.wire ?? "null");
}
