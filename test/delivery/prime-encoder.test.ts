/**
 * `primeFrameEncoder`, which the delivery and conversion threads run at start: afterwards V8's
 * optimized encoder is not thrown away again and again during a run, and what is encoded next is
 * exactly what an unprimed encoder writes.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FrameEncoder } from "../../src/delivery/frame-writer.js";
import { DEFAULT_BATCH_LIMITS, type Piece } from "../../src/delivery/pieces.js";
import { primeFrameEncoder } from "../../src/delivery/prime-encoder.js";
import { type Frame, ROW_HEAD, rowWidth } from "../../src/records/frame.js";
import { createdAtOf, metricLine, tsText } from "../../src/records/serialize.js";
import { cleanEnv, runChildScript } from "../support/child-scripts.js";

const repoRoot = resolve(import.meta.dirname, "../..");

/** The encoder's functions (a deoptimization inside inlined code is reported under its outer function). */
const ENCODER_FUNCTIONS = new Set([
  "encode",
  "encodeRecords",
  "cursorOf",
  "row",
  "text",
  "line",
  "values",
  "wire",
  "add",
  "addRow",
  "added",
  "close",
  "copy",
  "reserve",
  "append",
  "putTs",
  "putInteger",
  "putSmall",
  "putDigits",
  "putFraction",
  "putShortDecimal",
  "putCreatedAt",
]);

/** Deoptimizations of the encoder's functions in a `--trace-deopt` output, as "function: reason". */
function encoderDeopts(trace: string): string[] {
  const found: string[] = [];
  for (const match of trace.matchAll(
    /bailout \(kind: \S+, reason: ([^)]*)\): begin\. deoptimizing \S+ <JSFunction (\S*)/g,
  )) {
    const [, reason, name] = match;
    if (ENCODER_FUNCTIONS.has(name as string)) found.push(`${name}: ${reason}`);
  }
  return found;
}

describe("primeFrameEncoder", () => {
  it("keeps the encoder's optimized code over a run of frames: at most two deoptimizations, none repeated", async () => {
    // 400 frames, the first one long enough for V8 to compile the loop while it runs. Before the
    // loop had a function of its own, code after it deoptimized on every frame (35 times here).
    const child = await runChildScript("encoder-deopts", [], { cwd: repoRoot, env: cleanEnv(), killAfterMs: 60_000 });
    expect(child.code, child.stderr).toBe(0);
    expect(child.stdout).toContain("encoded");
    const deopts = encoderDeopts(child.stdout);
    expect(deopts.length, deopts.join("\n")).toBeLessThanOrEqual(2);
  });

  it("leaves no trace in what is encoded next", () => {
    primeFrameEncoder();
    const keys = ["step", "loss"];
    const width = rowWidth(keys.length);
    // Stamps in the primed millisecond and second, and around them.
    const stamps = [
      1_764_505_381_002_345, 1_764_505_381_002_346, 1_764_505_381_002_999, 1_764_505_381_003_000, 1_764_505_380_999_999,
    ];
    const data = new Float64Array(stamps.length * width);
    stamps.forEach((us, row) => {
      data.set([row + 1, us, row, 1 / (row + 3)], row * width);
    });
    const frame: Frame = { no: 1, records: [], blocks: [{ keys, buffer: data.buffer, start: 0, rows: stamps.length }] };
    const encoder = new FrameEncoder(DEFAULT_BATCH_LIMITS);
    const pieces: Piece[] = [];
    encoder.encode(frame, true, pieces);
    const expectedLines = stamps.map((us, row) => {
      const values = JSON.stringify({ step: row, loss: data[row * width + ROW_HEAD + 1] });
      return `${metricLine(row + 1, tsText(us), values)}\n`;
    });
    expect(Buffer.from(encoder.lines.bytes()).toString("utf8")).toBe(expectedLines.join(""));
    const body = JSON.parse(`[${Buffer.from((pieces[0] as Extract<Piece, { type: "batch" }>).body).toString("utf8")}]`);
    expect(body.map((element: { created_at: string }) => element.created_at)).toEqual(stamps.map(createdAtOf));
  });
});
