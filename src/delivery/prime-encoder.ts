import { type MetricBlock, ROW_HEAD, rowWidth } from "../records/frame.js";
import type { RunRecord } from "../records/types.js";
import { FrameEncoder } from "./frame-writer.js";
import type { Piece } from "./pieces.js";

/** Values of the made-up rows: every kind of number the row encoder writes a different way. */
const VALUES: readonly (readonly number[])[] = [
  [0, 7, 0.001, 1 / 3],
  [-12, 2 ** 40, -2.25, 1 / 3],
  [3_000_000_000, Number.NaN, 1e-7, 2 / 3],
  [-(2 ** 53 - 1), 1e21, 5e-324, -0],
  [42, 123456.789, 0.5, Number.NaN],
];
/** Stamps of the rows: the same millisecond, a whole millisecond, the next second. */
const STAMPS = [
  1_764_505_380_999_998, 1_764_505_380_999_999, 1_764_505_381_000_000, 1_764_505_381_000_100, 1_764_505_381_002_345,
];
const KEYS = ["a", "b", "c", "d"];
/** Seqs of the rows (above 2^31, see below), and of a log record that falls between rows 2 and 3. */
const SEQS = [1, 2, 4, 5, 6];
const RECORD_SEQ = 3;
/**
 * V8 gives a function its type-feedback vector only after some calls (lazy feedback allocation):
 * the smallest helpers, such as the copy of a closed batch, need tens of calls before any
 * feedback is recorded. Each round closes about a batch per row.
 */
const PRIMING_ROUNDS = 8;
/** Batches closed by count (one element each), and by bytes (two elements never fit). */
const LIMITS = [
  { maxItems: 1, maxBytes: 2_000_000 },
  { maxItems: 1_000, maxBytes: 200 },
];

/**
 * Runs the frame encoder once over two made-up frames that take every path a run's frames take:
 * integers of every size and sign, short decimals, other floats, repeated and missing values,
 * stamps within and across milliseconds and seconds, a record between rows, batches closed by
 * count and by bytes, blocks in shared memory and in a spool chunk.
 *
 * Why: V8 compiles the encoder once it is hot, with the type feedback gathered so far, and throws
 * that code away the first time a path without feedback runs (a path or a field type not seen
 * yet), then compiles it again on the helper threads that the training thread shares. Over a
 * million points that happened 5–12 times, and in 3 runs of 10 about a thousand times: a batch
 * copy that had never run before the encoder was compiled deoptimized it on every frame. Primed
 * at thread start (about 6 ms, half of it compiling code the first frames would compile anyway),
 * the encoder is compiled once, with feedback for everything. The output is dropped.
 */
export function primeFrameEncoder(): void {
  for (let round = 0; round < PRIMING_ROUNDS; round++) primeOnce(round);
}

function primeOnce(round: number): void {
  const width = rowWidth(KEYS.length);
  const encoder = new FrameEncoder(LIMITS[round % LIMITS.length] as (typeof LIMITS)[number]);
  const pieces: Piece[] = [];
  for (const shared of [true, false]) {
    const offset = shared ? 0 : 8;
    const bytes = offset + VALUES.length * width * Float64Array.BYTES_PER_ELEMENT;
    const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    const data = new Float64Array(buffer, offset);
    // Seqs beyond 2^31 are not small integers (Smis) for V8: the fields that keep a seq (a batch's
    // first and last, the encoder's last) are typed as doubles from the start, as optimized code
    // stores them, instead of being retyped (and their code thrown away) in the middle of a run.
    const base = 2 ** 31 + (shared ? 0 : 100);
    VALUES.forEach((values, row) => {
      data[row * width] = base + (SEQS[row] as number);
      data[row * width + 1] = STAMPS[row] as number;
      data.set(values, row * width + ROW_HEAD);
    });
    const record: RunRecord = { kind: "log", seq: base + RECORD_SEQ, ts: 1_764_505_381_000.05, line: "primed" };
    // Frames from the training thread have no offset; frames read back from the spool do.
    const block: MetricBlock = { keys: KEYS, buffer, start: 0, rows: VALUES.length };
    if (!shared) block.byteOffset = offset;
    encoder.encode({ no: shared ? 1 : 2, records: [record], blocks: [block] }, true, pieces);
    encoder.lines.reset();
  }
}
