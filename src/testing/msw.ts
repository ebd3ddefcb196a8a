/**
 * polyaxon-tracking/testing/msw: the fake Polyaxon server as msw 2 request handlers, for test
 * suites that already intercept `fetch` with msw (`setupServer` from `msw/node`). Same state
 * machine and checks as `startFakePolyaxon`; faults that destroy the connection become network
 * errors.
 *
 * ```ts
 * const state = new FakePolyaxonState();
 * const server = setupServer(...polyaxonHandlers(state, { baseUrl: "http://polyaxon.test/api/v1" }));
 * ```
 */
import { HttpResponse, http, type RequestHandler } from "msw";
import { apiBaseUrlOf } from "../api/base-url.js";
import { API_PREFIX, FakeCore } from "./core.js";
import { type FakePolyaxonOptions, FakePolyaxonState } from "./state.js";

export interface PolyaxonHandlersOptions {
  /** The API base URL the client uses. Default `http://polyaxon.test/api/v1`. */
  baseUrl?: string;
}

export const DEFAULT_FAKE_BASE_URL = apiBaseUrlOf("http://polyaxon.test", "v1");

/**
 * Handlers answering every request under `baseUrl` (an `/api/v1` base) from `state`, or from a
 * new state built from `options`. Keep the state to read what the code under test sent.
 */
export function polyaxonHandlers(
  stateOrOptions: FakePolyaxonState | FakePolyaxonOptions = {},
  options: PolyaxonHandlersOptions = {},
): RequestHandler[] {
  const state = stateOrOptions instanceof FakePolyaxonState ? stateOrOptions : new FakePolyaxonState(stateOrOptions);
  const core = new FakeCore(state);
  const base = new URL(options.baseUrl ?? DEFAULT_FAKE_BASE_URL);
  if (base.pathname.replace(/\/+$/, "") !== API_PREFIX) {
    throw new RangeError(`polyaxonHandlers: baseUrl must be <origin>${API_PREFIX}, got ${base.href}`);
  }
  return [
    http.all(`${base.origin}${API_PREFIX}/*`, async ({ request }) => {
      const answer = await core.handle(request);
      if ("drop" in answer) return HttpResponse.error();
      return new HttpResponse(answer.body.length === 0 ? null : answer.body, {
        status: answer.status,
        headers: answer.headers,
      });
    }),
  ];
}

export { FakePolyaxonState };
