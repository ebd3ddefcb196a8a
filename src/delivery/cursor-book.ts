import { appendFileSync } from "node:fs";
import type { SerializedRecord } from "../records/serialize.js";
import { type Channel, channelOf, type RunRecord } from "../records/types.js";
import type { DeliveryState, RunDir } from "../store/run-store.js";

/**
 * What the server has acknowledged, per channel, persisted after every acknowledged request
 * (write-then-rename). A record is delivered iff its seq is at or below its channel's cursor,
 * so replaying the journal after a crash or an interrupted sync never re-sends an
 * acknowledged record.
 */
export class CursorBook {
  readonly run: RunDir;
  private state: DeliveryState;

  constructor(run: RunDir, state: DeliveryState) {
    this.run = run;
    this.state = state;
  }

  get snapshot(): Readonly<DeliveryState> {
    return this.state;
  }

  isDelivered(record: RunRecord): boolean {
    const channel = channelOf(record.kind);
    return channel === undefined || record.seq <= this.state.cursors[channel];
  }

  /** The lowest cursor: every record at or below it is delivered on every channel. */
  get low(): number {
    const { ordered, metric, log } = this.state.cursors;
    return Math.min(ordered, metric, log);
  }

  advance(channel: Channel, seq: number): void {
    if (seq <= this.state.cursors[channel]) return;
    this.state = {
      ...this.state,
      cursors: { ...this.state.cursors, [channel]: seq },
      updatedAt: new Date().toISOString(),
    };
    this.run.writeDelivery(this.state);
  }

  /** Sets records the server refused for good aside in `rejected.jsonl` and moves past them. */
  reject(channel: Channel, items: readonly SerializedRecord[], reason: string): void {
    const last = items.at(-1);
    if (!last) return;
    const lines = items.map((item) => `${JSON.stringify({ reason, record: item.record, wire: item.wire })}\n`).join("");
    appendFileSync(this.run.rejectedFile, lines);
    this.state = { ...this.state, rejected: this.state.rejected + items.length };
    this.advance(channel, last.record.seq);
  }
}
