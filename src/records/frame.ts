import type { RunRecord } from "./types.js";

/**
 * What the training thread hands to the journal writer: everything recorded since the previous
 * frame. Frames are numbered from 1 and cover consecutive seq ranges, so the writer can merge a
 * frame's metric rows and other records by seq and append them to the journal in order.
 */
export interface Frame {
  /** 1, 2, 3…: the delivery side reports by number the last frame it spooled (`spooledFrame`). */
  no: number;
  /** Records other than metric points (statuses, updates, logs, …), in seq order. */
  records: RunRecord[];
  /** Metric points, one block per key shape, rows in seq order. */
  blocks: MetricBlock[];
}

/**
 * Metric points of one key shape, as columns of numbers: row r occupies
 * `data[(start + r) * width … + width)` = `[seq, stamp µs, value of keys[0], …]`, and a NaN
 * value means "left out of this point" (the facade drops null/NaN/±Infinity). `buffer` is
 * shared with the writer thread (no copy), or a plain buffer on the same thread.
 */
export interface MetricBlock {
  keys: readonly string[];
  buffer: SharedArrayBuffer | ArrayBuffer;
  /** Where the rows start in `buffer` (default 0; a multiple of 8). */
  byteOffset?: number;
  /** First row of this block, counted from `byteOffset`. */
  start: number;
  rows: number;
}

/** Columns before the values in a metric row. */
export const ROW_HEAD = 2;

/** Row width of a key shape. */
export function rowWidth(keyCount: number): number {
  return keyCount + ROW_HEAD;
}
