import { ClientConfigError } from "./errors.js";
import { CLIENT_DEFAULTS, type ClientOptions } from "./options.js";

/** The address parts of {@link ClientOptions}. */
export type AddressOptions = Pick<ClientOptions, "baseUrl" | "host" | "port" | "useHttps" | "apiVersion">;

/** A scheme at the start of an address (`https://`, `s3://`); group 1 is the scheme. */
export const HAS_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

const NO_HOST =
  "no Polyaxon host configured: pass `host` (e.g. `polyaxon.example.com`, `host:port` or `https://host`) " +
  "or `baseUrl` (e.g. `http://127.0.0.1:8000/api/v1`), or set POLYAXON_API_HOST";

/**
 * The API base URL, without a trailing slash. `baseUrl` is used as given; otherwise it is built
 * like the Python client: `{scheme}://{host}:{port}/api/{version}`, port 80/443 by default.
 * Throws {@link ClientConfigError} for a missing or malformed address.
 */
export function resolveBaseUrl(options: AddressOptions): string {
  const { baseUrl, host } = options;
  if (baseUrl !== undefined && host !== undefined && host !== "") {
    throw new ClientConfigError("give either `baseUrl` or `host`, not both", "baseUrl");
  }
  if (baseUrl !== undefined) return checkedBaseUrl(baseUrl);
  if (host === undefined || host.trim() === "") throw new ClientConfigError(NO_HOST, "host");
  return buildFromHost(host.trim(), options);
}

function checkedBaseUrl(baseUrl: string): string {
  const url = parseHttpUrl(baseUrl, "baseUrl");
  if (url.search || url.hash) {
    throw new ClientConfigError(
      `\`baseUrl\` must not carry a query or fragment: ${JSON.stringify(baseUrl)}`,
      "baseUrl",
    );
  }
  return baseUrl.trim().replace(/\/+$/, "");
}

function buildFromHost(host: string, options: AddressOptions): string {
  const version = options.apiVersion ?? CLIENT_DEFAULTS.apiVersion;
  if (!/^[A-Za-z0-9._-]+$/.test(version)) {
    throw new ClientConfigError(
      `\`apiVersion\` must be a path segment like "v1", got ${JSON.stringify(version)}`,
      "apiVersion",
    );
  }
  const hasScheme = HAS_SCHEME.test(host);
  const url = parseHttpUrl(hasScheme ? host : `http://${bracketIpv6(host)}`, "host", host);
  if (url.search || url.hash || (url.pathname !== "/" && !hasScheme)) {
    throw new ClientConfigError(`\`host\` must be a host name, host:port or URL, got ${JSON.stringify(host)}`, "host");
  }
  if (/\/api\/[^/]+\/?$/.test(url.pathname)) {
    throw new ClientConfigError(
      `\`host\` already ends with an API path (${JSON.stringify(host)}); pass it as \`baseUrl\` instead`,
      "host",
    );
  }
  const schemeHttps = hasScheme ? url.protocol === "https:" : undefined;
  if (schemeHttps !== undefined && options.useHttps !== undefined && options.useHttps !== schemeHttps) {
    throw new ClientConfigError(`\`useHttps: ${options.useHttps}\` contradicts the scheme in \`host\``, "useHttps");
  }
  const https = schemeHttps ?? options.useHttps ?? false;
  const port = pickPort(url, host, options.port, https);
  const prefix = url.pathname.replace(/\/+$/, "");
  return apiBaseUrlOf(`${serverOrigin(https, url.hostname, port)}${prefix}`, version);
}

/**
 * The one place an API base URL is assembled: `{origin}/api/{version}`, where `origin` is
 * `scheme://host:port` with an optional path prefix (a trailing slash is dropped). The client
 * (`host` + `port` options), the settings (`POLYAXON_API_HOST`, or `POLYAXON_API_HTTP_HOST` in
 * a Polyaxon job) and the fake server all build their `…/api/v1` through it.
 */
export function apiBaseUrlOf(origin: string, version: string = CLIENT_DEFAULTS.apiVersion): string {
  return `${origin.replace(/\/+$/, "")}/api/${encodeURIComponent(version)}`;
}

/** `scheme://host:port`, the port always written (as the reference client writes it). */
export function serverOrigin(https: boolean, host: string, port: number): string {
  return `${https ? "https" : "http"}://${host}:${port}`;
}

/** The scheme's default port: 443 with https, else 80. */
export function defaultPort(https: boolean): number {
  return https ? CLIENT_DEFAULTS.httpsPort : CLIENT_DEFAULTS.httpPort;
}

/**
 * The port written in an address (`host:8000`, `https://[::1]:8443/`), read from the text: `URL`
 * drops a port equal to the scheme's default, and the reference writes it explicitly anyway.
 */
export function writtenPort(address: string): number | undefined {
  const written = /^(?:\[[^\]]*\]|[^/:]*):(\d+)/.exec(address.replace(HAS_SCHEME, ""))?.[1];
  return written === undefined ? undefined : Number(written);
}

function pickPort(url: URL, host: string, port: number | undefined, https: boolean): number {
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) {
    throw new ClientConfigError(`\`port\` must be an integer in 1..65535, got ${String(port)}`, "port");
  }
  const hostPort = writtenPort(host) ?? (url.port ? Number(url.port) : undefined);
  if (hostPort !== undefined && (hostPort < 1 || hostPort > 65_535)) {
    throw new ClientConfigError(`the port in \`host\` must be in 1..65535, got ${hostPort}`, "host");
  }
  if (hostPort !== undefined && port !== undefined && hostPort !== port) {
    throw new ClientConfigError(`\`host\` says port ${hostPort} but \`port\` is ${port}`, "port");
  }
  return hostPort ?? port ?? defaultPort(https);
}

/** A bare IPv6 address (`::1`) must be bracketed to parse as a URL host. */
export function bracketIpv6(host: string): string {
  return (host.match(/:/g) ?? []).length > 1 && !host.startsWith("[") ? `[${host}]` : host;
}

/** `text` as a URL when it parses and its scheme is http or https. */
export function asHttpUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
}

function parseHttpUrl(text: string, option: string, value = text): URL {
  // A value with "@" may hold credentials: never echo it.
  const shown = value.includes("@") ? "(hidden: contains '@')" : JSON.stringify(value);
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ClientConfigError(`\`${option}\` is not a valid address: ${shown}`, option);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ClientConfigError(`\`${option}\` must use http or https, got ${JSON.stringify(url.protocol)}`, option);
  }
  if (url.username || url.password) {
    // Never echo the value: it would carry the credentials.
    throw new ClientConfigError(`\`${option}\` must not contain credentials; use \`token\``, option);
  }
  if (!url.hostname || /\s/.test(text.trim())) {
    throw new ClientConfigError(`\`${option}\` is not a valid address: ${shown}`, option);
  }
  return url;
}
