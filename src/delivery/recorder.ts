import { journalLineOf, type SerializedRecord, serializeRecord } from "../records/serialize.js";
import type { MetricValues, RunRecord } from "../records/types.js";
import type { JournalWriter } from "../store/journal.js";
import type { HttpDelivery } from "./http-delivery.js";

/** A record as the facade describes it, before the recorder stamps it with seq and ts. */
export type RecordInput = RunRecord extends infer R ? (R extends RunRecord ? Omit<R, "seq" | "ts"> : never) : never;

export interface RecorderOptions {
  /** The run's journal; absent in no-op mode. */
  journal?: JournalWriter;
  /** How often pending records are written, made durable and handed to delivery. */
  intervalMs: number;
  /** Pending records that trigger an immediate write (bounds memory in tight loops). */
  batchSize: number;
}

/**
 * The hub between the facade and storage/delivery. A `log*` call only stamps the record and
 * pushes it to an array: no I/O, no JSON. Every `intervalMs` (or every `batchSize` records)
 * `tick()` serialises the pending records once, appends them to the journal and hands the
 * same serialised records to live delivery, if any.
 */
export class Recorder {
  private seq = 0;
  private pending: RunRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private delivery: HttpDelivery | undefined;
  private readonly opts: RecorderOptions;

  constructor(options: RecorderOptions) {
    this.opts = options;
  }

  /** Seq of the last record made. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Continue numbering after records already in the journal (attaching to a run). */
  startAt(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }

  record(input: RecordInput): RunRecord {
    const record = { ...input, seq: ++this.seq, ts: Date.now() } as RunRecord;
    this.push(record);
    return record;
  }

  /** Hot path of `logMetrics`: values are already validated and copied. */
  metric(values: MetricValues): void {
    this.push({ kind: "metric", values, seq: ++this.seq, ts: Date.now() });
  }

  attachDelivery(delivery: HttpDelivery): void {
    this.delivery = delivery;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sync(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Serialises pending records, writes them to the journal and hands them to delivery. */
  tick(): void {
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    const journal = this.opts.journal;
    const delivery = this.delivery;
    if (!delivery?.accepting) {
      // Nothing would keep the delivery items (offline, or delivery is replaying the journal):
      // write the journal lines only. Building items only to drop them is not just wasted
      // work: V8 may have pretenured their allocation sites while a live queue held them, and
      // then every dropped item lands in old space and keeps its strings alive until the next
      // full GC (an outage of 1M points grew the heap by ~100 MB that way).
      if (journal) for (const record of records) journal.append(journalLineOf(record), record.seq);
      journal?.drain();
      delivery?.recorded((records.at(-1) as RunRecord).seq);
      return;
    }
    const serialized: SerializedRecord[] = new Array(records.length);
    const writeLine = journal ? (line: string, seq: number) => journal.append(line, seq) : () => {};
    for (let i = 0; i < records.length; i++) serialized[i] = serializeRecord(records[i] as RunRecord, writeLine);
    journal?.drain();
    delivery.enqueue(serialized);
  }

  /** `tick()`, then force the journal to disk (fdatasync). Safe inside `process.on("exit")`. */
  sync(): void {
    this.tick();
    this.opts.journal?.flush();
  }

  close(): void {
    this.stop();
    this.tick();
    this.opts.journal?.close();
  }

  private push(record: RunRecord): void {
    this.pending.push(record);
    if (this.pending.length >= this.opts.batchSize) this.tick();
  }
}
