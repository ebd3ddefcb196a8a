import { isAscii } from "node:buffer";
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

/**
 * Streams the lines of a journal from a byte offset, a block of lines at a time, with the offset
 * where each line ends, so a reader that has consumed everything up to a line can resume there
 * instead of re-reading the whole file. A last line without its newline (a write torn by a kill)
 * is still yielded; the caller's parser decides whether it is a record.
 */
export async function* readJournalBlocks(file: string, fromOffset = 0): AsyncGenerator<JournalLine[]> {
  const handle = await open(file, "r");
  try {
    let rest: Buffer = Buffer.alloc(0);
    let restStart = fromOffset;
    let position = fromOffset;
    let lineNo = 0;
    for (;;) {
      const block = Buffer.allocUnsafe(BLOCK);
      const { bytesRead } = await handle.read(block, 0, BLOCK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const read = block.subarray(0, bytesRead);
      const buffer = rest.length === 0 ? read : Buffer.concat([rest, read]);
      const lastNewline = buffer.lastIndexOf(NEWLINE);
      if (lastNewline === -1) {
        rest = buffer;
        continue;
      }
      const lines: JournalLine[] = [];
      const whole = buffer.subarray(0, lastNewline + 1);
      if (isAscii(whole)) {
        // One decode for the whole block; string indices are byte offsets here.
        const text = whole.toString("latin1");
        let start = 0;
        for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", start)) {
          lines.push({ text: text.slice(start, index), lineNo: ++lineNo, end: restStart + index + 1 });
          start = index + 1;
        }
      } else {
        let start = 0;
        for (let index = buffer.indexOf(NEWLINE); index !== -1 && index <= lastNewline; ) {
          lines.push({ text: buffer.toString("utf8", start, index), lineNo: ++lineNo, end: restStart + index + 1 });
          start = index + 1;
          index = buffer.indexOf(NEWLINE, start);
        }
      }
      // Copy the tail: a view would keep the whole 1 MB block alive.
      rest = Buffer.from(buffer.subarray(lastNewline + 1));
      restStart += lastNewline + 1;
      yield lines;
    }
    if (rest.length > 0) yield [{ text: rest.toString("utf8"), lineNo: lineNo + 1, end: restStart + rest.length }];
  } finally {
    await handle.close();
  }
}

/** The lines of a journal one by one (see `readJournalBlocks`). */
export async function* readJournalLines(file: string, fromOffset = 0): AsyncGenerator<JournalLine> {
  for await (const lines of readJournalBlocks(file, fromOffset)) yield* lines;
}
