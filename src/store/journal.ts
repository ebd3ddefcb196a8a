import { readSync } from "node:fs";
import { AppendFile } from "./append-file.js";

/**
 * Append-only writer of a run's journal (`records.jsonl`), the write-ahead log every record goes
 * through before delivery. Writes are synchronous on purpose: the journal writer runs on its own
 * thread (or, at `process.on("exit")`, where nothing asynchronous can run); `persist()` makes
 * what was written durable (fdatasync).
 */
export class JournalWriter extends AppendFile {
  constructor(file: string) {
    super(file);
    this.endTornLine();
  }

  /**
   * A process killed in the middle of a write may have left a last line without its newline.
   * It is ended here, so it stays one unreadable line (readers skip it; its record is still in
   * the spool, which is journaled again from the last whole line) instead of swallowing the next
   * line appended.
   */
  private endTornLine(): void {
    if (this.fd === undefined || this.size === 0) return;
    const last = Buffer.alloc(1);
    readSync(this.fd, last, 0, 1, this.size - 1);
    if (last[0] !== 0x0a) this.write("\n");
  }

  /** Appends whole lines (`text` ends with a newline); returns the offset just past them. */
  write(text: string): number {
    return this.appendBytes(Buffer.from(text, "utf8"));
  }

  /** Appends whole lines, already encoded; returns the offset just past them. */
  writeBytes(bytes: Uint8Array): number {
    return this.appendBytes(bytes);
  }
}
