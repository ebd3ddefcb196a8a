import type { Frame, MetricBlock } from "../records/frame.js";
import { ROW_HEAD, rowWidth } from "../records/frame.js";
import { RowEncoder } from "../records/row-encoder.js";
import { wireOf } from "../records/serialize.js";
import { ByteBuffer } from "../store/byte-buffer.js";
import type { JournalWriter } from "../store/journal.js";
import { shapeKey } from "./metric-columns.js";
import { type BatchLimits, type Piece, PieceCollector } from "./pieces.js";

/** A block being read: the next row and where the block ends. */
interface BlockCursor {
  data: Float64Array;
  width: number;
  row: number;
  end: number;
  encoder: RowEncoder;
}

/**
 * Turns frames into journal lines, in seq order, and, when live delivery wants them, into their
 * delivery pieces built from the same text (a metric point's values are encoded once, for the
 * line and for the wire element). No I/O: the journal writer (`FrameWriter`) appends what it
 * encodes, and so does the conversion thread's host with what that thread encodes.
 */
export class FrameEncoder {
  private readonly encoders = new Map<string, RowEncoder>();
  private lastSeqValue: number;
  /** The lines encoded since the last `lines.reset()`. */
  readonly lines = new LineBuffer();
  /** Reused from frame to frame: each frame's batches are closed (copied out) before it returns. */
  private readonly collector: PieceCollector;

  constructor(limits: BatchLimits, lastSeq = 0) {
    this.lastSeqValue = lastSeq;
    this.collector = new PieceCollector(limits);
  }

  /** Seq of the last record encoded (or skipped as already journaled). */
  get lastSeq(): number {
    return this.lastSeqValue;
  }

  /** Records up to `seq` are in the journal already (encoded elsewhere): they are skipped. */
  skipThrough(seq: number): void {
    this.lastSeqValue = Math.max(this.lastSeqValue, seq);
  }

  /**
   * Appends the frame's journal lines to `lines`; when `collect`, adds its delivery pieces to
   * `pieces`, each with `end` = the length of `lines` past the frame (the caller adds where
   * `lines` start in the journal).
   */
  encode(frame: Frame, collect: boolean, pieces: Piece[]): void {
    const collector = this.collector;
    collector.clear();
    const first = pieces.length;
    this.encodeRecords(frame, collect, pieces);
    collector.close(pieces);
    for (let i = first; i < pieces.length; i++) (pieces[i] as Piece).end = this.lines.length;
  }

  /**
   * The loop of `encode`, in a function of its own that returns right after it. V8 compiles a
   * long-running loop on the fly (on-stack replacement) and enters that code again at the loop of
   * every later call; code after the loop in the same function would run in it too, and a
   * deoptimization there (closing the last batch) repeated on every call, about a thousand times
   * in some million-point runs.
   */
  private encodeRecords(frame: Frame, collect: boolean, pieces: Piece[]): void {
    const lines = this.lines;
    const collector = this.collector;
    const blocks = frame.blocks.map((block) => this.cursorOf(block));
    const records = frame.records;
    let next = 0;
    for (;;) {
      // The next record in seq order: a metric row of one of the blocks, or a non-metric record.
      let block: BlockCursor | undefined;
      let seq = Number.POSITIVE_INFINITY;
      for (const cursor of blocks) {
        if (cursor.row < cursor.end) {
          const rowSeq = cursor.data[cursor.row * cursor.width] as number;
          if (rowSeq < seq) {
            seq = rowSeq;
            block = cursor;
          }
        }
      }
      const record = records[next];
      if (record !== undefined && record.seq < seq) {
        next++;
        // Already in the journal (a spool entry turned into lines before a crash): skip it.
        if (record.seq <= this.lastSeqValue) continue;
        lines.text(`${JSON.stringify(record)}\n`);
        if (collect) collector.add(record, wireOf(record), 0, pieces);
        this.lastSeqValue = record.seq;
        continue;
      }
      if (block === undefined) break;
      const at = block.row * block.width;
      if (seq <= this.lastSeqValue) {
        block.row++;
        continue;
      }
      const us = block.data[at + 1] as number;
      const encoder = block.encoder;
      lines.row(encoder, seq, us, block.data, at + ROW_HEAD);
      if (collect) collector.metrics.addRow(seq, encoder, lines.target, us, pieces, 0);
      this.lastSeqValue = seq;
      block.row++;
    }
  }

  private cursorOf(block: MetricBlock): BlockCursor {
    const id = shapeKey(block.keys);
    let encoder = this.encoders.get(id);
    if (!encoder) {
      encoder = new RowEncoder(block.keys);
      this.encoders.set(id, encoder);
    }
    return {
      data: new Float64Array(block.buffer, block.byteOffset ?? 0),
      width: rowWidth(block.keys.length),
      row: block.start,
      end: block.start + block.rows,
      encoder,
    };
  }
}

/**
 * The journal writer: appends frames to the journal as lines (encoded here, or on the conversion
 * thread), and hands back their delivery pieces with journal offsets.
 */
export class FrameWriter {
  private readonly journal: JournalWriter;
  private readonly encoder: FrameEncoder;

  constructor(journal: JournalWriter, limits: BatchLimits, lastSeq = 0) {
    this.journal = journal;
    this.encoder = new FrameEncoder(limits, lastSeq);
  }

  /** Seq of the last record in the journal. */
  get lastSeq(): number {
    return this.encoder.lastSeq;
  }

  /** Journal offset just past the last line. */
  get size(): number {
    return this.journal.size;
  }

  /** Appends the frame's records to the journal; returns their delivery pieces when `collect`. */
  write(frame: Frame, collect: boolean): Piece[] {
    const lines = this.encoder.lines;
    lines.reset();
    const pieces: Piece[] = [];
    this.encoder.encode(frame, collect, pieces);
    this.append(lines.bytes(), pieces, this.encoder.lastSeq);
    return pieces;
  }

  /**
   * Appends lines encoded elsewhere (the conversion thread), whose pieces' `end` count from the
   * start of `lines`, and the seq of their last record.
   */
  append(lines: Uint8Array, pieces: Piece[], lastSeq: number): void {
    const start = this.journal.size;
    if (lines.length > 0) this.journal.writeBytes(lines);
    for (const piece of pieces) piece.end += start;
    this.encoder.skipThrough(lastSeq);
  }
}

/**
 * The bytes of journal lines, written straight into one reused buffer: no array of line strings,
 * no joined copy of them.
 */
export class LineBuffer {
  private out = new ByteBuffer(1 << 20);

  get length(): number {
    return this.out.length;
  }

  reset(): void {
    this.out.length = 0;
  }

  /** The bytes the lines are written to (valid until the next write). */
  get target(): Uint8Array {
    return this.out.bytes;
  }

  /** The journal line of a metric row. */
  row(encoder: RowEncoder, seq: number, us: number, data: Float64Array, at: number): void {
    const out = this.out;
    out.reserve(encoder.maxLineBytes);
    out.length = encoder.line(out.bytes, out.length, seq, us, data, at);
  }

  text(line: string): void {
    this.out.append(line, false);
  }

  bytes(): Uint8Array {
    return this.out.bytes.subarray(0, this.out.length);
  }

  /** Writes the next lines into `memory` (handed back by another thread), from its start. */
  adopt(memory: ArrayBuffer): void {
    this.out = new ByteBuffer(memory);
  }

  /** Gives away the memory the lines were written to (for a transfer to another thread). */
  take(): ArrayBuffer {
    const taken = this.out.bytes.buffer as ArrayBuffer;
    this.out = new ByteBuffer(0);
    return taken;
  }
}
