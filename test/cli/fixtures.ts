import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { journalLineOf } from "../../src/records/serialize.js";
import type { RunRecord } from "../../src/records/types.js";
import { JournalWriter } from "../../src/store/journal.js";
import { RunDir, type RunMeta } from "../../src/store/run-store.js";

type Unstamped = RunRecord extends infer R ? (R extends RunRecord ? Omit<R, "seq" | "ts"> : never) : never;

export const T0 = Date.UTC(2026, 10, 26, 5, 0, 0);

/** A temporary tracking root, removed by the returned cleanup. */
export function tempTrackingDir(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "plx-cli-"));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Writes a run whose records get seq 1.. and ts T0 + seq seconds. */
export function writeRun(
  root: string,
  runId: string,
  records: Unstamped[],
  name = "fixture",
  meta: Partial<Omit<RunMeta, "format" | "runId">> = {},
): RunDir {
  const run = RunDir.create(
    root,
    {
      project: "alice/demo",
      owner: "alice",
      projectName: "demo",
      createdAt: new Date(T0).toISOString(),
      sdkVersion: "0.0.0",
      name,
      ...meta,
    },
    runId,
  );
  const journal = new JournalWriter(run.recordsFile);
  records.forEach((partial, index) => {
    const seq = index + 1;
    const record = { ...partial, seq, ts: T0 + seq * 1000 } as RunRecord;
    journal.write(`${journalLineOf(record)}\n`);
  });
  journal.close();
  return run;
}

/** A typical finished run: create, params, code ref, running, metrics, logs, an artifact, succeeded. */
export function typicalRecords(points = 5): Unstamped[] {
  const records: Unstamped[] = [
    {
      kind: "create",
      body: { is_managed: false, backend: "native", name: "logreg", tags: ["a", "b"], framework: "plain-ts" },
    },
    { kind: "update", body: { params: { lr: 0.1, epochs: 3 } } },
    { kind: "update", body: { params: { seed: 7 }, merge: true } },
    { kind: "update", body: { tags: ["b", "c"], merge: true } },
    { kind: "update", body: { data_refs: { blobs: "abc123" }, merge: true } },
    {
      kind: "coderef",
      body: { commit: "0123456789abcdef", head: "0123456789abcdef", branch: "main", git_url: "", is_dirty: true },
    },
    { kind: "status", body: { status: "running" } },
  ];
  for (let step = 0; step < points; step++) {
    records.push({ kind: "metric", values: { step, loss: 1 / (step + 1), accuracy: step / points } });
    if (step % 2 === 0) records.push({ kind: "log", line: `step ${step}` });
  }
  records.push({ kind: "artifact", source: "/tmp/w.json", path: "outputs/w.json", bytes: 2048 });
  records.push({ kind: "status", body: { status: "succeeded" } });
  return records;
}

/** Collects what a command writes. */
export class Capture {
  text = "";
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}
