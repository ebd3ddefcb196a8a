import type { Middleware } from "openapi-fetch";
import type { ErrorFactory } from "../error-factory.js";
import { APIRequestError } from "../errors.js";
import type { AttemptLedger } from "./attempts.js";

/**
 * Turns failures into typed errors. Registered before the retry step, so (openapi-fetch runs
 * `onResponse`/`onError` in reverse order) it sees the outcome of the last attempt.
 * With `throwOnError`, a non-2xx answer rejects the call; otherwise openapi-fetch returns
 * `{ error, response }` as usual. A failure with no answer always rejects.
 */
export function errorsMiddleware(factory: ErrorFactory, ledger: AttemptLedger, throwOnError: boolean): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      if (response.ok || !throwOnError) return undefined;
      throw await factory.fromResponse({ request, schemaPath, attempts: ledger.get(request) }, response);
    },
    onError({ request, error, schemaPath }) {
      if (error instanceof APIRequestError) return error;
      // The caller's own abort is not an API failure: let its reason through unchanged.
      if (request.signal.aborted) return undefined;
      return factory.fromFailure({ request, schemaPath, attempts: ledger.get(request) }, error);
    },
  };
}
