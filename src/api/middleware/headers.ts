import type { Middleware } from "openapi-fetch";

export interface HeaderSettings {
  /** The full `Authorization` value (`<scheme> <token>`), when a token is configured. */
  authorization: string | undefined;
  /** The internal-service header, when configured. */
  internal: { name: string; value: string } | undefined;
  /** Left unset when undefined (browsers send their own and forbid overriding it). */
  userAgent: string | undefined;
}

/**
 * Adds the headers every request carries. A header the call already set wins (as in the Python
 * client, which leaves an explicit `Authorization` alone, e.g. for the token exchange).
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
      return request;
    },
  };
}
