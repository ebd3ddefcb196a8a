import type { Dispatcher } from "undici";
import { NULL_BODY_STATUSES } from "./global-fetch.js";
import { displayProxy } from "./proxy-env.js";

/** How one client reaches its server. */
export interface Route {
  /** The proxy every request goes through; undefined for a direct connection. */
  readonly proxy: URL | undefined;
  /** Trust and verification for TLS (to the server and to an https proxy). */
  readonly tls: TlsSettings;
}

export interface TlsSettings {
  /** false turns certificate verification off (this client only). */
  readonly verify: boolean;
  /** The full trust store in PEM; undefined keeps Node's default. */
  readonly ca: readonly string[] | undefined;
}

type Fetch = (request: Request) => Promise<Response>;
type Undici = typeof import("undici");

/**
 * A fetch that sends each request over undici's own agents: a `ProxyAgent` (CONNECT tunnel
 * for https, an absolute-form forward for http targets, as curl does) or a plain `Agent`,
 * with the route's TLS settings. It uses undici's own `fetch`: Node 20's global fetch bundles
 * undici 6, whose dispatcher contract differs from the undici 7 agents. openapi-fetch hands it
 * a global `Request` and needs a global `Response` back, so both are converted. undici is
 * imported on the first request, so a direct connection never pays its load time.
 */
export function createNodeFetch(route: Route): Fetch {
  let loaded: Promise<{ undici: Undici; dispatcher: Dispatcher }> | undefined;
  return async (request) => {
    loaded ??= import("undici").then((undici) => ({ undici, dispatcher: dispatcherFor(undici, route) }));
    const { undici, dispatcher } = await loaded;
    // A buffered body is sent with Content-Length: a stream would go chunked, which WSGI servers
    // such as the Polyaxon API's may not read.
    const body = request.body === null ? null : await request.arrayBuffer();
    let answer: Awaited<ReturnType<Undici["fetch"]>>;
    try {
      answer = await undici.fetch(request.url, {
        method: request.method,
        headers: [...request.headers],
        body,
        signal: request.signal,
        redirect: request.redirect,
        dispatcher,
      });
    } catch (error) {
      throw tunnelFailure(error, route.proxy, request.url) ?? error;
    }
    return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, {
      status: answer.status,
      statusText: answer.statusText,
      headers: [...answer.headers],
    });
  };
}

function dispatcherFor(undici: Undici, route: Route): Dispatcher {
  const tls = {
    rejectUnauthorized: route.tls.verify,
    ...(route.tls.ca === undefined ? {} : { ca: [...route.tls.ca] }),
  };
  if (route.proxy === undefined) return new undici.Agent({ connect: tls });
  // Credentials in the proxy URL become a Basic Proxy-Authorization header (undici does it).
  return new undici.ProxyAgent({ uri: route.proxy.href, requestTls: tls, proxyTls: tls, proxyTunnel: false });
}

/**
 * undici reports a proxy that refuses the CONNECT tunnel (407, 403, 502…) as an aborted
 * request. Re-raised as fetch does, with a cause coded `ERR_PROXY_TUNNEL` (Node 24's code for
 * the same failure) and a message naming the proxy: nothing reached the server.
 */
function tunnelFailure(error: unknown, proxy: URL | undefined, target: string): TypeError | undefined {
  if (proxy === undefined || !(error instanceof Error)) return undefined;
  let status: string | undefined;
  // fetch failed → DOMException "Request was cancelled." → RequestAbortedError "Proxy response (407) …"
  for (let cause = error.cause; cause instanceof Error && status === undefined; cause = cause.cause) {
    status = /Proxy response \((\d+)\) !== 200/.exec(cause.message)?.[1];
  }
  if (status === undefined) return undefined;
  const cause = Object.assign(
    new Error(`the proxy ${displayProxy(proxy)} refused the tunnel to ${new URL(target).host} with HTTP ${status}`),
    { code: "ERR_PROXY_TUNNEL" },
  );
  return new TypeError(error.message, { cause });
}
