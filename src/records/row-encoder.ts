/**
 * The byte encoder of metric rows: writes a row's journal line and its wire element straight into
 * byte buffers, with the same text `metricLine`/`metricWire` (serialize.ts) build as strings. It
 * runs for every point the journal writer converts, so it avoids what dominated that cost: a
 * string per value, per line and per element (and the garbage collection they cause), and a
 * second encoding of the values for the wire.
 *
 * - keys and the fixed parts of both encodings are UTF-8 bytes computed once per key shape;
 * - safe integers are written digit by digit, and so are short decimals (at most 9 decimals,
 *   see `putShortDecimal`: learning rates, ratios, halves); other numbers go through
 *   `numberText` (the shortest round-trip form `String` gives), and a column whose value did
 *   not change since the previous row reuses its text;
 * - the wire element copies the values' bytes from the journal line just written.
 */

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);

const LINE_SEQ = bytesOf('{"seq":');
const LINE_TS = bytesOf(',"ts":');
const LINE_VALUES = bytesOf(',"kind":"metric","values":');
const WIRE_VALUES = bytesOf('{"values":');
const WIRE_CREATED_AT = bytesOf(',"created_at":"');
/** The longest text of a number `String(number)` gives (`-1.2345678901234567e-308`). */
const MAX_NUMBER_BYTES = 25;
/** The longest `created_at` (`2026-11-30T12:43:21.507123Z`): 27 bytes, with room for 5-digit years. */
const MAX_CREATED_AT_BYTES = 32;

const ZERO = 48;

/** "00" … "99": integers are written two digits per division. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  DIGIT_PAIRS[2 * n] = ZERO + ((n / 10) | 0);
  DIGIT_PAIRS[2 * n + 1] = ZERO + (n % 10);
}

/** Writes `bytes` at `at`; returns the offset past them. */
function put(target: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) target[at + i] = bytes[i] as number;
  return at + bytes.length;
}

/** Writes a safe integer in decimal (as `String` does: `-0` is `0`); returns the offset past it. */
function putInteger(target: Uint8Array, at: number, value: number): number {
  let rest = value;
  if (rest < 0) {
    target[at++] = 45; // "-"
    rest = -rest;
  }
  if (rest < 0x80000000) return putSmall(target, at, rest | 0);
  let digits = 1;
  for (let power = 10; power <= rest; power *= 10) digits++;
  const end = at + digits;
  let pos = end;
  while (rest >= 10) {
    const quotient = Math.floor(rest / 10);
    target[--pos] = ZERO + (rest - quotient * 10);
    rest = quotient;
  }
  target[--pos] = ZERO + rest;
  return end;
}

/** 10^0 … 10^9. */
const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

/**
 * Decimal digits of a non-negative 31-bit integer: log10 from the bit length (× 1233 / 4096),
 * corrected by one compare. No branch: a digit count that only appears later in a run would
 * otherwise throw away the optimized encoder (V8 deoptimizes on code it has no feedback for).
 */
function digitsOf(value: number): number {
  const odd = value | 1;
  const guess = ((32 - Math.clz32(odd)) * 1233) >>> 12;
  return guess + (odd >= (POWERS_OF_TEN[guess] as number) ? 1 : 0);
}

/** Writes a non-negative 31-bit integer in decimal, with integer arithmetic only. */
function putSmall(target: Uint8Array, at: number, value: number): number {
  const end = at + digitsOf(value);
  putDigits(target, end, value, end - at);
  return end;
}

/**
 * Writes the last `count` decimal digits of the non-negative 31-bit integer `value` (zero-padded
 * on the left) so that they end at `end`: two digits per division.
 */
function putDigits(target: Uint8Array, end: number, value: number, count: number): void {
  let rest = value | 0;
  let pos = end;
  const stop = end - count;
  while (pos - stop >= 2) {
    const quotient = (rest / 100) | 0;
    const pair = (rest - quotient * 100) << 1;
    target[--pos] = DIGIT_PAIRS[pair + 1] as number;
    target[--pos] = DIGIT_PAIRS[pair] as number;
    rest = quotient;
  }
  if (pos > stop) target[--pos] = ZERO + (rest % 10);
}

/**
 * Short decimals are written from integers when `1e-6 ≤ |value| < 2^23` (a fixed-notation range
 * of `String`, and one where a double's spacing is below 1e-9).
 */
const SHORT_MIN = 1e-6;
const SHORT_MAX = 2 ** 23;
const SHORT_SCALE = 1e9;

/**
 * Writes `value` as `String(value)` would when it is a decimal of at most 9 decimals
 * (`0.001`, `-2.25`, `0.000123`), from integers only; returns the offset past it, or -1 (nothing
 * written) for any other number.
 *
 * Why the text is the same: `value × 1e9` is an integer `s` below 2^53 and `s / 1e9` (correctly
 * rounded, as parsing the decimal `s × 10⁻⁹` is) gives `value` back, so that decimal round-trips.
 * Below 2^23 a double's spacing is under 1e-9, so no other decimal of at most 9 decimals does:
 * the shortest round-trip form `String` writes is `s × 10⁻⁹` without its trailing zeros. A
 * short decimal whose product rounds off an integer is left to `String` (slower, same text).
 */
function putShortDecimal(target: Uint8Array, at: number, value: number): number {
  const magnitude = value < 0 ? -value : value;
  if (!(magnitude >= SHORT_MIN && magnitude < SHORT_MAX)) return -1;
  const scaled = magnitude * SHORT_SCALE;
  if (!Number.isInteger(scaled) || scaled / SHORT_SCALE !== magnitude) return -1;
  let whole = Math.floor(scaled / SHORT_SCALE);
  let fraction = scaled - whole * SHORT_SCALE;
  if (fraction < 0) {
    whole--;
    fraction += SHORT_SCALE;
  }
  let end = at;
  if (value < 0) target[end++] = 45; // "-"
  end = putSmall(target, end, whole);
  target[end++] = 46; // "."
  return putFraction(target, end, fraction | 0, 9);
}

/**
 * Writes the `count`-digit fraction `value` (0 < value < 10^count ≤ 10^9, zero-padded on the
 * left) without its trailing zeros; returns the offset past it.
 */
function putFraction(target: Uint8Array, at: number, value: number, count: number): number {
  let rest = value;
  let digits = count;
  for (let quotient = (rest / 10) | 0; digits > 0 && rest === quotient * 10; quotient = (rest / 10) | 0) {
    rest = quotient;
    digits--;
  }
  putDigits(target, at + digits, rest, digits);
  return at + digits;
}

/**
 * The text `String(value)` gives (the shortest round-trip form) for a finite number, made by
 * `JSON.stringify`, which the spec defines as that same text. `String` keeps every string it makes
 * in V8's number-to-string cache, which lives in the old generation: one string a row survived
 * there, and the conversion thread ran a full (mark-compact) collection every 30,000 rows or so.
 * `JSON.stringify` formats without the cache: its strings die young.
 */
function numberText(value: number): string {
  return JSON.stringify(value);
}

/** Writes an ASCII string (a number's text); returns the offset past it. */
function putAscii(target: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) target[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** The last millisecond `putTs` wrote, and its digits (a fast loop stamps many rows per ms). */
let tsMs = Number.NaN;
const tsMsBytes = new Uint8Array(24);
let tsMsDigits = tsMsBytes.subarray(0, 0);

/**
 * The journal's `ts` of a stamp (epoch µs): epoch ms with the microseconds as a fraction, no
 * trailing zeros (the bytes of `tsText`).
 */
function putTs(target: Uint8Array, at: number, us: number): number {
  const ms = Math.floor(us / 1000);
  const micros = us - ms * 1000;
  if (ms !== tsMs) {
    tsMs = ms;
    tsMsDigits = tsMsBytes.subarray(0, putInteger(tsMsBytes, 0, ms));
  }
  const end = put(target, at, tsMsDigits);
  if (micros === 0) return end;
  target[end] = 46; // "."
  return putFraction(target, end + 1, micros, 3);
}

let createdAtSecond = Number.NaN;
let createdAtPrefix = new Uint8Array(0);

/** `created_at` of a stamp (the bytes of `createdAtOf`): the date part is encoded once per second. */
function putCreatedAt(target: Uint8Array, at: number, us: number): number {
  const second = Math.floor(us / 1_000_000);
  if (second !== createdAtSecond) {
    createdAtSecond = second;
    createdAtPrefix = bytesOf(new Date(second * 1000).toISOString().slice(0, 20));
  }
  const end = put(target, at, createdAtPrefix) + 6;
  putDigits(target, end, us - second * 1_000_000, 6);
  target[end] = 90; // "Z"
  return end + 1;
}

/** Encodes the rows of one key shape. */
export class RowEncoder {
  /** `"key":` of each column, and `,"key":` for every column after the first written. */
  private readonly names: Uint8Array[];
  private readonly namesAfterFirst: Uint8Array[];
  /** Per column: the last value encoded, and its text once it repeated (made by `String`). */
  private readonly lastValue: Float64Array;
  private readonly lastText: Array<string | undefined>;
  /** The most bytes a row's journal line (with its newline) can take. */
  readonly maxLineBytes: number;
  /** The most bytes a row's wire element can take. */
  readonly maxWireBytes: number;
  /** Where the values of the last line written start and end (for `wire`). */
  private valuesStart = 0;
  private valuesEnd = 0;

  constructor(keys: readonly string[]) {
    this.names = keys.map((key) => bytesOf(`${JSON.stringify(key)}:`));
    this.namesAfterFirst = keys.map((key) => bytesOf(`,${JSON.stringify(key)}:`));
    this.lastValue = new Float64Array(keys.length).fill(Number.NaN);
    this.lastText = keys.map(() => undefined);
    let valuesBytes = 2;
    for (const name of this.namesAfterFirst) valuesBytes += name.length + MAX_NUMBER_BYTES;
    this.maxLineBytes = LINE_SEQ.length + 2 * 24 + LINE_TS.length + LINE_VALUES.length + valuesBytes + 2;
    this.maxWireBytes = WIRE_VALUES.length + valuesBytes + WIRE_CREATED_AT.length + MAX_CREATED_AT_BYTES + 2;
  }

  /**
   * Writes the journal line (with its newline) of the row whose values start at `data[at]`,
   * recorded as `seq` at stamp `us`, at `target[offset]`, which has `maxLineBytes` free. Returns
   * the offset past it. NaN values (missing keys) are left out.
   */
  line(target: Uint8Array, offset: number, seq: number, us: number, data: Float64Array, at: number): number {
    let end = put(target, offset, LINE_SEQ);
    end = putInteger(target, end, seq);
    end = put(target, end, LINE_TS);
    end = putTs(target, end, us);
    end = put(target, end, LINE_VALUES);
    this.valuesStart = end;
    end = this.values(target, end, data, at);
    this.valuesEnd = end;
    target[end++] = 125; // "}"
    target[end++] = 10; // "\n"
    return end;
  }

  /**
   * Writes the wire element of the row `line` just wrote (from `source`, the buffer it wrote to)
   * at `target[offset]`, which has `maxWireBytes` free. Returns the offset past it.
   */
  wire(target: Uint8Array, offset: number, source: Uint8Array, us: number): number {
    let end = put(target, offset, WIRE_VALUES);
    target.set(source.subarray(this.valuesStart, this.valuesEnd), end);
    end += this.valuesEnd - this.valuesStart;
    end = put(target, end, WIRE_CREATED_AT);
    end = putCreatedAt(target, end, us);
    target[end++] = 34; // '"'
    target[end++] = 125; // "}"
    return end;
  }

  private values(target: Uint8Array, offset: number, data: Float64Array, at: number): number {
    let end = offset;
    target[end++] = 123; // "{"
    let first = true;
    for (let i = 0; i < this.names.length; i++) {
      const value = data[at + i] as number;
      if (Number.isNaN(value)) continue;
      end = put(target, end, (first ? this.names[i] : this.namesAfterFirst[i]) as Uint8Array);
      first = false;
      if (Number.isSafeInteger(value)) {
        end = putInteger(target, end, value);
        continue;
      }
      if (value === this.lastValue[i]) {
        // The same as the previous row (learning rates, epochs): its text, made once.
        let text = this.lastText[i];
        if (text === undefined) {
          text = numberText(value);
          this.lastText[i] = text;
        }
        end = putAscii(target, end, text);
        continue;
      }
      this.lastValue[i] = value;
      const short = putShortDecimal(target, end, value);
      if (short >= 0) {
        this.lastText[i] = undefined;
        end = short;
        continue;
      }
      const text = numberText(value);
      this.lastText[i] = text;
      end = putAscii(target, end, text);
    }
    target[end++] = 125; // "}"
    return end;
  }
}
