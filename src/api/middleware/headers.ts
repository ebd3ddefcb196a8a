import type { Middleware } from "openapi-fetch";

export interface HeaderSettings {
  /** The full `Authorization` value (`<scheme> <token>`), when a token is configured. */
  authorization: string | undefined;
  /** The internal-service header, when configured. */
  internal: { name: string; value: string } | undefined;
  /** Left unset when undefined (browsers send their own and forbid overriding it). */
  userAgent: string | undefined;
  /** Reuse connections between requests (see below). */
  keepAlive: boolean;
}

/**
 * Adds the headers every request carries. A header the call already set wins (as in the Python
 * client, which leaves an explicit `Authorization` alone, e.g. for the token exchange).
 *
 * Connection reuse: without a reverse proxy, the Polyaxon API server resets kept-alive
 * sockets. A request written on a reused socket then fails with ECONNRESET (or undici's
 * "other side closed"), and Node's fetch cannot tell whether the server read it: the error
 * carries only per-socket byte counters, and a server can read a request and still reset
 * (test/api/real-server.test.ts shows both). An idempotent request is simply retried; a POST
 * or PATCH cannot be (it may have been applied). So by default every request says
 * `Connection: close`: no socket is ever reused, and a POST never rides on a connection the
 * server is about to drop. `keepAlive: true` reuses connections (faster for many reads over
 * TLS); a POST/PATCH that then meets a reset fails with `APIConnectionError`
 * (`mayHaveBeenApplied: true`) instead of being retried. Browsers ignore the header (they
 * manage connections, and retry a reset reused socket themselves).
 */
export function headersMiddleware(settings: HeaderSettings): Middleware {
  return {
    onRequest({ request }) {
      const headers = request.headers;
      if (settings.authorization !== undefined && !headers.has("Authorization")) {
        headers.set("Authorization", settings.authorization);
      }
      if (settings.internal !== undefined && !headers.has(settings.internal.name)) {
        headers.set(settings.internal.name, settings.internal.value);
      }
      if (settings.userAgent !== undefined && !headers.has("User-Agent")) headers.set("User-Agent", settings.userAgent);
      if (!settings.keepAlive && !headers.has("Connection")) headers.set("Connection", "close");
      return request;
    },
  };
}
