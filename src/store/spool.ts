import { closeSync, ftruncateSync, openSync, readSync, writevSync } from "node:fs";
import type { Frame, MetricBlock } from "../records/frame.js";
import { rowWidth } from "../records/frame.js";
import type { RunRecord } from "../records/types.js";
import { AppendFile } from "./append-file.js";

/**
 * The spool (`spool.bin` in the run directory): frames exactly as the training thread handed
 * them over, appended in binary — metric points as raw rows of float64, other records as JSON —
 * before anything else happens to them. Appending a frame costs a memory copy and a write (about
 * a tenth of a microsecond per point), so the journal writer always keeps up with the training
 * loop and no backlog piles up in memory; turning the frames into `records.jsonl` lines (number
 * formatting: the expensive part) happens after, at its own pace, reading the spool back.
 *
 * Entry layout: `[u32 entry bytes][u32 header bytes][header JSON][pad to 8][rows of block 0][rows
 * of block 1]…`, little-endian; the header is `{ no, records, blocks: [{ keys, rows }] }`. A torn
 * last entry (a kill in the middle of a write) is ignored.
 */

interface SpoolHeader {
  no: number;
  records: RunRecord[];
  blocks: Array<{ keys: readonly string[]; rows: number }>;
}

const PREFIX = 8;
/** A buffer of its own (never a slice of Node's pool), so float64 views of it are aligned. */
const aligned = (bytes: number) => Buffer.from(new ArrayBuffer(bytes));
/** Bytes read from the spool at once. */
const CHUNK_BYTES = 1 << 20;
const align8 = (n: number) => (n + 7) & ~7;

const PADDING = new Uint8Array(8);

/** A frame as the byte ranges of one spool entry: prefix, header, padding, then each block's rows. */
function entryParts(frame: Frame): Uint8Array[] {
  const header: SpoolHeader = {
    no: frame.no,
    records: frame.records,
    blocks: frame.blocks.map((block) => ({ keys: block.keys, rows: block.rows })),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const dataAt = align8(PREFIX + headerBytes.length);
  const rows = frame.blocks.map((block) => {
    const width = rowWidth(block.keys.length);
    return new Uint8Array(block.buffer, (block.byteOffset ?? 0) + block.start * width * 8, block.rows * width * 8);
  });
  let total = dataAt;
  for (const part of rows) total += part.length;
  const prefix = Buffer.alloc(PREFIX);
  prefix.writeUInt32LE(total, 0);
  prefix.writeUInt32LE(headerBytes.length, 4);
  return [prefix, headerBytes, PADDING.subarray(0, dataAt - PREFIX - headerBytes.length), ...rows];
}

/**
 * Decodes one spool entry, whose bytes start at `at` in `bytes` (8-aligned). The blocks are views
 * of `bytes`: valid until the caller reuses it.
 */
function decodeEntry(bytes: Uint8Array, at: number): Frame {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(
    Buffer.from(bytes.buffer, bytes.byteOffset + at + PREFIX, headerLength).toString("utf8"),
  ) as SpoolHeader;
  let offset = bytes.byteOffset + at + align8(PREFIX + headerLength);
  const blocks: MetricBlock[] = header.blocks.map(({ keys, rows }) => {
    const block: MetricBlock = { keys, buffer: bytes.buffer as ArrayBuffer, byteOffset: offset, start: 0, rows };
    offset += rows * rowWidth(keys.length) * 8;
    return block;
  });
  return { no: header.no, records: header.records, blocks };
}

/** Appends frames to a run's spool (on the delivery thread); synchronous, like the journal. */
export class SpoolWriter extends AppendFile {
  /**
   * Appends a frame: its header, then its metric rows written straight from the (shared) buffers
   * they were recorded in — one gathered write, no copy in JavaScript.
   */
  append(frame: Frame): void {
    if (this.fd === undefined) return;
    const parts = entryParts(frame);
    let total = 0;
    for (const part of parts) total += part.length;
    const written = writevSync(this.fd, parts);
    this.appended(written);
    // A regular file takes a gathered write whole; should it not, write the rest in one piece.
    if (written < total) this.appendBytes(Buffer.concat(parts).subarray(written));
  }

  /** Empties the spool once every frame in it is in the journal. */
  truncate(): void {
    if (this.fd === undefined) return;
    ftruncateSync(this.fd, 0);
    this.emptied();
  }
}

/**
 * Reads spool entries in order from a byte offset, through one reused buffer: the frames `next()`
 * returns are valid until the next call.
 */
export class SpoolReader {
  private readonly fd: number;
  private offsetValue: number;
  private chunk = aligned(CHUNK_BYTES);

  constructor(file: string, fromOffset = 0) {
    this.fd = openSync(file, "r");
    this.offsetValue = fromOffset;
  }

  /** Offset just past the last entry read. */
  get offset(): number {
    return this.offsetValue;
  }

  /** The next whole entries, about `maxBytes` of them (none at the end, or when the next one is torn). */
  next(maxBytes: number): Frame[] {
    const wanted = Math.max(maxBytes, PREFIX);
    if (this.chunk.length < wanted) this.chunk = aligned(wanted);
    const read = readSync(this.fd, this.chunk, 0, Math.min(this.chunk.length, wanted * 2), this.offsetValue);
    const frames: Frame[] = [];
    let at = 0;
    while (at + PREFIX <= read) {
      const total = this.chunk.readUInt32LE(at);
      if (total < PREFIX) break;
      if (at + total > read) {
        // The entry goes past what was read: read it whole on its own, if it is the first.
        if (frames.length > 0) break;
        const entry = aligned(total);
        if (readSync(this.fd, entry, 0, total, this.offsetValue) < total) break;
        this.chunk = entry.length > this.chunk.length ? entry : this.chunk;
        frames.push(decodeEntry(entry, 0));
        this.offsetValue += total;
        break;
      }
      frames.push(decodeEntry(this.chunk, at));
      at += total;
      this.offsetValue += total;
      if (at >= maxBytes) break;
    }
    return frames;
  }

  close(): void {
    closeSync(this.fd);
  }
}
