import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Recorder } from "../../src/delivery/recorder.js";
import { ValidationError } from "../../src/errors.js";
import { parseRecordLine } from "../../src/records/serialize.js";
import { collectingRecorder, runHarness, tempRoot } from "./harness.js";

let temp: ReturnType<typeof tempRoot>;
beforeEach(() => {
  temp = tempRoot("recorder-");
});
afterEach(() => temp.cleanup());

/** A recorder whose frames are only collected. */
function collecting(handOffMs = 3_600_000, onDroppedMetric?: (key: string, reason: string) => void) {
  return collectingRecorder({ handOffMs, ...(onDroppedMetric ? { onDroppedMetric } : {}) });
}

describe("Recorder", () => {
  it("journals points in the journal format, seq and microsecond stamps strictly increasing in a tight loop", async () => {
    const h = runHarness(temp.root);
    for (let i = 0; i < 3_000; i++) h.recorder.metric({ step: i, loss: 1 / (i + 1) });
    h.recorder.record({ kind: "log", line: "done" });
    await h.flush();
    const lines = h.journalLines();
    expect(lines).toHaveLength(3_001);
    expect(lines[0]).toMatch(/^\{"seq":1,"ts":\d{13}(\.\d{1,3})?,"kind":"metric","values":\{"step":0,"loss":1\}\}$/);
    const records = lines.map(parseRecordLine);
    const stamps = records.map((r) => Math.round(r.ts * 1000));
    for (let i = 1; i < records.length; i++) {
      expect(records[i]?.seq).toBe(i + 1);
      expect(stamps[i]).toBeGreaterThan(stamps[i - 1] as number);
    }
    expect(Math.abs((stamps[0] as number) / 1000 - Date.now())).toBeLessThan(60_000);
    expect(records.at(-1)).toMatchObject({ kind: "log", line: "done" });
  });

  it("writes points of interleaved key shapes and other records in seq order", async () => {
    const h = runHarness(temp.root);
    for (let i = 0; i < 10; i++) {
      h.recorder.metric({ step: i, loss: i });
      if (i % 3 === 0) h.recorder.metric({ step: i, val_acc: i / 10 });
      if (i === 5) h.recorder.record({ kind: "update", body: { params: { i }, merge: true } });
    }
    await h.flush();
    const records = h.journalLines().map(parseRecordLine);
    expect(records.map((r) => r.seq)).toEqual([...Array(records.length).keys()].map((i) => i + 1));
    expect(records.filter((r) => r.kind === "metric" && "val_acc" in r.values)).toHaveLength(4);
    expect(records[8]).toMatchObject({ kind: "update" });
  });

  it("copies the values at call time: later changes to the caller's object are not recorded", async () => {
    const h = runHarness(temp.root);
    const point = { loss: 1 };
    h.recorder.metric(point);
    point.loss = 2;
    h.recorder.metric(point);
    await h.flush();
    expect(h.journalLines().map((l) => parseRecordLine(l))).toMatchObject([
      { values: { loss: 1 } },
      { values: { loss: 2 } },
    ]);
  });

  it("leaves null, NaN and ±Infinity out of the point, converts bigints, and skips empty points", async () => {
    const dropped: string[] = [];
    const h = runHarness(temp.root);
    const recorder = new Recorder({
      sink: h.core,
      handOffMs: 3_600_000,
      onDroppedMetric: (key, reason) => dropped.push(`${key}:${reason}`),
    });
    recorder.metric({ x: 1, n: null, nan: Number.NaN, inf: Number.POSITIVE_INFINITY, big: 10n });
    recorder.metric({ x: 2, n: 3, nan: 1, inf: 2, big: 1n });
    expect(recorder.metric({ only: null })).toBe(false);
    recorder.handOff();
    await h.core.flush(20_000);
    expect(h.journalLines().map((l) => parseRecordLine(l))).toMatchObject([
      { seq: 1, values: { x: 1, big: 10 } },
      { seq: 2, values: { x: 2, n: 3, nan: 1, inf: 2, big: 1 } },
    ]);
    expect(JSON.parse(h.journalLines()[0] as string).values).toEqual({ x: 1, big: 10 });
    expect(dropped).toEqual(["n:null", "nan:non-finite", "inf:non-finite", "only:null"]);
  });

  it("takes own enumerable string keys only", async () => {
    const h = runHarness(temp.root);
    const inherited = Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } }) as Record<
      string,
      number
    >;
    h.recorder.metric({ own: 1 });
    h.recorder.metric(inherited);
    h.recorder.metric({ [Symbol("s")]: 1, own: 3 } as Record<string, number>);
    await h.flush();
    expect(h.journalLines().map((l) => JSON.parse(l).values)).toEqual([{ own: 1 }, { own: 2 }, { own: 3 }]);
  });

  it("rejects bad input before anything is recorded, naming the key", () => {
    const { recorder } = collecting();
    recorder.metric({ a: 1 });
    expect(() => recorder.metric({ a: "str" } as unknown as Record<string, number>)).toThrow(
      new ValidationError('Metric "a" must be a number or null, got string.', "a"),
    );
    expect(() => recorder.metric({ u: undefined } as unknown as Record<string, number>)).toThrow(
      /Metric "u" must be a number or null, got undefined/,
    );
    expect(() => recorder.metric({})).toThrow(/at least one metric/);
    expect(() => recorder.metric(null as unknown as Record<string, number>)).toThrow(/expects an object/);
    expect(() => recorder.metric([1] as unknown as Record<string, number>)).toThrow(/expects an object/);
    expect(recorder.lastSeq).toBe(1);
  });

  it("hands over from inside a loop that never yields: when a buffer fills, and when the period is up", () => {
    const { recorder, frames } = collecting(20);
    const start = Date.now();
    let calls = 0;
    while (Date.now() - start < 100) {
      recorder.metric({ step: calls++ });
    }
    // Time-based hand-overs happen about every 20 ms (plus any full buffer).
    expect(frames.length).toBeGreaterThanOrEqual(3);
    const rows = frames.flatMap((frame) => frame.blocks).reduce((sum, block) => sum + block.rows, 0);
    expect(rows).toBeLessThanOrEqual(calls);
    expect(rows).toBeGreaterThan(0);
  });

  it("hands a full buffer over in the call that fills it", () => {
    const { recorder, frames } = collecting();
    for (let i = 0; i < 64; i++) recorder.metric({ step: i });
    expect(frames).toHaveLength(1);
    expect(frames[0]?.blocks[0]).toMatchObject({ start: 0, rows: 64, keys: ["step"] });
    for (let i = 0; i < 256; i++) recorder.metric({ step: i });
    expect(frames).toHaveLength(2);
    expect(frames[1]?.blocks[0]?.rows).toBe(256);
  });
});
