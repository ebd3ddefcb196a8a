import { homedir } from "node:os";
import { resolve } from "node:path";
import { apiBaseUrlOf, defaultPort, serverOrigin } from "../api/base-url.js";
import { type EnvValue, parseProxyUrl, readProxyEnv } from "../net/proxy-env.js";
import { showAs, withoutSecrets } from "../secrets.js";
import { checkHttpHost, combineAddress, parseApiHost } from "./api-address.js";
import { SETTING_DEFAULTS as D, MAX_BATCH_SIZE } from "./defaults.js";
import { SettingsError } from "./errors.js";
import { configPaths, readJsonObjectFile } from "./files.js";
import { parseBool, parseInteger, parsePort, parseSecondsToMs, parseString, type ValueOrigin } from "./parse.js";
import type { ResolvedSettings, Settings, SettingsMode, SettingsOverrides } from "./types.js";

export interface LoadSettingsInput {
  /** Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Defaults to `os.homedir()`; replaced by `tmpDir` when not writable. */
  homeDir?: string;
  /** Defaults to `/tmp`. */
  tmpDir?: string;
  /** Defaults to `/plx-context` (managed pods). */
  contextDir?: string;
  /** Relative `POLYAXON_TRACKING_DIR` is resolved against this; defaults to `process.cwd()`. */
  cwd?: string;
  /** Constructor/client options: beat every other layer. */
  overrides?: SettingsOverrides;
  /**
   * How error messages name an override, e.g. `{ apiHost: "--host" }` for the CLI.
   * Default `settings.<key>` (the facade's `settings` option).
   */
  overrideNames?: { [K in keyof ResolvedSettings]?: string };
}

/** A raw value plus where it came from, so errors can name the file. */
interface RawValue {
  value: unknown;
  path: string | undefined;
  /** Set for fallback-file values, whose key differs from the variable name. */
  key?: string;
}

type Layer = { values: Record<string, unknown>; path: string | undefined };

/**
 * Merges the configuration layers (docs/reference-client.md#modes-and-configuration): later
 * layers override earlier ones.
 * Empty strings count as unset (`FOO=` in a shell usually means "no value").
 */
function mergeLayers(layers: Layer[]): Map<string, RawValue> {
  const merged = new Map<string, RawValue>();
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.values)) {
      if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) continue;
      merged.set(key, { value, path: layer.path });
    }
  }
  return merged;
}

/** Reads `.polyaxonconfig`/`.polyaxonauth` only when needed; home keys override tmp keys. */
function lazyFallback(tmpPath: string, homePath: string): (key: string) => RawValue | undefined {
  let merged: Map<string, RawValue> | undefined;
  return (key) => {
    if (!merged) {
      const layers: Layer[] = [];
      for (const path of [tmpPath, homePath]) {
        const values = readJsonObjectFile(path);
        if (values) layers.push({ values, path });
      }
      merged = mergeLayers(layers);
    }
    const raw = merged.get(key);
    return raw && { ...raw, key };
  };
}

export function loadSettings(input: LoadSettingsInput = {}): Settings {
  const env = input.env ?? process.env;
  const tmpDir = input.tmpDir ?? "/tmp";
  const paths = configPaths(input.homeDir ?? homedir(), tmpDir, input.contextDir ?? "/plx-context");

  const fileLayer = (path: string): Layer => ({ values: readJsonObjectFile(path) ?? {}, path });
  const merged = mergeLayers([
    fileLayer(paths.tmpClientConfig),
    // When HOME is not writable both names point at the same file; reading it twice is harmless.
    fileLayer(paths.homeClientConfig),
    { values: env, path: undefined },
    fileLayer(paths.tmpAuthToken),
    fileLayer(paths.contextAuthToken),
  ]);
  const cliConfig = lazyFallback(paths.tmpCliConfig, paths.homeCliConfig);
  const cliAuth = lazyFallback(paths.tmpCliAuth, paths.homeCliAuth);

  /** Looks a variable up in the merged layers, then in its fallback file key if any. */
  const lookup = (variable: string, fallback?: () => RawValue | undefined): [unknown, ValueOrigin] | undefined => {
    const raw = merged.get(variable) ?? fallback?.();
    return raw === undefined ? undefined : [raw.value, { variable, path: raw.path, key: raw.key }];
  };
  const bool = (variable: string, fallback?: () => RawValue | undefined) => {
    const found = lookup(variable, fallback);
    return found && parseBool(...found);
  };
  const str = (variable: string, fallback?: () => RawValue | undefined) => {
    const found = lookup(variable, fallback);
    return found && parseString(...found);
  };
  const int = (variable: string, min = 0, max?: number) => {
    const found = lookup(variable);
    return found && parseInteger(found[0], found[1], min, max);
  };
  const port = (variable: string, fallback: () => RawValue | undefined) => {
    const found = lookup(variable, fallback);
    return found && parsePort(...found);
  };
  const seconds = (variable: string) => {
    const found = lookup(variable);
    return found && parseSecondsToMs(...found);
  };

  const proxies = readProxyEnv(env);
  const explicit: SettingsOverrides = {
    noOp: bool("POLYAXON_NO_OP"),
    isOffline: bool("POLYAXON_IS_OFFLINE"),
    isManaged: bool("POLYAXON_IS_MANAGED"),
    inCluster: bool("POLYAXON_IN_CLUSTER"),
    isLocal: bool("POLYAXON_IS_LOCAL"),
    apiHost: str("POLYAXON_API_HOST", () => cliConfig("host")),
    httpPort: port("POLYAXON_HTTP_PORT", () => cliConfig("port")),
    wsPort: port("POLYAXON_WS_PORT", () => cliConfig("ws_port")),
    useHttps: bool("POLYAXON_USE_HTTPS", () => cliConfig("use_https")),
    verifySsl: bool("POLYAXON_VERIFY_SSL", () => cliConfig("verify_ssl")),
    caBundle: str("POLYAXON_CA_BUNDLE"),
    httpsProxy: checkedProxy(proxies.https),
    httpProxy: checkedProxy(proxies.http),
    noProxy: proxies.noProxy?.value,
    apiHttpHost: str("POLYAXON_API_HTTP_HOST"),
    apiWsHost: str("POLYAXON_API_WS_HOST"),
    apiVersion: str("POLYAXON_API_VERSION"),
    userToken: str("POLYAXON_SECRET_USER_TOKEN", () => cliAuth("token")),
    ephemeralToken: str("POLYAXON_SECRET_EPHEMERAL_TOKEN"),
    internalToken: str("POLYAXON_SECRET_INTERNAL_TOKEN"),
    authenticationType: str("POLYAXON_AUTHENTICATION_TYPE"),
    internalHeader: str("POLYAXON_INTERNAL_HEADER"),
    internalHeaderService: str("POLYAXON_INTERNAL_HEADER_SERVICE"),
    internalHealthCheckUrl: str("POLYAXON_INTERNAL_HEALTH_CHECK_URL"),
    internalReconcileUrl: str("POLYAXON_INTERNAL_RECONCILE_URL"),
    schemaResponse: bool("POLYAXON_SCHEMA_RESPONSE"),
    hashLength: int("POLYAXON_HASH_LENGTH", 1, 32),
    timeoutMs: seconds("POLYAXON_TIMEOUT"),
    minTimeoutMs: seconds("POLYAXON_MIN_TIMEOUT"),
    requestTimeoutMs: seconds("POLYAXON_REQUEST_TIMEOUT"),
    longRequestTimeoutMs: seconds("POLYAXON_LONG_REQUEST_TIMEOUT"),
    intervalMs: seconds("POLYAXON_INTERVAL"),
    batchSize: int("POLYAXON_BATCH_SIZE", 1, MAX_BATCH_SIZE),
    requestsPerMinute: int("POLYAXON_REQUESTS_PER_MINUTE", 1),
    deliveryThread: bool("POLYAXON_DELIVERY_THREAD"),
    healthCheckIntervalMs: seconds("HEALTH_CHECK_INTERVAL"),
    logsLevel: int("POLYAXON_LOGS_LEVEL"),
    receptionUnknownBehaviour: str("POLYAXON_RECEPTION_UNKNOWN_BEHAVIOUR"),
    validationUnknownBehaviour: str("POLYAXON_VALIDATION_UNKNOWN_BEHAVIOUR"),
    warnUploadSize: int("POLYAXON_WARN_UPLOAD_SIZE"),
    maxUploadSize: int("POLYAXON_MAX_UPLOAD_SIZE"),
    trackingDir: str("POLYAXON_TRACKING_DIR"),
    flushTimeoutMs: seconds("POLYAXON_FLUSH_TIMEOUT"),
  };

  const chosen = applyOverrides(explicit, input.overrides);
  if (chosen.apiHost !== undefined) {
    const overridden = (key: keyof ResolvedSettings) => input.overrides?.[key] !== undefined;
    const optionName = (key: keyof ResolvedSettings) => input.overrideNames?.[key] ?? `settings.${key}`;
    /** Who set a value explicitly (an option, the environment, a client config file); not the CLI fallback file. */
    const setBy = (key: keyof ResolvedSettings, variable: string): string | undefined => {
      if (overridden(key)) return optionName(key);
      const raw = merged.get(variable);
      if (raw === undefined) return undefined;
      return raw.path === undefined ? variable : `${variable} (in ${raw.path})`;
    };
    const hostOrigin: ValueOrigin = overridden("apiHost")
      ? { variable: optionName("apiHost") }
      : (lookup("POLYAXON_API_HOST", () => cliConfig("host"))?.[1] ?? { variable: "POLYAXON_API_HOST" });
    Object.assign(
      chosen,
      combineAddress(parseApiHost(chosen.apiHost, hostOrigin), hostOrigin, {
        httpPort: chosen.httpPort,
        useHttps: chosen.useHttps,
        portSetBy: setBy("httpPort", "POLYAXON_HTTP_PORT"),
        httpsSetBy: setBy("useHttps", "POLYAXON_USE_HTTPS"),
      }),
    );
  }
  const resolved = withDefaults(chosen, input.cwd ?? process.cwd());
  if (resolved.isManaged && !resolved.isLocal && resolved.apiHttpHost !== undefined) {
    checkHttpHost(resolved.apiHttpHost);
  }
  const settings: Settings = { ...resolved, apiBaseUrl: apiBaseUrl(resolved), mode: modeOf(resolved), paths };
  // Printing the settings (console.log, JSON.stringify) must never show a token.
  return Object.freeze(showAs(settings, () => withoutSecrets(settings, SECRET_SETTINGS)));
}

/** The settings that hold credentials. */
const SECRET_SETTINGS = ["userToken", "ephemeralToken", "internalToken"] as const;

/** A proxy variable's value as written, once it is known to parse (the net layer parses it again). */
function checkedProxy(found: EnvValue | undefined): string | undefined {
  if (found === undefined) return undefined;
  const parsed = parseProxyUrl(found.value);
  if (typeof parsed === "string") throw new SettingsError(`${found.variable} ${parsed}`, { variable: found.variable });
  return found.value;
}

function applyOverrides(explicit: SettingsOverrides, overrides: SettingsOverrides | undefined): SettingsOverrides {
  const result: Record<string, unknown> = { ...explicit };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value !== undefined) result[key] = value;
  }
  return result as SettingsOverrides;
}

function withDefaults(v: SettingsOverrides, cwd: string): ResolvedSettings {
  const useHttps = v.useHttps ?? D.useHttps;
  const httpPort = v.httpPort ?? defaultPort(useHttps);
  // Overrides skip the parsers, so check the values whose misuse builds broken URLs.
  for (const [variable, value] of [
    ["httpPort", httpPort],
    ["wsPort", v.wsPort],
  ] as const) {
    if (value !== undefined) parsePort(value, { variable });
  }
  for (const variable of ["httpsProxy", "httpProxy"] as const) {
    const value = v[variable];
    if (value !== undefined) checkedProxy({ value, variable });
  }
  return {
    noOp: v.noOp ?? D.noOp,
    isOffline: v.isOffline ?? D.isOffline,
    isManaged: v.isManaged ?? D.isManaged,
    inCluster: v.inCluster ?? D.inCluster,
    isLocal: v.isLocal ?? D.isLocal,
    apiHost: v.apiHost,
    httpPort,
    wsPort: v.wsPort ?? httpPort,
    useHttps,
    verifySsl: v.verifySsl ?? D.verifySsl,
    caBundle: v.caBundle,
    httpsProxy: v.httpsProxy,
    httpProxy: v.httpProxy,
    noProxy: v.noProxy,
    apiHttpHost: v.apiHttpHost,
    apiWsHost: v.apiWsHost,
    apiVersion: v.apiVersion ?? D.apiVersion,
    userToken: v.userToken,
    ephemeralToken: v.ephemeralToken,
    internalToken: v.internalToken,
    authenticationType: v.authenticationType ?? D.authenticationType,
    internalHeader: v.internalHeader,
    internalHeaderService: v.internalHeaderService,
    internalHealthCheckUrl: v.internalHealthCheckUrl,
    internalReconcileUrl: v.internalReconcileUrl,
    schemaResponse: v.schemaResponse ?? D.schemaResponse,
    hashLength: v.hashLength ?? D.hashLength,
    timeoutMs: v.timeoutMs ?? D.timeoutMs,
    minTimeoutMs: v.minTimeoutMs ?? D.minTimeoutMs,
    requestTimeoutMs: v.requestTimeoutMs ?? D.requestTimeoutMs,
    longRequestTimeoutMs: v.longRequestTimeoutMs ?? D.longRequestTimeoutMs,
    intervalMs: v.intervalMs ?? D.intervalMs,
    batchSize: v.batchSize ?? D.batchSize,
    requestsPerMinute: v.requestsPerMinute ?? D.requestsPerMinute,
    deliveryThread: v.deliveryThread ?? D.deliveryThread,
    healthCheckIntervalMs: v.healthCheckIntervalMs ?? D.healthCheckIntervalMs,
    logsLevel: v.logsLevel,
    receptionUnknownBehaviour: v.receptionUnknownBehaviour ?? D.receptionUnknownBehaviour,
    validationUnknownBehaviour: v.validationUnknownBehaviour ?? D.validationUnknownBehaviour,
    warnUploadSize: v.warnUploadSize ?? D.warnUploadSize,
    maxUploadSize: v.maxUploadSize ?? D.maxUploadSize,
    trackingDir: resolve(cwd, v.trackingDir ?? D.trackingDir),
    flushTimeoutMs: v.flushTimeoutMs ?? D.flushTimeoutMs,
  };
}

/**
 * Managed pods (unless `isLocal`) reach the API through `POLYAXON_API_HTTP_HOST`;
 * everything else through host/port. Undefined means "no server configured".
 */
export function apiBaseUrl(s: ResolvedSettings): string | undefined {
  if (s.isManaged && !s.isLocal) return s.apiHttpHost ? apiBaseUrlOf(s.apiHttpHost, s.apiVersion) : undefined;
  if (!s.apiHost) return undefined;
  return apiBaseUrlOf(serverOrigin(s.useHttps, s.apiHost, s.httpPort), s.apiVersion);
}

export function modeOf(s: Pick<ResolvedSettings, "noOp" | "isOffline" | "isManaged">): SettingsMode {
  if (s.noOp) return "noop";
  if (s.isOffline) return "offline";
  if (s.isManaged) return "managed";
  return "normal";
}
