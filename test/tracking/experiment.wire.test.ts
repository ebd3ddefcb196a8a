/**
 * The `Experiment` facade on the wire: every call's exact requests (method, path, body),
 * checked against openapi/spec.yaml by the spec handlers. Delivery is awaited with
 * `flush()`, never with sleeps; the heartbeat is driven by fake intervals.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createClientFor } from "../../src/api/base-client.js";
import { APIError } from "../../src/api/errors.js";
import { ValidationError } from "../../src/errors.js";
import { getCodeRef } from "../../src/tracking/code-ref.js";
import {
  Experiment,
  type ExperimentOptions,
  ExperimentStateError,
  exitHooksOf,
} from "../../src/tracking/experiment.js";
import type { Notifier } from "../../src/tracking/notice.js";
import { expectNoSpecViolations, type RecordedRequest, recordRequests, specHandler } from "../support/spec.js";
import {
  codeReference as codeRef,
  experimentCreated as created,
  experimentDetail as detail,
  experimentStatus as status,
  user,
} from "../support/spec-fixtures.js";

const BASE = "http://polyaxon.test:8000/api/v1";
const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const X = "/alice/mnist/experiments/12/";

const server = setupServer();
let calls: RecordedRequest[];
let stopRecording: () => void;
let trackingDir: string;
let warnings: string[];
const open: Experiment[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  trackingDir = mkdtempSync(join(tmpdir(), "plx-wire-"));
  warnings = [];
  const recording = recordRequests();
  calls = recording.calls;
  stopRecording = recording.stop;
  server.use(...handlers());
});
afterEach(async () => {
  for (const experiment of open.splice(0)) await experiment.close(1_000);
  vi.useRealTimers();
  stopRecording();
  server.resetHandlers();
  rmSync(trackingDir, { recursive: true, force: true });
  expectNoSpecViolations();
});
afterAll(() => server.close());

function handlers() {
  const opts = { baseUrl: BASE };
  return [
    specHandler("getCurrentUser", () => HttpResponse.json(user()), opts),
    specHandler("createExperiment", () => HttpResponse.json(created(), { status: 201 }), opts),
    specHandler("updateExperiment", () => HttpResponse.json(detail()), opts),
    specHandler("createExperimentStatus", () => HttpResponse.json(status(), { status: 201 }), opts),
    specHandler("createExperimentCodeReference", () => HttpResponse.json(codeRef(), { status: 201 }), opts),
    specHandler("createExperimentMetrics", () => new HttpResponse(null, { status: 201 }), opts),
    specHandler("appendExperimentLogs", () => new HttpResponse(null, { status: 200 }), opts),
    specHandler("experimentHeartbeat", () => new HttpResponse(null, { status: 200 }), opts),
  ];
}

const notifier: Notifier = {
  warn: (message) => warnings.push(message),
  info: () => {},
};

/** A test experiment: test defaults, then `options`, without the `omit` keys. */
function track(options: ExperimentOptions = {}, omit: ReadonlyArray<keyof ExperimentOptions> = []): Experiment {
  const all: ExperimentOptions = {
    project: "alice/mnist",
    settings: { apiHost: "polyaxon.test", httpPort: 8000, userToken: TOKEN },
    trackingDir,
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    trackEnv: false,
    notifier,
    ...options,
  };
  for (const key of omit) delete all[key];
  // MSW intercepts this thread's fetch only: deliver from here, not from the delivery thread.
  const experiment = new Experiment({ ...all, settings: { deliveryThread: false, ...all.settings } });
  open.push(experiment);
  return experiment;
}

/** A started run with the create/running requests already delivered and forgotten. */
async function started(options: ExperimentOptions = {}): Promise<Experiment> {
  const experiment = await track(options).create();
  expect(await experiment.flush()).toBe(true);
  calls.length = 0;
  return experiment;
}

function wire(list: readonly RecordedRequest[] = calls) {
  return list.map(({ method, path, body }) => ({ method, path, body }));
}

async function delivered(experiment: Experiment) {
  expect(await experiment.flush()).toBe(true);
  return wire();
}

/** The body of the only request. */
function bodyOf<T>(requests: ReadonlyArray<{ body: unknown }>): T {
  expect(requests).toHaveLength(1);
  return requests[0]?.body as T;
}

const patch = (body: unknown) => ({ method: "PATCH", path: X, body });
const postStatus = (body: unknown) => ({ method: "POST", path: `${X}statuses/`, body });

describe("create", () => {
  it("posts the experiment, then the running status (owner given: no user lookup)", async () => {
    const experiment = await track().create({
      name: "run-1",
      tags: ["a", "b"],
      description: "first try",
      framework: "pytorch",
    });
    expect(experiment.experimentId).toBe(12);
    expect(experiment.created?.id).toBe(12);
    expect(await delivered(experiment)).toEqual([
      {
        method: "POST",
        path: "/alice/mnist/experiments/",
        body: {
          is_managed: false,
          backend: "other",
          name: "run-1",
          description: "first try",
          framework: "pytorch",
          tags: ["a", "b"],
        },
      },
      postStatus({ status: "running" }),
    ]);
  });

  it("looks the owner up when the project has none, and sends run_env, backend and group", async () => {
    const experiment = await track({ project: "mnist", trackEnv: true, groupId: 3 }).create({ backend: "spark" });
    const requests = await delivered(experiment);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /users/",
      "POST /alice/mnist/experiments/",
      `POST ${X}statuses/`,
    ]);
    expect(requests[0]?.body).toBeUndefined();
    const body = requests[1]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ is_managed: false, backend: "spark", experiment_group: 3 });
    expect(Object.keys(body).sort()).toEqual(["backend", "experiment_group", "is_managed", "run_env"]);
    expect(body.run_env).toMatchObject({
      pid: process.pid,
      node_version: process.versions.node,
      "sys.argv": process.argv,
      is_notebook: false,
    });
  });

  it("posts the code reference of the working directory (this repository) once git answers, after running", async () => {
    const ref = await getCodeRef(process.cwd());
    expect(ref, "the test suite runs inside the project's git checkout").toBeDefined();
    const experiment = await track({ trackGit: true }).create();
    expect((await delivered(experiment)).slice(1)).toEqual([
      postStatus({ status: "running" }),
      { method: "POST", path: `${X}coderef/`, body: ref },
    ]);
  });

  it("accepts trackCode as an alias of trackGit", async () => {
    const experiment = await track({ trackCode: false }, ["trackGit"]).create();
    expect((await delivered(experiment)).map((r) => r.path)).toEqual(["/alice/mnist/experiments/", `${X}statuses/`]);
  });

  it("posts the code reference of the repository in gitDir", async () => {
    const repo = mkdtempSync(join(tmpdir(), "plx-gitdir-"));
    try {
      const git = (...args: string[]) =>
        execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo })
          .toString()
          .trim();
      git("init", "-q", "-b", "exp-branch");
      writeFileSync(join(repo, "train.py"), "print(1)\n");
      git("add", "train.py");
      git("commit", "-q", "-m", "first");
      const head = git("rev-parse", "HEAD");
      const experiment = await track({ trackGit: true, gitDir: repo }).create();
      expect((await delivered(experiment))[2]).toEqual({
        method: "POST",
        path: `${X}coderef/`,
        body: { commit: head, head, branch: "exp-branch", git_url: "", is_dirty: false },
      });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("attach mode (experimentId): no create, no running status, calls go to that experiment", async () => {
    const experiment = track({ experimentId: 12 });
    expect(experiment.experimentId).toBe(12);
    experiment.logParams({ lr: 0.1 });
    expect(await delivered(experiment)).toEqual([patch({ params: { lr: 0.1 }, merge: true })]);
    await experiment.create({ name: "ignored" });
    expect(await delivered(experiment)).toHaveLength(1);
    expect(warnings.some((w) => w.includes("create() ignored"))).toBe(true);
  });

  // The reference never posts statuses nor heartbeats for an attached run
  // (docs/reference-client.md#create-and-the-status-life-cycle): a
  // helper process that attaches to log a few metrics must not mark the experiment done.
  it("attach mode: the process ending posts no final status (as the reference)", async () => {
    const experiment = track({ experimentId: 12 });
    experiment.logMetrics({ loss: 1 });
    exitHooksOf(experiment).finish({ status: "succeeded" });
    expect((await delivered(experiment)).map((r) => r.path)).toEqual([`${X}metrics/`]);
  });

  it("attach mode: calls made while the owner lookup is in flight are delivered, in order", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(
      specHandler(
        "getCurrentUser",
        async () => {
          await gate;
          return HttpResponse.json(user());
        },
        { baseUrl: BASE },
      ),
    );
    // A small batch size: the early points reach the journal before the server link exists.
    const experiment = track({
      project: "mnist",
      experimentId: 12,
      settings: { apiHost: "polyaxon.test", httpPort: 8000, userToken: TOKEN, batchSize: 10 },
    });
    for (let step = 0; step < 25; step++) experiment.logMetrics({ step });
    experiment.logParams({ lr: 0.1 });
    release();
    const requests = await delivered(experiment);
    expect(requests[0]?.path).toBe("/users/");
    const points = requests
      .filter((r) => r.path === `${X}metrics/`)
      .flatMap((r) => r.body as Array<{ values: unknown }>);
    expect(points.map((p) => p.values)).toEqual(Array.from({ length: 25 }, (_, step) => ({ step })));
    expect(requests.at(-1)).toEqual(patch({ params: { lr: 0.1 }, merge: true }));
  });

  it("throws the typed API error on a 4xx, and leaves the experiment un-created", async () => {
    server.use(
      specHandler(
        "createExperiment",
        () => HttpResponse.json({ detail: "You do not have permission." }, { status: 403 }),
        { baseUrl: BASE },
      ),
    );
    const experiment = track();
    const error = await experiment.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(403);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(experiment.experimentId).toBeUndefined();
    expect(() => experiment.logMetrics({ loss: 1 })).toThrow(ExperimentStateError);
    expect(wire().map((r) => r.path)).toEqual(["/alice/mnist/experiments/"]);
  });

  it("falls back to recording locally when the server cannot be reached (warns, does not throw)", async () => {
    let attempts = 0;
    // A plain msw handler: a network error has no status for the spec handler to check.
    server.use(
      http.post(`${BASE}/alice/mnist/experiments/`, () => {
        attempts++;
        return HttpResponse.error();
      }),
    );
    // No retries, so the test does not wait for the client's back-off.
    const client = createClientFor<never>({ baseUrl: BASE, token: TOKEN, retry: false });
    const experiment = await track({ client: client as never }).create({ name: "offline" });
    expect(experiment.experimentId).toBeUndefined();
    experiment.logMetrics({ loss: 0.5 });
    expect(await experiment.flush()).toBe(true);
    expect(attempts).toBe(1);
    expect(calls).toEqual([]);
    expect(warnings.some((w) => w.includes("could not reach the Polyaxon server"))).toBe(true);
    const runDir = experiment.runDir ?? "";
    const kinds = readFileSync(join(runDir, "records.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect(kinds).toEqual(["create", "status", "metric"]);
  });

  it("refuses a second create()", async () => {
    const experiment = await started();
    await expect(experiment.create()).rejects.toBeInstanceOf(ExperimentStateError);
  });
});

/** What each call sends on its own: delivered (and forgotten) one call at a time. */
async function sentBy(experiment: Experiment, call: () => void) {
  call();
  const requests = await delivered(experiment);
  calls.length = 0;
  return requests;
}

describe("updates: what each call sends, and how consecutive calls coalesce", () => {
  it("sends name, description, framework, backend and run_env", async () => {
    const experiment = await started();
    expect(await sentBy(experiment, () => experiment.setName("new_name"))).toEqual([patch({ name: "new_name" })]);
    expect(await sentBy(experiment, () => experiment.setDescription("about this run"))).toEqual([
      patch({ description: "about this run" }),
    ]);
    expect(await sentBy(experiment, () => experiment.logFramework("tensorflow"))).toEqual([
      patch({ framework: "tensorflow" }),
    ]);
    expect(await sentBy(experiment, () => experiment.logBackend("spark"))).toEqual([patch({ backend: "spark" })]);
    const runEnv = await sentBy(experiment, () => experiment.logRunEnv());
    expect(runEnv).toHaveLength(1);
    expect(runEnv[0]).toMatchObject(patch({ run_env: { pid: process.pid } }));
  });

  it("merges tags (array or comma string) unless reset", async () => {
    const experiment = await started();
    expect(await sentBy(experiment, () => experiment.logTags(["tag1", "tag2"]))).toEqual([
      patch({ tags: ["tag1", "tag2"], merge: true }),
    ]);
    expect(await sentBy(experiment, () => experiment.logTags("tag3, tag4"))).toEqual([
      patch({ tags: ["tag3", "tag4"], merge: true }),
    ]);
    expect(await sentBy(experiment, () => experiment.logTags("tag5", { reset: true }))).toEqual([
      patch({ tags: ["tag5"] }),
    ]);
  });

  it("merges params unless reset", async () => {
    const experiment = await started();
    expect(await sentBy(experiment, () => experiment.logParams({ activation: "sigmoid", lr: 0.001 }))).toEqual([
      patch({ params: { activation: "sigmoid", lr: 0.001 }, merge: true }),
    ]);
    expect(await sentBy(experiment, () => experiment.logParams({ layers: [32, 16] }, { reset: true }))).toEqual([
      patch({ params: { layers: [32, 16] } }),
    ]);
  });

  it("sends data refs as the first 12 hex chars of the MD5 (merge unless reset)", async () => {
    const experiment = await started();
    // md5("dataset-v1"), computed once with `printf dataset-v1 | md5sum`.
    const hash = "e71a10da3305";
    expect(await sentBy(experiment, () => experiment.logDataRef("dataset-v1"))).toEqual([
      patch({ data_refs: { data: hash }, merge: true }),
    ]);
    expect(
      await sentBy(experiment, () =>
        experiment.logDataRef(Buffer.from("dataset-v1"), { dataName: "my_dataset", reset: true }),
      ),
    ).toEqual([patch({ data_refs: { my_dataset: hash } })]);
  });

  it("coalesces consecutive updates into one PATCH with the server's merge semantics", async () => {
    const experiment = await started();
    experiment.setName("new_name");
    experiment.logTags(["tag1", "tag2"]);
    experiment.logParams({ lr: 0.1 });
    experiment.logTags("tag3");
    experiment.logParams({ epochs: 3 });
    experiment.setDescription("about this run");
    expect(await delivered(experiment)).toEqual([
      patch({
        name: "new_name",
        description: "about this run",
        tags: ["tag1", "tag2", "tag3"],
        params: { lr: 0.1, epochs: 3 },
        merge: true,
      }),
    ]);
  });

  it("a reset cuts the merge: the replaced field goes in a PATCH of its own, without merge", async () => {
    const experiment = await started();
    experiment.logParams({ lr: 0.1 });
    experiment.logTags("fresh", { reset: true });
    expect(await delivered(experiment)).toEqual([
      patch({ tags: ["fresh"] }),
      patch({ params: { lr: 0.1 }, merge: true }),
    ]);
  });

  it("posts the code reference again on logCodeRef()", async () => {
    const experiment = await started();
    await experiment.logCodeRef();
    expect(await delivered(experiment)).toEqual([
      { method: "POST", path: `${X}coderef/`, body: await getCodeRef(process.cwd()) },
    ]);
  });
});

describe("statuses", () => {
  it("posts a non-final status with its message", async () => {
    const experiment = await started();
    experiment.logStatus("starting", "warming up");
    experiment.logStatus("warning");
    expect(await delivered(experiment)).toEqual([
      postStatus({ status: "starting", message: "warming up" }),
      postStatus({ status: "warning" }),
    ]);
  });

  it.each([
    ["logSucceeded", "succeeded"],
    ["logStopped", "stopped"],
    ["logFailed", "failed"],
  ] as const)("%s posts %s once; later calls are ignored with a warning", async (call, value) => {
    const experiment = await started();
    experiment[call]("done here");
    experiment[call]("again");
    experiment.logFailed("late");
    experiment.logMetrics({ loss: 1 });
    experiment.setName("late_name");
    expect(await delivered(experiment)).toEqual([postStatus({ status: value, message: "done here" })]);
    expect(warnings.filter((w) => w.includes("ignored"))).not.toHaveLength(0);
  });

  it("cuts a final message to the server's 256 characters", async () => {
    const experiment = await started();
    experiment.logFailed("x".repeat(1000));
    const message = bodyOf<{ message: string }>(await delivered(experiment)).message;
    expect(message).toHaveLength(256);
    expect(message.startsWith("xxx")).toBe(true);
  });

  it("a terminal logStatus ends the run like the log* calls", async () => {
    const experiment = await started();
    experiment.logStatus("stopped");
    experiment.logSucceeded();
    expect(await delivered(experiment)).toEqual([postStatus({ status: "stopped" })]);
  });
});

describe("metrics", () => {
  it("batches points as {values, created_at} arrays with ISO UTC timestamps", async () => {
    const experiment = await started();
    const before = Date.now();
    for (let step = 0; step < 500; step++) experiment.logMetrics({ step, loss: 1 / (step + 1) });
    experiment.logMetrics({ accuracy: 0.5 });
    const requests = await delivered(experiment);
    const after = Date.now();
    expect(requests.length).toBeGreaterThanOrEqual(1);
    expect(requests.length).toBeLessThanOrEqual(3);
    for (const request of requests) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe(`${X}metrics/`);
      expect(Array.isArray(request.body)).toBe(true);
    }
    const points = requests.flatMap((r) => r.body as Array<{ values: unknown; created_at: string }>);
    expect(points).toHaveLength(501);
    expect(points[0]?.values).toEqual({ step: 0, loss: 1 });
    expect(points[500]?.values).toEqual({ accuracy: 0.5 });
    // Stamps follow the monotonic clock anchored to the wall clock, re-anchored only on a drift
    // of 1 ms or more (src/delivery/clock.ts), and Date.now() and Date.parse both truncate to the
    // millisecond: a stamp may read up to 1 ms either side of the wall clock around it.
    for (const point of points) {
      expect(point.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      const ts = Date.parse(point.created_at);
      expect(ts).toBeGreaterThanOrEqual(before - 1);
      expect(ts).toBeLessThanOrEqual(after + 1);
    }
  });

  it("keeps the order of metrics around statuses; updates do not split a batch", async () => {
    const experiment = await started();
    experiment.logMetrics({ loss: 1 });
    experiment.logParams({ lr: 0.1 });
    experiment.logMetrics({ loss: 2 });
    experiment.logStatus("warning");
    experiment.logMetrics({ loss: 3 });
    const requests = await delivered(experiment);
    expect(requests.map((r) => r.path)).toEqual([`${X}metrics/`, X, `${X}statuses/`, `${X}metrics/`]);
    expect(requests[0]?.body).toHaveLength(2);
  });

  it("stamps points with strictly increasing microsecond times (the server orders metrics by created_at)", async () => {
    const experiment = await started();
    for (let step = 0; step < 2_000; step++) experiment.logMetrics({ step });
    const points = (await delivered(experiment)).flatMap((r) => r.body as Array<{ created_at: string }>);
    const stamps = points.map((p) => p.created_at);
    expect(new Set(stamps).size).toBe(2_000);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it("leaves null, NaN and ±Infinity out of the point, with one warning per key", async () => {
    const experiment = await started();
    experiment.logMetrics({ loss: Number.NaN, acc: 1 });
    experiment.logMetrics({ loss: Number.POSITIVE_INFINITY, acc: Number.NEGATIVE_INFINITY, step: 2 });
    experiment.logMetrics({ loss: null, acc: 0.5 });
    experiment.logMetrics({ loss: Number.NaN });
    const points = bodyOf<Array<{ values: unknown }>>(await delivered(experiment));
    expect(points.map((p) => p.values)).toEqual([{ acc: 1 }, { step: 2 }, { acc: 0.5 }]);
    expect(warnings.filter((w) => w.includes('"loss"'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('"acc"'))).toHaveLength(1);
  });

  it("copies the values: later mutation of the caller's object is not sent", async () => {
    const experiment = await started();
    const point = { loss: 1 };
    experiment.logMetrics(point);
    point.loss = 99;
    const points = bodyOf<Array<{ values: unknown }>>(await delivered(experiment));
    expect(points[0]?.values).toEqual({ loss: 1 });
  });
});

describe("logs", () => {
  it("ships lines written to stdout after create() as a batched array", async () => {
    const experiment = await started({ trackLogs: true });
    process.stdout.write("epoch 1 done\nepoch 2 ");
    process.stdout.write("done\n");
    const requests = await delivered(experiment);
    await experiment.close();
    const lines = requests.filter((r) => r.path === `${X}logs/`).flatMap((r) => r.body as string[]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC INFO -- epoch 1 done$/);
    expect(lines[1]).toMatch(/ UTC INFO -- epoch 2 done$/);
  });
});

describe("heartbeat", () => {
  it("beats every healthCheckIntervalMs after create and stops at the final status", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const experiment = await started({
      settings: { apiHost: "polyaxon.test", httpPort: 8000, userToken: TOKEN, healthCheckIntervalMs: 60_000 },
    });
    const beats = () => calls.filter((c) => c.path === `${X}_heartbeat/`);
    vi.advanceTimersByTime(59_999);
    await experiment.flush();
    expect(beats()).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(beats()).toHaveLength(1), { timeout: 10_000 });
    vi.advanceTimersByTime(60_000);
    await vi.waitFor(() => expect(beats()).toHaveLength(2), { timeout: 10_000 });
    expect(beats()[0]?.body).toBeUndefined();
    experiment.logSucceeded();
    await experiment.flush();
    vi.advanceTimersByTime(600_000);
    await experiment.flush();
    expect(beats()).toHaveLength(2);
  });
});

describe("bad input: typed errors before anything is sent", () => {
  it("rejects it synchronously, naming the problem", async () => {
    const experiment = await started();
    const bad: Array<[() => void, string | undefined]> = [
      [() => experiment.setName("not a slug"), "name"],
      [() => experiment.logTags(["ok", 3 as unknown as string]), "tags"],
      [() => experiment.logTags("a,,b"), "tags"],
      [() => experiment.logParams("lr=1" as unknown as Record<string, unknown>), undefined],
      [() => experiment.logParams([1, 2] as unknown as Record<string, unknown>), undefined],
      [() => experiment.logMetrics(5 as unknown as Record<string, number>), "metrics"],
      [() => experiment.logMetrics({ loss: "0.1" as unknown as number }), "loss"],
      [() => experiment.logMetrics({}), "metrics"],
      [() => experiment.logStatus("done"), "status"],
      [() => experiment.logStatus("Running"), "status"],
    ];
    for (const [call, field] of bad) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(caught, String(call)).toBeInstanceOf(ValidationError);
      if (field !== undefined) expect((caught as ValidationError).field, String(call)).toBe(field);
    }
    expect(() => experiment.logMetrics({ loss: "x" as unknown as number })).toThrow(/"loss"/);
    expect(await delivered(experiment)).toEqual([]);
  });

  it("rejects a bad name in create() before any request", async () => {
    await expect(track().create({ name: "no spaces allowed" })).rejects.toBeInstanceOf(ValidationError);
    await expect(track().create({ tags: [1] as unknown as string[] })).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toEqual([]);
  });

  it("rejects a project string that cannot be parsed, and a missing project", () => {
    for (const project of ["", "a/b/c/", "/mnist", "alice/"]) {
      expect(() => track({ project }), project).toThrow(ValidationError);
    }
    expect(() => track({}, ["project"])).toThrow(ValidationError);
  });

  it("throws ExperimentStateError for calls before create()", () => {
    const experiment = track();
    expect(() => experiment.logMetrics({ loss: 1 })).toThrow(ExperimentStateError);
    expect(() => experiment.setName("x")).toThrow(ExperimentStateError);
    expect(() => experiment.logStatus("running")).toThrow(ExperimentStateError);
    expect(() => experiment.logSucceeded()).toThrow(ExperimentStateError);
    expect(calls).toEqual([]);
  });
});

describe("delivery errors", () => {
  it("go to onError, never to an unhandled rejection, and delivery goes on", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const errors: unknown[] = [];
      const experiment = await started({ onError: (error) => errors.push(error) });
      server.use(
        specHandler("updateExperiment", () => HttpResponse.json({ name: ["Enter a valid value."] }, { status: 400 }), {
          baseUrl: BASE,
        }),
      );
      experiment.setName("rejected_name");
      experiment.logMetrics({ loss: 1 });
      experiment.logSucceeded();
      expect(await experiment.flush()).toBe(true);
      expect(wire().map((r) => `${r.method} ${r.path}`)).toEqual([
        `POST ${X}metrics/`,
        `PATCH ${X}`,
        `POST ${X}statuses/`,
      ]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(APIError);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("flush() resolves false when the server holds the records past the timeout", async () => {
    const experiment = await started();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(
      specHandler(
        "createExperimentMetrics",
        async () => {
          await gate;
          return new HttpResponse(null, { status: 201 });
        },
        { baseUrl: BASE },
      ),
    );
    experiment.logMetrics({ loss: 1 });
    expect(await experiment.flush(50)).toBe(false);
    release();
    expect(await experiment.flush()).toBe(true);
  });
});
