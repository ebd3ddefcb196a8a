import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { preSerializedJson } from "../../src/api/json-body.js";
import { experiment, METRICS, testClient, useMswServer } from "./harness.js";
import type { paths } from "./local-paths.js";

const server = useMswServer();

type MetricBatch =
  paths["/{username}/{project_name}/experiments/{id}/metrics/"]["post"]["requestBody"]["content"]["application/json"];

describe("preSerializedJson", () => {
  it("sends the given JSON text unchanged, as application/json, through the middleware and a retry", async () => {
    const batch: MetricBatch = [{ values: { loss: 0.5 } }, { values: { loss: 0.25, acc: 0.9 } }];
    const text = JSON.stringify(batch);
    const bodies: string[] = [];
    const requests: Request[] = [];
    server.use(
      http.post(METRICS, async ({ request }) => {
        requests.push(request);
        bodies.push(await request.text());
        return bodies.length === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({}, { status: 201 });
      }),
    );
    const client = testClient({ retry: { baseDelayMs: 0 } });
    const { response } = await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: experiment },
      ...preSerializedJson<MetricBatch>(text),
    });
    expect(response.status).toBe(201);
    expect(bodies).toEqual([text, text]);
    expect(requests[1]?.headers.get("content-type")).toBe("application/json");
    expect(requests[1]?.headers.get("x-polyaxon-retry-count")).toBe("1");
    expect(requests[1]?.headers.get("authorization")).toMatch(/^Token /);
  });
});
