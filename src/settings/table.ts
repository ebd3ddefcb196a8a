import { DEFAULT_GCS_ACCESS_PATH, STORE_TIMEOUT_MS } from "../store/cloud/defaults.js";
import { SETTING_DEFAULTS as D, MAX_BATCH_SIZE } from "./defaults.js";
import type { ResolvedSettings } from "./types.js";

/** Documentation metadata for one variable: the source of the README settings table. */
export interface SettingInfo {
  readonly variable: string;
  /** Field of `Settings` it feeds; undefined for variables read at call time by helpers. */
  readonly key: keyof ResolvedSettings | undefined;
  readonly type: "bool" | "int" | "port" | "seconds" | "string" | "JSON";
  readonly default: string;
  readonly meaning: string;
  /** Where the value can come from. */
  readonly source:
    | "layered"
    | "layered + .polyaxonconfig"
    | "layered + .polyaxonauth"
    | "env at load (lower case first)"
    | "env at call time";
  /** True for variables this SDK adds (not in the Python client 0.6.1). */
  readonly ours?: boolean;
}

/** A default in milliseconds as the variable takes it, in seconds. */
const seconds = (ms: number) => String(ms / 1000);

const L = "layered" as const;
const CALL = "env at call time" as const;
const ENV_LOAD = "env at load (lower case first)" as const;

export const settingsTable: readonly SettingInfo[] = [
  {
    variable: "POLYAXON_NO_OP",
    key: "noOp",
    type: "bool",
    default: String(D.noOp),
    meaning: "no-op mode: every call does nothing",
    source: L,
  },
  {
    variable: "POLYAXON_IS_OFFLINE",
    key: "isOffline",
    type: "bool",
    default: String(D.isOffline),
    meaning: "offline mode: record to the local run store, send nothing",
    source: L,
  },
  {
    variable: "POLYAXON_IS_MANAGED",
    key: "isManaged",
    type: "bool",
    default: String(D.isManaged),
    meaning: "managed (in-cluster) mode: identity from the platform's env vars",
    source: L,
  },
  {
    variable: "POLYAXON_IN_CLUSTER",
    key: "inCluster",
    type: "bool",
    default: String(D.inCluster),
    meaning: "also satisfies the managed check of the in-cluster helpers",
    source: L,
  },
  {
    variable: "POLYAXON_IS_LOCAL",
    key: "isLocal",
    type: "bool",
    default: String(D.isLocal),
    meaning: "managed, but talk to host/port instead of POLYAXON_API_HTTP_HOST",
    source: L,
  },
  {
    variable: "POLYAXON_API_HOST",
    key: "apiHost",
    type: "string",
    default: ".polyaxonconfig host",
    meaning:
      "API host: `host`, `host:port` or `http(s)://host[:port]`; a port/scheme written here beats POLYAXON_HTTP_PORT/POLYAXON_USE_HTTPS from .polyaxonconfig, and contradicting an explicit one is an error (required unless managed)",
    source: "layered + .polyaxonconfig",
  },
  {
    variable: "POLYAXON_HTTP_PORT",
    key: "httpPort",
    type: "port",
    default: `.polyaxonconfig port, else ${D.httpsPort} (HTTPS) / ${D.httpPort}`,
    meaning: "API HTTP port",
    source: "layered + .polyaxonconfig",
  },
  {
    variable: "POLYAXON_WS_PORT",
    key: "wsPort",
    type: "port",
    default: ".polyaxonconfig ws_port, else the HTTP port",
    meaning: "websocket port",
    source: "layered + .polyaxonconfig",
  },
  {
    variable: "POLYAXON_USE_HTTPS",
    key: "useHttps",
    type: "bool",
    default: `.polyaxonconfig use_https, else ${D.useHttps}`,
    meaning: "use https/wss",
    source: "layered + .polyaxonconfig",
  },
  {
    variable: "POLYAXON_VERIFY_SSL",
    key: "verifySsl",
    type: "bool",
    default: `.polyaxonconfig verify_ssl, else ${D.verifySsl}`,
    meaning:
      "verify TLS certificates; false turns verification off for this SDK's requests only (never process-wide), with one warning",
    source: "layered + .polyaxonconfig",
  },
  {
    variable: "POLYAXON_CA_BUNDLE",
    key: "caBundle",
    type: "string",
    default: "—",
    meaning:
      "PEM file of extra trusted CA certificates (a private CA), added to Node's roots and NODE_EXTRA_CA_CERTS; missing or not PEM → SettingsError when the client is built",
    source: L,
    ours: true,
  },
  {
    variable: "HTTPS_PROXY",
    key: "httpsProxy",
    type: "string",
    default: "—",
    meaning:
      "proxy for https API URLs (`http://[user:pass@]proxy:3128`; CONNECT tunnel); `https_proxy` wins; SOCKS not supported",
    source: ENV_LOAD,
  },
  {
    variable: "HTTP_PROXY",
    key: "httpProxy",
    type: "string",
    default: "—",
    meaning:
      "proxy for http API URLs (forwarded requests); `http_proxy` wins; upper case ignored in CGI (REQUEST_METHOD set)",
    source: ENV_LOAD,
  },
  {
    variable: "NO_PROXY",
    key: "noProxy",
    type: "string",
    default: "—",
    meaning:
      "hosts reached directly, curl syntax: `*`, `example.com` (and sub-domains), `.corp`, IPs, CIDR, `[::1]`, `host:port`; `no_proxy` wins",
    source: ENV_LOAD,
  },
  {
    variable: "POLYAXON_API_HTTP_HOST",
    key: "apiHttpHost",
    type: "string",
    default: "—",
    meaning: "managed: full scheme://host[:port] of the API",
    source: L,
  },
  {
    variable: "POLYAXON_API_WS_HOST",
    key: "apiWsHost",
    type: "string",
    default: "—",
    meaning: "managed: ws(s)://host[:port]",
    source: L,
  },
  {
    variable: "POLYAXON_API_VERSION",
    key: "apiVersion",
    type: "string",
    default: D.apiVersion,
    meaning: "API version URL segment",
    source: L,
  },
  {
    variable: "POLYAXON_SECRET_USER_TOKEN",
    key: "userToken",
    type: "string",
    default: ".polyaxonauth token",
    meaning: "user API token",
    source: "layered + .polyaxonauth",
  },
  {
    variable: "POLYAXON_SECRET_EPHEMERAL_TOKEN",
    key: "ephemeralToken",
    type: "string",
    default: "—",
    meaning: "managed: one-time token exchanged for a user token",
    source: L,
  },
  {
    variable: "POLYAXON_SECRET_INTERNAL_TOKEN",
    key: "internalToken",
    type: "string",
    default: "—",
    meaning: "internal platform secret (sidecar/init)",
    source: L,
  },
  {
    variable: "POLYAXON_AUTHENTICATION_TYPE",
    key: "authenticationType",
    type: "string",
    default: D.authenticationType,
    meaning: "keyword of the Authorization header",
    source: L,
  },
  {
    variable: "POLYAXON_INTERNAL_HEADER",
    key: "internalHeader",
    type: "string",
    default: "—",
    meaning: "managed: internal header name (X-POLYAXON-INTERNAL)",
    source: L,
  },
  {
    variable: "POLYAXON_INTERNAL_HEADER_SERVICE",
    key: "internalHeaderService",
    type: "string",
    default: "—",
    meaning: "managed: internal header value (runner)",
    source: L,
  },
  {
    variable: "POLYAXON_INTERNAL_HEALTH_CHECK_URL",
    key: "internalHealthCheckUrl",
    type: "string",
    default: "—",
    meaning: "sidecar only; parsed, unused by the tracker",
    source: L,
  },
  {
    variable: "POLYAXON_INTERNAL_RECONCILE_URL",
    key: "internalReconcileUrl",
    type: "string",
    default: "—",
    meaning: "sidecar only; parsed, unused by the tracker",
    source: L,
  },
  {
    variable: "POLYAXON_SCHEMA_RESPONSE",
    key: "schemaResponse",
    type: "bool",
    default: String(D.schemaResponse),
    meaning: "Python-only; parsed for compatibility",
    source: L,
  },
  {
    variable: "POLYAXON_HASH_LENGTH",
    key: "hashLength",
    type: "int",
    default: String(D.hashLength),
    meaning: "data-ref hash length (1-32)",
    source: L,
  },
  {
    variable: "POLYAXON_TIMEOUT",
    key: "timeoutMs",
    type: "seconds",
    default: seconds(D.timeoutMs),
    meaning: "reference exit-flush budget; parsed for compatibility, see POLYAXON_FLUSH_TIMEOUT",
    source: L,
  },
  {
    variable: "POLYAXON_MIN_TIMEOUT",
    key: "minTimeoutMs",
    type: "seconds",
    default: seconds(D.minTimeoutMs),
    meaning: "reference first exit-flush wait step; parsed for compatibility",
    source: L,
  },
  {
    variable: "POLYAXON_REQUEST_TIMEOUT",
    key: "requestTimeoutMs",
    type: "seconds",
    default: seconds(D.requestTimeoutMs),
    meaning: "per-request timeout (used, unlike the reference)",
    source: L,
  },
  {
    variable: "POLYAXON_LONG_REQUEST_TIMEOUT",
    key: "longRequestTimeoutMs",
    type: "seconds",
    default: seconds(D.longRequestTimeoutMs),
    meaning: "parsed for compatibility only (the reference used it for every request)",
    source: L,
  },
  {
    variable: "POLYAXON_INTERVAL",
    key: "intervalMs",
    type: "seconds",
    default: seconds(D.intervalMs),
    meaning:
      "shortest time between two delivery rounds; records are handed over within half of it (no longer also the batch size)",
    source: L,
  },
  {
    variable: "POLYAXON_BATCH_SIZE",
    key: "batchSize",
    type: "int",
    default: String(D.batchSize),
    meaning: `most metric points (or log lines) in one request (1-${MAX_BATCH_SIZE}; a request also stays under 2 MB)`,
    source: L,
    ours: true,
  },
  {
    variable: "POLYAXON_REQUESTS_PER_MINUTE",
    key: "requestsPerMinute",
    type: "int",
    default: String(D.requestsPerMinute),
    meaning:
      "request budget of a steady loop (the server throttles at 120/min, shared with the web UI); a backlog of whole requests goes faster",
    source: L,
    ours: true,
  },
  {
    variable: "POLYAXON_DELIVERY_THREAD",
    key: "deliveryThread",
    type: "bool",
    default: String(D.deliveryThread),
    meaning: "journal and deliver on a worker thread of their own (false: on the main thread)",
    source: L,
    ours: true,
  },
  {
    variable: "HEALTH_CHECK_INTERVAL",
    key: "healthCheckIntervalMs",
    type: "seconds",
    default: seconds(D.healthCheckIntervalMs),
    meaning: "heartbeat period (no POLYAXON_ prefix, as in the reference)",
    source: L,
  },
  {
    variable: "POLYAXON_LOGS_LEVEL",
    key: "logsLevel",
    type: "int",
    default: "unset (all)",
    meaning: "minimum numeric level of captured log records",
    source: L,
  },
  {
    variable: "POLYAXON_RECEPTION_UNKNOWN_BEHAVIOUR",
    key: "receptionUnknownBehaviour",
    type: "string",
    default: D.receptionUnknownBehaviour,
    meaning: "Python-only; parsed for compatibility",
    source: L,
  },
  {
    variable: "POLYAXON_VALIDATION_UNKNOWN_BEHAVIOUR",
    key: "validationUnknownBehaviour",
    type: "string",
    default: D.validationUnknownBehaviour,
    meaning: "Python-only; parsed for compatibility",
    source: L,
  },
  {
    variable: "POLYAXON_WARN_UPLOAD_SIZE",
    key: "warnUploadSize",
    type: "int",
    default: String(D.warnUploadSize),
    meaning: "bytes; repo uploads (not tracking)",
    source: L,
  },
  {
    variable: "POLYAXON_MAX_UPLOAD_SIZE",
    key: "maxUploadSize",
    type: "int",
    default: String(D.maxUploadSize),
    meaning: "bytes; repo uploads (not tracking)",
    source: L,
  },
  {
    variable: "POLYAXON_TRACKING_DIR",
    key: "trackingDir",
    type: "string",
    default: `./${D.trackingDir} (against cwd)`,
    meaning: "root of the local run store",
    source: L,
    ours: true,
  },
  {
    variable: "POLYAXON_FLUSH_TIMEOUT",
    key: "flushTimeoutMs",
    type: "seconds",
    default: seconds(D.flushTimeoutMs),
    meaning: "how long the exit flush may take; the rest stays on disk",
    source: L,
    ours: true,
  },
  {
    variable: "POLYAXON_EXPERIMENT_INFO",
    key: undefined,
    type: "JSON",
    default: "—",
    meaning: "managed: experiment identity (getExperimentInfo)",
    source: CALL,
  },
  {
    variable: "POLYAXON_NOTEBOOK_INFO",
    key: undefined,
    type: "JSON",
    default: "—",
    meaning: "managed notebook: project (getNotebookInfo)",
    source: CALL,
  },
  {
    variable: "POLYAXON_CLUSTER",
    key: undefined,
    type: "JSON",
    default: "—",
    meaning: "cluster definition role → host:port list (getClusterDef)",
    source: CALL,
  },
  {
    variable: "POLYAXON_TASK_INFO",
    key: undefined,
    type: "JSON",
    default: "—",
    meaning: "{type, index} of this task (getTaskInfo)",
    source: CALL,
  },
  {
    variable: "POLYAXON_PARAMS",
    key: undefined,
    type: "JSON",
    default: "—",
    meaning: "experiment params (getParams)",
    source: CALL,
  },
  {
    variable: "POLYAXON_RUN_OUTPUTS_PATH",
    key: undefined,
    type: "string",
    default: "—",
    meaning: "outputs path of this run (getOutputsPath)",
    source: CALL,
  },
  {
    variable: "POLYAXON_RUN_DATA_PATHS",
    key: undefined,
    type: "JSON",
    default: "—",
    meaning: "data name → path (getDataPaths)",
    source: CALL,
  },
  {
    variable: "POLYAXON_REFS_OUTPUTS_PATHS",
    key: undefined,
    type: "JSON",
    default: "—",
    meaning: "{jobs, experiments} outputs of referenced runs (getOutputsRefsPaths)",
    source: CALL,
  },
  {
    variable: "POLYAXON_LOG_LEVEL",
    key: undefined,
    type: "string",
    default: "—",
    meaning: "polyaxonfile log level (getLogLevel)",
    source: CALL,
  },
  {
    variable: "POLYAXON_BASE_OUTPUTS_PATH",
    key: undefined,
    type: "string",
    default: "—",
    meaning: "base outputs path, no managed check (getBaseOutputsPath)",
    source: CALL,
  },
  {
    variable: "POLYAXON_STORE",
    key: undefined,
    type: "string",
    default: "local",
    meaning: "outputs store type: local, s3, gcs or azure (README, Artifacts)",
    source: CALL,
  },
  {
    variable: "STORE",
    key: undefined,
    type: "string",
    default: "—",
    meaning: "the same, read when POLYAXON_STORE is unset",
    source: CALL,
  },
  {
    variable: "POLYSTORES_RUN_STORES_ACCESS_KEYS",
    key: undefined,
    type: "JSON",
    default: "—",
    meaning: 'outputs path → {"store", "secret_key"}: its store and the variable holding its credentials',
    source: CALL,
  },
  {
    variable: "POLYSTORES_TMP_AUTH_GCS_ACCESS_PATH",
    key: undefined,
    type: "string",
    default: DEFAULT_GCS_ACCESS_PATH,
    meaning: "in cluster: where a GCS key file from the access keys is written",
    source: CALL,
  },
  {
    variable: "POLYAXON_STORE_TIMEOUT",
    key: undefined,
    type: "seconds",
    default: seconds(STORE_TIMEOUT_MS),
    meaning: "how long reaching a cloud outputs store may take before an upload fails",
    source: CALL,
    ours: true,
  },
];

/** Renders `settingsTable` as the Markdown table used in the README. */
export function settingsTableMarkdown(table: readonly SettingInfo[] = settingsTable): string {
  const rows = table.map((s) => {
    const name = s.ours ? `\`${s.variable}\` (SDK)` : `\`${s.variable}\``;
    return `| ${name} | ${s.type} | ${s.default} | ${s.meaning} | ${s.source} |`;
  });
  return ["| Variable | Type | Default | Meaning | Source |", "|---|---|---|---|---|", ...rows].join("\n");
}
