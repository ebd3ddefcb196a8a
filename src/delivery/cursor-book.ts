import { appendFileSync } from "node:fs";
import { type Channel, channelOf, type RunRecord } from "../records/types.js";
import type { DeliveryState, RunDir } from "../store/run-store.js";

/**
 * What the server has acknowledged, per channel, written to `delivery.json` after every
 * acknowledged request (write-then-rename, not persisted). A record is delivered iff its seq is at
 * or below its channel's cursor, so replaying the journal after a killed process or an
 * interrupted sync never re-sends an acknowledged record (a machine crash may undo the last
 * cursor write: docs/delivery.md#cursors-and-the-duplicate-window).
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

  /**
   * Sets what the server refused for good aside in `rejected.jsonl` (one line per entry: the
   * record, or a batch's seq range and request body) and moves the cursor past `lastSeq`.
   */
  reject(channel: Channel, entries: readonly object[], lastSeq: number, reason: string, count = entries.length): void {
    const lines = entries.map((entry) => `${JSON.stringify({ reason, channel, ...entry })}\n`).join("");
    appendFileSync(this.run.rejectedFile, lines);
    this.state = { ...this.state, rejected: this.state.rejected + count };
    this.advance(channel, lastSeq);
  }
}
