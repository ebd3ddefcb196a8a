/**
 * Serves exchanges recorded with the real v0.6.1 server (test/fixtures/real-server/) to code
 * under test, through the spec-checked msw handlers: every request and every recorded answer is
 * checked against openapi/spec.yaml, and the answer's bytes are the server's (every gzip layer,
 * its headers, `text/html` logs, bare-string 404s).
 *
 *   const script = recordedScript([160, 282, 135, 279]);
 *   server.use(...script.handlers);
 *   … run the code …
 *   expect(script.unmatched).toEqual([]);
 */
import { type HttpHandler, HttpResponse } from "msw";
import { operationOf } from "../api/replay/call.js";
import { API_PREFIX, type Exchange, loadExchanges, RECORDED_BASE_URL } from "../api/replay/exchanges.js";
import { servedBytes, servedDecodedBytes } from "../api/replay/serve.js";
import { specHandler } from "./spec.js";

export { RECORDED_BASE_URL } from "../api/replay/exchanges.js";

/** The recording's server address, for settings (`apiHost`/`httpPort`) or CLI environments. */
export const RECORDED_HOST = "127.0.0.1";
export const RECORDED_PORT = Number(new URL(RECORDED_BASE_URL).port);

export interface RecordedScript {
  handlers: HttpHandler[];
  /** Requests for which no recorded exchange has the same method, path and query. */
  unmatched: string[];
  /** The seq of each exchange served, in order. */
  served: number[];
}

export function recordedExchange(seq: number): Exchange {
  const exchange = loadExchanges().find((candidate) => candidate.seq === seq);
  if (!exchange) throw new Error(`no recorded exchange #${seq}`);
  return exchange;
}

export function recordedExchanges(seqs: readonly number[]): Exchange[] {
  return seqs.map(recordedExchange);
}

/**
 * Handlers answering each request with the first exchange of `seqs` (in that order) of the same
 * method, path and query that was not served yet; once all of those were served, the last one
 * again (what a poll of an unchanged resource gets). A request without a recorded answer gets a
 * 599 and is listed in `unmatched`.
 */
export function recordedScript(seqs: readonly number[]): RecordedScript {
  const exchanges = recordedExchanges(seqs);
  const used = new Set<Exchange>();
  const unmatched: string[] = [];
  const served: number[] = [];
  const operationIds = [...new Set(exchanges.map((exchange) => operationOf(exchange).operationId))];
  const handlers = operationIds.map((operationId) =>
    specHandler(
      operationId,
      ({ request }) => {
        const url = new URL(request.url);
        const candidates = exchanges.filter(
          (exchange) =>
            exchange.method === request.method && exchange.path === url.pathname && sameQuery(exchange, url),
        );
        const exchange = candidates.find((candidate) => !used.has(candidate)) ?? candidates.at(-1);
        if (!exchange) {
          unmatched.push(`${request.method} ${url.pathname.slice(API_PREFIX.length)}${url.search}`);
          return new HttpResponse("no recorded answer", { status: 599 });
        }
        used.add(exchange);
        served.push(exchange.seq);
        const body = exchange.status === 204 ? null : servedBytes(exchange);
        return new HttpResponse(body, { status: exchange.status, headers: exchange.response_headers });
      },
      { baseUrl: RECORDED_BASE_URL },
    ),
  );
  return { handlers, unmatched, served };
}

/**
 * One handler answering the metric-list requests with the recorded page of `seqs` whose
 * `offset` is the one asked for (none asked: 0), whatever the other parameters; an offset
 * never recorded gets a 599.
 */
export function recordedPagesByOffset(seqs: readonly number[]): HttpHandler {
  const pages = recordedExchanges(seqs);
  return specHandler(
    "listExperimentMetrics",
    ({ request }) => {
      const offset = new URL(request.url).searchParams.get("offset") ?? "0";
      const page = pages.find((p) => p.query.offset === offset);
      if (!page) return new HttpResponse("no recorded page", { status: 599 });
      return new HttpResponse(servedBytes(page), { status: page.status, headers: page.response_headers });
    },
    { baseUrl: RECORDED_BASE_URL },
  );
}

function sameQuery(exchange: Exchange, url: URL): boolean {
  const sent: Record<string, string[]> = {};
  for (const key of new Set(url.searchParams.keys())) sent[key] = url.searchParams.getAll(key).sort();
  const recorded: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(exchange.query))
    recorded[key] = (Array.isArray(value) ? value : [value]).sort();
  const keys = new Set([...Object.keys(sent), ...Object.keys(recorded)]);
  return [...keys].every((key) => JSON.stringify(sent[key]) === JSON.stringify(recorded[key]));
}

/** The body of a recorded answer as the client must end up with it (gzip layers removed), parsed as JSON. */
export function recordedJson<T>(seq: number): T {
  return JSON.parse(recordedText(seq)) as T;
}

/** The body of a recorded text answer (logs). */
export function recordedText(seq: number): string {
  return servedDecodedBytes(recordedExchange(seq)).toString("utf8");
}
