import { asHttpUrl, bracketIpv6, HAS_SCHEME, writtenPort } from "../api/base-url.js";
import { SettingsError } from "./errors.js";
import type { ValueOrigin } from "./parse.js";

/** What `POLYAXON_API_HOST` says: a host, and the port and scheme when it writes them. */
export interface ApiAddress {
  /** Host name or IP (an IPv6 address in brackets). */
  host: string;
  port: number | undefined;
  https: boolean | undefined;
}

/**
 * Reads `POLYAXON_API_HOST` as people write it: `polyaxon.example.com`, `host:8000`,
 * `https://host`, `http://host:8000/`, `[::1]:8000`. A path, query, credentials or a
 * scheme other than http(s) is a {@link SettingsError} naming the variable (or file key).
 */
export function parseApiHost(raw: string, origin: ValueOrigin): ApiAddress {
  const text = raw.trim();
  const hasScheme = HAS_SCHEME.test(text);
  const bareIpv6 = !hasScheme && !text.startsWith("[") && (text.match(/:/g) ?? []).length > 1;
  const url = asHttpUrl(hasScheme ? text : `http://${bracketIpv6(text)}`);
  if (
    !url?.hostname ||
    url.username ||
    url.password ||
    url.pathname !== "/" ||
    url.search ||
    url.hash ||
    /\s/.test(text)
  ) {
    throw invalid(raw, origin);
  }
  const port = writtenPort(text);
  if (port !== undefined && (port < 1 || port > 65_535)) throw invalid(raw, origin);
  // The host as written (URL would rewrite a numeric host such as "10.1" as an IPv4 address).
  const authority = text.replace(HAS_SCHEME, "").replace(/\/$/, "");
  const host = bareIpv6 ? `[${authority}]` : port === undefined ? authority : authority.replace(/:\d+$/, "");
  return { host, port, https: hasScheme ? url.protocol === "https:" : undefined };
}

function invalid(raw: string, origin: ValueOrigin): SettingsError {
  // A value with "@" may carry credentials: never echo it.
  const shown = raw.includes("@")
    ? "a value with '@' (credentials go in POLYAXON_SECRET_USER_TOKEN)"
    : JSON.stringify(raw);
  let from = "";
  if (origin.path) from = origin.key ? ` (key "${origin.key}" in ${origin.path})` : ` (in ${origin.path})`;
  return new SettingsError(
    `${origin.variable} must be a host name, host:port or http(s)://host[:port] (no path), got ${shown}${from}.`,
    { variable: origin.variable, path: origin.path },
  );
}

/** Where the port and scheme settings came from, to name them when they contradict the host. */
export interface AddressSettings {
  httpPort: number | undefined;
  useHttps: boolean | undefined;
  /** The variable (or option) that set each, when set explicitly (not by a fallback file). */
  portSetBy: string | undefined;
  httpsSetBy: string | undefined;
}

/**
 * Combines the host with POLYAXON_HTTP_PORT / POLYAXON_USE_HTTPS. The port and scheme written
 * in the host win over values from the CLI's fallback file (`.polyaxonconfig`), which only
 * fills in what is missing; an explicit setting that contradicts the host is an error naming
 * both, rather than a silent choice. A host with a scheme and no port gets an explicit
 * POLYAXON_HTTP_PORT, else the scheme's default (443 / 80), never the fallback file's port.
 */
export function combineAddress(
  address: ApiAddress,
  hostOrigin: ValueOrigin,
  other: AddressSettings,
): { apiHost: string; httpPort: number | undefined; useHttps: boolean | undefined } {
  const conflict = (what: string, inHost: string, setBy: string, value: string) =>
    new SettingsError(
      `${hostOrigin.variable} says ${what} ${inHost} but ${setBy} is ${value}: set it in one place only.`,
      { variable: hostOrigin.variable, path: hostOrigin.path },
    );
  if (address.https !== undefined && other.httpsSetBy !== undefined && other.useHttps !== address.https) {
    throw conflict("scheme", address.https ? "https" : "http", other.httpsSetBy, String(other.useHttps));
  }
  if (address.port !== undefined && other.portSetBy !== undefined && other.httpPort !== address.port) {
    throw conflict("port", String(address.port), other.portSetBy, String(other.httpPort));
  }
  return {
    apiHost: address.host,
    httpPort:
      address.port ?? (address.https !== undefined && other.portSetBy === undefined ? undefined : other.httpPort),
    useHttps: address.https ?? other.useHttps,
  };
}

/** `POLYAXON_API_HTTP_HOST` (managed pods) is a full `http(s)://host[:port]`. */
export function checkHttpHost(value: string): void {
  const url = asHttpUrl(value.trim());
  if (!url?.hostname || url.username || url.password || url.search || url.hash) {
    const shown = value.includes("@") ? "a value with '@'" : JSON.stringify(value);
    throw new SettingsError(`POLYAXON_API_HTTP_HOST must be http(s)://host[:port], got ${shown}.`, {
      variable: "POLYAXON_API_HTTP_HOST",
    });
  }
}
