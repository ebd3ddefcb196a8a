import type { Middleware } from "openapi-fetch";

/** Retry tuning. Pass `retry: false` to disable retries entirely. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3 (so at most 4 attempts). */
  maxRetries?: number | undefined;
  /** First back-off ceiling; doubles per retry (full jitter: the wait is random in [0, ceiling)). Default 500. */
  baseDelayMs?: number | undefined;
  /** Cap of the back-off ceiling. Default 8000. */
  maxDelayMs?: number | undefined;
  /** Longest `Retry-After` honoured; longer values are capped to this. Default 60 000. */
  maxRetryAfterMs?: number | undefined;
  /**
   * Retry a 429 after its `Retry-After` (default true). The delivery engine turns it off: it
   * pauses all its requests for the `Retry-After` instead of one request.
   */
  retryRateLimited?: boolean | undefined;
}

/** The internal-service header sent by platform containers (e.g. `X-POLYAXON-INTERNAL: runner`). */
export interface InternalServiceOptions {
  /** Header name. Default `X-POLYAXON-INTERNAL`. */
  header?: string | undefined;
  /** Service name: `runner`, `sidecar`, `initializer`, … */
  service: string;
}

/**
 * Options of {@link createClient}. Give either `baseUrl`, or `host` (+ `port`, `useHttps`,
 * `apiVersion`).
 */
export interface ClientOptions {
  /** Full API base including the version segment, e.g. `http://127.0.0.1:8000/api/v1`. */
  baseUrl?: string | undefined;
  /** Host name, `host:port`, or a URL with a scheme (`https://polyaxon.example.com`). */
  host?: string | undefined;
  /** Port; default 443 with HTTPS, else 80 (or the port written in `host`). */
  port?: number | undefined;
  /** Use `https`. Default false (or the scheme written in `host`). */
  useHttps?: boolean | undefined;
  /** API version segment. Default `v1`. */
  apiVersion?: string | undefined;
  /** API token, sent as `Authorization: <authScheme> <token>`. */
  token?: string | undefined;
  /** Authorization keyword: `Token` (default), `InternalToken`, `EphemeralToken`, … */
  authScheme?: string | undefined;
  /** Adds the internal-service header to every request. */
  internalService?: InternalServiceOptions | undefined;
  /**
   * Default `polyaxon-tracking/<version> node/<node version>` on Node; in browsers none is set
   * (they forbid the header and send their own).
   */
  userAgent?: string | undefined;
  /**
   * The fetch used for every attempt (proxies, custom CA, tests). Default: the global fetch,
   * looked up at call time so that interceptors installed later (msw) still apply.
   */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  /**
   * Reuse connections between requests. Default false: every request is sent with
   * `Connection: close`, because the Polyaxon API server resets kept-alive sockets and a
   * POST/PATCH reset on a reused socket cannot be safely retried (see the README's
   * "Connection reuse"). Ignored in browsers.
   */
  keepAlive?: boolean | undefined;
  /** Per-attempt limit in ms, until response headers arrive. Default 25 000; `Infinity` for none. */
  timeoutMs?: number | undefined;
  /** Retry policy tuning, or `false` for no retries. */
  retry?: RetryOptions | false | undefined;
  /** Throw a typed error on non-2xx (default true) instead of returning `{ error }`. */
  throwOnError?: boolean | undefined;
  /**
   * Extra openapi-fetch middleware, run after the built-in headers and before the retry
   * step, so headers they set are also sent on retries; their `onResponse` sees the final
   * answer (after retries, before a non-2xx is thrown). Middleware added later with
   * `client.use()` runs after the retry step: its request changes are not on retries.
   */
  middleware?: Middleware[] | undefined;
}

/**
 * The client's defaults: the one place each of them is written. The settings (`loadSettings`)
 * take the ones they share from here (API version, auth keyword, request timeout, ports), and
 * the README's tables are checked against them (test/docs/readme-tables.test.ts).
 */
export const CLIENT_DEFAULTS = {
  apiVersion: "v1",
  authScheme: "Token",
  internalHeader: "X-POLYAXON-INTERNAL",
  /** `POLYAXON_REQUEST_TIMEOUT`'s default (25 s) in the reference client's configuration. */
  timeoutMs: 25_000,
  httpPort: 80,
  httpsPort: 443,
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
} as const;
