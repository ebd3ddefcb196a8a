import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { createClientFor } from "../../src/api/base-client.js";
import { SDK_VERSION } from "../../src/version.js";
import { BASE, EXPERIMENT, experiment, TOKEN, testClient, useMswServer } from "./harness.js";
import type { paths } from "./local-paths.js";

const server = useMswServer();

/** Answers the experiment detail and records the request it got. */
function captureRequests(url = EXPERIMENT): Request[] {
  const seen: Request[] = [];
  server.use(
    http.get(url, ({ request }) => {
      seen.push(request);
      return HttpResponse.json({ id: 12 });
    }),
  );
  return seen;
}

describe("headers", () => {
  it.each([
    [undefined, `Token ${TOKEN}`],
    ["Token", `Token ${TOKEN}`],
    ["InternalToken", `InternalToken ${TOKEN}`],
    ["EphemeralToken", `EphemeralToken ${TOKEN}`],
    ["Bearer", `Bearer ${TOKEN}`],
  ])("authScheme %s sends Authorization: %s", async (authScheme, expected) => {
    const seen = captureRequests();
    const client = testClient(authScheme === undefined ? {} : { authScheme });
    const { data } = await client.GET("/{username}/{project_name}/experiments/{id}/", {
      params: { path: experiment },
    });
    expect(data).toEqual({ id: 12 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get("authorization")).toBe(expected);
  });

  it("sends no Authorization without a token", async () => {
    const seen = captureRequests();
    const client = createClientFor<paths>({ baseUrl: BASE });
    await client.GET("/{username}/{project_name}/experiments/{id}/", { params: { path: experiment } });
    expect(seen[0]?.headers.has("authorization")).toBe(false);
  });

  it("leaves an Authorization header set by the call alone", async () => {
    const seen = captureRequests();
    await testClient().GET("/{username}/{project_name}/experiments/{id}/", {
      params: { path: experiment },
      headers: { Authorization: "EphemeralToken abc" },
    });
    expect(seen[0]?.headers.get("authorization")).toBe("EphemeralToken abc");
  });

  it("adds the internal-service header, default name X-POLYAXON-INTERNAL", async () => {
    const seen = captureRequests();
    await testClient({ internalService: { service: "runner" } }).GET("/{username}/{project_name}/experiments/{id}/", {
      params: { path: experiment },
    });
    expect(seen[0]?.headers.get("x-polyaxon-internal")).toBe("runner");
  });

  it("uses a custom internal header name", async () => {
    const seen = captureRequests();
    await testClient({ internalService: { header: "X-Internal", service: "sidecar" } }).GET(
      "/{username}/{project_name}/experiments/{id}/",
      { params: { path: experiment } },
    );
    expect(seen[0]?.headers.get("x-internal")).toBe("sidecar");
    expect(seen[0]?.headers.has("x-polyaxon-internal")).toBe(false);
  });

  it("sends no internal header unless configured", async () => {
    const seen = captureRequests();
    await testClient().GET("/{username}/{project_name}/experiments/{id}/", { params: { path: experiment } });
    expect(seen[0]?.headers.has("x-polyaxon-internal")).toBe(false);
  });

  it("sends the SDK user agent by default, or the configured one", async () => {
    const seen = captureRequests();
    await testClient().GET("/{username}/{project_name}/experiments/{id}/", { params: { path: experiment } });
    await testClient({ userAgent: "my-trainer/2" }).GET("/{username}/{project_name}/experiments/{id}/", {
      params: { path: experiment },
    });
    expect(seen[0]?.headers.get("user-agent")).toBe(`polyaxon-tracking/${SDK_VERSION} node/${process.versions.node}`);
    expect(seen[1]?.headers.get("user-agent")).toBe("my-trainer/2");
  });

  it("builds the URL from host/port with a trailing slash path", async () => {
    const seen = captureRequests("http://plx.internal:8000/api/v1/alice/mnist/experiments/12/");
    await testClient({ baseUrl: undefined, host: "plx.internal", port: 8000 }).GET(
      "/{username}/{project_name}/experiments/{id}/",
      { params: { path: experiment } },
    );
    expect(seen[0]?.url).toBe("http://plx.internal:8000/api/v1/alice/mnist/experiments/12/");
  });

  it("uses the injected fetch for every request, not the global one", async () => {
    const fetch = vi.fn(async (request: Request) => {
      expect(request.headers.get("authorization")).toBe(`Token ${TOKEN}`);
      return Response.json({ id: 12 });
    });
    // No msw handler is registered: a request reaching the global fetch would fail the test.
    const client = testClient({ fetch });
    const { data } = await client.GET("/{username}/{project_name}/experiments/{id}/", {
      params: { path: experiment },
    });
    expect(data).toEqual({ id: 12 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0].url).toBe(EXPERIMENT);
  });
});
