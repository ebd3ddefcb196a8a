import type { ConfigPaths } from "./files.js";

/** How the SDK runs, decided once from settings: no-op wins, then offline, then managed. */
export type SettingsMode = "noop" | "offline" | "managed" | "normal";

/**
 * Every setting after layering, parsing and defaults. Field names are the camelCase
 * forms of the `POLYAXON_*` variables (see `settingsTable` for the mapping).
 */
export interface ResolvedSettings {
  noOp: boolean;
  isOffline: boolean;
  isManaged: boolean;
  inCluster: boolean;
  isLocal: boolean;

  apiHost: string | undefined;
  httpPort: number;
  wsPort: number;
  useHttps: boolean;
  verifySsl: boolean;
  /** PEM file of extra trusted CAs (`POLYAXON_CA_BUNDLE`), added to Node's roots; read when a client is built. */
  caBundle: string | undefined;
  /** Proxy for `https://` API URLs, as written (`https_proxy`, else `HTTPS_PROXY`; captured at load). */
  httpsProxy: string | undefined;
  /** Proxy for `http://` API URLs, as written (`http_proxy`, else `HTTP_PROXY`; captured at load). */
  httpProxy: string | undefined;
  /** Hosts reached without the proxy, curl syntax (`no_proxy`, else `NO_PROXY`; captured at load). */
  noProxy: string | undefined;
  apiHttpHost: string | undefined;
  apiWsHost: string | undefined;
  apiVersion: string;

  userToken: string | undefined;
  ephemeralToken: string | undefined;
  internalToken: string | undefined;
  authenticationType: string;
  internalHeader: string | undefined;
  internalHeaderService: string | undefined;
  internalHealthCheckUrl: string | undefined;
  internalReconcileUrl: string | undefined;

  schemaResponse: boolean;
  hashLength: number;
  /** `POLYAXON_TIMEOUT`: parsed for compatibility; the exit flush uses `flushTimeoutMs`. */
  timeoutMs: number;
  minTimeoutMs: number;
  /** Per-request timeout actually used (`POLYAXON_REQUEST_TIMEOUT`). */
  requestTimeoutMs: number;
  /** `POLYAXON_LONG_REQUEST_TIMEOUT`: parsed for compatibility only. */
  longRequestTimeoutMs: number;
  /**
   * `POLYAXON_INTERVAL`: the shortest time between two delivery rounds; records are handed over
   * within half of it and made durable within a quarter of it (docs/delivery.md).
   */
  intervalMs: number;
  /** Most metric points (or log lines) in one request (ours, `POLYAXON_BATCH_SIZE`). */
  batchSize: number;
  /** Request budget of a steady training loop (ours, `POLYAXON_REQUESTS_PER_MINUTE`). */
  requestsPerMinute: number;
  /** Journal and deliver on a thread of their own (ours, `POLYAXON_DELIVERY_THREAD`). */
  deliveryThread: boolean;
  healthCheckIntervalMs: number;
  logsLevel: number | undefined;
  receptionUnknownBehaviour: string;
  validationUnknownBehaviour: string;
  warnUploadSize: number;
  maxUploadSize: number;

  /** Root of the local (offline) run store, absolute. */
  trackingDir: string;
  /** How long the exit-time flush may take before giving up (rest stays on disk). */
  flushTimeoutMs: number;
}

export interface Settings extends Readonly<ResolvedSettings> {
  /** `…/api/{version}` of the server, or undefined when no server is configured at all. */
  readonly apiBaseUrl: string | undefined;
  readonly mode: SettingsMode;
  /** The config files that were (or would have been) consulted. */
  readonly paths: ConfigPaths;
}

/**
 * Explicit values (constructor/client options) that beat every other layer. A field left
 * out or set to `undefined` is not overridden. Derived defaults follow the overrides
 * (e.g. `useHttps: true` without a port gives port 443).
 */
export type SettingsOverrides = { [K in keyof ResolvedSettings]?: ResolvedSettings[K] | undefined };
