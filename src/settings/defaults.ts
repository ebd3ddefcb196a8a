import { CLIENT_DEFAULTS } from "../api/options.js";

const MIB = 1024 * 1024;

/**
 * The default of every setting, written once: `loadSettings` applies them, `settingsTable`
 * (the README's settings table) prints them. Those the low-level client also needs (API
 * version, auth keyword, request timeout, ports) come from its `CLIENT_DEFAULTS`, so a client
 * built from settings and one built from options behave alike.
 *
 * Durations are in milliseconds (the variables are in seconds).
 */
export const SETTING_DEFAULTS = {
  noOp: false,
  isOffline: false,
  isManaged: false,
  inCluster: false,
  isLocal: false,
  /** `POLYAXON_HTTP_PORT` without HTTPS; with HTTPS it is `httpsPort`. */
  httpPort: CLIENT_DEFAULTS.httpPort,
  httpsPort: CLIENT_DEFAULTS.httpsPort,
  useHttps: false,
  verifySsl: true,
  apiVersion: CLIENT_DEFAULTS.apiVersion,
  authenticationType: CLIENT_DEFAULTS.authScheme,
  schemaResponse: false,
  hashLength: 12,
  timeoutMs: 20_000,
  minTimeoutMs: 1_000,
  requestTimeoutMs: CLIENT_DEFAULTS.timeoutMs,
  longRequestTimeoutMs: 3_600_000,
  intervalMs: 1_000,
  batchSize: 5000,
  requestsPerMinute: 90,
  deliveryThread: true,
  healthCheckIntervalMs: 60_000,
  receptionUnknownBehaviour: "exclude",
  validationUnknownBehaviour: "raise",
  warnUploadSize: 10 * MIB,
  maxUploadSize: 150 * MIB,
  /** Resolved against the working directory. */
  trackingDir: ".polyaxon/runs",
  flushTimeoutMs: 10_000,
} as const;

/** The largest `POLYAXON_BATCH_SIZE`: one request of metric points or log lines. */
export const MAX_BATCH_SIZE = 5000;
