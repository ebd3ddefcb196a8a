import { closeSync, fdatasync, fdatasyncSync, fstatSync, openSync, writeSync } from "node:fs";

/**
 * A file written only at its end, synchronously (the spool and the journal): what it appends
 * is made durable (fdatasync) on demand, in the background or right away.
 */
export class AppendFile {
  protected fd: number | undefined;
  private sizeValue: number;
  private unpersisted = false;
  readonly file: string;

  constructor(file: string) {
    this.file = file;
    // Readable too: the journal checks its last byte when it opens.
    this.fd = openSync(file, "a+");
    this.sizeValue = fstatSync(this.fd).size;
  }

  /** Bytes in the file: the offset just past what was appended last. */
  get size(): number {
    return this.sizeValue;
  }

  /** Appends `bytes` whole (looping over short writes); returns the new size. */
  protected appendBytes(bytes: Uint8Array): number {
    if (this.fd === undefined || bytes.length === 0) return this.sizeValue;
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
    return this.appended(bytes.length);
  }

  /** Counts `bytes` more appended by a subclass's own write. */
  protected appended(bytes: number): number {
    this.sizeValue += bytes;
    this.unpersisted = true;
    return this.sizeValue;
  }

  /** The file is empty again. */
  protected emptied(): void {
    this.sizeValue = 0;
  }

  /**
   * Makes what was appended durable, off this thread (libuv's pool): a large fdatasync can take
   * tens of ms, and the writer must go on meanwhile.
   */
  persistInBackground(): Promise<void> {
    if (this.fd === undefined || !this.unpersisted) return Promise.resolve();
    this.unpersisted = false;
    const fd = this.fd;
    return new Promise((resolve) => fdatasync(fd, () => resolve()));
  }

  /** Makes what was appended durable (survives a machine crash, not only a kill). */
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
