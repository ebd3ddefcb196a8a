import { RateLimitError } from "../api/errors.js";

/** The pause a 429 asks for (its `Retry-After`, 0 when it gives none), or undefined for any other error. */
export function throttleDelayMs(error: unknown): number | undefined {
  return error instanceof RateLimitError ? (error.retryAfterMs ?? 0) : undefined;
}
