/**
 * The global fetch, as the SDK's own fetches (`node-fetch.ts`, `lean-fetch.ts`) and the choice of
 * where delivery runs (`run-session.ts`) need to know it.
 */

/** The global fetch as it was when the SDK was loaded (in this thread). */
const fetchAtLoad = globalThis.fetch;

/**
 * Whether something replaced the global fetch since the SDK was loaded (msw, nock, a spy…):
 * a replacement applies to this thread only, and expects every request to reach it.
 */
export function fetchReplaced(): boolean {
  return globalThis.fetch !== fetchAtLoad;
}

/** Statuses whose Response must have a null body. */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);
