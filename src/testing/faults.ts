/**
 * Faults injected into the fake server: answer a status instead, wait, or drop the connection,
 * for the next matching requests.
 */

/** What a fault's `match` sees of a request. */
export interface FaultTarget {
  method: string;
  /** Path after `/api/v1`, e.g. `/alice/mnist/experiments/1/metrics/`. */
  path: string;
  /** The spec operation, when the request has one. */
  operationId: string | undefined;
}

export type FaultMatch =
  | ((request: FaultTarget) => boolean)
  | { method?: string; path?: string | RegExp; operationId?: string };

export interface FaultSpec {
  /** Which requests: a predicate, or method/path/operationId to match. Default: every request. */
  match?: FaultMatch;
  /** How many requests it applies to. Default: all, until cleared. */
  times?: number;
  /**
   * Answer this status instead (5xx: the server's HTML error page; 429: the throttle answer;
   * 405: a view that crashed on a non-GET request — empty body, `Allow: GET, HEAD, OPTIONS`).
   */
  status?: number;
  /** `Retry-After` in seconds (429, 503). */
  retryAfter?: number;
  /** A JSON body instead of the default one for `status`. */
  body?: unknown;
  /** Destroy the connection without answering (msw: a network error). */
  destroy?: boolean;
  /** Wait this long before anything else (answers slower than a client's timeout). */
  delayMs?: number;
  /**
   * Handle the request normally first (store what it sends), then answer with `status` or
   * `destroy`: the request was applied but its answer is lost.
   */
  afterApplying?: boolean;
}

/** A fault in force; `used` counts the requests it hit. */
export interface FaultHandle {
  readonly used: number;
  /** Stops it. */
  clear(): void;
}

interface ActiveFault {
  spec: FaultSpec;
  used: number;
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (match === undefined) return true;
  if (typeof match === "function") return match(target);
  if (match.method !== undefined && match.method.toUpperCase() !== target.method) return false;
  if (match.operationId !== undefined && match.operationId !== target.operationId) return false;
  if (match.path instanceof RegExp) return match.path.test(target.path);
  return match.path === undefined || match.path === target.path;
}

export class FaultBook {
  #faults: ActiveFault[] = [];

  add(spec: FaultSpec): FaultHandle {
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) {
      throw new RangeError(`fault.times must be a positive integer, got ${String(spec.times)}`);
    }
    if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status < 600)) {
      throw new RangeError(`fault.status must be an HTTP status, got ${String(spec.status)}`);
    }
    const fault: ActiveFault = { spec, used: 0 };
    this.#faults.push(fault);
    return {
      get used() {
        return fault.used;
      },
      clear: () => {
        this.#faults = this.#faults.filter((f) => f !== fault);
      },
    };
  }

  clear(): void {
    this.#faults = [];
  }

  /** The first fault in force that matches, counted as used. */
  take(target: FaultTarget): FaultSpec | undefined {
    const fault = this.#faults.find(
      (f) => (f.spec.times === undefined || f.used < f.spec.times) && matches(f.spec.match, target),
    );
    if (fault) fault.used += 1;
    return fault?.spec;
  }
}
