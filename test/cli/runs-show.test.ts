import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runsCommand } from "../../src/cli/commands/runs.js";
import { showCommand } from "../../src/cli/commands/show.js";
import { RunStoreError } from "../../src/store/run-store.js";
import { Capture, tempTrackingDir, typicalRecords, writeRun } from "./fixtures.js";

let root: string;
let cleanup: () => void;
let out: Capture;
let err: Capture;
beforeEach(() => {
  ({ root, cleanup } = tempTrackingDir());
  out = new Capture();
  err = new Capture();
});
afterEach(() => cleanup());

describe("runs", () => {
  it("lists runs oldest first as a table", async () => {
    writeRun(root, "20261126-050000-bbbbbb", typicalRecords(4), "second");
    writeRun(root, "20261126-040000-aaaaaa", typicalRecords(2), "first");
    expect(await runsCommand({ trackingDir: root, out, err })).toBe(0);
    const lines = out.text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATUS\s+STARTED\s+DURATION\s+POINTS\s+SYNC$/);
    expect(lines[1]).toMatch(/^20261126-040000-aaaaaa\s+logreg\s+succeeded\s+2026-11-26 05:00:07\s+\S+\s+2\s+local$/);
    expect(lines[2]).toMatch(/^20261126-050000-bbbbbb\s+logreg\s+succeeded\s.*\s4\s+local$/);
    expect(err.text).toBe("");
  });

  it("prints JSON entries with --json", async () => {
    writeRun(root, "r1", typicalRecords(3));
    await runsCommand({ trackingDir: root, json: true, out, err });
    const entries: unknown = JSON.parse(out.text);
    expect(entries).toEqual([
      {
        id: "r1",
        project: "alice/demo",
        name: "logreg",
        status: "succeeded",
        created: "2026-11-26T05:00:00.000Z",
        started: "2026-11-26T05:00:07.000Z",
        durationMs: 7000,
        metricPoints: 3,
        logLines: 2,
        sync: "local",
        pending: 12,
        experimentId: null,
        skippedLines: 0,
      },
    ]);
  });

  it("warns about a truncated last line instead of failing", async () => {
    const run = writeRun(root, "r1", typicalRecords(3));
    appendFileSync(run.recordsFile, '{"seq":99,"ts');
    expect(await runsCommand({ trackingDir: root, out, err })).toBe(0);
    expect(out.text).toContain("r1");
    expect(err.text).toBe("warning: run r1: skipped 1 unreadable journal line (line 15: not valid JSON)\n");
  });

  it("reports an unreadable run.json and still lists the others (exit 1)", async () => {
    writeRun(root, "r1", typicalRecords(1));
    const broken = writeRun(root, "r2", typicalRecords(1));
    writeFileSync(broken.metaFile, "{");
    expect(await runsCommand({ trackingDir: root, out, err })).toBe(1);
    expect(out.text).toMatch(/r1\s+logreg\s+succeeded/);
    expect(out.text).toMatch(/r2\s+unreadable/);
    expect(err.text).toContain("warning: run r2: Cannot read");
  });

  it("says so when there are no runs", async () => {
    expect(await runsCommand({ trackingDir: join(root, "missing"), out, err })).toBe(0);
    expect(out.text).toBe(`No local runs under ${join(root, "missing")}\n`);
  });
});

describe("show", () => {
  it("prints the summary with sparklines", async () => {
    writeRun(root, "20261126-050000-aaaaaa", typicalRecords(8));
    expect(await showCommand({ trackingDir: root, run: "20261126-05", out, err })).toBe(0);
    const text = out.text;
    expect(text).toContain("Run 20261126-050000-aaaaaa  (logreg)");
    expect(text).toMatch(/status\s+succeeded/);
    expect(text).toMatch(/tags\s+a, b, c/);
    expect(text).toMatch(/code ref\s+0123456789ab on main \(dirty\)/);
    expect(text).toMatch(/lr\s+0\.1/);
    expect(text).toMatch(/blobs\s+abc123/);
    expect(text).toContain("Metrics (8 points)");
    expect(text).toMatch(/loss\s+█▄▃▂▂▁▁▁\s+min 0\.125\s+max 1\s+last 0\.125\s+\(8 pts\)/);
    expect(text).toContain("Logs: 4 lines");
    expect(text).toMatch(/outputs\/w\.json\s+2\.0 KiB\s+from \/tmp\/w\.json/);
    expect(text).toContain("local only, 19 record(s) to send with: polyaxon-tracking sync 20261126-050000-aaaaaa");
  });

  it("prints the summary as JSON with --json", async () => {
    writeRun(root, "r1", typicalRecords(2));
    await showCommand({ trackingDir: root, run: "r1", json: true, out, err });
    const summary = JSON.parse(out.text) as Record<string, unknown>;
    expect(summary).toMatchObject({
      id: "r1",
      status: "succeeded",
      params: { lr: 0.1, epochs: 3, seed: 7 },
      metricPoints: 2,
      metrics: [
        {
          key: "loss",
          count: 2,
          points: [
            { step: 0, value: 1 },
            { step: 1, value: 0.5 },
          ],
        },
        { key: "accuracy", count: 2 },
      ],
      sync: "local",
    });
  });

  it("shows skipped lines and warns on stderr", async () => {
    const run = writeRun(root, "r1", typicalRecords(2));
    appendFileSync(run.recordsFile, "garbage");
    await showCommand({ trackingDir: root, run: "r1", out, err });
    expect(out.text).toContain("Skipped 1 unreadable journal line(s): line 13 (not valid JSON)");
    expect(err.text).toContain("warning: run r1: skipped 1");
  });

  it("throws RunStoreError for an unknown or ambiguous id", async () => {
    writeRun(root, "r1", typicalRecords(1));
    writeRun(root, "r2", typicalRecords(1));
    await expect(showCommand({ trackingDir: root, run: "zz", out, err })).rejects.toThrow(RunStoreError);
    await expect(showCommand({ trackingDir: root, run: "r", out, err })).rejects.toThrow(/ambiguous/);
  });
});
