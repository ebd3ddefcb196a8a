/**
 * Django REST framework's user throttle as v0.6.1 runs it: N requests per sliding minute per
 * user; the next one answers 429 with `Retry-After` (whole seconds, rounded up) and
 * `{"detail": "Request was throttled. Expected available in N seconds."}`.
 */
export class Throttle {
  readonly #history = new Map<string, number[]>();

  constructor(
    private readonly requestsPerMinute: number,
    private readonly nowMs: () => number,
  ) {
    if (!(Number.isInteger(requestsPerMinute) && requestsPerMinute > 0)) {
      throw new RangeError(`throttle.requestsPerMinute must be a positive integer, got ${String(requestsPerMinute)}`);
    }
  }

  /** Counts the request; returns the seconds to wait when it is over the limit. */
  check(key: string): number | undefined {
    const now = this.nowMs();
    const history = (this.#history.get(key) ?? []).filter((at) => at > now - 60_000);
    if (history.length >= this.requestsPerMinute) {
      this.#history.set(key, history);
      const oldest = history[0] ?? now;
      return Math.max(1, Math.ceil((60_000 - (now - oldest)) / 1000));
    }
    history.push(now);
    this.#history.set(key, history);
    return undefined;
  }
}
