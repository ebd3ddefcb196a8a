/**
 * Spec-driven msw handlers: every request a test's client sends, and every response a
 * test mocks, is checked against openapi/spec.yaml.
 *
 *   server.use(specHandler("getExperiment", () => HttpResponse.json(detail)));
 *   afterEach(expectNoSpecViolations);
 *
 * Violations are collected instead of thrown: an exception inside an msw resolver turns
 * into a 500 response, which would hide the drift behind a confusing client error.
 */
import { type HttpHandler, type HttpResponseResolver, http } from "msw";
import { expect } from "vitest";
import {
  checkAnswer,
  checkRequest,
  findOperation,
  pathParams,
  type WireRequest,
} from "../../src/testing/spec-check.js";
import { gunzipAll } from "../api/replay/exchanges.js";
import { type HttpMethod, type SpecOperation, specDocument } from "./spec-document.js";

export { declaredResponse, findOperation as bestOperation, pathParams } from "../../src/testing/spec-check.js";
export { specDocument } from "./spec-document.js";

/** The spec problems of an answer (status, content type, body text already decoded), as messages. */
export function responseViolations(
  op: SpecOperation,
  status: number,
  contentType: string | null,
  text: string,
): string[] {
  return checkAnswer(op, { status, contentType, bodyText: text }).map((problem) => problem.message);
}

export const DEFAULT_BASE_URL = "http://polyaxon.test/api/v1";

export interface SpecOperationSummary {
  operationId: string;
  method: HttpMethod;
  path: string;
}

export interface RecordedRequest {
  operationId: string;
  method: string;
  /** Request path relative to the base URL, e.g. `/alice/mnist/experiments/12/metrics/`. */
  path: string;
  /** Parsed JSON (or form fields as an object); undefined when the request had no body. */
  body: unknown;
  query: Record<string, string>;
}

const violations: string[] = [];
const recorders = new Set<RecordedRequest[]>();

/** All operations of the spec (64), in spec order. */
export function specOperations(): SpecOperationSummary[] {
  return specDocument().operations.map(({ operationId, method, path }) => ({ operationId, method, path }));
}

/** Returns the violations collected since the last call and forgets them. */
export function takeSpecViolations(): string[] {
  return violations.splice(0, violations.length);
}

/** For `afterEach`: fails the test when any handler saw a request or mock that breaks the spec. */
export function expectNoSpecViolations(): void {
  expect(takeSpecViolations(), "requests/responses that do not match openapi/spec.yaml").toEqual([]);
}

/**
 * Starts recording every request that reaches a spec handler, in arrival order.
 * `stop()` ends the recording; the array keeps what was recorded.
 */
export function recordRequests(): { readonly calls: RecordedRequest[]; stop(): void } {
  const calls: RecordedRequest[] = [];
  recorders.add(calls);
  return { calls, stop: () => recorders.delete(calls) };
}

function operationById(operationId: string): SpecOperation {
  const op = specDocument().operations.find((candidate) => candidate.operationId === operationId);
  if (!op) throw new Error(`openapi/spec.yaml has no operation ${operationId}`);
  return op;
}

function asWireRequest(request: Request, relativePath: string, bodyText: string): WireRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: relativePath,
    query: url.searchParams,
    contentType: request.headers.get("content-type"),
    bodyText,
  };
}

/**
 * An msw handler for one spec operation. It checks the request (path parameters, query,
 * body, trailing slash), records it, calls `resolver`, then checks the mocked status and
 * body. Requests that belong to a more specific operation fall through to other handlers.
 */
export function specHandler(
  operationId: string,
  resolver: HttpResponseResolver,
  options: { baseUrl?: string } = {},
): HttpHandler {
  const op = operationById(operationId);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  // A RegExp route with an optional trailing slash, so that a request that gets the slash
  // wrong still reaches this handler and is reported, instead of becoming "unhandled".
  const template = op.path
    .replace(/\/+$/, "")
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/?#]+" : escapeRegExp(part)))
    .join("");
  const route = new RegExp(`^${escapeRegExp(baseUrl)}${template}/?(?:[?#].*)?$`);
  return http[op.method](route, async (info) => {
    const url = new URL(info.request.url);
    const relativePath = url.pathname.slice(basePath.length);
    if (findOperation(info.request.method, relativePath) !== op) return undefined;
    const label = `${operationId} ${info.request.method} ${relativePath}`;
    const report = (message: string) => violations.push(`${label}: ${message}`);
    const wire = asWireRequest(info.request, relativePath, await info.request.clone().text());
    const { body, problems } = checkRequest(op, wire);
    for (const problem of problems) report(problem.message);
    const recorded: RecordedRequest = {
      operationId,
      method: info.request.method,
      path: relativePath,
      body,
      query: Object.fromEntries(url.searchParams),
    };
    for (const calls of recorders) calls.push(recorded);
    // msw gives no params for a RegExp route: hand the resolver the named spec parameters.
    const result = await resolver({ ...info, params: Object.fromEntries(pathParams(op, relativePath)) });
    if (result instanceof Response) {
      const answer = {
        status: result.status,
        contentType: result.headers.get("content-type"),
        bodyText: await decodedText(result),
      };
      for (const problem of checkAnswer(op, answer)) report(problem.message);
    }
    return result;
  });
}

/**
 * Judge what the server means, not how it is packed: the real server gzips list answers, the
 * metrics list twice, and some answers carry gzip layers without any `Content-Encoding`
 * (the SDK removes every layer whose bytes start with 1f 8b). Bytes that only look like gzip
 * (a binary download) are judged as they are.
 */
async function decodedText(response: Response): Promise<string> {
  const bytes = Buffer.from(await response.clone().arrayBuffer());
  try {
    return gunzipAll(bytes).text;
  } catch {
    return bytes.toString("utf8");
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
