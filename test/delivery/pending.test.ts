import { appendFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countPending, pendingRecords } from "../../src/delivery/pending.js";
import { settleSpool } from "../../src/delivery/spool-journal.js";
import { SpoolWriter } from "../../src/store/spool.js";
import { deliveryState, framesOf, runHarness, tempRoot } from "./harness.js";

let temp: ReturnType<typeof tempRoot>;
beforeEach(() => {
  temp = tempRoot("pending-");
});
afterEach(() => temp.cleanup());

describe("pendingRecords", () => {
  it("counts per channel past each cursor over a multi-block journal, ignoring a torn last line and duplicates", async () => {
    const h = runHarness(temp.root);
    h.recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } }); // seq 1, delivered
    h.recorder.record({ kind: "log", line: "é hello" }); // seq 2, delivered (log cursor 5)
    // seqs 3..30002: ~4 MB of metric lines with long keys, so the count spans several reads.
    for (let i = 0; i < 30_000; i++) h.recorder.metric({ step: i, [`key_${"k".repeat(80)}`]: i / 7 });
    h.recorder.record({ kind: "log", line: "after" }); // seq 30003, pending
    h.recorder.record({ kind: "status", body: { status: "succeeded" } }); // seq 30004, pending
    await h.flush();
    h.core.close();
    h.run.writeDelivery(deliveryState({ ordered: 1, metric: 20_000, log: 5 }));
    const lastTwo = h.journalLines().slice(-2).join("\n");
    appendFileSync(h.run.recordsFile, `${lastTwo}\n{"seq":30005,"ts":1,"kind":"metric","values":{"step":`);
    // Metrics 20001..30002 are pending (10,002), plus the log and the status.
    expect(pendingRecords(h.run)).toBe(10_004);
  });

  it("counts everything but the create record of a run never linked to a server", async () => {
    const h = runHarness(temp.root);
    h.recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
    h.recorder.metric({ step: 1 });
    h.recorder.record({ kind: "artifact", source: "a", path: "b", bytes: 1 });
    await h.flush();
    expect(pendingRecords(h.run)).toBe(1);
  });

  it("counts per kind, journal and spool, as settling then replaying would send them", async () => {
    const h = runHarness(temp.root);
    h.recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
    h.recorder.metric({ step: 1 });
    h.recorder.record({ kind: "log", line: "a" });
    await h.flush();
    h.core.close();
    // Spooled after the journal (seq 4 on): one frame twice, as a delivery thread that kept
    // writing after close gave up on it leaves it.
    const frames = framesOf((recorder) => {
      recorder.metric({ step: 2 });
      recorder.record({ kind: "status", body: { status: "succeeded" } });
      recorder.record({ kind: "artifact", source: "a", path: "b", bytes: 1 });
    }, 3);
    const spool = new SpoolWriter(h.run.spoolFile);
    for (const frame of [...frames, ...frames]) spool.append(frame);
    spool.close();
    expect(countPending(h.run)).toEqual({
      total: 4,
      kinds: { metric: 2, log: 1, status: 1 },
      hasCreate: true,
      unreadableLines: 0,
    });
    settleSpool(h.run);
    expect(countPending(h.run).kinds).toEqual({ metric: 2, log: 1, status: 1 });
  });

  it("is 0 when the run has no journal yet", () => {
    const h = runHarness(temp.root);
    expect(pendingRecords(h.run)).toBe(0);
  });
});
