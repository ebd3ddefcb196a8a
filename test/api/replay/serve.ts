/**
 * Serves one recorded answer with msw exactly as the server sent it (status, recorded
 * headers, raw bytes with every gzip layer), after checking that the request the client sent
 * is the recorded one.
 */
import { HttpResponse, http } from "msw";
import { API_PREFIX, decodedResponseBytes, type Exchange, RECORDED_BASE_URL, responseBytes } from "./exchanges.js";

/**
 * The recording replaced the tokens the server returned (login, token exchanges) by
 * `<token>`; the real server sends 64 hex characters, which the spec requires.
 */
export const SERVED_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

function withToken(exchange: Exchange, bytes: Buffer): Buffer {
  if (!exchange.redacted?.includes("response_body") || exchange.gzip_layers > 0) return bytes;
  return Buffer.from(bytes.toString("utf8").replaceAll('"<token>"', `"${SERVED_TOKEN}"`), "utf8");
}

/** The bytes served: the recorded ones, token placeholder filled in. */
export function servedBytes(exchange: Exchange): Buffer {
  return withToken(exchange, responseBytes(exchange));
}

const decodedCache = new Map<number, Buffer>();

/** The served body without its gzip layers: what the client must end up with. */
export function servedDecodedBytes(exchange: Exchange): Buffer {
  let bytes = decodedCache.get(exchange.seq);
  if (!bytes) {
    bytes = withToken(exchange, decodedResponseBytes(exchange));
    decodedCache.set(exchange.seq, bytes);
  }
  return bytes;
}

const NULL_BODY = new Set([204, 205, 304]);

/** Differences between the request the client sent and the recorded one. */
export async function requestMismatches(exchange: Exchange, request: Request): Promise<string[]> {
  const problems: string[] = [];
  const url = new URL(request.url);
  if (request.method !== exchange.method) problems.push(`method ${request.method}, recorded ${exchange.method}`);
  if (url.pathname !== exchange.path) problems.push(`path ${url.pathname}, recorded ${exchange.path}`);
  const sent: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    sent[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  if (JSON.stringify(sortKeys(sent)) !== JSON.stringify(sortKeys(exchange.query))) {
    problems.push(`query ${JSON.stringify(sent)}, recorded ${JSON.stringify(exchange.query)}`);
  }
  const text = await request.text();
  if (exchange.request_body_as === null && text !== "") problems.push(`body ${text.slice(0, 80)}, recorded none`);
  if (exchange.request_body_as === "json") {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`body is not JSON: ${text.slice(0, 80)}`);
    }
    if (JSON.stringify(body) !== JSON.stringify(exchange.request_body)) {
      problems.push(`body ${text.slice(0, 120)}, recorded ${JSON.stringify(exchange.request_body).slice(0, 120)}`);
    }
  }
  const scheme = (header: string | null | undefined) => (header ?? "").split(" ")[0];
  if (scheme(request.headers.get("authorization")) !== scheme(exchange.request_headers.authorization)) {
    problems.push(`authorization scheme ${scheme(request.headers.get("authorization")) || "(none)"}`);
  }
  const internal = exchange.request_headers["x-polyaxon-internal"];
  if ((request.headers.get("x-polyaxon-internal") ?? undefined) !== internal) {
    problems.push(`x-polyaxon-internal ${request.headers.get("x-polyaxon-internal")}, recorded ${internal}`);
  }
  return problems;
}

function sortKeys(record: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * An msw handler answering one request with the recorded answer. Request mismatches are
 * collected in `mismatches` (a throw inside a resolver would turn into a confusing 500).
 */
export function recordedAnswer(exchange: Exchange, mismatches: string[]) {
  const origin = RECORDED_BASE_URL.slice(0, -API_PREFIX.length);
  return http.all(`${origin}/*`, async ({ request }) => {
    mismatches.push(...(await requestMismatches(exchange, request)));
    const headers = new Headers(exchange.response_headers);
    const body = NULL_BODY.has(exchange.status) ? null : servedBytes(exchange);
    return new HttpResponse(body, { status: exchange.status, headers });
  });
}
