/**
 * The byte encoder of metric rows against the string encodings it replaces on the hot path
 * (serialize.ts): for rows of every kind of number, key and stamp, the journal line and the wire
 * element are byte for byte the reference text, and batches split exactly where they would.
 */
import { describe, expect, it } from "vitest";
import { BatchBuilder, type Piece } from "../../src/delivery/pieces.js";
import { ROW_HEAD } from "../../src/records/frame.js";
import { RowEncoder } from "../../src/records/row-encoder.js";
import { metricLine, metricWire, tsText } from "../../src/records/serialize.js";

/** Deterministic pseudo-random numbers (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIAL = [
  0,
  -0,
  1,
  -1,
  7,
  10,
  99,
  100,
  12345678,
  -987654321,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  2 ** 53,
  -(2 ** 53),
  1e21,
  -1e21,
  1e300,
  5e-324,
  -5e-324,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.EPSILON,
  0.1,
  0.5,
  -0.25,
  1 / 3,
  2 / 3,
  1e-7,
  123e-20,
  1.5e16,
  2 ** 53 + 2,
  4.35,
  0.001,
  100.5,
];

/** Around the bounds of the short-decimal path (1e-6 ≤ |x| < 2^23, at most 9 decimals). */
const SHORT_EDGES = [
  1e-6,
  -1e-6,
  9.99e-7,
  1.5e-6,
  0.000001234,
  0.0000012345,
  2 ** 23 - 0.5,
  2 ** 23 - 1e-9,
  8388607.999999999,
  2 ** 23 + 0.5,
  -(2 ** 23) + 0.25,
  0.1 + 0.2,
  1.15,
  0.999999999,
  -0.999999999,
  1.000000001,
  123456.789012345,
  4.35 * 100,
];

/** A decimal of 1 to 12 decimals and 1 to 15 digits, of either sign (what a learning rate or a ratio looks like). */
function shortDecimal(next: () => number): number {
  const decimals = 1 + Math.floor(next() * 12);
  const digits = 1 + Math.floor(next() * 15);
  const mantissa = Math.floor(next() * 10 ** digits);
  const value = Number(`${mantissa}e-${decimals}`);
  return next() < 0.5 ? -value : value;
}

function anyNumber(next: () => number): number {
  const pick = next();
  if (pick < 0.25) return SPECIAL[Math.floor(next() * SPECIAL.length)] as number;
  if (pick < 0.27) return SHORT_EDGES[Math.floor(next() * SHORT_EDGES.length)] as number;
  if (pick < 0.3) return shortDecimal(next);
  if (pick < 0.5) return Math.floor((next() - 0.5) * 2 ** Math.floor(next() * 60));
  if (pick < 0.6) return Number.NaN; // a key missing from this point
  // Any finite double, from random bits.
  const view = new DataView(new ArrayBuffer(8));
  for (;;) {
    view.setUint32(0, Math.floor(next() * 2 ** 32));
    view.setUint32(4, Math.floor(next() * 2 ** 32));
    const value = view.getFloat64(0);
    if (Number.isFinite(value)) return value;
  }
}

const STAMPS = [
  1_764_505_380_123_456, 1_764_505_380_123_000, 1_764_505_380_123_400, 1_764_505_380_123_450, 1_764_505_380_000_001,
  1_764_505_380_000_010, 1_764_505_380_000_100, 1_764_505_380_999_999, 1_000, 1, 0,
];

function anyStamp(next: () => number, previous: number): number {
  const pick = next();
  if (pick < 0.3) return STAMPS[Math.floor(next() * STAMPS.length)] as number;
  // A fast loop: often the same millisecond as the previous row (the encoder reuses its digits).
  if (pick < 0.6) return previous + 1 + Math.floor(next() * 400);
  return previous + 1 + Math.floor(next() * 3_000_000);
}

const SHAPES = [
  ["step", "loss", "accuracy", "lr"],
  ["a"],
  ["λ", "naïve key", "emoji 🚀", 'quote " and \\ backslash', "tab\tnew\nline"],
  ["x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"],
];

interface Row {
  seq: number;
  us: number;
  values: Record<string, number>;
  data: Float64Array;
}

function rows(seed: number, keys: readonly string[], count: number): Row[] {
  const next = random(seed);
  const out: Row[] = [];
  let us = 1_764_505_380_000_000;
  let seq = Math.floor(next() * 1000);
  let previous: number[] = keys.map(() => 0);
  for (let n = 0; n < count; n++) {
    us = anyStamp(next, us);
    seq += 1 + Math.floor(next() * 5);
    // Half the time a column repeats its previous value (what the per-column cache reuses).
    const numbers = keys.map((_, i) => (next() < 0.5 ? (previous[i] as number) : anyNumber(next)));
    previous = numbers;
    const data = new Float64Array(ROW_HEAD + keys.length);
    data[0] = seq;
    data[1] = us;
    data.set(numbers, ROW_HEAD);
    const values: Record<string, number> = {};
    keys.forEach((key, i) => {
      if (!Number.isNaN(numbers[i])) values[key] = numbers[i] as number;
    });
    out.push({ seq, us, values, data });
  }
  return out;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("RowEncoder", () => {
  it("writes the reference journal line and wire element for every kind of number, key and stamp", () => {
    for (const [s, keys] of SHAPES.entries()) {
      const encoder = new RowEncoder(keys);
      const line = new Uint8Array(encoder.maxLineBytes + 16).fill(0xff);
      const wire = new Uint8Array(encoder.maxWireBytes + 16).fill(0xff);
      for (const row of rows(1000 + s, keys, 4000)) {
        const at = 8;
        const lineEnd = encoder.line(line, at, row.seq, row.us, row.data, ROW_HEAD);
        const values = JSON.stringify(row.values);
        const expectedLine = `${metricLine(row.seq, tsText(row.us), values)}\n`;
        expect(text(line.subarray(at, lineEnd))).toBe(expectedLine);
        expect(lineEnd - at).toBeLessThanOrEqual(encoder.maxLineBytes);
        // The journal's ts reads back as the stamp in ms.
        expect(JSON.parse(expectedLine).ts).toBe(row.us / 1000);
        const wireEnd = encoder.wire(wire, 3, line, row.us);
        expect(text(wire.subarray(3, wireEnd))).toBe(metricWire(values, row.us));
        expect(wireEnd - 3).toBeLessThanOrEqual(encoder.maxWireBytes);
      }
    }
  });

  it("writes short decimals digit by digit with the text String gives, and leaves the rest to String", () => {
    const keys = ["x"];
    const encoder = new RowEncoder(keys);
    const line = new Uint8Array(encoder.maxLineBytes);
    const data = new Float64Array(ROW_HEAD + 1);
    const next = random(4242);
    const candidates = [...SHORT_EDGES, ...SPECIAL.filter((value) => !Number.isInteger(value))];
    for (let n = 0; n < 200_000; n++) candidates.push(n % 4 === 0 ? anyNumber(next) : shortDecimal(next));
    for (const value of candidates) {
      if (Number.isNaN(value)) continue;
      data[ROW_HEAD] = value;
      const end = encoder.line(line, 0, 1, 1_000, data, ROW_HEAD);
      const written = text(line.subarray(0, end));
      const expected = `${metricLine(1, tsText(1_000), JSON.stringify({ x: value }))}\n`;
      if (written !== expected) expect.fail(`${value}: wrote ${written}, String gives ${expected}`);
    }
  });

  it("splits batches exactly where the string elements would (items and bytes)", () => {
    const keys = SHAPES[3] as string[];
    const encoder = new RowEncoder(keys);
    const line = new Uint8Array(encoder.maxLineBytes);
    for (const limits of [
      { maxItems: 7, maxBytes: 2_000_000 },
      { maxItems: 5000, maxBytes: 1_500 },
      { maxItems: 5000, maxBytes: 3_000 },
    ]) {
      const byBytes = new BatchBuilder("metric", limits);
      const byText = new BatchBuilder("metric", limits);
      const fromBytes: Piece[] = [];
      const fromText: Piece[] = [];
      for (const row of rows(77, keys, 300)) {
        encoder.line(line, 0, row.seq, row.us, row.data, ROW_HEAD);
        byBytes.addRow(row.seq, encoder, line, row.us, fromBytes, row.seq * 10);
        byText.add(row.seq, metricWire(JSON.stringify(row.values), row.us), fromText, row.seq * 10, true);
      }
      byBytes.close(fromBytes);
      byText.close(fromText);
      expect(fromBytes.length).toBeGreaterThan(2);
      expect(fromBytes).toEqual(fromText);
    }
  });
});
