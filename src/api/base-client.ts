import createOpenApiClient, { type Client } from "openapi-fetch";
import { SDK_VERSION } from "../version.js";
import { resolveBaseUrl } from "./base-url.js";
import { ErrorFactory } from "./error-factory.js";
import { ClientConfigError } from "./errors.js";
import { AttemptLedger } from "./middleware/attempts.js";
import { decodeMiddleware } from "./middleware/decode.js";
import { errorsMiddleware } from "./middleware/errors.js";
import { type HeaderSettings, headersMiddleware } from "./middleware/headers.js";
import { retryMiddleware } from "./middleware/retry.js";
import { CLIENT_DEFAULTS, type ClientOptions } from "./options.js";
import { resolveRetryPolicy } from "./retry.js";
import { withTimeout } from "./timeout.js";

/** RFC 9110 token: what an auth scheme keyword or a header name may contain. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const MAX_TIMER_MS = 2_147_483_647;

/**
 * The default User-Agent, `polyaxon-tracking/<sdk version> node/<node version>`, when running on
 * Node (or a runtime that reports a Node version). Browsers forbid setting `User-Agent`, so there
 * it is `undefined` and the runtime's own is sent. Read at call time through `globalThis`, so the
 * module itself touches no Node global.
 */
export function defaultUserAgent(): string | undefined {
  const runtime = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  const node = runtime?.versions?.node;
  return typeof node === "string" ? `polyaxon-tracking/${SDK_VERSION} node/${node}` : undefined;
}

/**
 * Builds an openapi-fetch client for any `paths` type with the SDK's middleware:
 * decode → headers → errors → caller middleware → retry (last, see retry.ts). Responses pass
 * through them in reverse: retry decides the final outcome, the caller's middleware sees it, errors
 * throws, and decode (see decode.ts) normalises the body right before openapi-fetch reads it.
 * `createClient` binds it to the generated Polyaxon `paths`; tests use it with small local
 * path types.
 * Every option is validated here, before any request can be sent.
 *
 * `requestClass` (internal) is the `Request` openapi-fetch builds; it must suit `options.fetch`
 * (a `BufferedRequest` goes with `leanFetch`).
 */
export function createClientFor<Paths extends {}>(
  options: ClientOptions,
  requestClass?: typeof Request,
): Client<Paths> {
  const baseUrl = resolveBaseUrl(options);
  const headers = resolveHeaders(options);
  const timeoutMs = options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs;
  // Node fires longer timers immediately, so the largest delay is 2^31-1 ms; Infinity means none.
  if (!(timeoutMs > 0) || (timeoutMs > MAX_TIMER_MS && timeoutMs !== Number.POSITIVE_INFINITY)) {
    throw new ClientConfigError(
      `\`timeoutMs\` must be a positive number of ms up to ${MAX_TIMER_MS} (or Infinity for none), got ${String(timeoutMs)}`,
      "timeoutMs",
    );
  }
  const policy = resolveRetryPolicy(options.retry);
  // Looked up per call, so an interceptor installed after createClient (msw) still applies.
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));

  const fetch = timeoutMs === Number.POSITIVE_INFINITY ? baseFetch : withTimeout(baseFetch, timeoutMs);
  const client = createOpenApiClient<Paths>(
    requestClass === undefined ? { baseUrl, fetch } : { baseUrl, fetch, Request: requestClass },
  );
  const ledger = new AttemptLedger();
  const factory = new ErrorFactory(options.token === undefined ? [] : [options.token]);
  client.use(
    decodeMiddleware(factory, ledger),
    headersMiddleware(headers),
    errorsMiddleware(factory, ledger, options.throwOnError ?? true),
    ...(options.middleware ?? []),
    retryMiddleware(policy, ledger, factory),
  );
  return client;
}

function resolveHeaders(options: ClientOptions): HeaderSettings {
  const { token, internalService } = options;
  const scheme = options.authScheme ?? CLIENT_DEFAULTS.authScheme;
  if (!HTTP_TOKEN.test(scheme)) {
    throw new ClientConfigError(
      `\`authScheme\` must be a single word like "Token", got ${JSON.stringify(scheme)}`,
      "authScheme",
    );
  }
  if (token !== undefined && token.trim() === "") {
    throw new ClientConfigError("`token` is an empty string: pass a token or leave it out", "token");
  }
  if (token !== undefined && /[\s\p{Cc}]/u.test(token)) {
    // Never echo the token itself.
    throw new ClientConfigError(
      "`token` contains whitespace or control characters (check for a trailing newline)",
      "token",
    );
  }
  let internal: HeaderSettings["internal"];
  if (internalService !== undefined) {
    const name = internalService.header ?? CLIENT_DEFAULTS.internalHeader;
    if (!HTTP_TOKEN.test(name)) {
      throw new ClientConfigError(
        `\`internalService.header\` is not a valid header name: ${JSON.stringify(name)}`,
        "internalService.header",
      );
    }
    if (!/^[\x21-\x7e]+$/.test(internalService.service)) {
      throw new ClientConfigError(
        `\`internalService.service\` must be a non-empty word like "runner", got ${JSON.stringify(internalService.service)}`,
        "internalService.service",
      );
    }
    internal = { name, value: internalService.service };
  }
  const userAgent = options.userAgent ?? defaultUserAgent();
  if (userAgent !== undefined && (/[\r\n]/.test(userAgent) || userAgent.trim() === "")) {
    throw new ClientConfigError("`userAgent` must be a non-empty single line", "userAgent");
  }
  return {
    authorization: token === undefined ? undefined : `${scheme} ${token}`,
    internal,
    userAgent,
    keepAlive: options.keepAlive ?? false,
  };
}
