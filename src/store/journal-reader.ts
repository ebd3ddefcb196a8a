import { isAscii } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";

export interface JournalLine {
  /** The line, without its newline. */
  text: string;
  /** 1-based line number, counted from where the read started. */
  lineNo: number;
  /** Byte offset just past this line: where a later read can resume. */
  end: number;
}

const NEWLINE = 0x0a;
/** Bytes read at once: thousands of lines per read, so a replay is not paced by one await per line. */
const BLOCK = 1 << 20;

/** Complete lines of a block, and how many of its bytes they span (the rest is a partial line). */
interface SplitBlock {
  lines: JournalLine[];
  consumed: number;
}

/**
 * Splits the complete lines out of `buffer`, which starts at journal offset `base`. Lines are
 * numbered from `lineNo + 1`. An ASCII block (the common case) is decoded once, as a whole.
 */
function splitBlock(buffer: Buffer, base: number, lineNo: number): SplitBlock {
  const lastNewline = buffer.lastIndexOf(NEWLINE);
  const lines: JournalLine[] = [];
  if (lastNewline === -1) return { lines, consumed: 0 };
  const whole = buffer.subarray(0, lastNewline + 1);
  let start = 0;
  if (isAscii(whole)) {
    // String indices are byte offsets here.
    const text = whole.toString("latin1");
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", start)) {
      lines.push({ text: text.slice(start, index), lineNo: ++lineNo, end: base + index + 1 });
      start = index + 1;
    }
  } else {
    for (let index = whole.indexOf(NEWLINE); index !== -1; index = whole.indexOf(NEWLINE, start)) {
      lines.push({ text: whole.toString("utf8", start, index), lineNo: ++lineNo, end: base + index + 1 });
      start = index + 1;
    }
  }
  return { lines, consumed: lastNewline + 1 };
}

/**
 * Cuts a byte stream of journal blocks into lines. `push` takes each block read and returns its
 * complete lines; `end` returns the torn last line, if any (a write cut by a kill), which is
 * still handed out: the caller's parser decides whether it is a record.
 */
class LineCutter {
  private rest: Buffer = Buffer.alloc(0);
  private restStart: number;
  private lineNo = 0;

  constructor(fromOffset: number) {
    this.restStart = fromOffset;
  }

  push(read: Buffer): JournalLine[] {
    const buffer = this.rest.length === 0 ? read : Buffer.concat([this.rest, read]);
    const { lines, consumed } = splitBlock(buffer, this.restStart, this.lineNo);
    this.lineNo += lines.length;
    // Copy the tail: a view would keep the whole 1 MB block alive.
    this.rest = Buffer.from(buffer.subarray(consumed));
    this.restStart += consumed;
    return lines;
  }

  end(): JournalLine[] {
    if (this.rest.length === 0) return [];
    return [{ text: this.rest.toString("utf8"), lineNo: this.lineNo + 1, end: this.restStart + this.rest.length }];
  }
}

/**
 * Streams the lines of a journal from a byte offset, a block of lines at a time, with the offset
 * where each line ends, so a reader that has consumed everything up to a line can resume there
 * instead of re-reading the whole file.
 */
export async function* readJournalBlocks(file: string, fromOffset = 0): AsyncGenerator<JournalLine[]> {
  const handle = await open(file, "r");
  try {
    const cutter = new LineCutter(fromOffset);
    for (let position = fromOffset; ; ) {
      const block = Buffer.allocUnsafe(BLOCK);
      const { bytesRead } = await handle.read(block, 0, BLOCK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const lines = cutter.push(block.subarray(0, bytesRead));
      if (lines.length > 0) yield lines;
    }
    const torn = cutter.end();
    if (torn.length > 0) yield torn;
  } finally {
    await handle.close();
  }
}

/** `readJournalBlocks`, synchronously: for `process.on("exit")`, where nothing asynchronous runs. */
export function* readJournalBlocksSync(file: string, fromOffset = 0): Generator<JournalLine[]> {
  const fd = openSync(file, "r");
  try {
    const cutter = new LineCutter(fromOffset);
    for (let position = fromOffset; ; ) {
      const block = Buffer.allocUnsafe(BLOCK);
      const bytesRead = readSync(fd, block, 0, BLOCK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const lines = cutter.push(block.subarray(0, bytesRead));
      if (lines.length > 0) yield lines;
    }
    const torn = cutter.end();
    if (torn.length > 0) yield torn;
  } finally {
    closeSync(fd);
  }
}
