/**
 * How many attempts a call made, shared between the retry step (which counts) and the errors
 * step (which reports). Keyed by the Request object openapi-fetch passes to every middleware of
 * one call, in a WeakMap so nothing leaks when a call is abandoned.
 */
export class AttemptLedger {
  readonly #attempts = new WeakMap<Request, number>();

  get(request: Request): number {
    return this.#attempts.get(request) ?? 1;
  }

  set(request: Request, attempts: number): void {
    this.#attempts.set(request, attempts);
  }
}
