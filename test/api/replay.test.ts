/**
 * Replays every exchange recorded with a real Polyaxon v0.6.1 server
 * (test/fixtures/real-server/README.md): the recorded answer is served byte for byte
 * (status, headers, every gzip layer) to the typed-client call that makes the recorded
 * request, twice — by msw, and by a real HTTP server on 127.0.0.1 through Node's own fetch.
 * Each one must end in data that the spec's schema accepts, or in the typed
 * `PolyaxonError` its status calls for — never a SyntaxError, TypeError or unhandled
 * rejection. And each recorded answer must satisfy the spec, so the spec describes the
 * real server.
 */
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../../src/api/index.js";
import { PolyaxonError } from "../../src/errors.js";
import { declaredResponse, responseViolations } from "../support/spec.js";
import { operationOf, REPLAY_TOKEN, type ReplayCall, replayCall } from "./replay/call.js";
import { type Exchange, loadExchanges } from "./replay/exchanges.js";
import { recordedAnswer, requestMismatches, servedDecodedBytes } from "./replay/serve.js";
import { asRequest, type SocketReplay, startSocketReplay } from "./replay/socket.js";

const server = setupServer();
let sockets: SocketReplay;
beforeAll(async () => {
  // Requests to the socket replay go to the network; everything else must be mocked.
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== "127.0.0.1") print.error();
    },
  });
  sockets = await startSocketReplay();
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  await sockets.close();
});

const exchanges = loadExchanges();

type ErrorClass = new (...args: never[]) => APIError;

/** The typed error each non-2xx status must become. */
function expectedErrorClass(exchange: Exchange): ErrorClass {
  const crash = exchange.status === 405 && exchange.method !== "GET" && servedDecodedBytes(exchange).length === 0;
  if (crash || exchange.status >= 500) return InternalServerError;
  const byStatus: Record<number, ErrorClass> = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
  };
  const expected = byStatus[exchange.status];
  if (!expected) throw new Error(`#${exchange.seq}: no expectation for status ${exchange.status}`);
  return expected;
}

/** The body as the client should hand it over: parsed JSON, text, or undefined when empty. */
function expectedBody(exchange: Exchange): unknown {
  const text = servedDecodedBytes(exchange).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function outcomeOf(
  call: ReplayCall,
): Promise<{ result?: Awaited<ReturnType<ReplayCall["run"]>>; error?: unknown }> {
  try {
    return { result: await call.run() };
  } catch (error) {
    return { error };
  }
}

function checkData(exchange: Exchange, call: ReplayCall, data: unknown): void {
  const decoded = servedDecodedBytes(exchange);
  if (call.kind === "binary") {
    expect(new Uint8Array(data as ArrayBuffer)).toEqual(new Uint8Array(decoded));
    return;
  }
  if (call.kind === "text") {
    expect(data).toBe(decoded.toString("utf8"));
    return;
  }
  const body = expectedBody(exchange);
  expect(data).toEqual(body);
  if (!exchange.response_body_decoded_omitted && !exchange.redacted?.includes("response_body")) {
    expect(data ?? null).toEqual(exchange.response_body_decoded);
  }
  const validate = declaredResponse(call.op, exchange.status)?.validateJson;
  if (data !== undefined && validate && !validate(data)) {
    expect.fail(`data breaks the spec schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
}

function checkError(exchange: Exchange, error: unknown): void {
  if (!(error instanceof PolyaxonError)) {
    expect.fail(
      `expected a PolyaxonError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
  }
  expect(error).toBeInstanceOf(expectedErrorClass(exchange));
  const apiError = error as APIError;
  expect(apiError.status).toBe(exchange.status);
  expect(apiError.body).toEqual(expectedBody(exchange));
  expect(apiError.message).not.toContain(REPLAY_TOKEN);
  if (error instanceof RateLimitError) {
    expect(error.retryAfterMs).toBe(Number(exchange.response_headers["retry-after"]) * 1000);
  }
}

function checkOutcome(exchange: Exchange, call: ReplayCall, outcome: Awaited<ReturnType<typeof outcomeOf>>): void {
  const { result, error } = outcome;
  if (exchange.status >= 200 && exchange.status < 300) {
    if (error !== undefined) expect.fail(`a ${exchange.status} answer threw ${String(error)}`);
    expect(result?.response.status).toBe(exchange.status);
    checkData(exchange, call, result?.data);
  } else {
    checkError(exchange, error);
  }
}

function title(exchange: Exchange): string {
  const query = new URLSearchParams(exchange.query as Record<string, string>).toString();
  const layers = exchange.gzip_layers > 0 ? `, gzip×${exchange.gzip_layers}` : "";
  return `#${exchange.seq} ${operationOf(exchange).operationId}: ${exchange.method} ${exchange.path}${query ? `?${query}` : ""} → ${exchange.status}${layers}`;
}

describe(`the ${exchanges.length} recorded exchanges`, () => {
  it.each(exchanges.map((exchange) => [title(exchange), exchange] as const))("%s", async (_, exchange) => {
    const call = replayCall(exchange);
    const contentType = exchange.response_headers["content-type"] ?? null;
    const decodedText = servedDecodedBytes(exchange).toString("utf8");
    expect(
      responseViolations(call.op, exchange.status, contentType, decodedText),
      "the spec describes this answer",
    ).toEqual([]);

    const mismatches: string[] = [];
    server.use(recordedAnswer(exchange, mismatches));
    checkOutcome(exchange, call, await outcomeOf(call));
    expect(mismatches, "the client sent the recorded request (msw)").toEqual([]);

    const received = sockets.serve(exchange);
    const overSocket = replayCall(exchange, sockets.baseUrl);
    checkOutcome(exchange, overSocket, await outcomeOf(overSocket));
    expect(received).toHaveLength(1);
    const [request] = received;
    if (request) {
      const problems = await requestMismatches(exchange, asRequest(request));
      expect(problems, "the client sent the recorded request (socket)").toEqual([]);
    }
  });
});
