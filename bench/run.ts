/**
 * `npm run bench`: measures the SDK against the targets of issue 6 and prints a table.
 * Each measurement runs in its own child process so heaps and JIT state do not leak between
 * them; the loopback server of the throughput run is another process, so it never shares the
 * client's event loop. Numbers depend on the machine and its load: run it on an idle one.
 *
 * No timed assertion lives in the test suite; this script is the place for timings.
 */
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LeanStats } from "./lean-server.js";
import { startLeanServer } from "./lean-server.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

interface Row {
  measure: string;
  result: string;
  target: string;
  ok: boolean | undefined;
}

const rows: Row[] = [];

/** Runs a bench script in a child (`node --import tsx`) and returns its last stdout line as JSON. */
function child<T>(script: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, "--import", "tsx", join(here, script)], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.setEncoding("utf8").on("data", (text: string) => {
      out += text;
    });
    proc.on("exit", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`${script} exited with ${code}: ${out}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function logCost(): Promise<void> {
  process.stderr.write("logMetrics cost (3 runs of 1,000,000 calls)…\n");
  const runs: Array<{ amortizedNs: number; hotPathNs: number; backgroundNs: number }> = [];
  for (let i = 0; i < 3; i++) runs.push(await child("log-cost.ts"));
  const best = (key: keyof (typeof runs)[number]) => Math.min(...runs.map((r) => r[key]));
  const hot = best("hotPathNs");
  rows.push(
    {
      measure: "logMetrics, 10 keys: hot path (amortized)",
      result: `${(hot / 1000).toFixed(2)} µs`,
      target: "≤ 1 µs",
      ok: hot <= 1000,
    },
    {
      measure: "logMetrics as called (incl. inline write every 1000)",
      result: `${(best("amortizedNs") / 1000).toFixed(2)} µs`,
      target: "(info)",
      ok: undefined,
    },
    {
      measure: "serialise + journal, per point (background)",
      result: `${(best("backgroundNs") / 1000).toFixed(2)} µs`,
      target: "(info)",
      ok: undefined,
    },
  );
}

async function throughput(): Promise<void> {
  process.stderr.write("delivery throughput (1,000,000 points to a loopback server)…\n");
  const server = fork(join(here, "lean-server.ts"), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve) =>
    server.once("message", (message) => resolve((message as { port: number }).port)),
  );
  const stats = () =>
    new Promise<LeanStats>((resolve) => {
      server.once("message", (message) => resolve((message as { stats: LeanStats }).stats));
      server.send("stats");
    });
  try {
    const home = mkdtempSync(join(tmpdir(), "plx-bench-home-"));
    const result = await child<{ points: number; seconds: number; delivered: boolean }>("throughput.ts", {
      HOME: home,
      POLYAXON_API_HOST: "127.0.0.1",
      POLYAXON_HTTP_PORT: String(port),
      POLYAXON_SECRET_USER_TOKEN: "bench",
    });
    rmSync(home, { recursive: true, force: true });
    const counted = await stats();
    const perSecond = counted.points / result.seconds;
    const perThousand = counted.metricRequests / (counted.points / 1000);
    rows.push(
      {
        measure: "points delivered per second (loopback)",
        result: `${Math.round(perSecond).toLocaleString("en-US")}/s (${counted.points.toLocaleString("en-US")} in ${result.seconds.toFixed(2)} s)`,
        target: "≥ 200,000/s",
        ok: perSecond >= 200_000 && counted.points === result.points,
      },
      {
        measure: "metric requests per 1000 points",
        result: `${perThousand.toFixed(2)} (${counted.metricRequests} requests)`,
        target: "≤ 1",
        ok: perThousand <= 1,
      },
    );
  } finally {
    server.send("close");
  }
}

async function rssOutage(): Promise<void> {
  process.stderr.write("RSS while logging 1,000,000 points with the server down…\n");
  const home = mkdtempSync(join(tmpdir(), "plx-bench-home-"));
  try {
    const result = await child<{ beforeMb: number; peakMb: number; closeMs: number; closeMb: number }>(
      "rss-outage.ts",
      { HOME: home },
      ["--expose-gc"],
    );
    const growth = result.peakMb - result.beforeMb;
    rows.push(
      {
        measure: "RSS growth, 1,000,000 points, server down",
        result: `${growth.toFixed(1)} MB (${result.beforeMb.toFixed(0)} → ${result.peakMb.toFixed(0)} MB)`,
        target: "≤ 64 MB",
        ok: growth <= 64,
      },
      {
        measure: "then close(): time, RSS after (vs before logging)",
        result: `${result.closeMs.toFixed(0)} ms, +${(result.closeMb - result.beforeMb).toFixed(0)} MB`,
        target: "(info)",
        ok: undefined,
      },
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Cold start of the shipped JavaScript (compiled with tsc, as `npm run build` does, into a
 * cache directory under node_modules so package imports resolve): time from spawning `node`
 * to `create()` resolving against a loopback server, against spawning a bare `node -e ""`.
 */
async function coldStart(): Promise<void> {
  process.stderr.write("cold start (compiling src with tsc first)…\n");
  const out = join(root, "node_modules", ".cache", "polyaxon-bench");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  try {
    execFileSync(
      process.execPath,
      [
        join(root, "node_modules", "typescript", "bin", "tsc"),
        ...["-p", join(root, "tsconfig.build.json"), "--outDir", out],
        ...["--declaration", "false", "--declarationMap", "false", "--sourceMap", "false"],
      ],
      { stdio: "ignore" },
    );
  } catch {
    // Type errors elsewhere do not stop tsc from emitting; a missing entry point is caught below.
  }
  const entry = join(out, "src", "index.js");
  const script = join(out, "cold-start.mjs");
  writeFileSync(
    script,
    `const t0 = performance.now();\n` +
      `const { Experiment } = await import(${JSON.stringify(entry)});\n` +
      `const t1 = performance.now();\n` +
      `const experiment = new Experiment({ project: "bench/cold" });\n` +
      `await experiment.create();\n` +
      `const t2 = performance.now();\n` +
      `process.stdout.write(\`created \${(t1 - t0).toFixed(1)} \${(t2 - t1).toFixed(1)}\\n\`);\n`,
  );
  const server = await startLeanServer();
  const home = mkdtempSync(join(tmpdir(), "plx-bench-home-"));
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    POLYAXON_API_HOST: "127.0.0.1",
    POLYAXON_HTTP_PORT: String(server.port),
    POLYAXON_SECRET_USER_TOKEN: "bench",
    POLYAXON_TRACKING_DIR: join(home, "runs"),
  };
  const phases: Array<{ importMs: number; createMs: number }> = [];
  const timeTo = (args: string[], marker: string | undefined) =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      const proc = spawn(process.execPath, args, { env, cwd: home, stdio: ["ignore", "pipe", "ignore"] });
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
        else if (!done) reject(new Error(`cold-start script exited with ${code} before create() resolved`));
      });
    });
  try {
    const bare: number[] = [];
    const sdk: number[] = [];
    for (let i = 0; i < 7; i++) {
      bare.push(await timeTo(["-e", ""], undefined));
      sdk.push(await timeTo([script], "created"));
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
    await server.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

function print(): void {
  const headers = ["measure", "result", "target", ""];
  const cells = rows.map((r) => [r.measure, r.result, r.target, r.ok === undefined ? "" : r.ok ? "✓" : "✗"]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) => `| ${c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  process.stdout.write(
    `\n${[line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n")}\n` +
      `(node ${process.version}, ${process.platform}/${process.arch})\n`,
  );
}

const only = process.argv.slice(2);
const steps: Array<[string, () => Promise<void>]> = [
  ["log", logCost],
  ["throughput", throughput],
  ["rss", rssOutage],
  ["cold", coldStart],
];
for (const [name, step] of steps) {
  if (only.length === 0 || only.includes(name)) await step();
}
print();
