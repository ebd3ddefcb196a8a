/**
 * Child process of `npm run bench` (plain node, no TypeScript loader): one training loop against
 * the BUILT package (BENCH_ENTRY = compiled src/index.js), from a fresh process, JIT warm-up
 * included. Prints one JSON line.
 *
 *   BENCH_MODE    live     a server on 127.0.0.1 (BENCH_PORT, another process) answers
 *                 offline  no server configured: journal only
 *                 down     created against the server, which is then gone (BENCH_PORT refuses)
 *                 baseline the same loop without the SDK (point creation and yields only)
 *   BENCH_CALLS   logMetrics calls ({step + 10 floats}), in chunks of 100 with a yield between
 *                 chunks, as a loop that awaits its data loader now and then
 *
 * Reports the loop's wall time per call, RSS growth over the loop (peak − RSS after create()), and
 * in live mode the time from the first call until the server acknowledged every point. The peak
 * is the kernel's high-water mark (VmHWM, reset before the loop through /proc/self/clear_refs):
 * exact, and no cost in the loop. Where that is not available, RSS is sampled at every yield.
 */
import { readFileSync, writeFileSync } from "node:fs";

const mode = process.env.BENCH_MODE ?? "live";
const calls = Number(process.env.BENCH_CALLS ?? 100_000);
const CHUNK = 100;

function point(i) {
  return {
    step: i,
    loss: 1 / (i + 1),
    accuracy: i / calls,
    lr: 0.001,
    m4: i * 0.5,
    m5: i * 0.25,
    m6: 0.5,
    m7: i % 7,
    m8: i % 11,
    m9: -i,
    m10: i * 1e-3,
  };
}

const yieldNow = () => new Promise((resolve) => setImmediate(resolve));

/** Resets the kernel's peak RSS of this process to its current RSS (Linux ≥ 4.0); false elsewhere. */
function resetPeakRss() {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return peakRss() !== undefined;
  } catch {
    return false;
  }
}

/** The kernel's peak RSS of this process since the reset, in bytes (VmHWM), or undefined. */
function peakRss() {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) * 1024 : undefined;
}

/** CPU time of this (the training) thread so far, in ns (Linux; undefined elsewhere). */
function threadCpuNs() {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]);
  } catch {
    return undefined;
  }
}

/** For "down": a server in this process that takes the create, then is gone (connections refused). */
async function shortLivedServer() {
  const { createServer } = await import("node:http");
  const sockets = new Set();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const created = req.method === "POST" && /\/experiments\/$/.test(req.url ?? "");
      res.writeHead(created ? 201 : 200, { "content-type": "application/json" });
      res.end(created ? '{"id":1}' : "{}");
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

let experiment;
if (mode !== "baseline") {
  const { Experiment } = await import(process.env.BENCH_ENTRY);
  const doomed = mode === "down" ? await shortLivedServer() : undefined;
  const port = doomed ? doomed.port : Number(process.env.BENCH_PORT);
  const server = mode === "offline" ? {} : { apiHost: "127.0.0.1", httpPort: port, userToken: "bench" };
  experiment = new Experiment({
    project: "bench/loop",
    trackingDir: process.env.BENCH_DIR,
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    trackEnv: false,
    notifier: { warn: () => undefined, info: () => undefined },
    onError: () => undefined,
    settings: { ...server, isOffline: mode === "offline" },
  });
  await experiment.create();
  if (doomed) {
    await experiment.flush(5_000);
    await doomed.close();
  }
}

const before = process.memoryUsage.rss();
const kernelPeak = resetPeakRss();
let peak = before;
let sink = 0;
const start = performance.now();
const cpuStart = threadCpuNs();
for (let done = 0; done < calls; done += CHUNK) {
  if (experiment) for (let i = done; i < done + CHUNK; i++) experiment.logMetrics(point(i));
  else for (let i = done; i < done + CHUNK; i++) sink += point(i).step;
  await yieldNow();
  if (!kernelPeak) peak = Math.max(peak, process.memoryUsage.rss());
}
const loopMs = performance.now() - start;
const cpuEnd = threadCpuNs();
const loopCpuMs = cpuStart === undefined || cpuEnd === undefined ? undefined : (cpuEnd - cpuStart) / 1e6;
let deliveredMs;
let delivered;
if (experiment) {
  delivered = await experiment.flush(mode === "live" ? 120_000 : 500);
  deliveredMs = performance.now() - start;
  peak = Math.max(peak, kernelPeak ? (peakRss() ?? 0) : process.memoryUsage.rss());
  await experiment.close(200);
}
process.stdout.write(
  `${JSON.stringify({ mode, calls, loopMs, loopCpuMs, deliveredMs, delivered, rssBeforeMb: before / 2 ** 20, rssPeakMb: peak / 2 ** 20, sink })}\n`,
);
process.exit(0);
