/**
 * Every operation of openapi/spec.yaml, called through a typed client, must reach the
 * matching spec handler with the right method and path, and without any spec violation.
 */

import { HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient, InternalServerError, type PolyaxonClient } from "../../src/api/index.js";
import { expectNoSpecViolations, recordRequests, specHandler, specOperations } from "../support/spec.js";
import { type SpecResponse, specDocument } from "../support/spec-document.js";
import { FIXTURE_TOKEN, FIXTURE_UUID, fixturesBySchema } from "../support/spec-fixtures.js";

const BASE = "http://polyaxon.test/api/v1";
const P = { username: "alice", project_name: "mnist" };
const E = { ...P, id: 12 };
const J = { ...E, job_id: 5 };
const STATUS_STATUS = { status: "running" } as const;

type Api = PolyaxonClient;

/** One typed call per operationId; the types are the point as much as the run. */
const calls: Record<string, (api: Api) => Promise<unknown>> = {
  getCurrentUser: (api) => api.GET("/users/"),
  loginWithCredentials: (api) =>
    api.POST("/users/token/", {
      body: { username: "alice", password: "secret" },
      bodySerializer: (body) => new URLSearchParams({ username: body.username, password: body.password }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
  listExperiments: (api) => api.GET("/experiments/", { params: { query: { limit: 20, offset: 20 } } }),
  listProjectExperiments: (api) =>
    api.GET("/{username}/{project_name}/experiments/", {
      params: { path: P, query: { query: "status:running", sort: "-created_at", independent: true } },
    }),
  createExperiment: (api) =>
    api.POST("/{username}/{project_name}/experiments/", {
      params: { path: P },
      body: { name: "run-1", is_managed: false, backend: "other", tags: ["a"] },
    }),
  stopExperiments: (api) =>
    api.POST("/{username}/{project_name}/experiments/stop/", { params: { path: P }, body: { ids: [1, 2] } }),
  deleteExperiments: (api) =>
    api.DELETE("/{username}/{project_name}/experiments/delete/", { params: { path: P }, body: { ids: [1, 2] } }),
  deleteExperimentsViaPost: (api) =>
    api.POST("/{username}/{project_name}/experiments/delete/", { params: { path: P } }),
  getExperiment: (api) => api.GET("/{username}/{project_name}/experiments/{id}/", { params: { path: E } }),
  updateExperiment: (api) =>
    api.PATCH("/{username}/{project_name}/experiments/{id}/", {
      params: { path: E },
      body: { params: { lr: 0.1 }, merge: true },
    }),
  replaceExperiment: (api) =>
    api.PUT("/{username}/{project_name}/experiments/{id}/", { params: { path: E }, body: { description: "d" } }),
  deleteExperiment: (api) => api.DELETE("/{username}/{project_name}/experiments/{id}/", { params: { path: E } }),
  archiveExperiment: (api) => api.POST("/{username}/{project_name}/experiments/{id}/archive/", { params: { path: E } }),
  restoreExperiment: (api) => api.POST("/{username}/{project_name}/experiments/{id}/restore/", { params: { path: E } }),
  restartExperiment: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/restart/", { params: { path: E }, body: {} }),
  resumeExperiment: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/resume/", { params: { path: E }, body: { ttl: 60 } }),
  copyExperiment: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/copy/", {
      params: { path: E },
      body: { update_code: true },
    }),
  stopExperiment: (api) => api.POST("/{username}/{project_name}/experiments/{id}/stop/", { params: { path: E } }),
  bookmarkExperiment: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/bookmark/", { params: { path: E } }),
  unbookmarkExperiment: (api) =>
    api.DELETE("/{username}/{project_name}/experiments/{id}/unbookmark/", { params: { path: E } }),
  experimentHeartbeat: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/_heartbeat/", { params: { path: E } }),
  exchangeEphemeralToken: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/ephemeraltoken/", { params: { path: E } }),
  exchangeEphemeralTokenLegacy: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/token/", { params: { path: E } }),
  impersonateExperimentOwner: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/impersonatetoken/", { params: { path: E } }),
  getExperimentCodeReference: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/coderef/", { params: { path: E } }),
  createExperimentCodeReference: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/coderef/", {
      params: { path: E },
      body: { commit: "abc", head: "abc", branch: "main", git_url: "https://git.example.test/a.git", is_dirty: false },
    }),
  listExperimentStatuses: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/statuses/", { params: { path: E } }),
  createExperimentStatus: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/statuses/", { params: { path: E }, body: STATUS_STATUS }),
  getExperimentStatus: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/statuses/{status_uuid}/", {
      params: { path: { ...E, status_uuid: FIXTURE_UUID } },
    }),
  listExperimentMetrics: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/metrics/", { params: { path: E } }),
  createExperimentMetrics: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: E },
      body: [{ values: { loss: 0.5 }, created_at: "2019-11-03T10:01:02Z" }],
    }),
  listExperimentChartViews: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/chartviews/", { params: { path: E } }),
  createExperimentChartView: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/chartviews/", { params: { path: E }, body: { charts: [] } }),
  getExperimentChartView: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/", {
      params: { path: { ...E, chart_id: 4 } },
    }),
  updateExperimentChartView: (api) =>
    api.PATCH("/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/", {
      params: { path: { ...E, chart_id: 4 } },
      body: { name: "loss" },
    }),
  replaceExperimentChartView: (api) =>
    api.PUT("/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/", {
      params: { path: { ...E, chart_id: 4 } },
      body: { charts: [], name: "loss" },
    }),
  deleteExperimentChartView: (api) =>
    api.DELETE("/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/", {
      params: { path: { ...E, chart_id: 4 } },
    }),
  listExperimentJobs: (api) => api.GET("/{username}/{project_name}/experiments/{id}/jobs/", { params: { path: E } }),
  createExperimentJob: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/jobs/", { params: { path: E }, body: { role: "worker" } }),
  getExperimentJob: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/", { params: { path: J } }),
  updateExperimentJob: (api) =>
    api.PATCH("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/", {
      params: { path: J },
      body: { node_scheduled: "node-1" },
    }),
  replaceExperimentJob: (api) =>
    api.PUT("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/", {
      params: { path: J },
      body: { role: "master", definition: {} },
    }),
  deleteExperimentJob: (api) =>
    api.DELETE("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/", { params: { path: J } }),
  listExperimentJobStatuses: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/", { params: { path: J } }),
  createExperimentJobStatus: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/", {
      params: { path: J },
      body: { status: "unschedulable" },
    }),
  getExperimentJobStatus: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/{status_uuid}/", {
      params: { path: { ...J, status_uuid: FIXTURE_UUID } },
    }),
  updateExperimentJobStatus: (api) =>
    api.PATCH("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/{status_uuid}/", {
      params: { path: { ...J, status_uuid: FIXTURE_UUID } },
      body: { message: "m" },
    }),
  replaceExperimentJobStatus: (api) =>
    api.PUT("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/{status_uuid}/", {
      params: { path: { ...J, status_uuid: FIXTURE_UUID } },
      body: { status: "running", details: {} },
    }),
  reconcileExperimentJob: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/jobs/{job_uuid}/_reconcile/", {
      params: { path: { ...E, job_uuid: FIXTURE_UUID } },
      body: { status: "running", created_at: "2019-11-03T10:01:02Z" },
    }),
  getExperimentJobLogs: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/logs/", {
      params: { path: J },
      parseAs: "text",
    }),
  replaceExperimentJobLogs: (api) =>
    api.PUT("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/logs/", { params: { path: J } }),
  updateExperimentJobLogs: (api) =>
    api.PATCH("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/logs/", { params: { path: J } }),
  getExperimentLogs: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/logs/", { params: { path: E }, parseAs: "text" }),
  appendExperimentLogs: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/logs/", { params: { path: E }, body: ["line 1", "line 2"] }),
  getExperimentOutputsTree: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/outputs/tree/", {
      params: { path: E, query: { path: "checkpoints" } },
    }),
  downloadExperimentOutputsFile: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/outputs/files/", {
      params: { path: E, query: { path: "model.h5" } },
      parseAs: "arrayBuffer",
    }),
  downloadExperimentOutputs: (api) =>
    api.GET("/{username}/{project_name}/experiments/{id}/outputs/download/", {
      params: { path: E },
      parseAs: "arrayBuffer",
    }),
  startExperimentTensorboard: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/tensorboard/start/", { params: { path: E }, body: {} }),
  stopExperimentTensorboard: (api) =>
    api.POST("/{username}/{project_name}/experiments/{id}/tensorboard/stop/", { params: { path: E } }),
  listBookmarkedExperiments: (api) =>
    api.GET("/bookmarks/{username}/experiments/", {
      params: { path: { username: "alice" }, query: { sort: "created_at" } },
    }),
  listArchivedExperiments: (api) =>
    api.GET("/archives/{username}/experiments/", { params: { path: { username: "alice" } } }),
  listExperimentSearches: (api) => api.GET("/searches/{username}/{project_name}/experiments/", { params: { path: P } }),
  createExperimentSearch: (api) =>
    api.POST("/searches/{username}/{project_name}/experiments/", {
      params: { path: P },
      body: { query: { query: "status:running" }, name: "running" },
    }),
  deleteExperimentSearch: (api) =>
    api.DELETE("/searches/{username}/{project_name}/experiments/{search_id}", {
      params: { path: { ...P, search_id: 8 } },
    }),
};

/** The real server's answer to a crashing non-GET view (seq 118 of the recording). */
const SERVER_CRASH = () =>
  new HttpResponse(null, {
    status: 405,
    headers: { "content-type": "text/html; charset=utf-8", allow: "GET, HEAD, OPTIONS" },
  });

/** The first 2xx answer the spec declares for an operation (or the crash of a broken route). */
function answerFor(responses: Map<string, SpecResponse>): Response {
  const success = [...responses.entries()].find(([status]) => /^2\d\d$/.test(status));
  if (!success) return SERVER_CRASH();
  const [statusText, response] = success;
  const status = Number(statusText);
  if (response.schemaName !== undefined) {
    const build = fixturesBySchema[response.schemaName];
    if (!build) throw new Error(`no fixture for ${response.schemaName}`);
    return HttpResponse.json(build() as JsonBodyType, { status });
  }
  if (response.mediaTypes.some((type) => type.startsWith("text/"))) {
    return new HttpResponse("line 1\nline 2\n", { status, headers: { "content-type": "text/html; charset=utf-8" } });
  }
  if (response.mediaTypes.includes("application/octet-stream")) {
    return new HttpResponse(new Uint8Array([31, 139, 8]), {
      status,
      headers: { "content-type": "application/octet-stream" },
    });
  }
  return new HttpResponse(null, { status });
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterEach(expectNoSpecViolations);
afterAll(() => server.close());

/** The SDK's client; retries off so that each broken route is reached exactly once. */
function typedClient(): Api {
  return createClient({ baseUrl: BASE, token: FIXTURE_TOKEN, retry: false });
}

/** Runs a call; a typed error (what the SDK throws on non-2xx) is returned, not thrown. */
async function outcome(call: () => Promise<unknown>): Promise<{ status?: number; error?: unknown }> {
  try {
    const result = (await call()) as { response?: Response };
    return result.response ? { status: result.response.status } : {};
  } catch (error) {
    return { error, ...(error instanceof InternalServerError ? { status: error.status } : {}) };
  }
}

describe("spec coverage through the typed client", () => {
  it("has one call per spec operation", () => {
    expect(Object.keys(calls).sort()).toEqual(
      specOperations()
        .map((op) => op.operationId)
        .sort(),
    );
  });

  it("reaches all 64 operations with the right method and path", async () => {
    const operations = specDocument().operations;
    server.use(...operations.map((op) => specHandler(op.operationId, () => answerFor(op.responses))));
    const api = typedClient();
    const recording = recordRequests();
    const outcomes: Array<{ operationId: string; status?: number; error?: unknown }> = [];
    for (const op of operations) {
      const call = calls[op.operationId];
      if (!call) throw new Error(`no call for ${op.operationId}`);
      outcomes.push({ operationId: op.operationId, ...(await outcome(() => call(api))) });
    }
    recording.stop();

    expect(recording.calls.map((c) => `${c.operationId} ${c.method}`)).toEqual(
      operations.map((op) => `${op.operationId} ${op.method.toUpperCase()}`),
    );
    for (const [index, op] of operations.entries()) {
      const concrete = recording.calls[index]?.path ?? "";
      const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      expect(concrete, op.operationId).toMatch(pattern);
    }
    expect(recording.calls).toHaveLength(64);
    const failed = outcomes.filter((o) => o.error !== undefined);
    expect(failed.map((o) => o.operationId).sort()).toEqual([
      "deleteExperimentsViaPost",
      "replaceExperimentJobLogs",
      "updateExperimentJobLogs",
    ]);
    for (const o of failed) expect(o.error, o.operationId).toBeInstanceOf(InternalServerError);
    expect(failed.map((o) => o.status)).toEqual([405, 405, 405]);
  });
});
