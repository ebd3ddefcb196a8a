import { writeAscii, writeUtf8 } from "./buffer-text.js";

/**
 * A growable byte buffer the journal writer fills with lines and request bodies. It keeps two
 * views of the same memory: `bytes`, a plain Uint8Array for the row encoder's byte stores (one
 * array type at those sites keeps them fast), and a Buffer for writing strings.
 */
export class ByteBuffer {
  bytes: Uint8Array;
  private text: Buffer;
  /** Bytes in use, from the start. */
  length = 0;

  /** `capacity` bytes, or the memory of a buffer handed back by another thread. */
  constructor(capacity: number | ArrayBuffer) {
    // Two constructor overloads (length, buffer): one call each, as TypeScript takes no union here.
    this.bytes = typeof capacity === "number" ? new Uint8Array(capacity) : new Uint8Array(capacity);
    this.text = Buffer.from(this.bytes.buffer);
  }

  /** Makes room for `bytes` more bytes past `length` (`bytes` may be replaced). */
  reserve(bytes: number): void {
    if (this.length + bytes <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + bytes));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.text = Buffer.from(grown.buffer);
  }

  /** Appends text, known to be ASCII or encoded as UTF-8. */
  append(text: string, ascii: boolean): void {
    this.reserve(ascii ? text.length : Buffer.byteLength(text, "utf8"));
    this.length += ascii ? writeAscii(this.text, text, this.length) : writeUtf8(this.text, text, this.length);
  }

  /** A copy of the bytes in use. */
  copy(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}
