import type { SerializedRecord } from "../records/serialize.js";

export interface BatchLimits {
  /** Most elements in one batched request. */
  maxItems: number;
  /** Most bytes of JSON in one batched request (Django rejects bodies over 2.5 MB by default). */
  maxBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxItems: 5000, maxBytes: 2_000_000 };

/** Splits records (all of one channel, in seq order) into request-sized batches. */
export function* splitBatches(items: readonly SerializedRecord[], limits: BatchLimits): Generator<SerializedRecord[]> {
  let batch: SerializedRecord[] = [];
  let bytes = 2;
  for (const item of items) {
    const size = (item.wire?.length ?? 0) + 1;
    if (batch.length > 0 && (batch.length >= limits.maxItems || bytes + size > limits.maxBytes)) {
      yield batch;
      batch = [];
      bytes = 2;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
