/**
 * Writing text into a Buffer at an offset, on the journal writer's hot path. Node's Buffers
 * carry `latin1Write`/`utf8Write` (what `buffer.write(text, offset, encoding)` ends up calling,
 * without its argument checks, which cost about as much as the copy for a 200-byte line).
 * They are not in Node's typings; `buffer.write` is the fallback should they ever go.
 */
interface DirectWrites {
  latin1Write?(text: string, offset: number): number;
  utf8Write?(text: string, offset: number): number;
}

const proto = Buffer.prototype as Buffer & DirectWrites;
const hasDirect = typeof proto.latin1Write === "function" && typeof proto.utf8Write === "function";

/** Writes ASCII text (one byte per character) at `offset`; returns the bytes written. */
export function writeAscii(buffer: Buffer, text: string, offset: number): number {
  return hasDirect
    ? ((buffer as Buffer & Required<DirectWrites>).latin1Write(text, offset) as number)
    : buffer.write(text, offset, "latin1");
}

/** Writes text as UTF-8 at `offset` (room for `Buffer.byteLength(text)` must be there); returns the bytes written. */
export function writeUtf8(buffer: Buffer, text: string, offset: number): number {
  return hasDirect
    ? ((buffer as Buffer & Required<DirectWrites>).utf8Write(text, offset) as number)
    : buffer.write(text, offset, "utf8");
}
