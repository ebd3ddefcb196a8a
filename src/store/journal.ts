import { closeSync, fdatasync, fdatasyncSync, fstatSync, openSync, readSync, writeSync } from "node:fs";

/**
 * Append-only writer of a run's journal (`records.jsonl`), the write-ahead log every record goes
 * through before delivery. Writes are synchronous on purpose: the journal writer runs on its own
 * thread (or, at `process.on("exit")`, where nothing asynchronous can run); `persist()` makes
 * what was written durable (fdatasync).
 */
export class JournalWriter {
  private fd: number | undefined;
  private sizeValue: number;
  private unpersisted = false;
  readonly file: string;

  constructor(file: string) {
    this.file = file;
    this.fd = openSync(file, "a+");
    this.sizeValue = fstatSync(this.fd).size;
    this.endTornLine();
  }

  /**
   * A process killed in the middle of a write may have left a last line without its newline.
   * It is ended here, so it stays one unreadable line (readers skip it; its record is still in
   * the spool, which is journaled again from the last whole line) instead of swallowing the next
   * line appended.
   */
  private endTornLine(): void {
    if (this.fd === undefined || this.sizeValue === 0) return;
    const last = Buffer.alloc(1);
    readSync(this.fd, last, 0, 1, this.sizeValue - 1);
    if (last[0] !== 0x0a) this.write("\n");
  }

  /** Bytes in the journal: the offset just past the last line written. */
  get size(): number {
    return this.sizeValue;
  }

  /** Appends whole lines (`text` ends with a newline); returns the offset just past them. */
  write(text: string): number {
    return this.writeBytes(Buffer.from(text, "utf8"));
  }

  /** Appends whole lines, already encoded; returns the offset just past them. */
  writeBytes(bytes: Uint8Array): number {
    if (this.fd === undefined || bytes.length === 0) return this.sizeValue;
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.sizeValue += bytes.length;
    this.unpersisted = true;
    return this.sizeValue;
  }

  /**
   * Makes what was written so far durable, off this thread (libuv's pool): a large fdatasync can
   * take tens of ms, and the writer must go on taking frames meanwhile.
   */
  persistInBackground(): Promise<void> {
    if (this.fd === undefined || !this.unpersisted) return Promise.resolve();
    this.unpersisted = false;
    const fd = this.fd;
    return new Promise((resolve) => fdatasync(fd, () => resolve()));
  }

  /** Makes everything written so far durable (survives a machine crash, not only a kill). */
  persist(): void {
    if (this.fd === undefined || !this.unpersisted) return;
    fdatasyncSync(this.fd);
    this.unpersisted = false;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.persist();
    closeSync(this.fd);
    this.fd = undefined;
  }
}
