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
import { gunzipSync } from "node:zlib";
import { type HttpHandler, type HttpResponseResolver, http } from "msw";
import { expect } from "vitest";
import { type HttpMethod, type SpecOperation, type SpecResponse, specDocument } from "./spec-document.js";

export { specDocument } from "./spec-document.js";

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

function segments(path: string): string[] {
  return path.replace(/^\/+|\/+$/g, "").split("/");
}

/** Literal segments must match; `{param}` segments match anything. Returns the literal count. */
function structuralScore(template: string, actual: string[]): number | undefined {
  const parts = segments(template);
  if (parts.length !== actual.length) return undefined;
  let literals = 0;
  for (const [index, part] of parts.entries()) {
    if (/^\{[^}]+\}$/.test(part)) continue;
    if (part !== actual[index]) return undefined;
    literals += 1;
  }
  return literals;
}

/**
 * The spec operation a request is for. Like the server's router, literal segments win over
 * parameters (`/experiments/stop/` is not experiment "stop"), so a handler registered for a
 * parameterised path can step aside for a more specific one.
 */
export function bestOperation(method: string, relativePath: string): SpecOperation | undefined {
  const actual = segments(relativePath);
  let best: SpecOperation | undefined;
  let bestScore = -1;
  for (const op of specDocument().operations) {
    if (op.method !== method.toLowerCase()) continue;
    const score = structuralScore(op.path, actual);
    if (score !== undefined && score > bestScore) {
      best = op;
      bestScore = score;
    }
  }
  return best;
}

function formatErrors(errors: unknown): string {
  if (!Array.isArray(errors)) return "invalid";
  return errors
    .map((error: { instancePath?: string; message?: string; params?: unknown }) => {
      const where = error.instancePath === "" || error.instancePath === undefined ? "(root)" : error.instancePath;
      return `${where} ${error.message ?? "is invalid"}`;
    })
    .join("; ");
}

function isJsonMediaType(contentType: string | null): boolean {
  return contentType !== null && /^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim());
}

export function pathParams(op: SpecOperation, relativePath: string): Map<string, string> {
  const values = new Map<string, string>();
  const actual = segments(relativePath);
  for (const [index, part] of segments(op.path).entries()) {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name !== undefined) values.set(name, decodeURIComponent(actual[index] ?? ""));
  }
  return values;
}

async function checkRequest(op: SpecOperation, request: Request, relativePath: string, report: (m: string) => void) {
  if (op.path.endsWith("/") !== relativePath.endsWith("/")) {
    report(`path ${op.path.endsWith("/") ? "must" : "must not"} end with a slash`);
  }
  const actualParams = pathParams(op, relativePath);
  for (const param of op.parameters.filter((p) => p.in === "path")) {
    const value = actualParams.get(param.name);
    if (!param.validate(value)) {
      report(`path parameter ${param.name}=${JSON.stringify(value)} ${formatErrors(param.validate.errors)}`);
    }
  }
  const url = new URL(request.url);
  const queryParams = op.parameters.filter((p) => p.in === "query");
  for (const key of new Set(url.searchParams.keys())) {
    const param = queryParams.find((p) => p.name === key);
    if (!param) {
      report(`unknown query parameter ${key}`);
      continue;
    }
    const value = url.searchParams.get(key);
    if (!param.validate(value))
      report(`query parameter ${key}=${JSON.stringify(value)} ${formatErrors(param.validate.errors)}`);
  }
  for (const param of queryParams) {
    if (param.required && !url.searchParams.has(param.name)) report(`missing required query parameter ${param.name}`);
  }
  return checkRequestBody(op, request, report);
}

async function checkRequestBody(op: SpecOperation, request: Request, report: (m: string) => void): Promise<unknown> {
  const text = await request.clone().text();
  const contentType = request.headers.get("content-type");
  if (!op.requestBody) {
    if (text !== "") report(`operation takes no body, got ${JSON.stringify(text.slice(0, 80))}`);
    else if (contentType !== null) report(`bodiless request must not carry content-type (got ${contentType})`);
    return undefined;
  }
  if (text === "") {
    if (op.requestBody.required) report("request body is required");
    return undefined;
  }
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!op.requestBody.mediaTypes.includes(mediaType)) {
    report(`request content-type ${contentType ?? "(none)"} is not one of ${op.requestBody.mediaTypes.join(", ")}`);
    return text;
  }
  let body: unknown;
  if (mediaType === "application/x-www-form-urlencoded") {
    body = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      body = JSON.parse(text);
    } catch {
      report(`request body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
      return text;
    }
  }
  if (!op.requestBody.validate(body)) report(`request body ${formatErrors(op.requestBody.validate.errors)}`);
  return body;
}

export function declaredResponse(op: SpecOperation, status: number): SpecResponse | undefined {
  return op.responses.get(String(status)) ?? op.responses.get(`${String(status)[0]}XX`) ?? op.responses.get("default");
}

async function checkResponse(op: SpecOperation, response: Response, report: (m: string) => void): Promise<void> {
  const text = unpacked(Buffer.from(await response.clone().arrayBuffer())).toString("utf8");
  for (const problem of responseViolations(op, response.status, response.headers.get("content-type"), text)) {
    report(problem);
  }
}

/**
 * Judge what the server means, not how it is packed: the real server gzips list answers (the
 * metrics list twice). Bytes that only look like gzip (a binary download) are kept as they are.
 */
function unpacked(bytes: Buffer): Buffer {
  let current = bytes;
  try {
    while (current.length >= 2 && current[0] === 0x1f && current[1] === 0x8b) current = gunzipSync(current);
  } catch {
    return bytes;
  }
  return current;
}

/**
 * What is wrong with an answer (status, content type, body text already decoded) for this
 * operation, according to the spec: an undeclared status, a body where none is declared, a
 * missing body, a content type of the wrong kind, or JSON that breaks the declared schema.
 */
export function responseViolations(op: SpecOperation, status: number, contentType: string | null, text: string) {
  const problems: string[] = [];
  const declared = declaredResponse(op, status);
  if (!declared) {
    return [`status ${status} is not declared (declared: ${[...op.responses.keys()].join(", ")})`];
  }
  if (declared.mediaTypes.length === 0) {
    if (text !== "") problems.push(`status ${status} is declared without a body, the answer has one`);
    return problems;
  }
  if (text === "") {
    if (status < 400 && !declared.emptyBodyAllowed) problems.push(`status ${status} needs a body`);
    return problems;
  }
  const jsonDeclared = declared.validateJson !== undefined;
  if (isJsonMediaType(contentType) !== jsonDeclared) {
    return [`response content-type ${contentType ?? "(none)"} does not match ${declared.mediaTypes.join(", ")}`];
  }
  if (!declared.validateJson) return problems;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return ["response body is not JSON"];
  }
  if (!declared.validateJson(body)) {
    problems.push(`response ${status} body ${formatErrors(declared.validateJson.errors)}`);
  }
  return problems;
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
    if (bestOperation(info.request.method, relativePath) !== op) return undefined;
    const label = `${operationId} ${info.request.method} ${relativePath}`;
    const report = (message: string) => violations.push(`${label}: ${message}`);
    const body = await checkRequest(op, info.request, relativePath, report);
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
    if (result instanceof Response) await checkResponse(op, result, report);
    return result;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
