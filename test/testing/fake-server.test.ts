/**
 * The fake Polyaxon server of polyaxon-tracking/testing, over a real socket: the v0.6.1
 * behaviours it reproduces, its checks against the spec, its fault switches and request log.
 * Every test ends with no spec violation unless it provoked one on purpose.
 */
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  createClient,
  NotFoundError,
  PermissionDeniedError,
  type PolyaxonClient,
  RateLimitError,
} from "../../src/api/index.js";
import { type FakePolyaxon, type FakeServerOptions, startFakePolyaxon } from "../../src/testing/index.js";
import { gunzipAll } from "../api/replay/exchanges.js";

const P = { username: "alice", project_name: "mnist" };
const E = (id: number) => ({ ...P, id });

let fake: FakePolyaxon;
let client: PolyaxonClient;
let expectViolations = false;

async function start(options: FakeServerOptions = {}): Promise<void> {
  fake = await startFakePolyaxon(options);
  client = createClient({ ...fake.settings, retry: false });
}

afterEach(async () => {
  if (!expectViolations) expect(fake.violations()).toEqual([]);
  expectViolations = false;
  await fake.close();
});

async function create(body: { name?: string; tags?: string[]; params?: Record<string, unknown> } = {}) {
  const { data } = await client.POST("/{username}/{project_name}/experiments/", {
    params: { path: P },
    body: { is_managed: false, ...body },
  });
  if (!data) throw new Error("create failed");
  return data;
}

/** The raw answer: status, headers, and the bytes as sent (gzip layers included). */
function raw(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest(
        `${fake.url}${path}`,
        { headers: { authorization: `Token ${fake.token}`, ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on("error", reject);
      req.end();
    },
  );
}

describe("experiments", () => {
  it("creates with an id, a unique name and the server's own created status", async () => {
    await start();
    const created = await create({ name: "run", tags: ["a", "a", "b"] });
    expect(created).toMatchObject({
      id: 1,
      unique_name: "alice.mnist.1",
      name: "run",
      backend: "native",
      tags: ["a", "b"],
    });
    expect(created).not.toHaveProperty("uuid");
    expect(fake.statuses(1).map((s) => [s.status, s.message])).toEqual([["created", null]]);
    expect(fake.experiment(1)).toMatchObject({ last_status: "created", last_metric: null, started_at: null });
  });

  it("renames a taken name <name>-N, also on a PATCH with the experiment's own name, and refuses a taken <name>-N", async () => {
    await start();
    expect((await create({ name: "dup" })).name).toBe("dup");
    expect((await create({ name: "dup" })).name).toBe("dup-1");
    expect((await create({ name: "dup" })).name).toBe("dup-2");
    const patched = await client.PATCH("/{username}/{project_name}/experiments/{id}/", {
      params: { path: E(1) },
      body: { name: "dup" },
    });
    expect(patched.data?.name).toBe("dup-3");
    await create({ name: "col" });
    await create({ name: "col-2" });
    const error = await create({ name: "col" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).body).toEqual([
      "[ErrorDetail(string='An instance with name `col-2` already exists in this project.', code='invalid')]",
    ]);
  });

  it("merges tags, params and data refs with merge: true, replaces without it, and clears on null", async () => {
    await start();
    await create({ tags: ["rc"], params: { lr: 0.01 } });
    const patch = async (body: Record<string, unknown>) =>
      (await client.PATCH("/{username}/{project_name}/experiments/{id}/", { params: { path: E(1) }, body })).data;
    expect(await patch({ tags: ["rc2", "rc"], params: { batch: 32 }, merge: true })).toMatchObject({
      tags: ["rc", "rc2"],
      params: { lr: 0.01, batch: 32 },
    });
    expect(await patch({ data_refs: { train: "abc" }, merge: true })).toMatchObject({ data_refs: { train: "abc" } });
    expect(await patch({ data_refs: { test: "def" }, merge: true })).toMatchObject({
      data_refs: { train: "abc", test: "def" },
    });
    expect(await patch({ tags: ["x"], params: { only: 1 } })).toMatchObject({ tags: ["x"], params: { only: 1 } });
    expect(await patch({ tags: null, params: null, merge: true })).toMatchObject({ tags: null, params: null });
    await patch({ run_env: { a: 1, b: 2 } });
    expect(await patch({ run_env: { c: 3 }, merge: true })).toMatchObject({ run_env: { c: 3 } });
  });

  it("keeps last_status, started_at and finished_at from the statuses posted", async () => {
    await start();
    await create();
    const post = (status: "running" | "succeeded") =>
      client.POST("/{username}/{project_name}/experiments/{id}/statuses/", {
        params: { path: E(1) },
        body: { status },
      });
    await post("running");
    expect(fake.experiment(1)?.started_at).not.toBeNull();
    expect(fake.experiment(1)?.finished_at).toBeNull();
    await post("succeeded");
    expect(fake.experiment(1)).toMatchObject({ last_status: "succeeded", finished_at: expect.any(String) });
    const { data } = await client.GET("/{username}/{project_name}/experiments/{id}/statuses/", {
      params: { path: E(1) },
    });
    expect(data?.results.map((s) => s.status)).toEqual(["created", "running", "succeeded"]);
  });

  it("answers 404, 401 and 403 with the server's bodies", async () => {
    await start({ users: [{ username: "bob", token: "b".repeat(64) }] });
    const missing = await client
      .GET("/{username}/{project_name}/experiments/{id}/", { params: { path: E(9) } })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).body).toEqual({ detail: "Not found." });
    const stranger = createClient({ baseUrl: fake.url, token: "c".repeat(64), retry: false });
    const unknown = await stranger.GET("/users/").catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AuthenticationError);
    expect((unknown as AuthenticationError).body).toEqual({ detail: "Invalid token." });
    const bob = createClient({ baseUrl: fake.url, token: "b".repeat(64), retry: false });
    const denied = await bob
      .POST("/{username}/{project_name}/experiments/", { params: { path: P }, body: { is_managed: false } })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect((await bob.GET("/users/")).data).toEqual({ username: "bob", email: "", is_superuser: false });
  });

  it("answers a request that breaks the spec with a 400 like the server's, and reports it", async () => {
    await start();
    await create();
    expectViolations = true;
    const error = await client
      .POST("/{username}/{project_name}/experiments/{id}/statuses/", {
        params: { path: E(1) },
        body: { status: "bogus" as "running" },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).body).toEqual({ status: ["must be equal to one of the allowed values."] });
    expect(fake.violations()).toEqual([
      expect.objectContaining({
        kind: "request",
        operationId: "createExperimentStatus",
        message: expect.stringContaining("/status must be equal to one of the allowed values"),
      }),
    ]);
    expect(fake.statuses(1)).toHaveLength(1);
  });
});

describe("metrics and logs", () => {
  it("echoes an object metric at once, answers a list with an empty 201, and merges last_metric", async () => {
    await start();
    await create();
    const one = await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: E(1) },
      body: { values: { loss: 0.5, acc: 0.875 } },
    });
    expect(one.response.status).toBe(201);
    expect(one.data).toMatchObject({ id: 1, experiment: 1, values: { loss: 0.5, acc: 0.875 } });
    const list = await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: E(1) },
      body: [{ values: { loss: 1 / 3 }, created_at: "2020-03-04T10:00:00.000Z" }, { values: { loss: 0.125 } }],
    });
    expect(list.response.status).toBe(201);
    expect(list.response.headers.get("content-type")).toBeNull();
    expect(fake.metrics(1).map((m) => m.created_at)[0]).toBe("2020-03-04T10:00:00Z");
    expect(fake.experiment(1)?.last_metric).toEqual({ loss: 0.125, acc: 0.875 });
    const listed = await client.GET("/{username}/{project_name}/experiments/", { params: { path: P } });
    expect(listed.data?.results[0]).toMatchObject({ last_metric: { loss: 0.125, acc: 0.875 } });
  });

  it("rounds last_metric to 7 decimals on the detail only", async () => {
    await start();
    await create();
    await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: E(1) },
      body: { values: { loss: 1 / 3 } },
    });
    expect(fake.experiment(1)?.last_metric).toEqual({ loss: 0.3333333 });
    const listed = await client.GET("/{username}/{project_name}/experiments/", { params: { path: P } });
    expect(listed.data?.results[0]).toMatchObject({ last_metric: { loss: 1 / 3 } });
  });

  it("stores a metric list after the worker delay when one is set", async () => {
    await start({ workerDelayMs: 50 });
    await create();
    await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: E(1) },
      body: [{ values: { step: 0 } }, { values: { step: 1 } }],
    });
    expect(fake.metrics(1)).toEqual([]);
    await fake.idle();
    expect(fake.metrics(1).map((m) => m.values.step)).toEqual([0, 1]);
  });

  it("serves logs only after a terminal status, as text labelled text/html", async () => {
    await start();
    await create();
    const post = (body: string | string[]) =>
      client.POST("/{username}/{project_name}/experiments/{id}/logs/", { params: { path: E(1) }, body });
    await post(["line 1", "line 2"]);
    const before = await raw("/alice/mnist/experiments/1/logs/");
    expect([before.status, before.body.toString()]).toEqual([404, '"Experiment has no logs."']);
    await client.POST("/{username}/{project_name}/experiments/{id}/statuses/", {
      params: { path: E(1) },
      body: { status: "succeeded" },
    });
    await post("line 3\nline 4");
    const after = await raw("/alice/mnist/experiments/1/logs/");
    expect(after.status).toBe(200);
    expect(after.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(after.body.toString()).toBe("line 1\nline 2\nline 3\nline 4\n");
    expect(fake.logs(1)).toEqual(["line 1", "line 2", "line 3", "line 4"]);
  });
});

describe("lists", () => {
  it("pages with next/previous links on the host the client used, keys sorted", async () => {
    await start();
    for (let i = 0; i < 5; i++) await create({ name: `e${i}` });
    const { data } = await client.GET("/{username}/{project_name}/experiments/", {
      params: { path: P, query: { limit: 2, offset: 2, metrics: true } },
    });
    expect(data?.count).toBe(5);
    expect(data?.next).toBe(`${fake.url}/alice/mnist/experiments/?limit=2&metrics=true&offset=4`);
    expect(data?.previous).toBe(`${fake.url}/alice/mnist/experiments/?limit=2&metrics=true`);
    expect(data?.results.map((e) => Object.keys(e).sort())).toEqual([
      ["finished_at", "id", "last_metric", "name", "started_at", "unique_name", "uuid"],
      ["finished_at", "id", "last_metric", "name", "started_at", "unique_name", "uuid"],
    ]);
  });

  it("gzips list answers whatever Accept-Encoding says, twice for large metric lists, never empty pages", async () => {
    await start();
    await create();
    const identity = { "accept-encoding": "identity" };
    const statuses = await raw("/alice/mnist/experiments/1/statuses/", identity);
    expect(statuses.headers["content-encoding"]).toBe("gzip");
    expect(gunzipAll(statuses.body).layers).toBe(1);
    const noMetrics = await raw("/alice/mnist/experiments/1/metrics/", identity);
    expect(noMetrics.headers["content-encoding"]).toBeUndefined();
    expect(noMetrics.body.toString()).toBe('{"count":0,"next":null,"previous":null,"results":[]}');
    await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: E(1) },
      body: Array.from({ length: 1000 }, (_, step) => ({ values: { step, loss: 1 / (step + 1) } })),
    });
    const metrics = await raw("/alice/mnist/experiments/1/metrics/", identity);
    expect(metrics.headers["content-encoding"]).toBe("gzip");
    const decoded = gunzipAll(metrics.body);
    expect(decoded.layers).toBe(2);
    expect(JSON.parse(decoded.text)).toMatchObject({ count: 1000, next: null });
    const global = await raw("/experiments/", identity);
    expect(global.headers["content-encoding"]).toBeUndefined();
  });

  it("filters and sorts the project list with the query language, and refuses unknown fields", async () => {
    await start();
    await create({ name: "a", tags: ["x"] });
    await create({ name: "b", tags: ["y"] });
    await create({ name: "c", tags: ["x"] });
    const names = async (query: string, sort?: string) =>
      (
        await client.GET("/{username}/{project_name}/experiments/", {
          params: { path: P, query: { query, ...(sort ? { sort } : {}) } },
        })
      ).data?.results.map((e) => ("name" in e ? e.name : null));
    expect(await names("tags:x", "created_at")).toEqual(["a", "c"]);
    expect(await names("name:~b, id:>1")).toEqual(["c"]);
    expect(await names("status:created|running", "-created_at")).toEqual(["c", "b", "a"]);
    const error = await names("nosuchfield:1").catch((e: unknown) => e);
    expect((error as BadRequestError).body).toEqual([
      "key `nosuchfield` is not supported by query manager `experiment`.",
    ]);
  });
});

describe("faults and throttling", () => {
  it("answers a status with Retry-After for the matching requests, a given number of times", async () => {
    await start();
    await create();
    const fault = fake.fault({
      status: 503,
      retryAfter: 2,
      times: 1,
      match: { operationId: "createExperimentMetrics" },
    });
    const first = await client
      .POST("/{username}/{project_name}/experiments/{id}/metrics/", {
        params: { path: E(1) },
        body: [{ values: { a: 1 } }],
      })
      .catch((e: unknown) => e);
    expect(first).toMatchObject({ status: 503, headers: expect.objectContaining({ "retry-after": "2" }) });
    await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: E(1) },
      body: [{ values: { a: 2 } }],
    });
    expect(fault.used).toBe(1);
    expect(fake.metrics(1).map((m) => m.values.a)).toEqual([2]);
    expect(
      fake.requests({ operationId: "createExperimentMetrics" }).map((r) => [r.status, r.applied, r.fault]),
    ).toEqual([
      [503, false, true],
      [201, true, false],
    ]);
  });

  it("destroys the connection, before or after applying the request", async () => {
    await start();
    await create();
    fake.fault({ destroy: true, times: 1 });
    const lost = await client
      .POST("/{username}/{project_name}/experiments/{id}/metrics/", {
        params: { path: E(1) },
        body: [{ values: { a: 1 } }],
      })
      .catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(APIConnectionError);
    expect(fake.metrics(1)).toEqual([]);
    fake.fault({ destroy: true, afterApplying: true, times: 1 });
    await client
      .POST("/{username}/{project_name}/experiments/{id}/metrics/", {
        params: { path: E(1) },
        body: [{ values: { a: 2 } }],
      })
      .catch(() => undefined);
    expect(fake.metrics(1).map((m) => m.values.a)).toEqual([2]);
    expect(fake.requests({ operationId: "createExperimentMetrics" }).map((r) => [r.status, r.applied])).toEqual([
      [null, false],
      [null, true],
    ]);
  });

  it("refuses connections while down and comes back on the same port", async () => {
    await start();
    const port = fake.port;
    await fake.stop();
    const refused = await client.GET("/users/").catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "ECONNREFUSED", requestSent: false });
    await fake.start();
    expect(fake.port).toBe(port);
    expect((await client.GET("/users/")).data?.username).toBe("alice");
  });

  it("throttles past N requests a minute with the server's 429, and lets requests through a minute later", async () => {
    let now = Date.parse("2026-11-30T12:00:00Z");
    await start({ throttle: { requestsPerMinute: 3 }, now: () => now });
    for (let i = 0; i < 3; i++) await client.GET("/users/");
    now += 18_000;
    const throttled = await client.GET("/users/").catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(RateLimitError);
    expect(throttled).toMatchObject({
      status: 429,
      retryAfterMs: 42_000,
      body: { detail: "Request was throttled. Expected available in 42 seconds." },
    });
    now += 42_000;
    expect((await client.GET("/users/")).response.status).toBe(200);
  });

  it("logs every request with what it answered", async () => {
    await start();
    await create({ name: "logged" });
    const [entry] = fake.requests();
    expect(entry).toMatchObject({
      seq: 1,
      method: "POST",
      path: "/alice/mnist/experiments/",
      query: {},
      body: { is_managed: false, name: "logged" },
      operationId: "createExperiment",
      status: 201,
      applied: true,
      fault: false,
    });
    expect(entry?.headers.authorization).toBe(`Token ${fake.token}`);
    expect(entry?.at).toBeGreaterThan(0);
  });

  it("answers cross-origin preflights and requests when cors is on", async () => {
    await start({ cors: true });
    const preflight = await fetch(`${fake.url}/users/`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:9",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:9");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization");
    const answer = await fetch(`${fake.url}/users/`, { headers: { origin: "http://127.0.0.1:9" } });
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:9");
    expect(fake.requests()).toHaveLength(1);
  });
});
