import type { MetricBlock } from "../records/frame.js";
import { rowWidth } from "../records/frame.js";

/**
 * Rows of a shape's first buffer; each refill of a busy shape gets a 4× larger one, up to
 * `MAX_ROWS`. A full buffer becomes one batch piece, and requests join whole pieces: 1,000 rows
 * fill the default request of 5,000 points exactly (1,024 left requests of 4,096 and 1,024).
 */
const FIRST_ROWS = 64;
const MAX_ROWS = 1000;
/**
 * Full row buffers per shape the writer may not have spooled yet (up to 64 × 1,000 rows: 6.7 MB
 * for 11 keys). Past them the training thread waits for the writer, which happens when the
 * delivery thread gets no CPU for a while: its start (about 50 ms from spawn to the first spooled
 * frame, at low priority) overlaps the first tens of thousands of calls of a fast loop. Memory
 * stays bounded however far behind it falls.
 */
const MAX_IN_FLIGHT = 64;
/** A buffer never exceeds this many numbers (512 KB), however wide the shape. */
const MAX_CELLS = 64 * 1024;

/** How far the writer got: the last frame it spooled, and a way to wait for a later one. */
export interface SpooledFrame {
  readonly last: number;
  /** Waits (bounded) until frame `no` is spooled; returns the last spooled frame. */
  waitFor(no: number): number;
}

/**
 * A buffer of metric rows shared with the journal writer. It is refilled only once the last frame
 * that referenced it is spooled.
 */
class RowBuffer {
  readonly buffer: SharedArrayBuffer;
  readonly data: Float64Array;
  readonly capacity: number;
  /** Frame that handed over its last rows: the buffer is free once that frame is spooled. */
  lastFrame = 0;

  constructor(capacity: number, width: number) {
    this.capacity = capacity;
    this.buffer = new SharedArrayBuffer(capacity * width * Float64Array.BYTES_PER_ELEMENT);
    this.data = new Float64Array(this.buffer);
  }
}

/**
 * The columns of one key shape (the metric names of a point, in order). The hot path of
 * `logMetrics` writes a row straight into `data`: `[seq, stamp µs, v0, v1, …]`.
 */
export class ShapeColumns {
  readonly keys: readonly string[];
  readonly width: number;
  data: Float64Array;
  capacity: number;
  /** Rows written in the current buffer. */
  rows = 0;
  /** Rows of the current buffer already handed over. */
  private handed = 0;
  private rowBuffer: RowBuffer;
  private readonly retired: RowBuffer[] = [];
  /** Frame in which this shape last had rows: idle shapes are forgotten. */
  lastFrame = 0;

  constructor(keys: readonly string[]) {
    this.keys = keys;
    this.width = rowWidth(keys.length);
    this.rowBuffer = new RowBuffer(this.sizeFor(FIRST_ROWS), this.width);
    this.data = this.rowBuffer.data;
    this.capacity = this.rowBuffer.capacity;
  }

  /**
   * The rows written since the last hand-over, as a block of frame `frameNo`; a full buffer is
   * retired and replaced by one the writer is done with (`spooled` ≥ its last frame), or a new one.
   */
  takeBlock(frameNo: number, spooled: SpooledFrame): MetricBlock | undefined {
    if (this.rows === this.handed) return undefined;
    const block: MetricBlock = {
      keys: this.keys,
      buffer: this.rowBuffer.buffer,
      start: this.handed,
      rows: this.rows - this.handed,
    };
    this.handed = this.rows;
    this.lastFrame = frameNo;
    this.rowBuffer.lastFrame = frameNo;
    if (this.rows === this.capacity) this.replaceBuffer(spooled);
    return block;
  }

  private replaceBuffer(spooled: SpooledFrame): void {
    const full = this.rowBuffer;
    const grown = Math.min(full.capacity * 4, this.sizeFor(MAX_ROWS));
    const free = (done: number) => this.retired.findIndex((b) => b.lastFrame <= done && b.capacity === grown);
    let index = free(spooled.last);
    const oldest = this.retired[0];
    if (index < 0 && oldest && this.retired.length >= MAX_IN_FLIGHT) index = free(spooled.waitFor(oldest.lastFrame));
    const reused = index >= 0 ? this.retired.splice(index, 1)[0] : undefined;
    this.retired.push(full);
    if (this.retired.length > MAX_IN_FLIGHT) this.retired.shift();
    this.rowBuffer = reused ?? new RowBuffer(grown, this.width);
    this.data = this.rowBuffer.data;
    this.capacity = this.rowBuffer.capacity;
    this.rows = 0;
    this.handed = 0;
  }

  private sizeFor(rows: number): number {
    return Math.max(1, Math.min(rows, Math.floor(MAX_CELLS / this.width)));
  }
}

/** The key shape of a point: its metric names, in order, as one map key. */
export function shapeKey(keys: readonly string[]): string {
  // U+0000 cannot be typed by accident in a metric name, and joins are cheap on this slow path.
  return keys.join("\u0000");
}
