import { closeSync, openSync, readSync } from "node:fs";
import { parseRecordLine } from "../records/serialize.js";
import { channelOf } from "../records/types.js";
import type { RunDir } from "../store/run-store.js";

const NEWLINE = 0x0a;
const CLOSE_BRACE = 0x7d;
const BLOCK = 1 << 20;
/** A metric line as the recorder writes it; its seq is all this count needs. */
const METRIC_HEAD = /^\{"seq":(\d+),"ts":\d+,"kind":"metric","values":\{/;

/**
 * Counts the journal's records that the delivery cursors do not cover, synchronously (it runs
 * at `process.on("exit")`). The journal is read in 1 MB blocks and metric lines are judged by
 * their first bytes, so a long run's journal (hundreds of MB after an outage) is never held in
 * memory nor JSON-parsed as a whole at exit.
 */
export function countPendingSync(run: RunDir): number {
  const state = run.readDelivery();
  if (!state) return 0;
  const { cursors } = state;
  let fd: number;
  try {
    fd = openSync(run.recordsFile, "r");
  } catch {
    return 0;
  }
  let pending = 0;
  const countLine = (buffer: Buffer, start: number, end: number) => {
    if (end === start) return;
    const head = METRIC_HEAD.exec(buffer.toString("latin1", start, Math.min(end, start + 96)));
    // A torn metric line (kill mid-write) does not end in "}}" and is not a record.
    if (head && end - start > 2 && buffer[end - 1] === CLOSE_BRACE && buffer[end - 2] === CLOSE_BRACE) {
      if (Number(head[1]) > cursors.metric) pending++;
      return;
    }
    try {
      const record = parseRecordLine(buffer.toString("utf8", start, end));
      const channel = channelOf(record.kind);
      if (channel !== undefined && record.seq > cursors[channel]) pending++;
    } catch {
      // A torn last line is not a record.
    }
  };
  try {
    let rest: Buffer = Buffer.alloc(0);
    let position = 0;
    for (;;) {
      const block = Buffer.allocUnsafe(BLOCK);
      const bytesRead = readSync(fd, block, 0, BLOCK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const buffer =
        rest.length === 0 ? block.subarray(0, bytesRead) : Buffer.concat([rest, block.subarray(0, bytesRead)]);
      let start = 0;
      for (let index = buffer.indexOf(NEWLINE); index !== -1; index = buffer.indexOf(NEWLINE, start)) {
        countLine(buffer, start, index);
        start = index + 1;
      }
      rest = Buffer.from(buffer.subarray(start));
    }
    if (rest.length > 0) countLine(rest, 0, rest.length);
  } finally {
    closeSync(fd);
  }
  return pending;
}
