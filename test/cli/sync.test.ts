import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { MetricValues } from "../../src/records/types.js";
import { SpoolWriter } from "../../src/store/spool.js";
import { type FakePolyaxon, type RecordedRequest, startFakePolyaxon } from "../../src/testing/index.js";
import { framesOf, runHarness } from "../delivery/harness.js";
import { Capture, T0, tempTrackingDir, typicalRecords, writeRun } from "./fixtures.js";

interface SyncReportJson {
  sent: number;
  wouldCreate?: boolean;
  wouldSend?: Record<string, number>;
}

let root: string;
let home: string;
let cleanup: () => void;
let server: FakePolyaxon;
let out: Capture;
let err: Capture;

beforeEach(async () => {
  ({ root, cleanup } = tempTrackingDir());
  home = mkdtempSync(join(tmpdir(), "plx-home-"));
  // A second user (a superuser) for the --token flag.
  server = await startFakePolyaxon({
    token: "test-token",
    users: [{ username: "flag-user", token: "flag-token", isSuperuser: true }],
  });
});
afterEach(async () => {
  expect(server.violations()).toEqual([]);
  await server.close();
  cleanup();
  rmSync(home, { recursive: true, force: true });
});

/** Runs the CLI in-process against the fake server, with config files isolated in `home`. */
async function cli(args: string[], env: Record<string, string> = serverEnv()): Promise<number> {
  out = new Capture();
  err = new Capture();
  return main(args, { out, err, env, settingsInput: { homeDir: home, tmpDir: home, contextDir: join(home, "ctx") } });
}

/** Environment that points the SDK at the fake server. */
function serverEnv(): Record<string, string> {
  return {
    POLYAXON_API_HOST: "127.0.0.1",
    POLYAXON_HTTP_PORT: String(server.port),
    POLYAXON_SECRET_USER_TOKEN: server.token,
  };
}

/** Requests the server applied (not cut by a fault) to `…/experiments/{id}/<suffix>`. */
function to(method: string, suffix: string): RecordedRequest[] {
  return server.requests({ method, path: new RegExp(`/experiments/\\d+/${suffix}$`) }).filter((r) => r.applied);
}

/** Requests that got an answer (a destroyed connection got none). */
function answered(): RecordedRequest[] {
  return server.requests().filter((r) => r.status !== null);
}

/** `POST /{owner}/{project}/experiments/` requests (experiment creations). */
function creates() {
  return server.requests({ method: "POST", path: /^\/[-\w]+\/[-\w]+\/experiments\/$/ }).filter((r) => r.applied);
}

function metricValuesReceived(project = "demo"): MetricValues[] {
  return to("POST", "metrics/")
    .filter((r) => r.path.includes(`/${project}/`))
    .flatMap((r) => (r.body as { values: MetricValues; created_at: string }[]).map((point) => point.values));
}

function logLinesReceived(): string[] {
  return to("POST", "logs/").flatMap((r) => r.body as string[]);
}

function expectDeliveredExactlyOnce(points: number): void {
  expect(creates()).toHaveLength(1);
  expect(creates()[0]?.body).toEqual({
    is_managed: false,
    backend: "native",
    name: "logreg",
    tags: ["a", "b"],
    framework: "plain-ts",
  });
  // The four updates, coalesced: params were reset (then merged into), tags and data refs merge.
  expect(to("PATCH", "").map((r) => r.body)).toEqual([
    { params: { lr: 0.1, epochs: 3, seed: 7 } },
    { tags: ["b", "c"], data_refs: { blobs: "abc123" }, merge: true },
  ]);
  expect(to("POST", "coderef/")).toHaveLength(1);
  expect(to("POST", "statuses/").map((r) => r.body)).toEqual([{ status: "running" }, { status: "succeeded" }]);
  expect(metricValuesReceived()).toEqual(
    Array.from({ length: points }, (_, step) => ({ step, loss: 1 / (step + 1), accuracy: step / points })),
  );
  expect(logLinesReceived()).toEqual(Array.from({ length: Math.ceil(points / 2) }, (_, i) => `step ${i * 2}`));
}

describe("sync", () => {
  it("creates the experiment once and delivers every record once, in order", async () => {
    writeRun(root, "r1", typicalRecords(10));
    expect(await cli(["sync", "r1", "--dir", root])).toBe(0);
    expectDeliveredExactlyOnce(10);
    // The ordered records come in journal order, metrics and logs batched before the final status.
    expect(server.requests().map((r) => `${r.method} ${r.path.replace(/^\/alice\/demo\/experiments\//, "")}`)).toEqual([
      "POST ",
      "PATCH 1/",
      "PATCH 1/",
      "POST 1/coderef/",
      "POST 1/statuses/",
      "POST 1/metrics/",
      "POST 1/logs/",
      "POST 1/statuses/",
    ]);
    expect(new Set(server.requests().map((r) => r.headers.authorization))).toEqual(new Set(["Token test-token"]));
    const created = to("POST", "metrics/")[0]?.body as { created_at: string }[];
    // ISO 8601 with microseconds (the journal's ts here is a whole millisecond).
    expect(created[0]?.created_at).toBe(new Date(T0 + 8000).toISOString().replace("Z", "000Z"));
    expect(out.text).toContain("r1  created experiment 1, sent 22 record(s)");
    expect(out.text).toContain("Synced 1 of 1 run(s).");
    expect(err.text).toContain("syncing r1: 22 record(s) to send");
  });

  it("sends nothing on a second sync", async () => {
    writeRun(root, "r1", typicalRecords(4));
    expect(await cli(["sync", "r1", "--dir", root])).toBe(0);
    const handled = server.requests().length;
    expect(await cli(["sync", "--all", "--dir", root])).toBe(0);
    expect(server.requests()).toHaveLength(handled);
    expect(out.text).toContain("r1  already synced (experiment 1)");
    expect(await cli(["runs", "--dir", root])).toBe(0);
    expect(out.text).toMatch(/r1\s+logreg\s+succeeded.*synced$/m);
  });

  // Requests: create, 2 PATCHes, coderef, running, 3 metric batches, 2 log batches, succeeded.
  it.each([3, 5, 7, 9, 10])(
    "resumes an interrupted sync without duplicates (connection dropped after %i requests)",
    async (after) => {
      // 12 000 points → 3 metric batches and 2 log batches (5 000 items per request).
      writeRun(root, "r1", typicalRecords(12_000));
      // The request log already holds the request being matched.
      server.fault({ destroy: true, match: () => server.requests().length > after });
      expect(await cli(["sync", "r1", "--dir", root])).toBe(1);
      expect(out.text).toContain("r1  FAILED:");
      expect(answered()).toHaveLength(after);
      server.clearFaults();
      expect(await cli(["sync", "r1", "--dir", root])).toBe(0);
      expect(out.text).toMatch(/r1 {2}sent \d+ record\(s\) to experiment 1/);
      expectDeliveredExactlyOnce(12_000);
    },
  );

  it("honours POLYAXON_BATCH_SIZE", async () => {
    writeRun(root, "r1", typicalRecords(10));
    expect(await cli(["sync", "r1", "--dir", root], { ...serverEnv(), POLYAXON_BATCH_SIZE: "4" })).toBe(0);
    expect(to("POST", "metrics/").map((r) => (r.body as unknown[]).length)).toEqual([4, 4, 2]);
    expect(to("POST", "logs/").map((r) => (r.body as unknown[]).length)).toEqual([4, 1]);
    expectDeliveredExactlyOnce(10);
  });

  it("refuses a run whose writer is still alive, naming its pid (exit 1), and syncs it once that process is gone", async () => {
    const run = writeRun(root, "r1", typicalRecords(2));
    const writer = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      writeFileSync(run.lockFile, String(writer.pid));
      expect(await cli(["sync", "r1", "--dir", root])).toBe(1);
      expect(out.text).toContain(`r1  FAILED: Run r1 is still being written by process ${writer.pid}`);
      expect(err.text).not.toContain("to send");
      expect(server.requests()).toHaveLength(0);
      expect(await cli(["sync", "r1", "--dry-run", "--dir", root])).toBe(1);
      expect(out.text).toContain(`process ${writer.pid}`);
    } finally {
      await new Promise((resolve) => {
        writer.once("exit", resolve);
        writer.kill();
      });
    }
    expect(await cli(["sync", "r1", "--dir", root])).toBe(0);
    expectDeliveredExactlyOnce(2);
  });

  it("looks the owner up when the run does not know it", async () => {
    const run = writeRun(root, "r1", typicalRecords(2), "fixture", { project: "demo" });
    const { owner: _owner, ...meta } = run.readMeta();
    run.writeMeta(meta);
    expect(await cli(["sync", "r1", "--dir", root])).toBe(0);
    expect(server.requests()[0]).toMatchObject({ method: "GET", path: "/users/" });
    expect(server.requests()[1]).toMatchObject({ method: "POST", path: "/alice/demo/experiments/" });
  });

  it("prints what would be sent with --dry-run, without any request", async () => {
    writeRun(root, "r1", typicalRecords(4));
    expect(await cli(["sync", "r1", "--dry-run", "--dir", root])).toBe(0);
    expect(server.requests()).toHaveLength(0);
    expect(out.text).toContain(`(dry run; would sync to ${server.url})`);
    expect(out.text).toContain(
      "r1  would create the experiment, then would send 13 record(s): 4 update, 1 coderef, 2 status, 4 metric, 2 log",
    );
    expect(await cli(["sync", "r1", "--dry-run", "--json", "--dir", root])).toBe(0);
    expect(JSON.parse(out.text)).toEqual([
      {
        id: "r1",
        ok: true,
        experimentId: null,
        created: false,
        sent: 13,
        rejected: 0,
        skippedLines: 0,
        wouldCreate: true,
        wouldSend: { update: 4, coderef: 1, status: 2, metric: 4, log: 2 },
      },
    ]);
    expect(server.requests()).toHaveLength(0);
  });

  it("counts in --dry-run, show and runs exactly what sync then sends, the spool of a killed process included", async () => {
    const h = runHarness(root);
    h.recorder.record({ kind: "create", body: { is_managed: false, backend: "other" } });
    h.recorder.record({ kind: "status", body: { status: "running" } });
    for (let step = 0; step < 50; step++) h.recorder.metric({ step });
    await h.flush();
    h.core.close();
    // What a process killed before its journal writer ran left in the spool (seq 53 on).
    const spooled = framesOf((recorder) => {
      for (let step = 50; step < 70; step++) {
        recorder.metric({ step });
        if (step % 8 === 0) recorder.record({ kind: "log", line: `step ${step}` });
      }
      recorder.record({ kind: "update", body: { params: { lr: 0.1 }, merge: true } });
      recorder.record({ kind: "status", body: { status: "succeeded" } });
    }, 52);
    const spool = new SpoolWriter(h.run.spoolFile);
    for (const frame of spooled) spool.append(frame);
    spool.close();

    expect(await cli(["sync", h.run.id, "--dry-run", "--json", "--dir", root])).toBe(0);
    const [plan] = JSON.parse(out.text) as SyncReportJson[];
    expect(plan).toMatchObject({
      sent: 75,
      wouldCreate: true,
      wouldSend: { status: 2, metric: 70, log: 2, update: 1 },
    });
    expect(existsSync(h.run.spoolFile)).toBe(true);
    expect(await cli(["runs", "--json", "--dir", root])).toBe(0);
    expect(JSON.parse(out.text)).toMatchObject([{ id: h.run.id, pending: 75 }]);
    expect(await cli(["show", h.run.id, "--json", "--dir", root])).toBe(0);
    expect(JSON.parse(out.text)).toMatchObject({ pending: 75 });

    expect(await cli(["sync", h.run.id, "--json", "--dir", root])).toBe(0);
    expect(JSON.parse(out.text)).toMatchObject([{ ok: true, created: true, sent: 75 }]);
    expect(metricValuesReceived("mnist")).toHaveLength(70);
  });

  it("dry-runs without a server configured", async () => {
    writeRun(root, "r1", typicalRecords(1));
    expect(await cli(["sync", "--all", "--dry-run", "--dir", root], {})).toBe(0);
    expect(out.text).toContain("(dry run; no server configured)");
  });

  it("reports a failing run and still syncs the others (exit 1)", async () => {
    writeRun(root, "r1", typicalRecords(2), "fixture", { project: "alice/locked", projectName: "locked" });
    writeRun(root, "r2", typicalRecords(2));
    server.fault({ status: 403, match: ({ path }) => path.startsWith("/alice/locked/") });
    expect(await cli(["sync", "--all", "--dir", root, "--json"])).toBe(1);
    const reports = JSON.parse(out.text) as { id: string; ok: boolean; error?: string }[];
    expect(reports.map((r) => [r.id, r.ok])).toEqual([
      ["r1", false],
      ["r2", true],
    ]);
    expect(reports[0]?.error).toMatch(/403/);
    expect(reports[0]?.error).not.toContain("test-token");
    expect(metricValuesReceived("demo")).toHaveLength(2);
  });

  it("exits 2 with a clear message when no server is configured", async () => {
    writeRun(root, "r1", typicalRecords(1));
    expect(await cli(["sync", "r1", "--dir", root], {})).toBe(2);
    expect(err.text).toContain("No Polyaxon server configured: set POLYAXON_API_HOST (and POLYAXON_SECRET_USER_TOKEN");
  });

  it("takes the server from --host/--port/--token", async () => {
    writeRun(root, "r1", typicalRecords(1));
    const args = ["sync", "r1", "--dir", root, "--host", "127.0.0.1", "--port", String(server.port)];
    expect(await cli([...args, "--token", "flag-token"], {})).toBe(0);
    expect(server.requests()[0]?.headers.authorization).toBe("Token flag-token");
  });

  it("takes --host as host:port (and POLYAXON_API_HOST too), and names --host when it contradicts --port", async () => {
    writeRun(root, "r1", typicalRecords(1));
    const host = `127.0.0.1:${server.port}`;
    expect(await cli(["sync", "r1", "--dir", root, "--host", host, "--token", "flag-token"], {})).toBe(0);
    expect(server.requests()[0]?.headers.authorization).toBe("Token flag-token");
    writeRun(root, "r2", typicalRecords(1));
    expect(
      await cli(["sync", "r2", "--dir", root], {
        POLYAXON_API_HOST: `http://${host}`,
        POLYAXON_SECRET_USER_TOKEN: server.token,
      }),
    ).toBe(0);
    expect(server.requests().at(-1)?.headers.authorization).toBe(`Token ${server.token}`);
    expect(await cli(["sync", "r1", "--dir", root, "--host", host, "--port", "1"], {})).toBe(2);
    expect(err.text).toBe(`error: --host says port ${server.port} but --port is 1: set it in one place only.\n`);
  });

  it("exits 2 for an unknown run id, before sending anything", async () => {
    writeRun(root, "r1", typicalRecords(1));
    expect(await cli(["sync", "r1", "nope", "--dir", root])).toBe(2);
    expect(err.text).toContain('No local run "nope"');
    expect(server.requests()).toHaveLength(0);
    expect(await cli(["sync", "--dir", root])).toBe(2);
    expect(err.text).toContain("--all");
  });

  it("names the URL when the server cannot be reached, and does not try the other runs", async () => {
    writeRun(root, "r1", typicalRecords(1));
    writeRun(root, "r2", typicalRecords(1));
    const env = serverEnv();
    await server.stop();
    expect(await cli(["sync", "--all", "--dir", root], env)).toBe(1);
    expect(err.text).toContain(`error: Cannot reach the Polyaxon server at ${server.url}`);
    expect(out.text).toContain("r2  FAILED: not attempted: the server could not be reached");
  }, 20_000);
});
