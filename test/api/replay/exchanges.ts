/**
 * The HTTP exchanges recorded with a real, unmodified Polyaxon v0.6.1 server
 * (test/fixtures/real-server/: a gzipped copy of ../shared/real-server/exchanges.jsonl and its
 * README). Each line is one request and the server's answer, raw bytes included.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export interface Exchange {
  seq: number;
  method: string;
  /** Includes `/api/v1`, without the query string. */
  path: string;
  /** A repeated key becomes a list. */
  query: Record<string, string | string[]>;
  /** Lower-case names; `authorization` is `"<scheme> <token>"`. */
  request_headers: Record<string, string>;
  request_body: unknown;
  request_body_as: "json" | "text" | null;
  status: number;
  /** Only content-type, content-encoding, retry-after, allow and x-accel-redirect, when sent. */
  response_headers: Record<string, string>;
  /** The body exactly as sent, every gzip layer included. */
  response_body_b64: string;
  response_body_decoded: unknown;
  response_body_decoded_as: "json" | "text" | null;
  gzip_layers: number;
  /** Fields where a secret or a machine path was replaced by a placeholder. */
  redacted?: string[];
  /** The decoded form was dropped (a repeat of an earlier read); the raw bytes are complete. */
  response_body_decoded_omitted?: boolean;
}

const FILE = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/real-server/exchanges.jsonl.gz");

/** The base URL the recording client used (also the host in `next`/`previous` links). */
export const RECORDED_BASE_URL = "http://127.0.0.1:35159/api/v1";
export const API_PREFIX = "/api/v1";

let cached: Exchange[] | undefined;

/** Every recorded exchange, in `seq` order. */
export function loadExchanges(): Exchange[] {
  cached ??= gunzipSync(readFileSync(FILE))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Exchange);
  return cached;
}

export function responseBytes(exchange: Exchange): Buffer {
  return Buffer.from(exchange.response_body_b64, "base64");
}

/** The body with every gzip layer removed (what `response_body_decoded` describes). */
export function decodedResponseBytes(exchange: Exchange): Buffer {
  return gunzipAll(responseBytes(exchange)).bytes;
}

/**
 * `body` with every gzip layer removed (the real server nests them: large metric lists come
 * gzipped twice), and how many there were.
 */
export function gunzipAll(body: Buffer): { bytes: Buffer; layers: number; readonly text: string } {
  let bytes = body;
  let layers = 0;
  while (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    bytes = gunzipSync(bytes);
    layers += 1;
  }
  return {
    bytes,
    layers,
    get text() {
      return bytes.toString("utf8");
    },
  };
}
