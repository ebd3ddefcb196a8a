import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summarizeRun } from "../../src/cli/run-summary.js";
import { lastJournalSeq } from "../../src/delivery/spool-journal.js";
import { SpoolWriter } from "../../src/store/spool.js";
import { framesOf } from "../delivery/harness.js";
import { T0, tempTrackingDir, typicalRecords, writeRun } from "./fixtures.js";

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = tempTrackingDir());
});
afterEach(() => cleanup());

describe("summarizeRun", () => {
  it("builds the run's fields, statuses, metrics, logs and artifacts from the journal", async () => {
    const run = writeRun(root, "20261126-050000-aaaaaa", typicalRecords(5));
    const summary = await summarizeRun(run);
    expect(summary).toMatchObject({
      id: "20261126-050000-aaaaaa",
      project: "alice/demo",
      name: "logreg",
      status: "succeeded",
      framework: "plain-ts",
      backend: "native",
      tags: ["a", "b", "c"],
      params: { lr: 0.1, epochs: 3, seed: 7 },
      dataRefs: { blobs: "abc123" },
      codeRef: { commit: "0123456789abcdef", branch: "main", is_dirty: true },
      metricPoints: 5,
      logLines: 3,
      artifacts: [{ source: "/tmp/w.json", path: "outputs/w.json", bytes: 2048 }],
      skipped: [],
      sync: "local",
      records: { create: 1, update: 4, coderef: 1, status: 2, metric: 5, log: 3, artifact: 1 },
    });
    // running is record 7; succeeded is the last record (7 + 5 metrics + 3 logs + artifact + 1 = 17).
    expect(summary.started).toBe(T0 + 7000);
    expect(summary.ended).toBe(T0 + 17000);
    expect(summary.durationMs).toBe(10000);
    // Everything but the create record is pending; the artifact is never sent.
    expect(summary.pending).toBe(17 - 2);
    const loss = summary.metrics.find((series) => series.key === "loss");
    expect(loss?.points).toEqual([0, 1, 2, 3, 4].map((step) => ({ step, value: 1 / (step + 1) })));
    expect(loss).toMatchObject({ count: 5, min: 0.2, max: 1, last: 0.2 });
    expect(summary.metrics.map((series) => series.key)).toEqual(["loss", "accuracy"]);
  });

  it("uses the point index as x when a point has no step, and counts nulls", async () => {
    const run = writeRun(root, "r1", [
      { kind: "create", body: { is_managed: false, backend: "native" } },
      { kind: "metric", values: { loss: 3 } },
      // The facade never records null, but a journal is a file: the summary must not trip on one.
      { kind: "metric", values: { loss: null as unknown as number } },
      { kind: "metric", values: { loss: 1 } },
    ]);
    const [loss] = (await summarizeRun(run)).metrics;
    expect(loss).toEqual({
      key: "loss",
      count: 3,
      points: [
        { step: 0, value: 3 },
        { step: 1, value: null },
        { step: 2, value: 1 },
      ],
      min: 1,
      max: 3,
      last: 1,
    });
  });

  it("reports created / running when no terminal status was recorded", async () => {
    const created = await summarizeRun(
      writeRun(root, "r1", [{ kind: "create", body: { is_managed: false, backend: "x" } }]),
    );
    expect(created.status).toBe("created");
    expect(created.started).toBeUndefined();
    const running = await summarizeRun(
      writeRun(root, "r2", [
        { kind: "create", body: { is_managed: false, backend: "x" } },
        { kind: "status", body: { status: "running" } },
        { kind: "metric", values: { a: 1 } },
      ]),
    );
    expect(running).toMatchObject({ status: "running", started: T0 + 2000, ended: undefined, durationMs: 1000 });
  });

  it("downsamples long series to the limit but counts and measures every point", async () => {
    const records = [{ kind: "create" as const, body: { is_managed: false as const, backend: "x" } }];
    const points = 1001;
    const metrics = Array.from({ length: points }, (_, step) => ({
      kind: "metric" as const,
      values: { step, v: step },
    }));
    const run = writeRun(root, "r1", [...records, ...metrics]);
    const [series] = (await summarizeRun(run, { maxPoints: 100 })).metrics;
    expect(series?.count).toBe(points);
    expect(series?.points.length).toBeLessThanOrEqual(100);
    expect(series?.points.length).toBeGreaterThan(50);
    expect(series?.points[0]).toEqual({ step: 0, value: 0 });
    expect(series?.points.at(-1)).toEqual({ step: 1000, value: 1000 });
    expect(series).toMatchObject({ min: 0, max: 1000, last: 1000 });
    // Evenly spaced: the kept steps share one stride (the last point excepted).
    const steps = series?.points.slice(0, -1).map((point) => point.step) ?? [];
    const strides = new Set(steps.slice(1).map((step, i) => step - (steps[i] ?? 0)));
    expect(strides.size).toBe(1);
  });

  it("skips a truncated last line and reports it", async () => {
    const run = writeRun(root, "r1", typicalRecords(3));
    appendFileSync(run.recordsFile, '{"seq":99,"ts":1,"kind":"met');
    const summary = await summarizeRun(run);
    expect(summary.skipped).toEqual([{ lineNo: 15, reason: "not valid JSON" }]);
    expect(summary.skippedCount).toBe(1);
    expect(summary.metricPoints).toBe(3);
    expect(summary.status).toBe("succeeded");
  });

  it("is synced when delivery.json covers every record, partly when not", async () => {
    const run = writeRun(root, "r1", typicalRecords(2));
    const state = {
      baseUrl: "http://127.0.0.1:1/api/v1",
      owner: "alice",
      projectName: "demo",
      experimentId: 7,
      rejected: 0,
      updatedAt: new Date(T0).toISOString(),
    };
    run.writeDelivery({ ...state, cursors: { ordered: 5, metric: 100, log: 100 } });
    expect(await summarizeRun(run)).toMatchObject({ sync: "partly", experimentId: 7, serverUrl: state.baseUrl });
    run.writeDelivery({ ...state, cursors: { ordered: 100, metric: 100, log: 100 } });
    expect(await summarizeRun(run)).toMatchObject({ sync: "synced", pending: 0 });
  });
});

describe("summarizeRun of a journal with duplicate lines", () => {
  it("counts each record once, as delivery does", async () => {
    const run = writeRun(root, "r1", typicalRecords(3));
    const lines = readFileSync(run.recordsFile, "utf8").trimEnd().split("\n");
    // Lines a delivery thread wrote after close gave up on it: seqs already journaled.
    appendFileSync(run.recordsFile, `${lines.slice(7).join("\n")}\n`);
    const summary = await summarizeRun(run);
    expect(summary).toMatchObject({ metricPoints: 3, logLines: 2, pending: 12 });
    expect(summary.records).toEqual({ create: 1, update: 4, coderef: 1, status: 2, metric: 3, log: 2, artifact: 1 });
    expect(summary.metrics[0]?.count).toBe(3);
  });
});

describe("summarizeRun of a run whose writer is alive", () => {
  it("leaves its spool alone and counts what the spool holds beyond the journal as pending", async () => {
    const run = writeRun(root, "r1", typicalRecords(2));
    const spool = new SpoolWriter(run.spoolFile);
    for (const frame of framesOf((recorder) => recorder.metric({ step: 2 }), lastJournalSeq(run))) spool.append(frame);
    spool.close();
    writeFileSync(run.lockFile, String(process.pid));
    const summary = await summarizeRun(run);
    expect(existsSync(run.spoolFile)).toBe(true);
    // The journal as far as it goes (2 points); pending: the 10 journaled records sync sends, + 1 spooled.
    expect(summary).toMatchObject({ metricPoints: 2, pending: 11 });
  });
});

describe("summarizeRun on a badly damaged journal", () => {
  it("counts every unreadable line but lists only the first ones", async () => {
    const { root, cleanup } = tempTrackingDir();
    try {
      const run = writeRun(root, "r1", typicalRecords(1));
      appendFileSync(run.recordsFile, "x\n".repeat(250));
      const summary = await summarizeRun(run);
      expect(summary.skippedCount).toBe(250);
      expect(summary.skipped).toHaveLength(100);
      expect(summary.skipped[0]).toEqual({ lineNo: 12, reason: "not valid JSON" });
      expect(summary.status).toBe("succeeded");
    } finally {
      cleanup();
    }
  });
});
