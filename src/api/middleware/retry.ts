import type { Middleware } from "openapi-fetch";
import type { ErrorFactory } from "../error-factory.js";
import { classifyFailure } from "../failures.js";
import {
  isIdempotent,
  isRetryableFailure,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelayMs,
  sleep,
} from "../retry.js";
import { AttemptTimeout } from "../timeout.js";
import type { AttemptLedger } from "./attempts.js";

/** Sent on every retry with the retry number (1 for the first retry). */
export const RETRY_COUNT_HEADER = "X-Polyaxon-Retry-Count";

type Outcome = { response: Response } | { error: unknown };
type Fetch = (input: Request) => Promise<Response>;

/**
 * Retries per {@link RetryPolicy}. openapi-fetch never retries, so this step keeps a clone of
 * the request from `onRequest` and re-sends clones of it itself. It must be registered last so
 * that clone carries every header the earlier middleware set.
 */
export function retryMiddleware(
  policy: RetryPolicy,
  ledger: AttemptLedger,
  factory: ErrorFactory,
  random: () => number = Math.random,
): Middleware {
  const templates = new WeakMap<Request, Request>();
  // A Response recovered in onError goes through onResponse again: it must not be retried twice.
  const retried = new WeakSet<Request>();

  /** Retries until the policy says stop; returns the final outcome. */
  async function retryUntilFinal(request: Request, first: Outcome, fetch: Fetch): Promise<Outcome> {
    const template = templates.get(request);
    let outcome = first;
    let attempts = 1;
    while (template !== undefined && attempts <= policy.maxRetries && !request.signal.aborted) {
      const wait = waitBeforeRetry(request.method, outcome, attempts);
      if (wait === undefined) break;
      // Release the discarded answer's connection. Not awaited: a cancel can stay pending
      // (msw's intercepted streams never end it) and must not stall the retry.
      if ("response" in outcome) void outcome.response.body?.cancel().catch(() => undefined);
      await sleep(wait, request.signal);
      attempts += 1;
      ledger.set(request, attempts);
      const retry = template.clone();
      retry.headers.set(RETRY_COUNT_HEADER, String(attempts - 1));
      try {
        outcome = { response: await fetch(retry) };
      } catch (error) {
        outcome = { error };
      }
    }
    retried.add(request);
    templates.delete(request);
    return outcome;
  }

  function waitBeforeRetry(method: string, outcome: Outcome, retry: number): number | undefined {
    if ("response" in outcome) {
      const status = outcome.response.status;
      if (!isRetryableStatus(method, status) || (status === 429 && !policy.retryRateLimited)) return undefined;
      const retryAfter = parseRetryAfter(outcome.response.headers.get("retry-after"));
      return retryDelayMs(policy, retry, retryAfter, random);
    }
    const retryable =
      outcome.error instanceof AttemptTimeout
        ? isIdempotent(method)
        : isRetryableFailure(method, classifyFailure(outcome.error));
    return retryable ? retryDelayMs(policy, retry, undefined, random) : undefined;
  }

  return {
    onRequest({ request }) {
      if (policy.maxRetries > 0) templates.set(request, request.clone());
      return undefined;
    },
    async onResponse({ request, response, schemaPath, options }) {
      if (retried.has(request)) return undefined;
      const outcome = await retryUntilFinal(request, { response }, options.fetch);
      if ("response" in outcome) return outcome.response;
      // The last retry got no answer: onError will not run for it, so map it here.
      if (request.signal.aborted) throw outcome.error;
      throw factory.fromFailure({ request, schemaPath, attempts: ledger.get(request) }, outcome.error);
    },
    async onError({ request, error, options }) {
      const outcome = await retryUntilFinal(request, { error }, options.fetch);
      if ("response" in outcome) return outcome.response;
      return outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
    },
  };
}
