/**
 * Sending a body that is already JSON text.
 *
 * The delivery layer serialises a batch of metrics once (to measure it, journal it, and send it
 * again unchanged). openapi-fetch only calls a per-request `bodySerializer` when `body` is
 * defined, and sets `Content-Type: application/json` for any non-FormData result; the
 * serialised request then flows through the middleware like any other (retries re-send the
 * same bytes). Pattern:
 *
 * ```ts
 * const text = JSON.stringify(batch); // once
 * await client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
 *   params: { path: { username, project_name, id } },
 *   ...preSerializedJson<Schemas["MetricCreate"][]>(text),
 * });
 * ```
 * The type argument is the operation's body type: the text is trusted to match it.
 */
export interface PreSerializedJson<Body> {
  /** A placeholder: openapi-fetch skips the serializer when `body` is undefined. */
  body: Body;
  bodySerializer: () => string | Uint8Array;
}

/** `json`: the JSON text, or its UTF-8 bytes. */
export function preSerializedJson<Body>(json: string | Uint8Array): PreSerializedJson<Body> {
  // The placeholder is never sent: bodySerializer replaces it with `json`.
  const placeholder = {} as Body;
  return { body: placeholder, bodySerializer: () => json };
}
