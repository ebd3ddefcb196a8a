import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countPendingSync } from "../../src/delivery/pending.js";
import { Recorder } from "../../src/delivery/recorder.js";
import { JournalWriter } from "../../src/store/journal.js";
import { RunDir } from "../../src/store/run-store.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "pending-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function runWithDelivery(cursors: { ordered: number; metric: number; log: number }): RunDir {
  const run = RunDir.create(root, {
    project: "alice/mnist",
    owner: "alice",
    projectName: "mnist",
    createdAt: new Date().toISOString(),
    sdkVersion: "test",
  });
  run.writeDelivery({
    baseUrl: "http://127.0.0.1:1/api/v1",
    owner: "alice",
    projectName: "mnist",
    experimentId: 1,
    cursors,
    rejected: 0,
    updatedAt: new Date().toISOString(),
  });
  return run;
}

describe("countPendingSync", () => {
  it("counts per channel past each cursor over a multi-block journal, ignoring a torn last line", () => {
    const run = runWithDelivery({ ordered: 1, metric: 20_000, log: 5 });
    const journal = new JournalWriter(run.recordsFile);
    const recorder = new Recorder({ journal, intervalMs: 1000, batchSize: 1000 });
    recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } }); // seq 1, delivered
    recorder.record({ kind: "log", line: "é hello" }); // seq 2, delivered (log cursor 5)
    // seqs 3..30002: ~4 MB of metric lines with long keys, so the count spans several reads.
    for (let i = 0; i < 30_000; i++) recorder.metric({ step: i, [`key_${"k".repeat(80)}`]: i / 7 });
    recorder.record({ kind: "log", line: "after" }); // seq 30003, pending
    recorder.record({ kind: "status", body: { status: "succeeded" } }); // seq 30004, pending
    recorder.close();
    appendFileSync(run.recordsFile, '{"seq":30005,"ts":1,"kind":"metric","values":{"step":');
    // Metrics 20001..30002 are pending (10,002), plus the log and the status.
    expect(countPendingSync(run)).toBe(10_004);
  });

  it("is 0 when the run has no journal yet", () => {
    const run = runWithDelivery({ ordered: 0, metric: 0, log: 0 });
    expect(countPendingSync(run)).toBe(0);
  });
});
