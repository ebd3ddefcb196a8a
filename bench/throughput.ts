/**
 * Child process of `npm run bench`: points delivered per second to a loopback server (the lean
 * server, in another process, from BENCH_BASE_URL). Logs BENCH_POINTS points in chunks of
 * 10,000 with a yield between chunks (a training loop that awaits something each step), then
 * flushes; the clock stops when the server has acknowledged everything. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchExperiment, benchPoint } from "./fixtures.js";

const points = Number(process.env.BENCH_POINTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "plx-bench-tp-"));

try {
  const experiment = await benchExperiment({
    project: "bench/throughput",
    trackingDir: dir,
  });
  const start = performance.now();
  for (let done = 0; done < points; done += 10_000) {
    for (let i = done; i < done + 10_000; i++) {
      experiment.logMetrics(benchPoint(i, points));
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
