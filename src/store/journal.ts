import { closeSync, fdatasyncSync, openSync, writeSync } from "node:fs";

/**
 * Append-only JSONL writer: the write-ahead log of a run. Lines are buffered in memory and
 * written + fdatasync'ed by `flush()` (the recorder calls it at least once a second and at
 * exit), so a `kill -9` loses at most the lines of the last interval. Writes are synchronous
 * on purpose: they also run from `process.on("exit")`, where nothing asynchronous can.
 */
export class JournalWriter {
  private fd: number | undefined;
  private chunks: string[] = [];
  private bufferedBytes = 0;
  private lastFlushedSeq = 0;
  private pendingSeq = 0;
  readonly file: string;

  constructor(file: string) {
    this.file = file;
    this.fd = openSync(file, "a");
  }

  /** Buffers one line (without its newline) for record `seq`. */
  append(line: string, seq: number): void {
    if (this.fd === undefined) return;
    this.chunks.push(line, "\n");
    this.bufferedBytes += line.length + 1;
    this.pendingSeq = seq;
    // Keep the buffer small even inside a synchronous training loop that never yields.
    if (this.bufferedBytes >= 1 << 20) this.write();
  }

  /** Hands what is buffered to the OS: it survives a kill of this process from now on. */
  drain(): void {
    this.write();
  }

  /** Writes what is buffered and makes it durable (survives a machine crash). Returns the last durable seq. */
  flush(): number {
    this.write();
    if (this.fd !== undefined && this.lastFlushedSeq > 0) fdatasyncSync(this.fd);
    return this.lastFlushedSeq;
  }

  /** The seq of the last record handed to the OS (durable after the next `flush`). */
  get writtenSeq(): number {
    return this.lastFlushedSeq;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private write(): void {
    if (this.fd === undefined || this.chunks.length === 0) return;
    const data = this.chunks.join("");
    this.chunks = [];
    this.bufferedBytes = 0;
    writeSync(this.fd, data);
    this.lastFlushedSeq = this.pendingSeq;
  }
}
