/**
 * The retry policy, as pure functions so the delivery layer and the tests can reason about it.
 *
 * Idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) retry on 408, 429, 5xx, connection
 * errors (a reset on a reused keep-alive socket included) and timeouts. POST and PATCH retry
 * only where the request cannot have been applied: nothing was sent (refused connection, DNS
 * failure), or the server said so (429, 502, 503, 504). A reset is not proof that nothing was
 * sent (see failures.ts), so a POST/PATCH reset is not retried; by default the client avoids
 * it by never reusing connections (`Connection: close`, see middleware/headers.ts). Polyaxon's
 * 405 with an empty body on a non-GET method is a crash in the view: never retried.
 */
import { ClientConfigError } from "./errors.js";
import { CLIENT_DEFAULTS, type RetryOptions } from "./options.js";

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  /** Whether a 429 is retried (after its `Retry-After`). */
  retryRateLimited: boolean;
}

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);
/** Statuses that tell us the server did not apply the request (gateway/throttle rejections). */
const NOT_APPLIED_STATUSES = new Set([429, 502, 503, 504]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/** Whether the server may have applied a request that got this non-2xx status. */
export function statusMayHaveBeenApplied(status: number): boolean {
  return status >= 500 && !NOT_APPLIED_STATUSES.has(status);
}

/** Whether the policy retries this status for this method. */
export function isRetryableStatus(method: string, status: number): boolean {
  if (isIdempotent(method)) return status === 408 || status === 429 || status >= 500;
  return NOT_APPLIED_STATUSES.has(status);
}

/**
 * Whether the policy retries a failure with no HTTP answer. `permanent` failures (TLS
 * certificate problems) never heal by retrying.
 */
export function isRetryableFailure(method: string, failure: { requestSent: boolean; permanent: boolean }): boolean {
  if (failure.permanent) return false;
  return isIdempotent(method) || !failure.requestSent;
}

/** Validates and fills in {@link RetryOptions}; `false` gives a policy with no retries. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const o = options === false ? { maxRetries: 0 } : (options ?? {});
  const numbers = {
    maxRetries: o.maxRetries ?? CLIENT_DEFAULTS.maxRetries,
    baseDelayMs: o.baseDelayMs ?? CLIENT_DEFAULTS.baseDelayMs,
    maxDelayMs: o.maxDelayMs ?? CLIENT_DEFAULTS.maxDelayMs,
    maxRetryAfterMs: o.maxRetryAfterMs ?? CLIENT_DEFAULTS.maxRetryAfterMs,
  };
  for (const [key, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new ClientConfigError(
        `\`retry.${key}\` must be a non-negative integer, got ${String(value)}`,
        `retry.${key}`,
      );
    }
  }
  const retryRateLimited = options === false ? false : (options?.retryRateLimited ?? true);
  return { ...numbers, retryRateLimited };
}

/**
 * Delay before retry number `retry` (1-based): the server's `Retry-After` when given (capped),
 * else exponential back-off with full jitter, random in [0, min(maxDelay, base·2^(retry-1))).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelayMs(retry, policy, random);
}

/**
 * The SDK's one backoff: exponential with full jitter, random in
 * [0, min(maxDelay, base·2^(attempt-1))). Used by the client's retries, by delivery while the
 * server is down, and by the background create after an outage at `create()`.
 */
export function backoffDelayMs(
  attempt: number,
  delays: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(delays.maxDelayMs, delays.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date has a weekday and month name; Date.parse alone would accept "-1" as a year.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms` with the global timers (so fake timers control it); rejects with the signal's reason on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    // Longer delays would overflow Node's timer and fire at once.
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, 2_147_483_647),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
