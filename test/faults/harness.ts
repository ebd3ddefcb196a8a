import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { paths } from "../../generated/schema.js";
import { createClientFor } from "../../src/api/base-client.js";
import { ApiTransport } from "../../src/delivery/api-transport.js";
import { type SyncResult, syncRun } from "../../src/delivery/sync-run.js";
import { ROW_HEAD, rowWidth } from "../../src/records/frame.js";
import { RunDir } from "../../src/store/run-store.js";
import { SpoolReader } from "../../src/store/spool.js";
import { FakePolyaxon as FakeServer, type RecordedRequest } from "../../src/testing/index.js";
import { childScriptArgs } from "../support/child-scripts.js";

export const TOKEN = "fault-suite-token";

/** A fault of the suite: which requests, and what the server does to them instead. */
export interface Fault {
  match?: (request: { method: string; path: string }) => boolean;
  times?: number;
  status?: number;
  retryAfter?: number;
  destroy?: boolean;
  delayMs?: number;
}

/**
 * The suite's view of the fake Polyaxon server of polyaxon-tracking/testing: started and
 * stopped on a port of the suite's choosing, faults injected through the fake's switches,
 * and the requests the server applied read from its request log.
 */
export class FakePolyaxon {
  #fake: FakeServer | undefined;

  get port(): number {
    return this.#server().port;
  }

  get baseUrl(): string {
    return this.#server().url;
  }

  /** Listens on `port` (default: a free one; later calls: the same one). */
  async start(port = 0): Promise<this> {
    this.#fake ??= new FakeServer({ token: TOKEN, port });
    await this.#fake.start();
    return this;
  }

  /** Goes down like a crashed server: no more connections, open ones cut. */
  async stop(): Promise<void> {
    await this.#fake?.stop();
  }

  /** Comes back on the same port after `stop()`. */
  async restart(): Promise<void> {
    await this.#server().start();
  }

  inject(fault: Fault): void {
    this.#server().fault(fault);
  }

  clearFaults(): void {
    this.#server().clearFaults();
  }

  /** Applied requests to `…/experiments/{id}/<suffix>` (suffix like `metrics/`, `statuses/`, `` for PATCH). */
  to(method: string, suffix: string): RecordedRequest[] {
    const path = new RegExp(`/experiments/\\d+/${suffix}$`);
    return this.#server()
      .requests({ method, path })
      .filter((r) => r.applied);
  }

  /** Experiments the server created (applied `POST …/experiments/`). */
  creates(): RecordedRequest[] {
    return this.#server()
      .requests({ method: "POST", path: /\/experiments\/$/ })
      .filter((r) => r.applied);
  }

  /** Every metric point the server applied, flattened from the batched arrays. */
  metricPoints(): Array<{ values: Record<string, number>; created_at?: string }> {
    return this.to("POST", "metrics/").flatMap((r) => (Array.isArray(r.body) ? r.body : [r.body])) as Array<{
      values: Record<string, number>;
      created_at?: string;
    }>;
  }

  /**
   * How many times each step was in a metric request an injected fault delayed (applied, but
   * answered after the client gave up): each such copy may legitimately arrive once more.
   */
  delayedSteps(): Map<number, number> {
    const counts = new Map<number, number>();
    const delayed = this.#server()
      .requests({ method: "POST", path: /\/experiments\/\d+\/metrics\/$/ })
      .filter((r) => r.applied && r.fault);
    for (const request of delayed) {
      for (const point of request.body as Array<{ values: { step: number } }>) {
        counts.set(point.values.step, (counts.get(point.values.step) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** Every status value the server applied, in order. */
  statuses(): string[] {
    return this.to("POST", "statuses/").map((r) => (r.body as { status: string }).status);
  }

  #server(): FakeServer {
    if (!this.#fake) throw new Error("the fault suite's server was never started");
    return this.#fake;
  }
}

export interface ScriptEvent {
  event: "connecting" | "created" | "logged" | "done" | "burst";
  n?: number;
  runId?: string;
  runDir?: string;
  experimentId?: number;
}

export interface ScriptExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
}

/**
 * One run of `tracked-script.ts` in a child process, with its own tracking dir and home (so no
 * config file of the machine leaks in). `events` fills as the script reports on stdout.
 */
export class TrackedScript {
  readonly events: ScriptEvent[] = [];
  readonly home: string;
  readonly trackingDir: string;
  stderr = "";
  readonly exited: Promise<ScriptExit>;
  private readonly child: ChildProcess;
  private waiters: Array<() => void> = [];

  constructor(port: number, env: Record<string, string> = {}) {
    this.home = mkdtempSync(join(tmpdir(), "plx-faults-"));
    this.trackingDir = join(this.home, "runs");
    mkdirSync(this.trackingDir);
    const started = performance.now();
    this.child = spawn(process.execPath, childScriptArgs("faults-tracked-script"), {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: this.home,
        TMPDIR: this.home,
        POLYAXON_API_HOST: "127.0.0.1",
        POLYAXON_HTTP_PORT: String(port),
        POLYAXON_SECRET_USER_TOKEN: TOKEN,
        POLYAXON_TRACKING_DIR: this.trackingDir,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buffered = "";
    this.child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      buffered += text;
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith("{")) this.events.push(JSON.parse(line) as ScriptEvent);
        newline = buffered.indexOf("\n");
      }
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    this.child.stderr?.setEncoding("utf8").on("data", (text: string) => {
      this.stderr += text;
    });
    this.exited = new Promise((resolve) => {
      this.child.on("exit", (code, signal) => {
        for (const waiter of this.waiters.splice(0)) waiter();
        resolve({ code, signal, wallMs: performance.now() - started });
      });
    });
  }

  /** Points the script said it logged so far. */
  get logged(): number {
    return this.events.reduce((n, e) => (e.event === "logged" && e.n !== undefined ? Math.max(n, e.n) : n), 0);
  }

  get runDir(): string | undefined {
    return this.events.find((e) => e.event === "created")?.runDir;
  }

  /** Resolves when the script reported an event that satisfies `test` (rejects if it exits first). */
  async until(test: (event: ScriptEvent) => boolean): Promise<void> {
    for (;;) {
      if (this.events.some(test)) return;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`script exited before the expected event; stderr:\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  untilLogged(n: number): Promise<void> {
    return this.until((e) => e.event === "logged" && (e.n ?? 0) >= n);
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  cleanup(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** The steps of the metric points in the run's journal (what the run recorded), in order. */
export function journalSteps(runDir: string): number[] {
  const steps: number[] = [];
  // A run killed before its delivery thread started has no journal at all.
  const file = join(runDir, "records.jsonl");
  if (!existsSync(file)) return steps;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.includes('"kind":"metric"')) continue;
    try {
      const record = JSON.parse(line) as { values: { step: number } };
      steps.push(record.values.step);
    } catch {
      // A line torn by kill -9 is not a record.
    }
  }
  return steps;
}

/**
 * Steps of the metric points in the run's spool (`spool.bin`), as the delivery thread wrote them
 * (a torn last entry is not read). Points already journaled may be there too, or not: the spool
 * is truncated once all of it is journaled.
 */
export function spooledSteps(runDir: string): number[] {
  const file = join(runDir, "spool.bin");
  if (!existsSync(file)) return [];
  const steps: number[] = [];
  const reader = new SpoolReader(file);
  try {
    for (let frames = reader.next(1 << 20); frames.length > 0; frames = reader.next(1 << 20)) {
      for (const { keys, buffer, byteOffset = 0, start, rows } of frames.flatMap((frame) => frame.blocks)) {
        const column = keys.indexOf("step");
        const width = rowWidth(keys.length);
        const data = new Float64Array(buffer, byteOffset);
        for (let row = start; column >= 0 && row < start + rows; row++)
          steps.push(data[row * width + ROW_HEAD + column] as number);
      }
    }
  } finally {
    reader.close();
  }
  return steps;
}

/**
 * Steps of the metric points on disk: in the spool or the journal (the spool is read first, so a
 * truncation between the two reads cannot hide a point).
 */
export function onDiskSteps(runDir: string): Set<number> {
  const steps = new Set(spooledSteps(runDir));
  for (const step of journalSteps(runDir)) steps.add(step);
  return steps;
}

/** `sync <run-id>`, in process: the same function the CLI command calls. */
export function syncWith(server: FakePolyaxon, runDir: string): Promise<SyncResult> {
  const client = createClientFor<paths>({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 5_000 });
  return syncRun(new RunDir(runDir), { transport: new ApiTransport(client), baseUrl: server.baseUrl });
}

export interface Tally {
  /** Distinct steps the server received. */
  received: number;
  /** Points received more than once (extra copies). */
  duplicates: number;
  /** Steps the run recorded in its journal that the server never received. */
  lost: number;
  /** Metric POSTs that the server applied. */
  metricRequests: number;
}

/** How many times the server received each step. */
export function receivedSteps(server: FakePolyaxon): Map<number, number> {
  const seen = new Map<number, number>();
  for (const point of server.metricPoints()) {
    const step = point.values.step;
    if (typeof step === "number") seen.set(step, (seen.get(step) ?? 0) + 1);
  }
  return seen;
}

/** Compares what the server received with what the run recorded. */
export function tally(server: FakePolyaxon, recorded: readonly number[]): Tally {
  const seen = receivedSteps(server);
  let duplicates = 0;
  for (const count of seen.values()) duplicates += count - 1;
  const lost = recorded.filter((step) => !seen.has(step)).length;
  return { received: seen.size, duplicates, lost, metricRequests: server.to("POST", "metrics/").length };
}

/**
 * Steps that arrived more than once must all belong to requests the client never saw answered
 * (the one honest window of at-least-once delivery). Returns the duplicated steps not
 * explained by the given requests' bodies.
 */
export function unexplainedDuplicates(
  server: FakePolyaxon,
  explained: ReadonlySet<number> | ReadonlyMap<number, number>,
): number[] {
  const seen = receivedSteps(server);
  // A set explains any number of copies of its steps; a map explains that many extra copies.
  const allowed = (step: number) =>
    explained instanceof Map ? (explained.get(step) ?? 0) : explained.has(step) ? Number.POSITIVE_INFINITY : 0;
  return [...seen].filter(([step, count]) => count - 1 > allowed(step)).map(([step]) => step);
}

/** The scenario table printed at the end of the suite. */
export interface ScenarioRow {
  scenario: string;
  recorded: number;
  received: number;
  lost: number;
  duplicates: number;
  synced: string;
  status: string;
  exit: string;
  wallS: string;
}

export function printTable(rows: readonly ScenarioRow[]): void {
  if (rows.length === 0) return;
  const headers = Object.keys(rows[0] as ScenarioRow) as Array<keyof ScenarioRow>;
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const out = [
    line(headers),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(headers.map((h) => String(r[h])))),
  ];
  process.stdout.write(`\nFault-injection scenarios\n${out.join("\n")}\n`);
}
