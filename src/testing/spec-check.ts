/**
 * Checking one HTTP exchange against openapi/spec.yaml, on plain data (no Request/Response),
 * so the fake server, its msw handlers and the project's msw spec handlers share one checker.
 */
import type { ErrorObject } from "ajv";
import { type SpecOperation, type SpecResponse, specDocument } from "./spec-document.js";

/** One way a request or an answer breaks the spec. */
export interface SpecProblem {
  /** Where: `route`, `path`, `query`, `body` (request) or `response`. */
  where: "route" | "path" | "query" | "body" | "response";
  message: string;
  /** For an object body: the messages by top-level field (a 400's field errors). */
  fieldErrors?: Record<string, string[]>;
}

/** A request as the checker needs it; `path` is relative to `/api/v1`, e.g. `/alice/mnist/experiments/`. */
export interface WireRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | null;
  bodyText: string;
}

/** An answer as the checker needs it. */
export interface WireAnswer {
  status: number;
  contentType: string | null;
  bodyText: string;
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
 * parameters (`/experiments/stop/` is not experiment "stop"). Undefined when no operation of
 * that method has this path shape.
 */
export function findOperation(method: string, relativePath: string): SpecOperation | undefined {
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

/** Whether some operation (of any method) has this path shape: a wrong method, not a wrong path. */
export function pathExists(relativePath: string): boolean {
  const actual = segments(relativePath);
  return specDocument().operations.some((op) => structuralScore(op.path, actual) !== undefined);
}

/** The named path parameters of a request for `op`, decoded. */
export function pathParams(op: SpecOperation, relativePath: string): Map<string, string> {
  const values = new Map<string, string>();
  const actual = segments(relativePath);
  for (const [index, part] of segments(op.path).entries()) {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name !== undefined) values.set(name, decodeURIComponent(actual[index] ?? ""));
  }
  return values;
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string {
  if (!Array.isArray(errors)) return "invalid";
  return errors
    .map((error) => `${error.instancePath === "" ? "(root)" : error.instancePath} ${error.message ?? "is invalid"}`)
    .join("; ");
}

function isJsonMediaType(contentType: string | null): boolean {
  return contentType !== null && /^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim());
}

/**
 * Checks path parameters, query, trailing slash and body. Returns the parsed body (JSON, or
 * form fields as an object; the raw text when it cannot be parsed) and the problems found.
 */
export function checkRequest(op: SpecOperation, request: WireRequest): { body: unknown; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  if (op.path.endsWith("/") !== request.path.endsWith("/")) {
    problems.push({ where: "route", message: `path ${op.path.endsWith("/") ? "must" : "must not"} end with a slash` });
  }
  const actual = pathParams(op, request.path);
  for (const param of op.parameters.filter((p) => p.in === "path")) {
    const value = actual.get(param.name);
    if (!param.validate(value)) {
      problems.push({
        where: "path",
        message: `path parameter ${param.name}=${JSON.stringify(value)} ${formatErrors(param.validate.errors)}`,
      });
    }
  }
  const queryParams = op.parameters.filter((p) => p.in === "query");
  for (const key of new Set(request.query.keys())) {
    const param = queryParams.find((p) => p.name === key);
    const value = request.query.get(key);
    if (!param) problems.push({ where: "query", message: `unknown query parameter ${key}` });
    else if (!param.validate(value)) {
      problems.push({
        where: "query",
        message: `query parameter ${key}=${JSON.stringify(value)} ${formatErrors(param.validate.errors)}`,
      });
    }
  }
  for (const param of queryParams) {
    if (param.required && !request.query.has(param.name)) {
      problems.push({ where: "query", message: `missing required query parameter ${param.name}` });
    }
  }
  const body = checkRequestBody(op, request, problems);
  return { body, problems };
}

function checkRequestBody(op: SpecOperation, request: WireRequest, problems: SpecProblem[]): unknown {
  const { bodyText: text, contentType } = request;
  if (!op.requestBody) {
    if (text !== "") problems.push({ where: "body", message: `operation takes no body, got ${preview(text)}` });
    else if (contentType !== null) {
      problems.push({ where: "body", message: `bodiless request must not carry content-type (got ${contentType})` });
    }
    return undefined;
  }
  if (text === "") {
    if (op.requestBody.required) problems.push({ where: "body", message: "request body is required" });
    return undefined;
  }
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!op.requestBody.mediaTypes.includes(mediaType)) {
    problems.push({
      where: "body",
      message: `request content-type ${contentType ?? "(none)"} is not one of ${op.requestBody.mediaTypes.join(", ")}`,
    });
    return text;
  }
  let body: unknown;
  if (mediaType === "application/x-www-form-urlencoded") {
    body = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      body = JSON.parse(text);
    } catch {
      problems.push({ where: "body", message: `request body is not JSON: ${preview(text)}` });
      return text;
    }
  }
  const validate = op.requestBody.validate;
  if (!validate(body)) {
    const problem: SpecProblem = { where: "body", message: `request body ${formatErrors(validate.errors)}` };
    if (typeof body === "object" && body !== null && !Array.isArray(body)) {
      const fieldErrors: Record<string, string[]> = {};
      for (const error of validate.errors ?? []) {
        const field = /^\/([^/]+)/.exec(error.instancePath)?.[1]?.replace(/~1/g, "/").replace(/~0/g, "~");
        const key = field ?? "non_field_errors";
        fieldErrors[key] = [...(fieldErrors[key] ?? []), `${error.message ?? "is invalid"}.`];
      }
      problem.fieldErrors = fieldErrors;
    }
    problems.push(problem);
  }
  return body;
}

function preview(text: string): string {
  return JSON.stringify(text.slice(0, 80));
}

/** What `op` declares for `status` (exactly, by class like `5XX`, or `default`). */
export function declaredResponse(op: SpecOperation, status: number): SpecResponse | undefined {
  return op.responses.get(String(status)) ?? op.responses.get(`${String(status)[0]}XX`) ?? op.responses.get("default");
}

/** Checks an answer's status, content type and body against what `op` declares. */
export function checkAnswer(op: SpecOperation, answer: WireAnswer): SpecProblem[] {
  const problem = (message: string): SpecProblem[] => [{ where: "response", message }];
  const declared = declaredResponse(op, answer.status);
  if (!declared) {
    return problem(`status ${answer.status} is not declared (declared: ${[...op.responses.keys()].join(", ")})`);
  }
  const { bodyText: text, contentType } = answer;
  if (declared.mediaTypes.length === 0) {
    return text === "" ? [] : problem(`status ${answer.status} is declared without a body, the answer has one`);
  }
  if (text === "") {
    return answer.status < 400 && !declared.emptyBodyAllowed ? problem(`status ${answer.status} needs a body`) : [];
  }
  const jsonDeclared = declared.validateJson !== undefined;
  if (isJsonMediaType(contentType) !== jsonDeclared) {
    return problem(`response content-type ${contentType ?? "(none)"} does not match ${declared.mediaTypes.join(", ")}`);
  }
  if (!declared.validateJson) return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return problem("response body is not JSON");
  }
  if (!declared.validateJson(body)) {
    return problem(`response ${answer.status} body ${formatErrors(declared.validateJson.errors)}`);
  }
  return [];
}
