import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingRecords } from "../../src/delivery/pending.js";
import { lastJournalSeq, settleSpool, spooledRecords } from "../../src/delivery/spool-journal.js";
import type { Frame } from "../../src/records/frame.js";
import { parseRecordLine } from "../../src/records/serialize.js";
import { SpoolReader, SpoolWriter } from "../../src/store/spool.js";
import { framesOf, newRun, runHarness, tempRoot } from "./harness.js";

let temp: ReturnType<typeof tempRoot>;
beforeEach(() => {
  temp = tempRoot("spool-");
});
afterEach(() => temp.cleanup());

describe("the spool", () => {
  it("gives back the frames appended to it: records, metric rows, keys", () => {
    const run = newRun(temp.root);
    const frames = framesOf((r) => {
      for (let step = 0; step < 100; step++) {
        r.metric({ step, loss: 1 / (step + 1) });
        if (step % 10 === 0) r.metric({ step, "é key": step * 2 });
      }
      r.record({ kind: "log", line: "line" });
    });
    const spool = new SpoolWriter(run.spoolFile);
    for (const frame of frames) spool.append(frame);
    spool.close();
    const reader = new SpoolReader(run.spoolFile);
    const back = reader.next(1 << 20);
    reader.close();
    expect(back.map((f) => f.no)).toEqual(frames.map((f) => f.no));
    const rows = (list: Frame[]) =>
      list.flatMap((f) =>
        f.blocks.flatMap((b) => {
          const width = b.keys.length + 2;
          const data = new Float64Array(b.buffer, b.byteOffset ?? 0);
          return Array.from({ length: b.rows }, (_, i) => [
            ...b.keys,
            ...data.subarray((b.start + i) * width, (b.start + i + 1) * width),
          ]);
        }),
      );
    expect(rows(back)).toEqual(rows(frames));
    expect(back.flatMap((f) => f.records)).toEqual(frames.flatMap((f) => f.records));
  });

  it("ignores a torn last entry (a kill in the middle of a write)", () => {
    const run = newRun(temp.root);
    const frames = framesOf((r) => r.metric({ step: 1 }));
    const spool = new SpoolWriter(run.spoolFile);
    for (const frame of frames) spool.append(frame);
    spool.close();
    const whole = readFileSync(run.spoolFile);
    writeFileSync(run.spoolFile, Buffer.concat([whole, whole.subarray(0, whole.length - 3)]));
    const reader = new SpoolReader(run.spoolFile);
    expect(reader.next(1 << 20)).toHaveLength(1);
    reader.close();
  });
});

describe("a clean close", () => {
  it("removes the spool once everything in it is journaled, and releases the run", async () => {
    const h = runHarness(temp.root);
    for (let step = 0; step < 1_000; step++) h.recorder.metric({ step, loss: step / 7 });
    await h.flush();
    // Recorded after the last flush: only close() journals these.
    for (let step = 1_000; step < 1_100; step++) h.recorder.metric({ step, loss: step / 7 });
    h.recorder.handOff();
    expect(existsSync(h.run.spoolFile)).toBe(true);
    expect(h.core.close()).toBe(true);
    expect(existsSync(h.run.spoolFile)).toBe(false);
    expect(existsSync(h.run.lockFile)).toBe(false);
    expect(lastJournalSeq(h.run)).toBe(1_100);
    expect(spooledRecords(h.run)).toBe(0);
    expect(pendingRecords(h.run)).toBe(1_100);
    settleSpool(h.run);
    expect(lastJournalSeq(h.run)).toBe(1_100);
  });
});

describe("settleSpool: what a killed writer left", () => {
  it("journals what the spool holds beyond the journal, counts it as pending before, and removes the spool", async () => {
    const h = runHarness(temp.root);
    for (let step = 0; step < 50; step++) h.recorder.metric({ step });
    await h.flush();
    h.core.close();
    expect(lastJournalSeq(h.run)).toBe(50);
    // The spool of a process killed before its converter ran: 50 more points, plus the first
    // 50 again (already journaled before the kill) that must not be journaled twice.
    const frames = framesOf((r) => {
      for (let step = 0; step < 100; step++) r.metric({ step });
    });
    const spool = new SpoolWriter(h.run.spoolFile);
    for (const frame of frames) spool.append(frame);
    spool.close();
    expect(spooledRecords(h.run)).toBe(50);
    expect(pendingRecords(h.run)).toBe(100);
    settleSpool(h.run);
    expect(existsSync(h.run.spoolFile)).toBe(false);
    const records = h.journalLines().map(parseRecordLine);
    expect(records.map((r) => r.seq)).toEqual([...Array(100).keys()].map((i) => i + 1));
    expect(pendingRecords(h.run)).toBe(100);
  });

  it("a journal whose last line was torn by the kill: the record comes back from the spool, whole", async () => {
    const h = runHarness(temp.root);
    for (let step = 0; step < 10; step++) h.recorder.metric({ step });
    await h.flush();
    h.core.close();
    // The kill tore the journal's last line (seq 10): no newline, cut in its values.
    const journal = readFileSync(h.run.recordsFile, "utf8");
    writeFileSync(h.run.recordsFile, journal.slice(0, journal.length - 6));
    expect(lastJournalSeq(h.run)).toBe(9);
    const spool = new SpoolWriter(h.run.spoolFile);
    for (const frame of framesOf((r) => {
      for (let step = 0; step < 20; step++) r.metric({ step });
    }))
      spool.append(frame);
    spool.close();
    settleSpool(h.run);
    const records = h.journalLines().flatMap((line) => {
      try {
        return [parseRecordLine(line)];
      } catch {
        return [];
      }
    });
    expect(records.map((r) => r.seq)).toEqual([...Array(20).keys()].map((i) => i + 1));
    expect(records.map((r) => (r.kind === "metric" ? r.values.step : undefined))).toEqual([...Array(20).keys()]);
  });

  it("leaves the spool of a run whose writer is alive alone", () => {
    const run = newRun(temp.root);
    const spool = new SpoolWriter(run.spoolFile);
    for (const frame of framesOf((r) => r.metric({ step: 1 }))) spool.append(frame);
    spool.close();
    writeFileSync(run.lockFile, String(process.pid));
    settleSpool(run);
    expect(existsSync(run.spoolFile)).toBe(true);
    expect(spooledRecords(run)).toBe(1);
  });
});
