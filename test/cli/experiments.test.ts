/**
 * The server read commands end to end: runs tracked with `Experiment` into the fake server of
 * polyaxon-tracking/testing (a real 127.0.0.1 socket), then read back with the CLI in-process,
 * with the SDK's settings resolution. Progress, exit codes, the CSV columns, `logs --follow`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClient, type PolyaxonClient } from "../../src/api/index.js";
import { logsCommand } from "../../src/cli/commands/logs.js";
import { main } from "../../src/cli/main.js";
import { type FakePolyaxon, type FakeServerOptions, startFakePolyaxon } from "../../src/testing/index.js";
import { Experiment } from "../../src/tracking/experiment.js";
import { Capture } from "./fixtures.js";

const project = { username: "alice", project_name: "mnist" };

let home: string;
let fake: FakePolyaxon;
let client: PolyaxonClient;
let out: Capture & { isTTY?: boolean };
let err: Capture & { isTTY?: boolean };

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "plx-cli-exp-"));
});
afterEach(async () => {
  expect(fake.violations()).toEqual([]);
  await fake.close();
  rmSync(home, { recursive: true, force: true });
});

async function start(options: FakeServerOptions = {}): Promise<void> {
  fake = await startFakePolyaxon(options);
  client = createClient({ ...fake.settings, retry: false });
}

function serverEnv(): Record<string, string> {
  return {
    POLYAXON_API_HOST: "127.0.0.1",
    POLYAXON_HTTP_PORT: String(fake.port),
    POLYAXON_SECRET_USER_TOKEN: fake.token,
  };
}

async function cli(
  args: string[],
  env: Record<string, string> = serverEnv(),
  options: { tty?: boolean } = {},
): Promise<number> {
  out = new Capture();
  err = new Capture();
  if (options.tty) err.isTTY = true;
  return main(args, { out, err, env, settingsInput: { homeDir: home, tmpDir: home, contextDir: join(home, "ctx") } });
}

/** A finished run tracked with the SDK; returns its experiment id. */
async function tracked(name: string, lr: number, points = 100): Promise<number> {
  const experiment = new Experiment({
    project: "alice/mnist",
    settings: fake.settings,
    trackingDir: join(home, "runs"),
    configDirs: { homeDir: home, tmpDir: home, contextDir: join(home, "ctx") },
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    notifier: { warn: () => {}, info: () => {} },
  });
  await experiment.create({ name, tags: ["sweep"] });
  experiment.logParams({ lr, optimizer: "adam" });
  let loss = 1;
  for (let step = 0; step < points; step++) {
    loss *= 1 - lr;
    experiment.logMetrics({ step, loss });
  }
  experiment.logSucceeded();
  await experiment.close();
  return experiment.experimentId ?? 0;
}

/** Waits (polling, bounded) until the fake server reached a state the test needs next. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !condition(); i++) await sleep(5);
  if (!condition()) throw new Error("the fake server never reached the expected state");
}

async function createExperiments(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await client.POST("/{username}/{project_name}/experiments/", {
      params: { path: project },
      body: { name: `run-${i}`, is_managed: false },
    });
  }
}

describe("end to end", () => {
  it("list, show, compare, export and logs read what the SDK tracked", async () => {
    await start();
    const first = await tracked("sweep-a", 0.1);
    const second = await tracked("sweep-b", 0.05);

    expect(await cli(["experiments", "list", "alice/mnist"])).toBe(0);
    expect(out.text).toMatch(new RegExp(`\\n${second}\\s+sweep-b\\s+succeeded\\s+\\S+ \\S+\\s+\\S+\\s+step=99 loss=`));

    expect(await cli(["experiments", "show", "alice/mnist", String(first), "--json"])).toBe(0);
    const view = JSON.parse(out.text);
    expect(view.experiment).toEqual(fake.experiment(first));
    expect(view.statuses).toEqual(fake.statuses(first));
    expect(view.metricPoints).toBe(100);
    expect(view.metrics.map((series: { key: string }) => series.key)).toEqual(["loss"]);

    expect(await cli(["experiments", "compare", "alice/mnist", String(first), String(second)])).toBe(0);
    expect(out.text).toContain("Params: 1 differ, 1 the same\n");
    expect(out.text).toMatch(/\n {2}lr +0\.1 +0\.05\n/);

    expect(await cli(["experiments", "export", "alice/mnist", String(first)])).toBe(0);
    const rows = out.text.trimEnd().split("\n");
    expect(rows[0]).toBe("id,created_at,step,loss");
    expect(rows.slice(1).map((row) => Number(row.split(",")[2]))).toEqual([...Array(100).keys()]);

    await client.POST("/{username}/{project_name}/experiments/{id}/logs/", {
      params: { path: { ...project, id: first } },
      body: ["epoch 1", "epoch 2"],
    });
    expect(await cli(["logs", "alice/mnist", String(first)])).toBe(0);
    expect(out.text).toBe("epoch 1\nepoch 2\n");
  });

  it("takes the server from --host/--port/--token like sync, and a bare project belongs to the token's user", async () => {
    await start();
    await createExperiments(1);
    const flags = ["--host", "127.0.0.1", "--port", String(fake.port), "--token", fake.token];
    expect(await cli(["experiments", "list", "mnist", "--json", ...flags], {})).toBe(0);
    expect(JSON.parse(out.text).map((e: { name: string }) => e.name)).toEqual(["run-0"]);
    expect(fake.requests({ operationId: "getCurrentUser" })).toHaveLength(1);
  });
});

describe("progress of reads that take several pages", () => {
  it("a line per page on stderr when it is not a terminal, every experiment listed", async () => {
    await start();
    await createExperiments(45);
    expect(await cli(["experiments", "list", "alice/mnist"])).toBe(0);
    expect(err.text).toBe(
      "experiments of alice/mnist: 20/45\nexperiments of alice/mnist: 40/45\nexperiments of alice/mnist: 45/45\n",
    );
    expect(out.text.trimEnd().split("\n")).toHaveLength(46);
  });

  it("a bar on a terminal, nothing with --json", async () => {
    await start();
    await createExperiments(45);
    expect(await cli(["experiments", "list", "alice/mnist"], serverEnv(), { tty: true })).toBe(0);
    expect(err.text).toContain("experiments of alice/mnist [");
    expect(err.text).toContain("45/45");
    expect(await cli(["experiments", "list", "alice/mnist", "--json"], serverEnv(), { tty: true })).toBe(0);
    expect(err.text).toBe("");
    expect(JSON.parse(out.text)).toHaveLength(45);
  });

  it("nothing for a list that fits in one page", async () => {
    await start();
    await createExperiments(3);
    expect(await cli(["experiments", "list", "alice/mnist", "--limit", "2"])).toBe(0);
    expect(err.text).toBe("");
    expect(fake.requests({ operationId: "listProjectExperiments" }).map((r) => r.query)).toEqual([{ limit: "2" }]);
  });
});

describe("export: a metric first stored after the experiment was read", () => {
  /** Stores a point with a new metric name when the export asks for the metric list. */
  function pointArrivingLate(id: number): void {
    fake.fault({
      match: (request) => {
        const record = fake.state.experimentsById.get(id);
        if (request.operationId === "listExperimentMetrics" && record) {
          fake.state.addMetrics(record, [{ values: { step: 100, loss: 0.01, grad_norm: 3 } }]);
        }
        return false;
      },
    });
  }

  it("in a file, gets a column at the end: the header is rewritten and earlier rows padded", async () => {
    await start();
    const id = await tracked("late", 0.1, 3);
    pointArrivingLate(id);
    const file = join(home, "points.csv");
    expect(await cli(["experiments", "export", "alice/mnist", String(id), "--out", file])).toBe(0);
    const rows = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(rows[0]).toBe("id,created_at,step,loss,grad_norm");
    expect(rows.slice(1).map((row) => row.split(",").slice(2))).toEqual([
      ["0", "0.9", ""],
      ["1", String(0.9 * 0.9), ""],
      ["2", String(0.9 * 0.9 * 0.9), ""],
      ["100", "0.01", "3"],
    ]);
    expect(out.text).toBe(
      `Exported 4 points of experiment ${id} to ${file} (columns: id, created_at, step, loss, grad_norm).\n`,
    );
  });

  it("on stdout, is left out with a warning naming it", async () => {
    await start();
    const id = await tracked("late", 0.1, 3);
    pointArrivingLate(id);
    expect(await cli(["experiments", "export", "alice/mnist", String(id)])).toBe(0);
    const rows = out.text.trimEnd().split("\n");
    expect(rows[0]).toBe("id,created_at,step,loss");
    expect(rows.at(-1)).toMatch(/^\d+,\S+,100,0\.01$/);
    expect(err.text).toMatch(
      /^warning: metric "grad_norm" first appears in point \d+, after the CSV header was written/,
    );
  });
});

describe("logs --follow", () => {
  it("polls a running experiment through both 404s until it ended and its logs are written, then exits 0", async () => {
    // The server's clock is the test's: the worker writes posted lines 1 s (of that clock) later.
    let clock = Date.UTC(2026, 10, 30, 12, 0, 0);
    await start({ workerDelayMs: 1_000, now: () => clock });
    const { data } = await client.POST("/{username}/{project_name}/experiments/", {
      params: { path: project },
      body: { name: "followed", is_managed: false },
    });
    const id = data?.id ?? 0;
    const path = { path: { ...project, id } };
    const logReads = () => fake.requests({ operationId: "getExperimentLogs" });
    await client.POST("/{username}/{project_name}/experiments/{id}/statuses/", {
      params: path,
      body: { status: "running" },
    });

    const following = cli(["logs", "alice/mnist", String(id), "--follow", "--interval", "0.005"]);
    await until(() => logReads().length > 0); // "Experiment has no logs.": running
    await client.POST("/{username}/{project_name}/experiments/{id}/logs/", {
      params: path,
      body: ["step 1", "step 2"],
    });
    await client.POST("/{username}/{project_name}/experiments/{id}/statuses/", {
      params: path,
      body: { status: "succeeded" },
    });
    const ended = fake.requests().length;
    await until(() => logReads().some((read) => read.seq > ended)); // "File not found: …": not written yet
    clock += 1_000;
    expect(await following).toBe(0);

    expect(out.text).toBe("step 1\nstep 2\n");
    expect(err.text).toBe(`Following the logs of experiment ${id} (running)…\n`);
    const statuses = logReads().map((read) => read.status);
    expect(statuses.slice(-2)).toEqual([200, 200]);
    expect(statuses.filter((status) => status === 404).length).toBe(statuses.length - 2);
  });

  it("an ended experiment that never wrote a log file ends the follow after the grace period", async () => {
    await start();
    const id = await tracked("silent", 0.1, 1);
    out = new Capture();
    err = new Capture();
    const options = { client, project: "alice/mnist", id: String(id), out, err };
    expect(await logsCommand({ ...options, follow: true, intervalMs: 5, graceMs: 50 })).toBe(0);
    expect(out.text).toBe("");
    expect(err.text).toContain(`Experiment ${id} ended without a log file within 0.05 s.\n`);
  });
});

describe("exit codes", () => {
  it("2 when no server is configured", async () => {
    await start();
    expect(await cli(["experiments", "list", "alice/mnist"], {})).toBe(2);
    expect(err.text).toMatch(/^error: No Polyaxon server configured: set POLYAXON_API_HOST/);
  });

  it("2 for bad arguments, before any request", async () => {
    await start();
    expect(await cli(["experiments", "show", "alice/mnist", "abc"])).toBe(2);
    expect(err.text).toBe('error: experiment id must be a positive integer (or its digits as a string), got "abc".\n');
    expect(await cli(["experiments", "compare", "alice/mnist", "1"])).toBe(2);
    expect(err.text).toBe("error: Name at least two experiments to compare.\n");
    expect(await cli(["experiments", "list", "a/b/c"])).toBe(2);
    expect(await cli(["experiments", "export", "alice/mnist", "1", "--json", "--format", "csv"])).toBe(2);
    expect(await cli(["experiments", "export", "alice/mnist", "1", "--format", "xml"])).toBe(2);
    expect(await cli(["experiments", "list", "alice/mnist", "--limit", "0"])).toBe(2);
    expect(await cli(["experiments", "export", "alice/mnist", "1", "--out", join(home, "no-dir", "points.csv")])).toBe(
      2,
    );
    expect(err.text).toBe(
      `error: Cannot write ${join(home, "no-dir", "points.csv")}: ${join(home, "no-dir")} is not a directory.\n`,
    );
    expect(fake.requests()).toEqual([]);
  });

  it("2 for an unknown experiment, 1 when the server fails", async () => {
    await start();
    expect(await cli(["logs", "alice/mnist", "7"])).toBe(2);
    expect(err.text).toBe('error: No experiment 7 in alice/mnist (the server answered 404 {"detail":"Not found."}).\n');
    fake.fault({ status: 500, match: { operationId: "listProjectExperiments" } });
    expect(await cli(["experiments", "list", "alice/mnist", "--token", fake.token])).toBe(1);
    expect(err.text.split("\n")).toHaveLength(2);
    expect(err.text).toMatch(/^error: GET \/\{username\}\/\{project_name\}\/experiments\/ → 500/);
  });
});
