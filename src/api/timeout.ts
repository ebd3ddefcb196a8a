import { withSignal } from "./buffered-request.js";

/**
 * Per-attempt timeout, applied by wrapping the fetch so every attempt (retries included, since
 * the retry step re-sends through the same fetch) gets its own deadline.
 */

/** Internal marker: an attempt hit its deadline. The errors middleware turns it into `APITimeoutError`. */
export class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

type Fetch = (input: Request) => Promise<Response>;

/**
 * Wraps `fetch` so each call is aborted after `timeoutMs` until response headers arrive (reading
 * the body is not covered). The caller's own `signal` still aborts the call. Uses global
 * `setTimeout` so fake timers control it, and races the fetch so a fetch that ignores its
 * signal cannot hang the call.
 */
export function withTimeout(fetch: Fetch, timeoutMs: number): Fetch {
  return async (request) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const reason = new AttemptTimeout(timeoutMs);
        controller.abort(reason);
        reject(reason);
      }, timeoutMs);
    });
    const signal = AbortSignal.any([request.signal, controller.signal]);
    const pending = fetch(withSignal(request, signal));
    try {
      return await Promise.race([pending, deadline]);
    } catch (error) {
      if (controller.signal.aborted) {
        // A response arriving after the deadline is discarded: release its connection.
        void pending.then((late) => late.body?.cancel()).catch(() => undefined);
        throw controller.signal.reason;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
