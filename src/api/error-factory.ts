import { excerpt, gunzipLayers, utf8 } from "./body.js";
import {
  APIConnectionError,
  APIError,
  APIResponseDecodeError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestErrorContext,
  type ResponseErrorDetails,
} from "./errors.js";
import { classifyFailure } from "./failures.js";
import { redactHeaders, redactText, redactUrl } from "./redact.js";
import {
  isIdempotent,
  isRetryableFailure,
  isRetryableStatus,
  parseRetryAfter,
  statusMayHaveBeenApplied,
} from "./retry.js";
import { AttemptTimeout } from "./timeout.js";

/** Bodies larger than this are kept as truncated text rather than parsed. */
const MAX_PARSED_BODY_CHARS = 64 * 1024;
/** Longest text body kept on an error. */
const MAX_TEXT_BODY_CHARS = 4 * 1024;
/** Longest body rendering in a message. */
const MAX_SUMMARY_CHARS = 300;
/** What to do about a certificate the client does not trust (retrying cannot help). */
const TLS_HINT =
  "the server's TLS certificate is not trusted: add its CA with POLYAXON_CA_BUNDLE (or the `ca` option), " +
  "or turn verification off with POLYAXON_VERIFY_SSL=false";

/** Where the failed request went; from openapi-fetch's middleware parameters. */
export interface FailedRequest {
  request: Request;
  schemaPath: string;
  attempts: number;
}

/** Builds the typed errors, redacting the configured secrets from everything it copies. */
export class ErrorFactory {
  readonly #secrets: readonly string[];
  constructor(secrets: readonly string[]) {
    this.#secrets = secrets.filter((s) => s.length > 0);
  }

  /** Reads (and so consumes) the body of a non-2xx response and returns the matching error. */
  async fromResponse(failed: FailedRequest, response: Response): Promise<APIError> {
    const method = failed.request.method;
    const status = response.status;
    const text = redactText(await readErrorBody(response), this.#secrets);
    const crashed = isServerCrash(method, status, text);
    const context: RequestErrorContext = {
      ...this.#where(failed),
      retryable: !crashed && isRetryableStatus(method, status),
      mayHaveBeenApplied: crashed || statusMayHaveBeenApplied(status),
    };
    const body = parseBody(text);
    const details: ResponseErrorDetails = {
      status,
      statusText: response.statusText,
      body,
      headers: redactHeaders(response.headers, this.#secrets),
      bodySummary: crashed ? crashSummary(method) : summarize(body, response.headers.get("content-type")),
    };
    if (crashed) return new InternalServerError(context, details);
    if (status === 429)
      return new RateLimitError(context, details, parseRetryAfter(response.headers.get("retry-after")));
    if (status >= 500) return new InternalServerError(context, details);
    const ErrorClass = BY_STATUS[status] ?? APIError;
    return new ErrorClass(context, details);
  }

  /** A 2xx answer whose (decompressed) body cannot be read as the operation promises. */
  undecodable(failed: FailedRequest, response: Response, bytes: Uint8Array, reason: string): APIResponseDecodeError {
    const context: RequestErrorContext = { ...this.#where(failed), retryable: false, mayHaveBeenApplied: true };
    return new APIResponseDecodeError(context, {
      status: response.status,
      contentType: response.headers.get("content-type") ?? undefined,
      excerpt: redactText(excerpt(utf8(bytes.subarray(0, 4096))), this.#secrets),
      reason,
    });
  }

  /** The error for a fetch that rejected (no HTTP answer). */
  fromFailure(failed: FailedRequest, error: unknown): APIConnectionError {
    const method = failed.request.method;
    const where = this.#where(failed);
    const after = failed.attempts > 1 ? ` (after ${failed.attempts} attempts)` : "";
    if (error instanceof AttemptTimeout) {
      const context = {
        ...where,
        retryable: isIdempotent(method),
        mayHaveBeenApplied: true,
        requestSent: true,
        code: "ETIMEDOUT",
      };
      const message = `${method} ${failed.schemaPath} → no response within ${error.timeoutMs} ms${after}`;
      return new APITimeoutError(message, context, error.timeoutMs);
    }
    const failure = classifyFailure(error);
    const context = {
      ...where,
      retryable: isRetryableFailure(method, failure),
      mayHaveBeenApplied: failure.requestSent,
      requestSent: failure.requestSent,
      code: failure.code,
    };
    const detail = redactText(failure.code ? `${failure.code}: ${failure.detail}` : failure.detail, this.#secrets);
    const sent = failure.requestSent ? "" : "; nothing was sent";
    const hint = failure.permanent ? `; ${TLS_HINT}` : "";
    const message = `${method} ${failed.schemaPath} → connection failed (${detail})${sent}${after}${hint}`;
    return new APIConnectionError(message, context, { cause: this.#safeCause(error) });
  }

  #where(failed: FailedRequest): Pick<RequestErrorContext, "method" | "pathTemplate" | "url" | "attempts"> {
    return {
      method: failed.request.method,
      pathTemplate: failed.schemaPath,
      url: redactUrl(failed.request.url, this.#secrets),
      attempts: failed.attempts,
    };
  }

  /** Keeps the original error as `cause` (useful stack, codes) unless it would show a secret. */
  #safeCause(error: unknown): unknown {
    if (!mentionsSecret(error, this.#secrets)) return error;
    return new Error(redactText(error instanceof Error ? error.message : String(error), this.#secrets));
  }
}

/**
 * Polyaxon's error page is a view that only answers GET: when a POST, PUT, PATCH or DELETE
 * view raises, the server answers 405 with an empty body instead of a 500. That is a server
 * failure (which may have written before it failed), not "method not supported": a real
 * method refusal from the framework carries a `{"detail": …}` body.
 */
function isServerCrash(method: string, status: number, text: string): boolean {
  return status === 405 && method !== "GET" && method !== "HEAD" && text.trim() === "";
}

function crashSummary(method: string): string {
  return `empty body: the server failed while handling this ${method} (Polyaxon answers 405 when a view crashes)`;
}

/** The text of an error body, gzip layers removed; empty when it cannot be read. */
async function readErrorBody(response: Response): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    return "";
  }
  try {
    return utf8(await gunzipLayers(bytes));
  } catch {
    return utf8(bytes);
  }
}

/**
 * Whether any string reachable from `value` (message, stack, cause chain, own fields, inner
 * errors; 6 levels deep) contains a secret. A walk of our own instead of `util.inspect`, which
 * is Node-only.
 */
function mentionsSecret(value: unknown, secrets: readonly string[], depth = 6, seen = new Set<object>()): boolean {
  // The same whole-token rule as the redaction: a short token inside a word is not a mention.
  if (typeof value === "string") return redactText(value, secrets) !== value;
  if (typeof value !== "object" || value === null || depth < 0 || seen.has(value)) return false;
  seen.add(value);
  const fields: unknown[] = Object.values(value);
  if (value instanceof Error) fields.push(value.message, value.stack, value.cause);
  if (value instanceof AggregateError) fields.push(...value.errors);
  return fields.some((field) => mentionsSecret(field, secrets, depth - 1, seen));
}

const BY_STATUS: Partial<Record<number, typeof APIError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
};

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  if (text.length <= MAX_PARSED_BODY_CHARS) {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
  }
  return truncate(text, MAX_TEXT_BODY_CHARS);
}

/** One line for the message: compact JSON, or the title/text of an HTML page, or the text. */
function summarize(body: unknown, contentType: string | null): string {
  if (body === undefined) return "";
  if (typeof body !== "string") return truncate(JSON.stringify(body), MAX_SUMMARY_CHARS);
  const html = contentType?.includes("html") || /^\s*</.test(body);
  if (!html) return truncate(body.replace(/\s+/g, " ").trim(), MAX_SUMMARY_CHARS);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  const text = title ?? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ");
  return truncate(text.replace(/\s+/g, " ").trim(), MAX_SUMMARY_CHARS);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
