/**
 * Child process of `npm run bench`: points delivered per second to a loopback server (the lean
 * server, in another process, from BENCH_BASE_URL). Logs BENCH_POINTS points in chunks of
 * 10,000 with a yield between chunks (a training loop that awaits something each step), then
 * flushes; the clock stops when the server has acknowledged everything. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Experiment } from "../src/tracking/experiment.js";

const points = Number(process.env.BENCH_POINTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "plx-bench-tp-"));

try {
  const experiment = new Experiment({
    project: "bench/throughput",
    trackingDir: dir,
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    trackEnv: false,
    notifier: { warn: () => undefined, info: () => undefined },
  });
  await experiment.create();
  const start = performance.now();
  for (let done = 0; done < points; done += 10_000) {
    for (let i = done; i < done + 10_000; i++) {
      experiment.logMetrics({
        step: i,
        loss: 1 / (i + 1),
        accuracy: i / points,
        lr: 0.001,
        m4: i * 0.5,
        m5: i * 0.25,
        m6: 0.5,
        m7: i % 7,
        m8: i % 11,
        m9: -i,
      });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const delivered = await experiment.flush(120_000);
  const seconds = (performance.now() - start) / 1000;
  await experiment.close(1_000);
  process.stdout.write(`${JSON.stringify({ points, seconds, delivered })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
