import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpDelivery } from "../../src/delivery/http-delivery.js";
import { Recorder } from "../../src/delivery/recorder.js";
import type { SerializedRecord } from "../../src/records/serialize.js";
import { JournalWriter } from "../../src/store/journal.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "recorder-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A delivery stand-in that records what the recorder hands it. */
function stubDelivery(accepting: boolean) {
  const enqueued: SerializedRecord[] = [];
  const recorded: number[] = [];
  const delivery = {
    accepting,
    enqueue: (items: readonly SerializedRecord[]) => enqueued.push(...items),
    recorded: (seq: number) => recorded.push(seq),
  };
  return { delivery: delivery as unknown as HttpDelivery, enqueued, recorded };
}

function runWith(accepting: boolean, name: string) {
  const file = join(dir, name);
  const journal = new JournalWriter(file);
  const recorder = new Recorder({ journal, intervalMs: 1000, batchSize: 1000 });
  const stub = stubDelivery(accepting);
  recorder.attachDelivery(stub.delivery);
  recorder.record({ kind: "status", body: { status: "running" } });
  recorder.metric({ step: 1, loss: 0.5 });
  recorder.record({ kind: "log", line: "hello" });
  recorder.metric({ step: 2, loss: 0.25 });
  recorder.close();
  // Same clock for both runs: only the ts field may differ between them.
  const lines = readFileSync(file, "utf8").replace(/"ts":\d+/g, '"ts":0');
  return { ...stub, lines };
}

describe("Recorder when delivery does not keep items", () => {
  it("writes the same journal, hands over no items, and reports the last seq", () => {
    const live = runWith(true, "live.jsonl");
    const spilled = runWith(false, "spilled.jsonl");
    expect(live.enqueued.map((item) => item.record.seq)).toEqual([1, 2, 3, 4]);
    expect(spilled.enqueued).toEqual([]);
    expect(spilled.recorded).toEqual([4]);
    expect(spilled.lines).toBe(live.lines);
    expect(spilled.lines.trim().split("\n")).toHaveLength(4);
  });
});
