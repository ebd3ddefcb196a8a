/**
 * Child process of `npm run bench` (run with --expose-gc): RSS growth while logging 1,000,000
 * points with the server down. The experiment is created against an in-process lean server,
 * which is then closed (connections refused from then on): delivery fails, spills to the
 * journal and keeps probing, and memory must stay bounded. RSS is sampled after every chunk of
 * 10,000 points; growth = peak − RSS just before logging. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchExperiment, benchPoint } from "./fixtures.js";
import { startLeanServer } from "./lean-server.js";

const points = Number(process.env.BENCH_POINTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "plx-bench-rss-"));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

try {
  const server = await startLeanServer();
  const experiment = await benchExperiment({
    project: "bench/outage",
    trackingDir: dir,
    settings: { apiHost: "127.0.0.1", httpPort: server.port, userToken: "bench" },
  });
  await experiment.flush(5_000);
  await server.close();
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  for (let done = 0; done < points; done += 10_000) {
    for (let i = done; i < done + 10_000; i++) {
      experiment.logMetrics(benchPoint(i, points));
    }
    await new Promise((resolve) => setImmediate(resolve));
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const delivered = await experiment.flush(200);
  const peakAfter = Math.max(peak, process.memoryUsage().rss);
  // close() counts what is left for `sync` by reading the whole journal: its cost is reported apart.
  const closeStart = performance.now();
  await experiment.close(100);
  const closeMs = performance.now() - closeStart;
  const closeMb = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(
    `${JSON.stringify({ points, beforeMb: before / 2 ** 20, peakMb: peakAfter / 2 ** 20, delivered, closeMs, closeMb })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
