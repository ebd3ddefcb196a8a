import type { Middleware } from "openapi-fetch";
import { type SuccessBody, successBodies } from "../../../generated/success-bodies.js";
import { GzipLayerError, gunzipLayers, strictUtf8, utf8 } from "../body.js";
import type { ErrorFactory, FailedRequest } from "../error-factory.js";
import type { AttemptLedger } from "./attempts.js";

/** Statuses whose Response may not have a body at all. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const encoder = new TextEncoder();

/**
 * Normalises every answer before openapi-fetch reads it, so that reading can never throw a
 * raw `SyntaxError` or `TypeError` out of `client.GET(...)`. Registered first, so that its
 * `onResponse` runs last (openapi-fetch runs them in reverse): it is the step right before
 * openapi-fetch parses the body.
 *
 * For a 2xx answer it reads the body, removes every gzip layer (see body.ts), and hands
 * openapi-fetch a body it can parse as the call asked (`parseAs`, JSON by default), after
 * what the spec says the operation returns (generated/success-bodies.ts):
 * - JSON operations: the JSON text; an empty body gives `data: undefined` (the server sends
 *   empty 200/201/204 answers without a Content-Type); a body that is not JSON is an
 *   `APIResponseDecodeError` (status, content type, excerpt).
 * - Text operations (logs, plain text the server labels `text/html`): a string, also with
 *   the default `parseAs`.
 * - Binary operations (file downloads): the bytes untouched (a `.gz` file stays one); with
 *   the default `parseAs` the text when it is valid UTF-8, else `APIResponseDecodeError`.
 * A body that fails while being read (connection reset) is an `APIConnectionError`.
 * Non-2xx answers are turned into typed errors by the errors step before they get here;
 * with `throwOnError: false` their body is decompressed and passed on.
 *
 * What openapi-fetch 0.17 then does (dist/index.mjs, after the middleware): `data: undefined`
 * for 204, HEAD, or `Content-Length: 0` without `Transfer-Encoding: chunked`; otherwise, with
 * a Content-Length it calls `response[parseAs]()` (`json()` throws on an empty or non-JSON
 * body), without one and `parseAs: "json"` it parses the text (empty → undefined, non-JSON →
 * SyntaxError). Error bodies are parsed leniently (text when not JSON). Hence the rebuilt
 * answer below: framing headers reset, and a body that parses.
 */
export function decodeMiddleware(factory: ErrorFactory, ledger: AttemptLedger): Middleware {
  return {
    async onResponse({ request, response, schemaPath, options }) {
      const failed: FailedRequest = { request, schemaPath, attempts: ledger.get(request) };
      const kind: SuccessBody = successBodies[`${request.method} ${schemaPath}`] ?? "json";
      const parseAs = options.parseAs;
      // Raw bytes were asked for a download: leave the stream alone (no buffering, no gunzip).
      if (response.ok && kind === "binary" && parseAs !== "json") return undefined;
      const raw = await readAll(response, request, failed, factory);
      if (!response.ok) return rebuilt(response, await gunzipLayers(raw).catch(() => raw), "no-data");
      let bytes: Uint8Array;
      try {
        bytes = kind === "binary" ? raw : await gunzipLayers(raw);
      } catch (error) {
        if (error instanceof GzipLayerError) throw factory.undecodable(failed, response, raw, error.message);
        throw error;
      }
      if (parseAs !== "json") {
        // The caller asked for text, bytes or a stream: give the decompressed body as is.
        return rebuilt(response, bytes, parseAs === "text" ? "keep" : "no-data");
      }
      if (kind === "text" || kind === "binary") {
        const text = kind === "text" ? utf8(bytes) : strictUtf8(bytes);
        if (text === undefined) {
          throw factory.undecodable(
            failed,
            response,
            bytes,
            "binary content: pass parseAs 'arrayBuffer', 'blob' or 'stream'",
          );
        }
        if (bytes.length === 0 && kind === "binary") return rebuilt(response, bytes, "no-data");
        return rebuilt(response, encoder.encode(JSON.stringify(text)), "keep");
      }
      if (bytes.length === 0) return rebuilt(response, bytes, "no-data");
      try {
        JSON.parse(utf8(bytes));
      } catch {
        throw factory.undecodable(failed, response, bytes, "not JSON");
      }
      return rebuilt(response, bytes, "keep");
    },
  };
}

async function readAll(
  response: Response,
  request: Request,
  failed: FailedRequest,
  factory: ErrorFactory,
): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    // The caller's own abort is not an API failure: let its reason through unchanged.
    if (request.signal.aborted) throw request.signal.reason;
    // The connection failed while the body was arriving: no usable answer.
    throw factory.fromFailure(failed, error);
  }
}

/**
 * A copy of the answer with a decoded body: no Content-Encoding or Transfer-Encoding, the new
 * Content-Length.
 * `no-data` marks an empty body as "nothing" (openapi-fetch returns `data: undefined` for
 * Content-Length 0); `keep` lets an empty text body be read as `""`.
 */
function rebuilt(original: Response, bytes: Uint8Array, empty: "no-data" | "keep"): Response {
  const headers = new Headers(original.headers);
  // The body is decoded and whole now: its framing headers would mislead openapi-fetch
  // (it reads `Transfer-Encoding: chunked` as "there may be a body" even at length 0).
  headers.delete("content-encoding");
  headers.delete("transfer-encoding");
  if (bytes.length > 0 || empty === "no-data") headers.set("content-length", String(bytes.length));
  else headers.delete("content-length");
  const body = NULL_BODY_STATUSES.has(original.status) ? null : bytes;
  const copy = new Response(body, { status: original.status, statusText: original.statusText, headers });
  // openapi-fetch hands this Response to the caller: keep the URL it came from.
  Object.defineProperty(copy, "url", { value: original.url });
  return copy;
}
