/** The public `createClient` over the generated schema, against spec-checking msw handlers. */
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BadRequestError, createClient, preSerializedJson, type Schemas } from "../../src/api/index.js";
import { DEFAULT_BASE_URL, expectNoSpecViolations, recordRequests, specHandler } from "../support/spec.js";
import { page, projectExperiment } from "../support/spec-fixtures.js";

const TOKEN = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterEach(expectNoSpecViolations);
afterAll(() => server.close());

const client = () => createClient({ baseUrl: DEFAULT_BASE_URL, token: TOKEN, retry: false });
const project = { username: "alice", project_name: "mnist" };

describe("createClient", () => {
  it("lists a project's experiments with the offset query", async () => {
    const recording = recordRequests();
    let auth: string | null = null;
    server.use(
      specHandler("listProjectExperiments", ({ request }) => {
        auth = request.headers.get("authorization");
        return HttpResponse.json(page([projectExperiment({ id: 21 })], { count: 41 }));
      }),
    );
    const { data } = await client().GET("/{username}/{project_name}/experiments/", {
      params: { path: project, query: { offset: 20 } },
    });
    expect(data?.count).toBe(41);
    expect(data?.results[0]?.id).toBe(21);
    expect(auth).toBe(`Token ${TOKEN}`);
    expect(recording.calls).toEqual([
      expect.objectContaining({ path: "/alice/mnist/experiments/", query: { offset: "20" } }),
    ]);
  });

  it("posts a pre-serialised metrics batch as a JSON array", async () => {
    const recording = recordRequests();
    server.use(specHandler("createExperimentMetrics", () => new HttpResponse(null, { status: 201 })));
    const batch: Schemas["MetricCreate"][] = [
      { values: { loss: 0.5 }, created_at: "2019-11-03T10:01:02.000000Z" },
      { values: { loss: 0.25 } },
    ];
    const { data, response } = await client().POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: { ...project, id: 12 } },
      ...preSerializedJson<Schemas["MetricCreate"][]>(JSON.stringify(batch)),
    });
    expect(response.status).toBe(201);
    expect(data).toBeUndefined();
    expect(recording.calls[0]?.body).toEqual(batch);
  });

  it("throws a typed error carrying the server's field errors", async () => {
    server.use(
      specHandler("createExperiment", () =>
        HttpResponse.json({ non_field_errors: ["Experiment expects a `content`."] }, { status: 400 }),
      ),
    );
    const call = client().POST("/{username}/{project_name}/experiments/", {
      params: { path: project },
      body: { is_managed: true },
    });
    await expect(call).rejects.toBeInstanceOf(BadRequestError);
    await expect(call).rejects.toMatchObject({
      status: 400,
      pathTemplate: "/{username}/{project_name}/experiments/",
      body: { non_field_errors: ["Experiment expects a `content`."] },
    });
  });
});
