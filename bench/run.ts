/**
 * `npm run bench`: measures what users run — the BUILT package (`npm run build`: the bundles
 * in dist/) under plain `node`, each figure from fresh processes (JIT warm-up
 * included), as the median of several runs — and prints one table with the targets of issue 10.
 *
 * - loop cost: `logMetrics` with {step + 10 floats}, 100,000 and 1,000,000 calls, against a live
 *   loopback server (a lean server in another process that reads every body and counts points),
 *   offline, and with the server gone after create(). Reported as the loop's wall time per call
 *   minus the same loop without the SDK (point creation and yields), each a median of fresh runs.
 * - delivery: every point acknowledged by the server, from the first call (points/s), and
 *   metric requests per 1,000 points.
 * - memory: peak RSS growth over the loop (delivery thread included), server up and down.
 * - cold start: import + new Experiment + create() on loopback, over bare `node -e ""`.
 *
 * No timed assertion lives in the test suite; this script is the place for timings.
 * Options: `npm run bench -- --runs 5 loop cold` (steps: loop, cold).
 */
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LeanStats } from "./lean-server.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const args = process.argv.slice(2);
const runsArg = args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
const steps = args.filter((a, i) => !a.startsWith("--") && (runsArg < 0 || i !== runsArg + 1));

interface Row {
  measure: string;
  result: string;
  target: string;
  ok: boolean | undefined;
}
const rows: Row[] = [];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

/** Builds the package as `npm run build` does (dist/) and returns its main entry point. */
function build(): { entry: string } {
  execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts", "build.ts")], { stdio: "inherit" });
  return { entry: join(root, "dist", "index.js") };
}

interface LoopResult {
  mode: string;
  calls: number;
  loopMs: number;
  /** CPU time of the training thread during the loop (Linux), undefined elsewhere. */
  loopCpuMs?: number;
  deliveredMs?: number;
  delivered?: boolean;
  rssBeforeMb: number;
  rssPeakMb: number;
}

/** One fresh `node bench/loop.mjs` (plain node, the built package). */
function loopRun(env: Record<string, string>): Promise<LoopResult> {
  return new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), "plx-bench-"));
    const proc = spawn(process.execPath, [join(here, "loop.mjs")], {
      env: { PATH: process.env.PATH ?? "", HOME: dir, BENCH_DIR: join(dir, "runs"), ...env },
      cwd: dir,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.setEncoding("utf8").on("data", (text: string) => {
      out += text;
    });
    proc.on("exit", (code) => {
      rmSync(dir, { recursive: true, force: true });
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`loop.mjs exited with ${code}: ${out}`));
      else resolve(JSON.parse(last) as LoopResult);
    });
  });
}

async function startServer() {
  const server = fork(join(here, "lean-server.ts"), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve) =>
    server.once("message", (message) => resolve((message as { port: number }).port)),
  );
  const stats = () =>
    new Promise<LeanStats>((resolve) => {
      server.once("message", (message) => resolve((message as { stats: LeanStats }).stats));
      server.send("stats");
    });
  return { port, stats, close: () => server.send("close") };
}

async function loopCost(entry: string): Promise<void> {
  const server = await startServer();
  try {
    for (const calls of [100_000, 1_000_000]) {
      const label = calls === 100_000 ? "100k" : "1M";
      process.stderr.write(`loop, ${fmt(calls)} calls: ${RUNS} fresh processes each for baseline/live/offline/down…\n`);
      const results: Record<string, LoopResult[]> = { baseline: [], live: [], offline: [], down: [] };
      const counted: LeanStats[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const mode of ["baseline", "live", "offline", "down"] as const) {
          const before = mode === "live" ? await server.stats() : undefined;
          const result = await loopRun({
            BENCH_ENTRY: entry,
            BENCH_MODE: mode,
            BENCH_CALLS: String(calls),
            BENCH_PORT: String(server.port),
          });
          results[mode]?.push(result);
          if (before) {
            const after = await server.stats();
            counted.push({
              metricRequests: after.metricRequests - before.metricRequests,
              points: after.points - before.points,
              requests: after.requests - before.requests,
            });
          }
        }
      }
      const perCall = (list: LoopResult[]) => median(list.map((r) => (r.loopMs * 1000) / r.calls));
      const cpuPerCall = (list: LoopResult[]) =>
        median(list.map((r) => ((r.loopCpuMs ?? Number.NaN) * 1000) / r.calls));
      const base = perCall(results.baseline ?? []);
      const baseCpu = cpuPerCall(results.baseline ?? []);
      for (const mode of ["live", "offline", "down"] as const) {
        const list = results[mode] ?? [];
        const raw = perCall(list);
        const net = raw - base;
        const cpu = cpuPerCall(list) - baseCpu;
        rows.push({
          measure: `logMetrics cost per call, ${mode === "down" ? "server down" : mode}, ${label} calls`,
          result:
            `${net.toFixed(3)} µs wall (loop ${raw.toFixed(3)} − ${base.toFixed(3)} µs without the SDK); ` +
            `training thread CPU ${Number.isNaN(cpu) ? "n/a" : `${cpu.toFixed(3)} µs`}`,
          target: "≤ 0.25 µs",
          ok: net <= 0.25,
        });
      }
      const live = results.live ?? [];
      const rates = live.map((r, i) => (counted[i]?.points ?? 0) / ((r.deliveredMs ?? Number.NaN) / 1000));
      const all = live.every((r, i) => r.delivered === true && counted[i]?.points === calls);
      rows.push({
        measure: `delivered to the server, from the first call, ${label} points`,
        result: `${fmt(median(rates))} points/s (median; ${fmt(median(live.map((r) => r.deliveredMs ?? 0)))} ms)${all ? "" : " — NOT ALL DELIVERED"}`,
        target: "≥ 300,000/s",
        ok: median(rates) >= 300_000 && all,
      });
      const perThousand = median(counted.map((c) => c.metricRequests / (c.points / 1000)));
      rows.push({
        measure: `metric requests per 1,000 points, ${label}`,
        result: `${perThousand.toFixed(2)} (${fmt(median(counted.map((c) => c.metricRequests)))} requests)`,
        target: "≤ 1",
        ok: perThousand <= 1,
      });
      const baseGrowth = median((results.baseline ?? []).map((r) => r.rssPeakMb - r.rssBeforeMb));
      for (const mode of ["live", "down"] as const) {
        const list = results[mode] ?? [];
        const growth = median(list.map((r) => r.rssPeakMb - r.rssBeforeMb));
        rows.push({
          measure: `peak RSS growth, ${label} points, server ${mode === "live" ? "up" : "down"}`,
          result:
            `${growth.toFixed(1)} MB (the same loop without the SDK: +${baseGrowth.toFixed(1)} MB; ` +
            `RSS after create() ${median(list.map((r) => r.rssBeforeMb)).toFixed(0)} MB)`,
          target: calls === 1_000_000 ? "≤ 64 MB" : "(info)",
          ok: calls === 1_000_000 ? growth <= 64 : undefined,
        });
      }
    }
  } finally {
    server.close();
  }
}

async function coldStart(entry: string): Promise<void> {
  process.stderr.write("cold start (7 fresh processes each)…\n");
  const server = await startServer();
  const home = mkdtempSync(join(tmpdir(), "plx-bench-home-"));
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    BENCH_ENTRY: entry,
    POLYAXON_API_HOST: "127.0.0.1",
    POLYAXON_HTTP_PORT: String(server.port),
    POLYAXON_SECRET_USER_TOKEN: "bench",
    POLYAXON_TRACKING_DIR: join(home, "runs"),
  };
  const phases: Array<{ importMs: number; createMs: number }> = [];
  const timeTo = (argv: string[], marker: string | undefined) =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      const proc = spawn(process.execPath, argv, { env, cwd: home, stdio: ["ignore", "pipe", "ignore"] });
      let done = false;
      proc.stdout.setEncoding("utf8").on("data", (text: string) => {
        if (marker !== undefined && !done && text.includes(marker)) {
          done = true;
          const [importMs, createMs] = text.trim().split(" ").slice(1).map(Number);
          if (importMs !== undefined && createMs !== undefined) phases.push({ importMs, createMs });
          resolve(performance.now() - start);
        }
      });
      proc.on("exit", (code) => {
        if (marker === undefined) resolve(performance.now() - start);
        else if (!done) reject(new Error(`cold-start.mjs exited with ${code} before create() resolved`));
      });
    });
  try {
    const bare: number[] = [];
    const sdk: number[] = [];
    for (let i = 0; i < 7; i++) {
      bare.push(await timeTo(["-e", ""], undefined));
      sdk.push(await timeTo([join(here, "cold-start.mjs")], "created"));
    }
    const extra = median(sdk) - median(bare);
    rows.push({
      measure: "cold start: import + new Experiment + create()",
      result:
        `+${extra.toFixed(0)} ms (${median(sdk).toFixed(0)} vs bare node ${median(bare).toFixed(0)} ms, median of 7; ` +
        `import ${median(phases.map((p) => p.importMs)).toFixed(0)} ms, new + create() ${median(phases.map((p) => p.createMs)).toFixed(0)} ms)`,
      target: "≤ +150 ms",
      ok: extra <= 150,
    });
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

function print(): void {
  const headers = ["measure", "result", "target", ""];
  const cells = rows.map((r) => [r.measure, r.result, r.target, r.ok === undefined ? "" : r.ok ? "✓" : "✗"]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) => `| ${c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  process.stdout.write(
    `\n${[line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n")}\n` +
      `(node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}; ` +
      `medians of ${RUNS} fresh processes, 7 for cold start)\n`,
  );
}

const { entry } = build();
if (steps.length === 0 || steps.includes("loop")) await loopCost(entry);
if (steps.length === 0 || steps.includes("cold")) await coldStart(entry);
print();
