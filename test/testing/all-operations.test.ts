/**
 * Every operation of openapi/spec.yaml against the fake server, in a realistic order, through
 * the typed client: each one answers as the server does, and every request and answer
 * validates against the spec.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createClient } from "../../src/api/index.js";
import { startFakePolyaxon } from "../../src/testing/index.js";
import { specOperations } from "../support/spec.js";

const outputsRoot = mkdtempSync(join(tmpdir(), "plx-fake-outputs-"));
afterAll(() => rmSync(outputsRoot, { recursive: true, force: true }));

const HEX = (c: string) => c.repeat(64);

it("answers every operation of the spec, with answers that validate", async () => {
  const fake = await startFakePolyaxon({
    outputsRoot,
    internalToken: "internal-secret",
    ephemeralToken: "ephemeral-once",
    users: [{ username: "carol", token: HEX("c"), password: "secret" }],
  });
  try {
    const api = createClient({ ...fake.settings, retry: false, throwOnError: false });
    const P = { username: "alice", project_name: "mnist" };
    const E = { ...P, id: 1 };
    const dir = join(outputsRoot, "alice", "mnist", "experiments", "1");
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "result.txt"), "rc outputs\n");

    await api.GET("/users/");
    await api.POST("/users/token/", {
      body: { username: "carol", password: "secret" },
      bodySerializer: (body) => new URLSearchParams({ username: body.username, password: body.password }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    for (const name of ["main", "second", "third"]) {
      await api.POST("/{username}/{project_name}/experiments/", {
        params: { path: P },
        body: { name, is_managed: false },
      });
    }
    await api.GET("/experiments/", { params: { query: { limit: 2 } } });
    await api.GET("/{username}/{project_name}/experiments/", { params: { path: P, query: { sort: "-created_at" } } });
    await api.GET("/{username}/{project_name}/experiments/{id}/", { params: { path: E } });
    await api.PATCH("/{username}/{project_name}/experiments/{id}/", {
      params: { path: E },
      body: { params: { lr: 0.1 }, merge: true },
    });
    await api.PUT("/{username}/{project_name}/experiments/{id}/", { params: { path: E }, body: { name: "main2" } });
    await api.POST("/{username}/{project_name}/experiments/{id}/statuses/", {
      params: { path: E },
      body: { status: "running" },
    });
    const statuses = await api.GET("/{username}/{project_name}/experiments/{id}/statuses/", { params: { path: E } });
    const statusUuid = statuses.data?.results[0]?.uuid ?? "";
    await api.GET("/{username}/{project_name}/experiments/{id}/statuses/{status_uuid}/", {
      params: { path: { ...E, status_uuid: statusUuid } },
    });
    await api.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: E },
      body: [{ values: { loss: 0.5 } }],
    });
    await api.GET("/{username}/{project_name}/experiments/{id}/metrics/", { params: { path: E } });
    await api.POST("/{username}/{project_name}/experiments/{id}/coderef/", {
      params: { path: E },
      body: { branch: "main" },
    });
    await api.GET("/{username}/{project_name}/experiments/{id}/coderef/", { params: { path: E } });

    await api.POST("/{username}/{project_name}/experiments/{id}/chartviews/", {
      params: { path: E },
      body: { charts: [{ metrics: ["loss"] }], name: "loss" },
    });
    const C = { ...E, chart_id: 1 };
    await api.GET("/{username}/{project_name}/experiments/{id}/chartviews/", { params: { path: E } });
    await api.GET("/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/", { params: { path: C } });
    await api.PATCH("/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/", {
      params: { path: C },
      body: { name: "loss2" },
    });
    await api.PUT("/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/", {
      params: { path: C },
      body: { charts: [], name: "loss3" },
    });
    await api.DELETE("/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/", { params: { path: C } });

    const job = await api.POST("/{username}/{project_name}/experiments/{id}/jobs/", {
      params: { path: E },
      body: { role: "master", definition: { image: "x" } },
    });
    const J = { ...E, job_id: job.data?.id ?? 0 };
    await api.GET("/{username}/{project_name}/experiments/{id}/jobs/", { params: { path: E } });
    await api.GET("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/", { params: { path: J } });
    await api.PATCH("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/", {
      params: { path: J },
      body: { node_scheduled: "node-1" },
    });
    await api.PUT("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/", {
      params: { path: J },
      body: { role: "master", definition: {} },
    });
    await api.POST("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/", {
      params: { path: J },
      body: { status: "running", details: { a: 1 } },
    });
    const jobStatuses = await api.GET("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/", {
      params: { path: J },
    });
    // The server's own `created` job status has null details (recorded seq 46).
    expect(jobStatuses.data?.results.map((s) => s.details)).toEqual([null, { a: 1 }]);
    const JS = { ...J, status_uuid: jobStatuses.data?.results[1]?.uuid ?? "" };
    await api.GET("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/{status_uuid}/", {
      params: { path: JS },
    });
    await api.PATCH("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/{status_uuid}/", {
      params: { path: JS },
      body: { message: "patched" },
    });
    await api.PUT("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/{status_uuid}/", {
      params: { path: JS },
      body: { status: "running", message: "put", details: {} },
    });
    await api.POST("/{username}/{project_name}/experiments/{id}/jobs/{job_uuid}/_reconcile/", {
      params: { path: { ...E, job_uuid: job.data?.uuid ?? "" } },
      body: { status: "running", created_at: "2026-11-30T12:42:50.284Z" },
    });
    await api.POST("/{username}/{project_name}/experiments/{id}/_heartbeat/", { params: { path: E } });

    const internal = createClient({
      baseUrl: fake.url,
      token: "internal-secret",
      authScheme: "InternalToken",
      internalService: { service: "initializer" },
      retry: false,
      throwOnError: false,
    });
    const impersonated = await internal.POST("/{username}/{project_name}/experiments/{id}/impersonatetoken/", {
      params: { path: E },
    });
    expect(impersonated.data?.token).toBe(fake.token);
    const ephemeral = createClient({
      baseUrl: fake.url,
      token: "ephemeral-once",
      authScheme: "EphemeralToken",
      internalService: { service: "runner" },
      retry: false,
      throwOnError: false,
    });
    expect(
      (await ephemeral.POST("/{username}/{project_name}/experiments/{id}/ephemeraltoken/", { params: { path: E } }))
        .data,
    ).toEqual({ token: fake.token });
    // Single use: the second exchange (here through the deprecated alias) is refused.
    await ephemeral.POST("/{username}/{project_name}/experiments/{id}/token/", { params: { path: E } });

    await api.POST("/{username}/{project_name}/experiments/{id}/logs/", { params: { path: E }, body: ["line 1"] });
    await api.POST("/{username}/{project_name}/experiments/{id}/statuses/", {
      params: { path: E },
      body: { status: "succeeded" },
    });
    await api.GET("/{username}/{project_name}/experiments/{id}/logs/", { params: { path: E }, parseAs: "text" });
    await api.GET("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/logs/", {
      params: { path: J },
      parseAs: "text",
    });
    await api.PUT("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/logs/", {
      params: { path: J },
      parseAs: "text",
    });
    await api.PATCH("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/logs/", {
      params: { path: J },
      parseAs: "text",
    });
    await api.DELETE("/{username}/{project_name}/experiments/{id}/jobs/{job_id}/", { params: { path: J } });

    const tree = await api.GET("/{username}/{project_name}/experiments/{id}/outputs/tree/", { params: { path: E } });
    expect(tree.data).toEqual({ files: [["result.txt", 11]], dirs: ["sub"] });
    const file = await api.GET("/{username}/{project_name}/experiments/{id}/outputs/files/", {
      params: { path: E, query: { path: "result.txt" } },
      parseAs: "text",
    });
    expect(file.data).toBe("rc outputs\n");
    await api.GET("/{username}/{project_name}/experiments/{id}/outputs/download/", {
      params: { path: E },
      parseAs: "text",
    });
    await api.POST("/{username}/{project_name}/experiments/{id}/tensorboard/start/", { params: { path: E }, body: {} });
    await api.POST("/{username}/{project_name}/experiments/{id}/tensorboard/stop/", { params: { path: E } });

    await api.POST("/{username}/{project_name}/experiments/{id}/bookmark/", { params: { path: E } });
    await api.GET("/bookmarks/{username}/experiments/", { params: { path: { username: "alice" } } });
    await api.DELETE("/{username}/{project_name}/experiments/{id}/unbookmark/", { params: { path: E } });
    await api.POST("/searches/{username}/{project_name}/experiments/", {
      params: { path: P },
      body: { query: { query: "status:running" }, name: "running" },
    });
    await api.GET("/searches/{username}/{project_name}/experiments/", { params: { path: P } });
    await api.DELETE("/searches/{username}/{project_name}/experiments/{search_id}", {
      params: { path: { ...P, search_id: 1 } },
    });

    const E2 = { ...P, id: 2 };
    await api.POST("/{username}/{project_name}/experiments/{id}/archive/", { params: { path: E2 } });
    await api.GET("/archives/{username}/experiments/", { params: { path: { username: "alice" } } });
    await api.POST("/{username}/{project_name}/experiments/{id}/restore/", { params: { path: E2 } });
    await api.POST("/{username}/{project_name}/experiments/{id}/restart/", { params: { path: E }, body: {} });
    await api.POST("/{username}/{project_name}/experiments/{id}/resume/", { params: { path: E }, body: {} });
    await api.POST("/{username}/{project_name}/experiments/{id}/copy/", {
      params: { path: E },
      body: { update_code: true },
    });
    await api.POST("/{username}/{project_name}/experiments/{id}/stop/", { params: { path: E2 } });
    await api.POST("/{username}/{project_name}/experiments/stop/", { params: { path: P }, body: { ids: [3] } });
    await api.DELETE("/{username}/{project_name}/experiments/{id}/", { params: { path: E2 } });
    await api.DELETE("/{username}/{project_name}/experiments/delete/", { params: { path: P }, body: { ids: [3] } });
    await api.POST("/{username}/{project_name}/experiments/delete/", { params: { path: P } });

    const answered = new Map(fake.requests().map((r) => [r.operationId, r.status]));
    const expected = Object.fromEntries(
      specOperations().map(({ operationId }) => [
        operationId,
        ["deleteExperimentsViaPost", "replaceExperimentJobLogs", "updateExperimentJobLogs"].includes(operationId)
          ? 500
          : operationId === "exchangeEphemeralTokenLegacy"
            ? 401
            : "2xx",
      ]),
    );
    const got = Object.fromEntries(
      specOperations().map(({ operationId }) => {
        const status = answered.get(operationId);
        return [operationId, status !== undefined && status !== null && status < 300 ? "2xx" : status];
      }),
    );
    expect(got).toEqual(expected);
    expect(fake.violations()).toEqual([]);
    expect(fake.experiments().map((e) => [e.id, e.name, e.last_status])).toEqual([
      [1, "main2", "succeeded"],
      [4, null, "created"],
      [5, null, "created"],
      [6, null, "created"],
    ]);
  } finally {
    await fake.close();
  }
});
