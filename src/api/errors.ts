import { PolyaxonError } from "../errors.js";
import { reasonPhrase } from "./reason-phrases.js";

/**
 * Bad client options, rejected by `createClient` before any request is sent
 * (no host, malformed host or port, empty token…).
 */
export class ClientConfigError extends PolyaxonError {
  override name = "ClientConfigError";
  /** The option that was rejected, e.g. `"host"`, `"port"`, `"token"`. */
  readonly option: string;
  constructor(message: string, option: string) {
    super(message);
    this.option = option;
  }
}

/** What every request error records about the request that failed (never its headers or body). */
export interface RequestErrorContext {
  /** HTTP method, upper case. */
  method: string;
  /** The spec path, e.g. `/{username}/{project_name}/experiments/{id}/`. */
  pathTemplate: string;
  /** The URL that was requested, with userinfo removed and secret-looking query values redacted. */
  url: string;
  /** How many attempts were made, retries included (1 = no retry). */
  attempts: number;
  /** Whether the client's retry policy treats this failure as retryable for this method. */
  retryable: boolean;
  /**
   * Whether the server may have applied the request despite the failure. A delivery layer
   * that re-sends a POST later must de-duplicate (or accept duplicates) when this is true.
   */
  mayHaveBeenApplied: boolean;
}

/**
 * Base of the errors raised for one API call: the server answered non-2xx ({@link APIError})
 * or no usable answer arrived ({@link APIConnectionError}, {@link APITimeoutError}).
 */
export abstract class APIRequestError extends PolyaxonError {
  readonly method: string;
  readonly pathTemplate: string;
  readonly url: string;
  readonly attempts: number;
  readonly retryable: boolean;
  readonly mayHaveBeenApplied: boolean;
  constructor(message: string, context: RequestErrorContext, options?: ErrorOptions) {
    super(message, options);
    this.method = context.method;
    this.pathTemplate = context.pathTemplate;
    this.url = context.url;
    this.attempts = context.attempts;
    this.retryable = context.retryable;
    this.mayHaveBeenApplied = context.mayHaveBeenApplied;
  }
}

/** What the server answered. */
export interface ResponseErrorDetails {
  status: number;
  statusText: string;
  /** Parsed JSON when the body is JSON, else the text (truncated); `undefined` when empty. */
  body: unknown;
  /** Response headers, lower-case names, credentials redacted. */
  headers: Readonly<Record<string, string>>;
  /** A short one-line rendering of the body for the message. */
  bodySummary: string;
}

/**
 * The server answered with a non-2xx status. Subclasses by status: {@link BadRequestError},
 * {@link AuthenticationError}, {@link PermissionDeniedError}, {@link NotFoundError},
 * {@link ConflictError}, {@link RateLimitError}, {@link InternalServerError}; other statuses
 * are plain `APIError`s.
 */
export class APIError extends APIRequestError {
  override name = "APIError";
  readonly status: number;
  readonly statusText: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  /** The `X-Request-Id` response header, when the server (or a proxy) sent one. */
  readonly requestId: string | undefined;
  constructor(context: RequestErrorContext, details: ResponseErrorDetails) {
    super(responseMessage(context, details), context);
    this.status = details.status;
    this.statusText = details.statusText;
    this.body = details.body;
    this.headers = details.headers;
    this.requestId = details.headers["x-request-id"];
  }
}

function responseMessage(context: RequestErrorContext, details: ResponseErrorDetails): string {
  const reason = details.statusText || reasonPhrase(details.status);
  const head = `${context.method} ${context.pathTemplate} → ${details.status}${reason ? ` ${reason}` : ""}`;
  const retries = context.attempts > 1 ? ` (after ${context.attempts} attempts)` : "";
  return details.bodySummary ? `${head}: ${details.bodySummary}${retries}` : `${head}${retries}`;
}

/** 400: the server rejected the payload; `body` holds the field errors. */
export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
/** 401: missing, unknown or expired token (or wrong `authScheme`). */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
/** 403: authenticated but not allowed (e.g. writing to someone else's project). */
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
/** 404: no such user, project or experiment (or it belongs to another project). */
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
/** 409: conflicts with the current state. */
export class ConflictError extends APIError {
  override name = "ConflictError";
}
/** 429: throttled. `retryAfterMs` comes from the `Retry-After` header, when present. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
  readonly retryAfterMs: number | undefined;
  constructor(context: RequestErrorContext, details: ResponseErrorDetails, retryAfterMs: number | undefined) {
    super(context, details);
    this.retryAfterMs = retryAfterMs;
  }
}
/** 5xx: the server (or a proxy in front of it) failed. */
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/** What is known about a 2xx answer whose body could not be read. */
export interface DecodeErrorDetails {
  status: number;
  /** The `Content-Type` the server sent; undefined when it sent none. */
  contentType: string | undefined;
  /** The start of the (decompressed) body on one line, secrets redacted. */
  excerpt: string;
  /** Why it could not be decoded, e.g. `not JSON`, `gzip layer 2 does not decompress`. */
  reason: string;
}

/**
 * The server answered 2xx, but the body cannot be read as the operation promises: an HTML
 * page (a proxy, a captive portal) where JSON is expected, a truncated gzip stream, binary
 * bytes where text is expected. The request was answered, so it may have been applied;
 * the client does not retry it.
 */
export class APIResponseDecodeError extends APIRequestError {
  override name = "APIResponseDecodeError";
  readonly status: number;
  readonly contentType: string | undefined;
  readonly excerpt: string;
  constructor(context: RequestErrorContext, details: DecodeErrorDetails) {
    const type = details.contentType === undefined ? "no content-type" : `content-type ${details.contentType || '""'}`;
    const shown = details.excerpt === "" ? "" : `: ${JSON.stringify(details.excerpt)}`;
    super(
      `${context.method} ${context.pathTemplate} → ${details.status} with a body that cannot be read (${details.reason}; ${type})${shown}`,
      context,
    );
    this.status = details.status;
    this.contentType = details.contentType;
    this.excerpt = details.excerpt;
  }
}

/** What is known about a request that got no HTTP answer. */
export interface ConnectionErrorContext extends RequestErrorContext {
  /**
   * `false` when the request certainly never reached the server (connection refused, DNS
   * failure, TLS handshake failure); `true` when it may have been sent.
   */
  requestSent: boolean;
  /** The system error code when known, e.g. `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`. */
  code: string | undefined;
}

/** No HTTP answer: refused connection, DNS failure, reset socket, TLS failure… */
export class APIConnectionError extends APIRequestError {
  override name = "APIConnectionError";
  readonly requestSent: boolean;
  readonly code: string | undefined;
  constructor(message: string, context: ConnectionErrorContext, options?: ErrorOptions) {
    super(message, context, options);
    this.requestSent = context.requestSent;
    this.code = context.code;
  }
}

/** An attempt got no response headers within `timeoutMs` (the last one, when retries ran out). */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
  readonly timeoutMs: number;
  constructor(message: string, context: ConnectionErrorContext, timeoutMs: number) {
    super(message, context);
    this.timeoutMs = timeoutMs;
  }
}
