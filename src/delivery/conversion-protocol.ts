import type { BatchLimits, Piece } from "./pieces.js";

/** What the conversion thread starts with. */
export interface ConversionData {
  limits: BatchLimits;
}

/** A chunk of the spool to turn into journal lines (its memory is transferred, and handed back). */
export interface ConvertRequest {
  /** Whole spool entries: `chunk[0, length)`. */
  chunk: ArrayBuffer;
  length: number;
  /** Memory to write the lines into (a previous result's, handed back), if any. */
  lines?: ArrayBuffer;
  /** Records up to this seq are in the journal already: skipped. */
  afterSeq: number;
  /** Build the delivery pieces too (live delivery takes them). */
  collect: boolean;
}

export type FromConversion =
  | {
      type: "converted";
      chunk: ArrayBuffer;
      /** The journal lines: `lines[0, linesLength)`. */
      lines: ArrayBuffer;
      linesLength: number;
      /** Their `end` counts from the start of `lines`. */
      pieces: Piece[];
      /** Seq of the last record converted. */
      lastSeq: number;
    }
  | { type: "failed"; message: string }
  /** Loaded and waiting for chunks (until then, the delivery thread converts them itself). */
  | { type: "ready" };

export type ConvertResult = Extract<FromConversion, { type: "converted" }>;
