/**
 * Compile-time checks, run by `npm run typecheck` (not by vitest): each `@ts-expect-error`
 * fails the type-check if the line below it ever compiles.
 */
import { createClient, type Schema, type Schemas } from "../../src/api/index.js";

const client = createClient({ host: "localhost", port: 8000, token: "t" });
const path = { username: "alice", project_name: "mnist", id: 12 };

export async function typeChecks(): Promise<void> {
  // The right calls compile, and the data is typed by the spec.
  const detail = await client.GET("/{username}/{project_name}/experiments/{id}/", { params: { path } });
  const id: number | undefined = detail.data?.id;
  await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
    params: { path },
    body: [{ values: { loss: 0.1 } }],
  });
  const metric: Schema<"MetricCreate"> = { values: { loss: 0.1 } };
  // Logs are text: the type says string, and the client returns the text (see decode.ts).
  const logs = await client.GET("/{username}/{project_name}/experiments/{id}/logs/", { params: { path } });
  const text: string | undefined = logs.data;
  const same: Schemas["MetricCreate"] = metric;

  // @ts-expect-error an unknown path
  await client.GET("/{username}/{project_name}/experimentz/{id}/", { params: { path } });

  // @ts-expect-error a path without its trailing slash is not a spec path
  await client.GET("/{username}/{project_name}/experiments/{id}", { params: { path } });

  await client.GET("/{username}/{project_name}/experiments/{id}/", {
    // @ts-expect-error a wrong path parameter name (experiment_id instead of id)
    params: { path: { username: "alice", project_name: "mnist", experiment_id: 12 } },
  });

  await client.GET("/{username}/{project_name}/experiments/{id}/", {
    // @ts-expect-error a wrong path parameter type (string id)
    params: { path: { username: "alice", project_name: "mnist", id: "12" } },
  });

  // @ts-expect-error a method the path does not have
  await client.PUT("/{username}/{project_name}/experiments/{id}/metrics/", { params: { path } });

  await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
    params: { path },
    // @ts-expect-error a body of the wrong shape
    body: [{ value: { loss: 0.1 } }],
  });

  // @ts-expect-error an unknown schema name
  type Missing = Schema<"NoSuchSchema">;

  void [id, same, text, undefined as unknown as Missing];
}
