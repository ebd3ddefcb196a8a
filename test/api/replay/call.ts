/**
 * Turns a recorded exchange into the typed-client call that makes the same request: the spec
 * operation (by template matching, literal segments first), its path and query parameters
 * typed as the spec declares them, the body, and a client with the recorded auth scheme.
 */
import { successBodies } from "../../../generated/success-bodies.js";
import { createClient, type PolyaxonClient } from "../../../src/api/index.js";
import { bestOperation, pathParams } from "../../support/spec.js";
import type { SpecOperation, SpecParameter } from "../../support/spec-document.js";
import { API_PREFIX, type Exchange, RECORDED_BASE_URL } from "./exchanges.js";

/** Stands for the recording's `<token>` placeholder in requests. */
export const REPLAY_TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

export interface ReplayCall {
  op: SpecOperation;
  /** What the spec says a 2xx of this operation carries. */
  kind: "json" | "text" | "binary" | "empty";
  client: PolyaxonClient;
  run(): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

type LooseInit = { params: { path: Record<string, unknown>; query: Record<string, unknown> } } & Record<
  string,
  unknown
>;
type LooseMethod = (path: string, init: LooseInit) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export function operationOf(exchange: Exchange): SpecOperation {
  const op = bestOperation(exchange.method, exchange.path.slice(API_PREFIX.length));
  if (!op) throw new Error(`#${exchange.seq}: no spec operation for ${exchange.method} ${exchange.path}`);
  return op;
}

/** A recorded text value as the spec types it; values the type cannot hold are sent as recorded. */
function typed(param: SpecParameter | undefined, value: string): unknown {
  if (param?.type === "integer" || param?.type === "number")
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (param?.type === "boolean") return value === "true" ? true : value === "false" ? false : value;
  return value;
}

export function replayCall(exchange: Exchange, baseUrl = RECORDED_BASE_URL): ReplayCall {
  const op = operationOf(exchange);
  const relative = exchange.path.slice(API_PREFIX.length);
  const param = (where: "path" | "query", name: string) =>
    op.parameters.find((candidate) => candidate.in === where && candidate.name === name);
  const path: Record<string, unknown> = {};
  for (const [name, value] of pathParams(op, relative)) path[name] = typed(param("path", name), value);
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(exchange.query)) {
    query[name] = Array.isArray(value)
      ? value.map((v) => typed(param("query", name), v))
      : typed(param("query", name), value);
  }
  const kind = successBodies[`${op.method.toUpperCase()} ${op.path}`] ?? "json";
  const init: LooseInit = { params: { path, query } };
  if (exchange.request_body_as !== null) init.body = exchange.request_body;
  if (kind === "binary") init.parseAs = "arrayBuffer";

  const [scheme] = (exchange.request_headers.authorization ?? "").split(" ");
  const service = exchange.request_headers["x-polyaxon-internal"];
  const client = createClient({
    baseUrl,
    retry: false,
    ...(scheme ? { token: REPLAY_TOKEN, authScheme: scheme } : {}),
    ...(service ? { internalService: { service } } : {}),
  });
  const method = (client as unknown as Record<string, LooseMethod>)[op.method.toUpperCase()];
  if (!method) throw new Error(`the client has no ${op.method} method`);
  return { op, kind, client, run: () => method.call(client, op.path, init) };
}
