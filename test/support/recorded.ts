/**
 * Exchanges recorded with a real, unmodified Polyaxon v0.6.1 server, verbatim lines of
 * shared/real-server/exchanges.jsonl (its README documents the fields): the paging-with-ties
 * reads (288–290), the duplicate-name flow (291–298), the async storage flow (300–320) and the
 * throttle answers (510, 524, 525). Kept in test/fixtures/ so the tests need nothing outside
 * the repository.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export interface Exchange {
  seq: number;
  method: string;
  /** Includes `/api/v1`, without the query string. */
  path: string;
  query: Record<string, string>;
  request_headers: Record<string, string>;
  request_body: unknown;
  status: number;
  response_headers: Record<string, string>;
  /** The body exactly as sent, every gzip layer included. */
  response_body_b64: string;
  response_body_decoded: unknown;
  gzip_layers: number;
}

/** The host the recording client used (and so the host of `next`/`previous` links). */
export const RECORDED_ORIGIN = "http://127.0.0.1:35159";

const FILE = new URL("../fixtures/recorded-exchanges.jsonl", import.meta.url);

let cached: Exchange[] | undefined;

export function recordedExchange(seq: number): Exchange {
  cached ??= readFileSync(FILE, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Exchange);
  const found = cached.find((e) => e.seq === seq);
  if (!found) throw new Error(`exchange ${seq} is not in test/fixtures/recorded-exchanges.jsonl`);
  return found;
}

/** The recorded body with `layers` gzip layers removed (what a client sees after HTTP decoding removes the rest). */
export function recordedBody(exchange: Exchange, layers = 0): Buffer {
  let body = Buffer.from(exchange.response_body_b64, "base64");
  for (let i = 0; i < layers; i++) body = gunzipSync(body);
  return body;
}
