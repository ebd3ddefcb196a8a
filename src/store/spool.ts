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

/** Whole spool entries as they are on disk: `bytes[0, length)`. */
export interface SpoolChunk {
  bytes: Buffer<ArrayBuffer>;
  length: number;
}

/** Decodes the entries of a chunk; the frames' blocks are views of its bytes. */
export function decodeEntries(bytes: Uint8Array, length: number): Frame[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, length);
  const frames: Frame[] = [];
  for (let at = 0; at < length; at += view.getUint32(at, true)) frames.push(decodeEntry(bytes, at));
  return frames;
}

/** A buffer to read spool chunks into (8-aligned, so float64 views of it are too). */
export function chunkBuffer(bytes = CHUNK_BYTES): Buffer<ArrayBuffer> {
  return aligned(bytes);
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
    const chunk = this.nextChunk(maxBytes, this.chunk);
    this.chunk = chunk.bytes;
    return decodeEntries(chunk.bytes, chunk.length);
  }

  /**
   * The next whole entries, about `maxBytes` of them, read into `into` (whose bytes are replaced
   * by a larger buffer when it cannot hold them, or the first entry alone).
   */
  nextChunk(maxBytes: number, into: Buffer<ArrayBuffer>): SpoolChunk {
    const wanted = Math.max(maxBytes, PREFIX);
    const buffer = into.length < wanted ? aligned(wanted) : into;
    const read = readSync(this.fd, buffer, 0, Math.min(buffer.length, wanted * 2), this.offsetValue);
    let at = 0;
    while (at + PREFIX <= read) {
      const total = buffer.readUInt32LE(at);
      if (total < PREFIX) break;
      if (at + total > read) {
        // The entry goes past what was read: read it whole on its own, if it is the first.
        if (at > 0) break;
        const entry = total > buffer.length ? aligned(total) : buffer;
        if (readSync(this.fd, entry, 0, total, this.offsetValue) < total) break;
        this.offsetValue += total;
        return { bytes: entry, length: total };
      }
      at += total;
      this.offsetValue += total;
      if (at >= maxBytes) break;
    }
    return { bytes: buffer, length: at };
  }

  close(): void {
    closeSync(this.fd);
  }
}
