import type { paths } from "../../generated/schema.js";
import { createClientFor } from "../api/base-client.js";
import { resolveBaseUrl } from "../api/base-url.js";
import { BufferedRequest } from "../api/buffered-request.js";
import { createClient as createCoreClient, type PolyaxonClient } from "../api/client.js";
import { ClientConfigError } from "../api/errors.js";
import type { ClientOptions } from "../api/options.js";
import { SettingsError } from "../settings/errors.js";
import { consoleNotifier } from "../tracking/notice.js";
import { parsePemCertificates, readPemFile, withDefaultRoots } from "./certificates.js";
import { leanFetch } from "./lean-fetch.js";
import { bypassesProxy } from "./no-proxy.js";
import { createNodeFetch, type Route } from "./node-fetch.js";
import { parseProxyUrl, readProxyEnv } from "./proxy-env.js";

/** How the Node client reaches the server: proxy and TLS. Ignored when `fetch` is given. */
export interface NetworkOptions {
  /**
   * Proxy for every request (`http://proxy:3128`, `https://…`, `user:password@` for Basic
   * auth), or `false` for none. Default: the environment, by the API URL's scheme:
   * `https_proxy`/`HTTPS_PROXY` or `http_proxy`/`HTTP_PROXY` (lower case first).
   */
  proxy?: string | false | undefined;
  /**
   * Hosts reached directly, in `NO_PROXY` syntax (`localhost,.corp.example,10.0.0.0/8`).
   * Default: `no_proxy`/`NO_PROXY` from the environment; `""` for none.
   */
  noProxy?: string | undefined;
  /** Extra trusted CA certificates in PEM (text or bytes; one, a bundle, or a list), added to Node's roots. */
  ca?: string | Uint8Array | ReadonlyArray<string | Uint8Array> | undefined;
  /** A PEM file of extra trusted CA certificates, added to Node's roots (and to `ca`). */
  caFile?: string | undefined;
  /**
   * `false` turns TLS certificate verification off for this client only (one warning per
   * process); never process-wide. Default true.
   */
  verifySsl?: boolean | undefined;
  /** Receives the insecure-TLS warning. Default: stderr, once per process. */
  onWarning?: ((message: string) => void) | undefined;
}

/** Options of the Node `createClient`: the low-level client's options plus proxy and TLS. */
export interface NodeClientOptions extends ClientOptions, NetworkOptions {}

export const INSECURE_WARNING =
  "TLS certificate verification is off for Polyaxon requests (POLYAXON_VERIFY_SSL=false or verifySsl: false): " +
  "anyone on the network path can read or change them, API token included. Trust the server's CA instead " +
  "with POLYAXON_CA_BUNDLE or the `ca` option.";

let warned = false;

/**
 * Creates the typed low-level client for Node: {@link ClientOptions} plus proxies
 * (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` by default), extra CAs and `verifySsl`, sent over
 * undici's agents. With no proxy in the way and default TLS, requests use the global fetch,
 * as the browser-safe client does. An injected `fetch` wins over every network option.
 * Throws {@link ClientConfigError} for bad options (or `SettingsError` for a bad proxy
 * environment variable) before any request is sent.
 *
 * `buffered` (internal: the delivery thread) sends a direct, default-TLS route's requests with
 * `leanFetch` over node:http, their bodies kept as bytes (`BufferedRequest`).
 */
export function createClient(options: NodeClientOptions, buffered = false): PolyaxonClient {
  if (options.fetch !== undefined) return createCoreClient(options);
  const route = resolveRoute(new URL(resolveBaseUrl(options)), options);
  if (route === undefined && buffered) return createClientFor<paths>({ ...options, fetch: leanFetch }, BufferedRequest);
  if (route === undefined) return createCoreClient(options);
  return createCoreClient({ ...options, fetch: createNodeFetch(route) });
}

/** The route to `target`, or undefined when the global fetch does the same (direct, default TLS). */
function resolveRoute(target: URL, options: NetworkOptions): Route | undefined {
  const env = readProxyEnv(process.env);
  const proxy = pickProxy(target, options, env);
  const verify = options.verifySsl ?? true;
  const extra = [...certificatesOption(options.ca), ...certificatesFile(options.caFile)];
  const usesTls = target.protocol === "https:" || proxy?.protocol === "https:";
  if (!usesTls) return proxy === undefined ? undefined : { proxy, tls: { verify: true, ca: undefined } };
  if (!verify) warnInsecure(options.onWarning);
  if (proxy === undefined && verify && extra.length === 0) return undefined;
  return { proxy, tls: { verify, ca: extra.length === 0 ? undefined : withDefaultRoots(extra) } };
}

function pickProxy(target: URL, options: NetworkOptions, env: ReturnType<typeof readProxyEnv>): URL | undefined {
  if (options.proxy === false) return undefined;
  let proxy: URL;
  if (options.proxy === undefined) {
    const fromEnv = target.protocol === "https:" ? env.https : env.http;
    if (fromEnv === undefined) return undefined;
    const parsed = parseProxyUrl(fromEnv.value);
    if (typeof parsed === "string") {
      throw new SettingsError(`${fromEnv.variable} ${parsed}`, { variable: fromEnv.variable });
    }
    proxy = parsed;
  } else {
    const parsed = parseProxyUrl(options.proxy);
    if (typeof parsed === "string") throw new ClientConfigError(`\`proxy\` ${parsed}`, "proxy");
    proxy = parsed;
  }
  const noProxy = options.noProxy ?? env.noProxy?.value ?? "";
  return bypassesProxy(target, noProxy) ? undefined : proxy;
}

function certificatesOption(ca: NetworkOptions["ca"]): string[] {
  if (ca === undefined) return [];
  const items = typeof ca === "string" || ca instanceof Uint8Array ? [ca] : ca;
  return items.flatMap((item) => {
    const text = typeof item === "string" ? item : new TextDecoder().decode(item);
    const certificates = parsePemCertificates(text);
    if (typeof certificates === "string") throw new ClientConfigError(`\`ca\` ${certificates}`, "ca");
    return certificates;
  });
}

function certificatesFile(path: string | undefined): string[] {
  if (path === undefined) return [];
  const certificates = readPemFile(path);
  if (typeof certificates === "string") throw new ClientConfigError(`\`caFile\` ${certificates}`, "caFile");
  return certificates;
}

function warnInsecure(onWarning: ((message: string) => void) | undefined): void {
  if (warned) return;
  warned = true;
  (onWarning ?? consoleNotifier.warn)(INSECURE_WARNING);
}
