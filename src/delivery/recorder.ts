import { type Frame, type MetricBlock, ROW_HEAD } from "../records/frame.js";
import { type DroppedReason, metricKeys, metricNumber } from "../records/metric-values.js";
import type { RunRecord } from "../records/types.js";
import { msOfUs, StampClock } from "./clock.js";
import { ShapeColumns, shapeKey } from "./metric-columns.js";

export type { DroppedReason };

/** A record as the facade describes it, before the recorder stamps it with seq and ts. */
export type RecordInput = RunRecord extends infer R ? (R extends RunRecord ? Omit<R, "seq" | "ts"> : never) : never;

/** Where frames go: the journal writer, on its own thread or on this one. */
export interface FrameSink {
  accept(frame: Frame): void;
  /** Number of the last frame the writer took (in its spool): that frame's buffers may be reused. */
  readonly spooledFrame: number;
  /** Waits (bounded) until frame `no` is taken; returns the last frame taken. Only when memory demands it. */
  waitSpooled?(no: number): number;
}

export interface RecorderOptions {
  sink: FrameSink;
  /** Longest time a record waits before it is handed to the journal writer. */
  handOffMs: number;
  /** Seq of the last record already in the journal (attaching to a run continues after it). */
  startSeq?: number;
  /** A metric value left out of its point (null, NaN, ±Infinity): the facade warns once per key. */
  onDroppedMetric?: (key: string, reason: DroppedReason) => void;
}

/** Records other than metric points handed over at once past this count (bounds memory in a loop that never yields). */
const MAX_HELD_RECORDS = 4096;
/** Shapes unused for this many frames are forgotten (a loop with ever-changing metric names). */
const IDLE_FRAMES = 8;

/**
 * The training thread's side of a run: it stamps every record (seq + microsecond time) and
 * keeps it until the next hand-over to the journal writer, which serialises, journals and
 * delivers off this thread.
 *
 * `metric()` is the hot path of `logMetrics`: it checks the values while writing them into the
 * columns of their key shape (one row of numbers), with no allocation and no JSON. Records are
 * handed over every `handOffMs` (timer), and from inside a call when a shape's buffer is full or
 * the last hand-over is older than `handOffMs` — so a training loop that never yields still gets
 * its records journaled on time.
 */
export class Recorder {
  private seq: number;
  private readonly clock = new StampClock();
  private readonly shapes = new Map<string, ShapeColumns>();
  /** Shape of the previous point: the fast path writes there when the next point has the same keys. */
  private current: ShapeColumns | undefined;
  private records: RunRecord[] = [];
  private frameNo = 0;
  private dueUs = 0;
  private readonly periodUs: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly opts: RecorderOptions;

  constructor(options: RecorderOptions) {
    this.opts = options;
    this.seq = options.startSeq ?? 0;
    this.periodUs = options.handOffMs * 1000;
    this.dueUs = this.clock.next() + this.periodUs;
  }

  /** Seq of the last record made. */
  get lastSeq(): number {
    return this.seq;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.handOff(), this.opts.handOffMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  record(input: RecordInput): RunRecord {
    const us = this.clock.next();
    const record = { ...input, seq: ++this.seq, ts: msOfUs(us) } as RunRecord;
    this.records.push(record);
    if (us >= this.dueUs || this.records.length >= MAX_HELD_RECORDS) this.handOff();
    return record;
  }

  /**
   * Records one metric point. Values must be numbers; null, NaN and ±Infinity are left out of the
   * point (`onDroppedMetric`); a bigint is converted; anything else is a `ValidationError` naming
   * the key, thrown before anything is recorded. Returns false when every value was left out.
   */
  metric(values: Record<string, unknown>): boolean {
    const shape = this.current;
    if (shape !== undefined) {
      const keys = shape.keys;
      const data = shape.data;
      const base = shape.rows * shape.width;
      const at = base + ROW_HEAD;
      let i = 0;
      let fits = true;
      // Same keys in the same order as the previous point, all finite numbers: write in place.
      // (for…in also walks inherited enumerable keys: they do not match the shape's own keys,
      // so such an object takes the checked path below.)
      for (const key in values) {
        const value = values[key];
        if (keys[i] !== key || typeof value !== "number" || value - value !== 0) {
          fits = false;
          break;
        }
        data[at + i] = value;
        i++;
      }
      if (fits && i === keys.length) {
        this.commit(shape, base);
        return true;
      }
    }
    return this.checkedMetric(values);
  }

  /** Hands everything recorded since the last hand-over to the journal writer. */
  handOff(): void {
    const us = this.clock.last;
    this.dueUs = us + this.periodUs;
    this.clock.resync();
    const frameNo = this.frameNo + 1;
    const sink = this.opts.sink;
    const spooled = {
      last: sink.spooledFrame,
      waitFor: (no: number) => sink.waitSpooled?.(no) ?? sink.spooledFrame,
    };
    const blocks: MetricBlock[] = [];
    for (const [key, shape] of this.shapes) {
      const block = shape.takeBlock(frameNo, spooled);
      if (block) blocks.push(block);
      else if (frameNo - shape.lastFrame > IDLE_FRAMES && shape.rows === 0) {
        this.shapes.delete(key);
        if (this.current === shape) this.current = undefined;
      }
    }
    if (blocks.length === 0 && this.records.length === 0) return;
    this.frameNo = frameNo;
    const frame: Frame = { no: frameNo, records: this.records, blocks };
    this.records = [];
    this.opts.sink.accept(frame);
  }

  private commit(shape: ShapeColumns, base: number): void {
    const us = this.clock.next();
    const data = shape.data;
    data[base] = ++this.seq;
    data[base + 1] = us;
    if (++shape.rows === shape.capacity || us >= this.dueUs) this.handOff();
  }

  /** Every check, for points that do not fit the previous shape (new keys, a dropped value, bad input). */
  private checkedMetric(values: Record<string, unknown>): boolean {
    const keys = metricKeys(values);
    const numbers = new Array<number>(keys.length);
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const value = metricNumber(key, values[key], this.opts.onDroppedMetric);
      numbers[i] = value;
      if (!Number.isNaN(value)) kept++;
    }
    if (kept === 0) return false;
    const id = shapeKey(keys);
    let shape = this.shapes.get(id);
    if (!shape) {
      shape = new ShapeColumns(keys);
      this.shapes.set(id, shape);
    }
    this.current = shape;
    const base = shape.rows * shape.width;
    for (let i = 0; i < numbers.length; i++) shape.data[base + ROW_HEAD + i] = numbers[i] as number;
    this.commit(shape, base);
    return true;
  }
}
