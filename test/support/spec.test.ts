import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordRequests, specDocument, specHandler, specOperations, takeSpecViolations } from "./spec.js";

const BASE = "http://polyaxon.test/api/v1";
const E = `${BASE}/alice/mnist/experiments/12`;
const STATUS_UUID = "0123456789abcdef0123456789abcdef";

const status = {
  id: 1,
  uuid: STATUS_UUID,
  experiment: 12,
  created_at: "2019-11-03T10:01:02.123456Z",
  status: "running",
  message: null,
  traceback: null,
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  takeSpecViolations();
});
afterAll(() => server.close());

function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

describe("specOperations", () => {
  it("lists the 64 operations with unique ids", () => {
    const ops = specOperations();
    expect(ops).toHaveLength(64);
    expect(new Set(ops.map((op) => op.operationId)).size).toBe(64);
    expect(ops).toContainEqual({
      operationId: "createExperimentMetrics",
      method: "post",
      path: "/{username}/{project_name}/experiments/{id}/metrics/",
    });
  });

  it("compiles component schemas with OpenAPI nullable", () => {
    const validate = specDocument().schemaValidator("CodeReference");
    const empty = { commit: "", head: "", branch: "", git_url: "", is_dirty: false, repo: null, external_repo: null };
    expect(validate(empty)).toBe(true);
    expect(validate({ ...empty, commit: "x".repeat(41) })).toBe(false);
  });
});

describe("specHandler accepts a correct exchange", () => {
  it("records the request and reports nothing", async () => {
    server.use(specHandler("createExperimentStatus", () => HttpResponse.json(status, { status: 201 })));
    const recording = recordRequests();
    const response = await postJson(`${E}/statuses/`, { status: "running" });
    recording.stop();
    expect(response.status).toBe(201);
    expect(takeSpecViolations()).toEqual([]);
    expect(recording.calls).toEqual([
      {
        operationId: "createExperimentStatus",
        method: "POST",
        path: "/alice/mnist/experiments/12/statuses/",
        body: { status: "running" },
        query: {},
      },
    ]);
  });

  it("hands the resolver the named path parameters", async () => {
    let seen: unknown;
    server.use(
      specHandler("getExperimentStatus", ({ params }) => {
        seen = params;
        return HttpResponse.json(status);
      }),
    );
    await fetch(`${E}/statuses/${STATUS_UUID}/`);
    expect(seen).toEqual({ username: "alice", project_name: "mnist", id: "12", status_uuid: STATUS_UUID });
    expect(takeSpecViolations()).toEqual([]);
  });

  it("accepts a bulk metrics array answered with an empty 201", async () => {
    server.use(specHandler("createExperimentMetrics", () => new HttpResponse(null, { status: 201 })));
    await postJson(`${E}/metrics/`, [{ values: { loss: 0.5 }, created_at: "2019-11-03T10:01:02Z" }]);
    expect(takeSpecViolations()).toEqual([]);
  });

  it("accepts a bodiless POST answered with an empty 200", async () => {
    server.use(specHandler("experimentHeartbeat", () => new HttpResponse(null, { status: 200 })));
    await fetch(`${E}/_heartbeat/`, { method: "POST" });
    expect(takeSpecViolations()).toEqual([]);
  });

  it("lets a literal route win over a parameterised one", async () => {
    server.use(
      specHandler("deleteExperiment", () => new HttpResponse(null, { status: 204 })),
      specHandler("deleteExperiments", () => new HttpResponse(null, { status: 200 })),
    );
    const recording = recordRequests();
    const response = await fetch(`${BASE}/alice/mnist/experiments/delete/`, {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ids: [1, 2] }),
    });
    expect(response.status).toBe(200);
    expect(recording.calls.map((call) => call.operationId)).toEqual(["deleteExperiments"]);
    expect(takeSpecViolations()).toEqual([]);
  });
});

describe("specHandler catches drift", () => {
  it("a request body of the wrong type", async () => {
    server.use(specHandler("appendExperimentLogs", () => new HttpResponse(null, { status: 200 })));
    await postJson(`${E}/logs/`, { line: "not a string or array" });
    expect(takeSpecViolations()).toEqual([expect.stringContaining("appendExperimentLogs POST")]);
  });

  it("a missing required field", async () => {
    server.use(specHandler("createExperimentMetrics", () => new HttpResponse(null, { status: 201 })));
    await postJson(`${E}/metrics/`, [{ created_at: "2019-11-03T10:01:02Z" }]);
    const found = takeSpecViolations();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("values");
  });

  it("a dashed uuid path parameter", async () => {
    server.use(specHandler("getExperimentStatus", () => HttpResponse.json(status)));
    await fetch(`${E}/statuses/01234567-89ab-cdef-0123-456789abcdef/`);
    expect(takeSpecViolations()).toEqual([expect.stringContaining("path parameter status_uuid")]);
  });

  it("a non-numeric experiment id", async () => {
    server.use(specHandler("getExperimentStatus", () => HttpResponse.json(status)));
    await fetch(`${BASE}/alice/mnist/experiments/abc/statuses/${STATUS_UUID}/`);
    expect(takeSpecViolations()).toEqual([expect.stringContaining("path parameter id")]);
  });

  it("a missing trailing slash", async () => {
    server.use(specHandler("getExperimentStatus", () => HttpResponse.json(status)));
    await fetch(`${E}/statuses/${STATUS_UUID}`);
    expect(takeSpecViolations()).toEqual([expect.stringContaining("must end with a slash")]);
  });

  it("an unknown or badly typed query parameter", async () => {
    const page = { count: 0, next: null, previous: null, results: [] };
    server.use(specHandler("listExperimentMetrics", () => HttpResponse.json(page)));
    await fetch(`${E}/metrics/?limit=ten&page=2`);
    const found = takeSpecViolations();
    expect(found).toHaveLength(2);
    expect(found.join("\n")).toContain("query parameter limit");
    expect(found.join("\n")).toContain("unknown query parameter page");
  });

  it("a body sent to a bodiless operation", async () => {
    server.use(specHandler("experimentHeartbeat", () => new HttpResponse(null, { status: 200 })));
    await postJson(`${E}/_heartbeat/`, {});
    expect(takeSpecViolations()).toEqual([expect.stringContaining("operation takes no body")]);
  });

  it("a JSON body without content-type application/json", async () => {
    server.use(specHandler("createExperimentStatus", () => HttpResponse.json(status, { status: 201 })));
    await fetch(`${E}/statuses/`, { method: "POST", body: JSON.stringify({ status: "running" }) });
    expect(takeSpecViolations()).toEqual([expect.stringContaining("content-type")]);
  });

  it("an undeclared response status", async () => {
    server.use(specHandler("getExperimentStatus", () => HttpResponse.json(status, { status: 202 })));
    await fetch(`${E}/statuses/${STATUS_UUID}/`);
    expect(takeSpecViolations()).toEqual([expect.stringContaining("status 202 is not declared")]);
  });

  it("a response body that violates the schema", async () => {
    server.use(specHandler("getExperimentStatus", () => HttpResponse.json({ ...status, status: "unschedulable" })));
    await fetch(`${E}/statuses/${STATUS_UUID}/`);
    expect(takeSpecViolations()).toEqual([expect.stringContaining("response 200 body /status")]);
  });

  it("a JSON body where the spec declares none", async () => {
    server.use(specHandler("experimentHeartbeat", () => HttpResponse.json({ ok: true })));
    await fetch(`${E}/_heartbeat/`, { method: "POST" });
    expect(takeSpecViolations()).toEqual([expect.stringContaining("declared without a body")]);
  });
});
