/**
 * Response decoding: what the real server sends (nested gzip, empty bodies, text labelled
 * HTML, bare error strings) comes back as typed data; a body that cannot be read is an
 * APIResponseDecodeError, never a raw SyntaxError.
 */
import { gzipSync } from "node:zlib";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import {
  APIError,
  APIResponseDecodeError,
  createClient,
  InternalServerError,
  NotFoundError,
} from "../../src/api/index.js";
import { PolyaxonError } from "../../src/errors.js";
import { DEFAULT_BASE_URL, expectNoSpecViolations, specHandler } from "../support/spec.js";
import { experimentMetric, page } from "../support/spec-fixtures.js";
import { rejected } from "../support/thrown.js";
import { useMswServer } from "./harness.js";

const server = useMswServer();
afterEach(expectNoSpecViolations);

const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const path = { username: "alice", project_name: "mnist", id: 12 };
const E = `${DEFAULT_BASE_URL}/alice/mnist/experiments/12`;
const client = (options: { throwOnError?: boolean; retry?: false } = {}) =>
  createClient({ baseUrl: DEFAULT_BASE_URL, token: TOKEN, retry: false, ...options });

const metrics = () => client().GET("/{username}/{project_name}/experiments/{id}/metrics/", { params: { path } });
const logs = (parseAs?: "text") =>
  client().GET("/{username}/{project_name}/experiments/{id}/logs/", {
    params: { path },
    ...(parseAs ? { parseAs } : {}),
  });

function gzipTimes(text: string, layers: number): Buffer {
  let bytes = Buffer.from(text);
  for (let i = 0; i < layers; i++) bytes = gzipSync(bytes);
  return bytes;
}

const metricPage = page([experimentMetric({ id: 1 }), experimentMetric({ id: 2, values: { loss: 0.125 } })]);

describe("gzip layers", () => {
  it.each([
    [1, "with Content-Encoding", true],
    [2, "under one Content-Encoding (the metrics list)", true],
    [3, "with no Content-Encoding header at all", false],
  ])("removes %i layer(s) %s", async (layers, _, header) => {
    server.use(
      specHandler(
        "listExperimentMetrics",
        () =>
          new HttpResponse(gzipTimes(JSON.stringify(metricPage), layers), {
            headers: { "content-type": "application/json", ...(header ? { "content-encoding": "gzip" } : {}) },
          }),
      ),
    );
    const { data, response } = await metrics();
    expect(data).toEqual(metricPage);
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.url).toBe(`${E}/metrics/`);
  });

  it("turns a gzip layer that does not decompress into APIResponseDecodeError", async () => {
    const truncated = gzipTimes(JSON.stringify(metricPage), 2).subarray(0, 40);
    server.use(
      http.get(`${E}/metrics/`, () => new HttpResponse(truncated, { headers: { "content-type": "application/json" } })),
    );
    const error = await rejected(metrics());
    expect(error).toBeInstanceOf(APIResponseDecodeError);
    expect(error).toMatchObject({
      status: 200,
      contentType: "application/json",
      mayHaveBeenApplied: true,
      retryable: false,
    });
    expect((error as Error).message).toMatch(/gzip layer 1 does not decompress/);
  });
});

describe("bodies that are not what the operation promises", () => {
  it("a 200 HTML page on a JSON operation is APIResponseDecodeError with status, type and a redacted excerpt", async () => {
    const portal = `<!DOCTYPE html><html><head><title>Sign in</title></head><body>token=${TOKEN}</body></html>`;
    server.use(http.get(`${E}/metrics/`, () => HttpResponse.html(portal)));
    const error = await rejected(metrics());
    expect(error).toBeInstanceOf(APIResponseDecodeError);
    expect(error).toBeInstanceOf(PolyaxonError);
    expect(error).toMatchObject({
      method: "GET",
      pathTemplate: "/{username}/{project_name}/experiments/{id}/metrics/",
      status: 200,
      contentType: "text/html",
    });
    const decodeError = error as APIResponseDecodeError;
    expect(decodeError.excerpt).toMatch(/^<!DOCTYPE html><html><head><title>Sign in/);
    expect(decodeError.excerpt).toContain("[REDACTED]");
    expect(decodeError.message).not.toContain(TOKEN);
    expect(decodeError.message).toMatch(/→ 200 with a body that cannot be read \(not JSON; content-type text\/html\)/);
  });

  it("the same page with throwOnError: false still rejects: a 2xx cannot be returned as an error", async () => {
    server.use(http.get(`${E}/`, () => HttpResponse.html("<html>proxy</html>")));
    const call = client({ throwOnError: false }).GET("/{username}/{project_name}/experiments/{id}/", {
      params: { path },
    });
    await expect(call).rejects.toBeInstanceOf(APIResponseDecodeError);
  });

  it("binary bytes asked for as text are APIResponseDecodeError; as arrayBuffer they come back untouched", async () => {
    const gz = gzipSync("not to be opened");
    server.use(
      specHandler(
        "downloadExperimentOutputsFile",
        () => new HttpResponse(gz, { headers: { "content-type": "application/octet-stream" } }),
      ),
    );
    const query = { path: "model.gz" };
    const raw = await client().GET("/{username}/{project_name}/experiments/{id}/outputs/files/", {
      params: { path, query },
      parseAs: "arrayBuffer",
    });
    expect(Buffer.from(raw.data as ArrayBuffer)).toEqual(gz);
    const error = await rejected(
      client().GET("/{username}/{project_name}/experiments/{id}/outputs/files/", { params: { path, query } }),
    );
    expect(error).toBeInstanceOf(APIResponseDecodeError);
    expect((error as Error).message).toMatch(/binary content: pass parseAs 'arrayBuffer'/);
  });
});

describe("what the real server sends", () => {
  it("returns logs (plain text labelled text/html) as a string, with or without parseAs", async () => {
    const text = "line 1\nline 2\n";
    server.use(
      specHandler(
        "getExperimentLogs",
        () => new HttpResponse(text, { headers: { "content-type": "text/html; charset=utf-8" } }),
      ),
    );
    expect((await logs()).data).toBe(text);
    expect((await logs("text")).data).toBe(text);
  });

  it("returns an empty log file as an empty string", async () => {
    // Not recorded from the real server (every recorded log had lines): a plain handler.
    server.use(http.get(`${E}/logs/`, () => new HttpResponse("", { headers: { "content-type": "text/html" } })));
    expect((await logs()).data).toBe("");
  });

  it("returns data: undefined for an empty 201 without Content-Type (a metric list)", async () => {
    server.use(specHandler("createExperimentMetrics", () => new HttpResponse(null, { status: 201 })));
    const result = await client().POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path },
      body: [{ values: { loss: 1 } }],
    });
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(201);
  });

  it("keeps a bare JSON string error body as the error's body", async () => {
    server.use(specHandler("getExperimentLogs", () => HttpResponse.json("Experiment has no logs.", { status: 404 })));
    const error = await rejected(logs());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: "Experiment has no logs." });
    expect((error as Error).message).toMatch(/→ 404 Not Found: Experiment has no logs.$/);
  });

  it("decompresses an error body with throwOnError: false", async () => {
    server.use(
      http.get(
        `${E}/metrics/`,
        () =>
          new HttpResponse(gzipTimes(JSON.stringify(["bad query"]), 2), {
            status: 400,
            headers: { "content-type": "application/json" },
          }),
      ),
    );
    const { error, data } = await client({ throwOnError: false }).GET(
      "/{username}/{project_name}/experiments/{id}/metrics/",
      { params: { path } },
    );
    expect(data).toBeUndefined();
    expect(error).toEqual(["bad query"]);
  });
});

describe("405 with an empty body: the server crashed on a non-GET method", () => {
  const crash = () =>
    new HttpResponse(null, {
      status: 405,
      headers: { "content-type": "text/html; charset=utf-8", allow: "GET, HEAD, OPTIONS" },
    });

  it("is an InternalServerError (status 405) that may have been applied and is never retried", async () => {
    let calls = 0;
    server.use(
      specHandler("createExperimentMetrics", () => {
        calls += 1;
        return crash();
      }),
    );
    const retrying = createClient({
      baseUrl: DEFAULT_BASE_URL,
      token: TOKEN,
      retry: { maxRetries: 3, baseDelayMs: 1 },
    });
    const error = await rejected(
      retrying.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
        params: { path },
        body: { values: { loss: 1 } },
      }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      status: 405,
      body: undefined,
      mayHaveBeenApplied: true,
      retryable: false,
      attempts: 1,
    });
    expect((error as Error).message).toMatch(
      /→ 405 Method Not Allowed: empty body: the server failed while handling this POST/,
    );
    expect(calls).toBe(1);
  });

  it("a 405 with a body is a real method refusal: a plain APIError", async () => {
    server.use(
      http.put(`${E}/metrics/`, () => HttpResponse.json({ detail: 'Method "PUT" not allowed.' }, { status: 405 })),
    );
    const untyped = client() as unknown as {
      PUT(url: string, init: object): Promise<unknown>;
    };
    const error = await rejected(
      untyped.PUT("/{username}/{project_name}/experiments/{id}/metrics/", { params: { path } }),
    );
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 405, mayHaveBeenApplied: false });
  });
});
