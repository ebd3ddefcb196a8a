/**
 * What the fake answers, as plain data both adapters turn into their own response: the node
 * server writes it byte for byte, the msw adapter wraps it in a `Response`. Shapes and headers
 * follow the recorded v0.6.1 server (shared/real-server/README.md).
 */
import { gzipSync } from "node:zlib";

export interface Answer {
  status: number;
  /** Lower-case names. No `content-type` at all for an empty body, as the server does. */
  headers: Record<string, string>;
  /** The bytes on the wire (gzip layers included). */
  body: Uint8Array;
  /** How many gzip layers the body carries (0, 1, or 2 for large metric lists). */
  gzipLayers: number;
  /** The body before any gzip layer, as text (for checks and the request log). */
  text: string;
}

/** The socket is destroyed without an answer (an injected fault). */
export interface Drop {
  drop: true;
}

const encoder = new TextEncoder();

function answer(status: number, headers: Record<string, string>, text: string): Answer {
  return { status, headers, body: encoder.encode(text), gzipLayers: 0, text };
}

/** A JSON answer (a bare string or list is JSON too: the server sends those on errors). */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
  return answer(status, { "content-type": "application/json", ...headers }, JSON.stringify(value));
}

/** An empty answer: no body and no `content-type` (heartbeat, list metric POST, deletes). */
export function empty(status: number, headers: Record<string, string> = {}): Answer {
  return answer(status, headers, "");
}

/** A text body with the given content type (logs come as `text/html; charset=utf-8`). */
export function text(status: number, body: string, contentType: string): Answer {
  return answer(status, { "content-type": contentType }, body);
}

/** The server's HTML error page (unhandled errors on GET, and gateway failures). */
export function htmlError(status: number, headers: Record<string, string> = {}): Answer {
  const title = status === 500 ? "Polyaxon" : `${status}`;
  return answer(
    status,
    { "content-type": "text/html; charset=utf-8", ...headers },
    `<!DOCTYPE html>\n<html>\n<head>\n    <title>${title}</title>\n</head>\n<body>\n<h1>Server Error (${status})</h1>\n</body>\n</html>\n`,
  );
}

export const NOT_FOUND = (headers: Record<string, string> = {}): Answer => json(404, { detail: "Not found." }, headers);
export const FORBIDDEN = (headers: Record<string, string> = {}): Answer =>
  json(403, { detail: "You do not have permission to perform this action." }, headers);

/**
 * Django REST framework's two throttle answers: with a wait in seconds (and `Retry-After`),
 * or without one.
 */
export function throttled(wait?: number): Answer {
  if (wait === undefined) return json(429, { detail: "Request was throttled." });
  return json(
    429,
    { detail: `Request was throttled. Expected available in ${wait} seconds.` },
    { "retry-after": String(wait) },
  );
}

/**
 * Gzips `answer` as Polyaxon's `@gzip()` decorator does: level 6, kept only when strictly
 * smaller, then `Content-Encoding: gzip`. `layers: 2` offers the result to gzip once more
 * (the metric list passes through the decorator twice; the header is only set once).
 */
export function gzipped(answer: Answer, layers: 1 | 2): Answer {
  let body = answer.body;
  let applied = 0;
  for (let layer = 0; layer < layers; layer++) {
    const packed = gzipSync(body, { level: 6 });
    if (packed.length >= body.length) break;
    body = packed;
    applied += 1;
  }
  if (applied === 0) return answer;
  return { ...answer, body, gzipLayers: applied, headers: { ...answer.headers, "content-encoding": "gzip" } };
}
