/**
 * Child process of `npm run bench`: the cost of `logMetrics` with 10 keys, on a run with no
 * server (so only the SDK's own work is measured). Prints one JSON line.
 *
 * - amortized: 1,000,000 calls with the default settings. Every 1000th call (batch size)
 *   serialises and journals the pending points inline, so this is what the training loop pays.
 * - hot path: the same calls with the inline write deferred (done between timed chunks), i.e.
 *   validate + copy + stamp + push.
 * - background: serialising + appending to the journal per point, measured on its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Recorder } from "../src/delivery/recorder.js";
import { serializeRecord } from "../src/records/serialize.js";
import type { RunRecord } from "../src/records/types.js";
import { JournalWriter } from "../src/store/journal.js";
import type { Experiment } from "../src/tracking/experiment.js";
import { benchExperiment, benchPoint } from "./fixtures.js";

const CALLS = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), "plx-bench-log-"));

const point = (i: number) => benchPoint(i, CALLS);

async function offlineExperiment(batchSize: number): Promise<Experiment> {
  const experiment = await benchExperiment({
    project: "bench/log-cost",
    trackingDir: dir,
    settings: { batchSize, intervalMs: 3_600_000 },
  });
  return experiment;
}

/** Reaches the run's recorder (bench only: not public API). */
function recorderOf(experiment: Experiment): Recorder {
  return (experiment as unknown as { session: { recorder: Recorder } }).session.recorder;
}

async function amortized(): Promise<number> {
  const experiment = await offlineExperiment(1000);
  for (let i = 0; i < 50_000; i++) experiment.logMetrics(point(i)); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) experiment.logMetrics(point(i));
  const ns = Number(process.hrtime.bigint() - start);
  await experiment.close(1000);
  return ns / CALLS;
}

async function hotPath(): Promise<number> {
  const experiment = await offlineExperiment(Number.MAX_SAFE_INTEGER);
  const recorder = recorderOf(experiment);
  const chunk = 100_000;
  for (let i = 0; i < chunk; i++) experiment.logMetrics(point(i)); // warm-up
  recorder.tick();
  let ns = 0;
  for (let done = 0; done < CALLS; done += chunk) {
    const start = process.hrtime.bigint();
    for (let i = done; i < done + chunk; i++) experiment.logMetrics(point(i));
    ns += Number(process.hrtime.bigint() - start);
    recorder.tick();
  }
  await experiment.close(1000);
  return ns / CALLS;
}

function background(): number {
  const journal = new JournalWriter(join(dir, "background.jsonl"));
  const chunk = 100_000;
  let ns = 0;
  for (let done = 0; done < CALLS; done += chunk) {
    const records: RunRecord[] = [];
    for (let i = done; i < done + chunk; i++)
      records.push({ kind: "metric", values: point(i), seq: i + 1, ts: Date.now() });
    const start = process.hrtime.bigint();
    const writeLine = (line: string, seq: number) => journal.append(line, seq);
    for (const record of records) serializeRecord(record, writeLine);
    journal.drain();
    ns += Number(process.hrtime.bigint() - start);
  }
  journal.close();
  return ns / CALLS;
}

try {
  const result = { amortizedNs: await amortized(), hotPathNs: await hotPath(), backgroundNs: background() };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
