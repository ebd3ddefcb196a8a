/**
 * The proxy environment variables, read the way curl and Python's urllib (which the reference
 * client's `requests` uses) read them: the lower-case name wins over the upper-case one, an
 * empty value counts as unset. Unlike curl, upper-case `HTTP_PROXY` is honoured, except in a
 * CGI process (`REQUEST_METHOD` set), where any client can set it with a `Proxy:` header
 * ("httpoxy"); Python does the same.
 */
import { HAS_SCHEME } from "../api/base-url.js";

/** A value and the variable it came from (for error messages). */
export interface EnvValue {
  readonly value: string;
  readonly variable: string;
}

export interface ProxyEnv {
  /** Proxy for `http://` URLs: `http_proxy`, else `HTTP_PROXY`. */
  readonly http: EnvValue | undefined;
  /** Proxy for `https://` URLs: `https_proxy`, else `HTTPS_PROXY`. */
  readonly https: EnvValue | undefined;
  /** Hosts reached directly: `no_proxy`, else `NO_PROXY`. */
  readonly noProxy: EnvValue | undefined;
}

export function readProxyEnv(env: Record<string, string | undefined>): ProxyEnv {
  const cgi = (env.REQUEST_METHOD ?? "") !== "";
  return {
    http: first(env, cgi ? ["http_proxy"] : ["http_proxy", "HTTP_PROXY"]),
    https: first(env, ["https_proxy", "HTTPS_PROXY"]),
    noProxy: first(env, ["no_proxy", "NO_PROXY"]),
  };
}

function first(env: Record<string, string | undefined>, names: readonly string[]): EnvValue | undefined {
  for (const variable of names) {
    const value = env[variable]?.trim();
    if (value) return { value, variable };
  }
  return undefined;
}

/**
 * Parses a proxy address: `http://host:port`, `https://host:port` (TLS to the proxy), or
 * `host:port` (read as http, as curl does), with optional `user:password@` for Basic
 * proxy authentication (percent-encode special characters). Returns the problem as text
 * instead of throwing, so each caller raises its own error type; the text never repeats a
 * value that holds credentials.
 */
export function parseProxyUrl(value: string): URL | string {
  const text = value.trim();
  const shown = text.includes("@") ? "(hidden: contains credentials)" : JSON.stringify(text);
  let url: URL;
  try {
    url = new URL(HAS_SCHEME.test(text) ? text : `http://${text}`);
  } catch {
    return `is not a valid proxy address: ${shown}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `must be an http:// or https:// proxy (SOCKS proxies are not supported), got ${JSON.stringify(url.protocol)}`;
  }
  if (!url.hostname || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    return `must be a proxy address like http://proxy.example.com:3128, got ${shown}`;
  }
  return url;
}

/** The proxy URL as it may be shown: without its credentials. */
export function displayProxy(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
