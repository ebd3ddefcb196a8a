import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { createClientFor } from "./base-client.js";
import type { ClientOptions } from "./options.js";

/** The typed low-level client: openapi-fetch's `Client` over the Polyaxon v1 API paths. */
export type PolyaxonClient = Client<paths>;

/**
 * Creates the typed low-level client. Paths are the spec's, relative to `/api/v1` and with a
 * trailing slash:
 *
 * ```ts
 * const client = createClient({ host: "polyaxon.example.com", useHttps: true, token });
 * const { data } = await client.GET("/{username}/{project_name}/experiments/", {
 *   params: { path: { username: "alice", project_name: "mnist" }, query: { offset: 20 } },
 * });
 * ```
 * Throws {@link ClientConfigError} for bad options before any request is sent; with the default
 * `throwOnError`, a non-2xx answer rejects with a typed {@link APIError} subclass.
 */
export function createClient(options: ClientOptions): PolyaxonClient {
  return createClientFor<paths>(options);
}
