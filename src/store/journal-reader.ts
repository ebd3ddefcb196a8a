import { createReadStream } from "node:fs";

export interface JournalLine {
  /** The line, without its newline. */
  text: string;
  /** 1-based line number, counted from where the read started. */
  lineNo: number;
  /** Byte offset just past this line: where a later read can resume. */
  end: number;
}

const NEWLINE = 0x0a;

/**
 * Streams the lines of a journal from a byte offset, with the offset where each line ends, so a
 * reader that has consumed everything up to a line can resume there instead of re-reading the
 * whole file. A last line without its newline (a write torn by a kill) is still yielded; the
 * caller's parser decides whether it is a record.
 */
export async function* readJournalLines(file: string, fromOffset = 0): AsyncGenerator<JournalLine> {
  const stream = createReadStream(file, { start: fromOffset, highWaterMark: 1 << 16 });
  let rest: Buffer = Buffer.alloc(0);
  let restStart = fromOffset;
  let lineNo = 0;
  for await (const chunk of stream) {
    const buffer = rest.length === 0 ? (chunk as Buffer) : Buffer.concat([rest, chunk as Buffer]);
    let start = 0;
    for (let index = buffer.indexOf(NEWLINE, start); index !== -1; index = buffer.indexOf(NEWLINE, start)) {
      lineNo++;
      yield { text: buffer.toString("utf8", start, index), lineNo, end: restStart + index + 1 };
      start = index + 1;
    }
    rest = buffer.subarray(start);
    restStart += start;
  }
  if (rest.length > 0) yield { text: rest.toString("utf8"), lineNo: lineNo + 1, end: restStart + rest.length };
}
