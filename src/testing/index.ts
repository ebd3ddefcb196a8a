/**
 * polyaxon-tracking/testing: a fake Polyaxon v0.6.1 API for testing code that tracks
 * experiments, without a tracking server. It behaves like the real server (ids and unique
 * names, statuses and `last_metric`, metrics, logs, pagination, gzip, error shapes), checks
 * every request and answer against the package's OpenAPI spec, and records what it received.
 * Needs the optional peer packages ajv, ajv-formats and yaml (msw too for `./testing/msw`).
 */
export type { FaultHandle, FaultMatch, FaultSpec, FaultTarget } from "./faults.js";
export {
  FakePolyaxon,
  type FakeServerOptions,
  type FakeSettings,
  startFakePolyaxon,
} from "./server.js";
export {
  type FakePolyaxonOptions,
  FakePolyaxonState,
  type FakeUser,
  type RecordedRequest,
  type SpecViolation,
} from "./state.js";
