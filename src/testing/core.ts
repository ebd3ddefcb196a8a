/**
 * One request through the fake server, whichever adapter received it: faults, routing, the
 * server's authentication and throttle, the spec check of the request (a 400 like the
 * server's), the operation's behaviour, and the spec check of the answer. Every request is
 * logged; every spec problem is kept as a violation for the test to assert on.
 */
import { gunzipSync } from "node:zlib";
import { apiBaseUrlOf } from "../api/base-url.js";
import { type Answer, type Drop, empty, FORBIDDEN, htmlError, json, NOT_FOUND, throttled } from "./answers.js";
import type { FaultSpec } from "./faults.js";
import type { Ctx, Handler, Principal } from "./routes/context.js";
import { experimentRoutes } from "./routes/experiments.js";
import { extraRoutes } from "./routes/extras.js";
import { trackingRoutes } from "./routes/tracking.js";
import { checkAnswer, checkRequest, findOperation, pathExists, pathParams, type SpecProblem } from "./spec-check.js";
import type { SpecOperation } from "./spec-document.js";
import type { FakePolyaxonState, RecordedRequest } from "./state.js";

/** The path every API route starts with: `/api/v1` (the v0.6.1 server serves v1 only). */
export const API_PREFIX = apiBaseUrlOf("", "v1");

const ROUTES: Record<string, Handler> = { ...experimentRoutes, ...trackingRoutes, ...extraRoutes };

/** Operations that take the platform's internal token (the others ignore it). */
const INTERNAL_TOKEN_OPERATIONS = new Set([
  "listExperimentStatuses",
  "createExperimentStatus",
  "listExperimentMetrics",
  "createExperimentMetrics",
  "experimentHeartbeat",
  "reconcileExperimentJob",
  "impersonateExperimentOwner",
]);
const EPHEMERAL_OPERATIONS = new Set(["exchangeEphemeralToken", "exchangeEphemeralTokenLegacy"]);
const OPEN_OPERATIONS = new Set(["getCurrentUser", "loginWithCredentials"]);
const INTERNAL_SERVICES = new Set(["dockerizer", "initializer", "sidecar", "helper", "runner", "controller"]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseBody(text: string, contentType: string | null): unknown {
  if (text === "") return undefined;
  if (contentType?.includes("x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function unauthorized(detail: string, scheme = "Token"): Answer {
  return json(401, { detail }, { "www-authenticate": scheme });
}

/** The caller, or the 401 the server gives. */
function authenticate(state: FakePolyaxonState, op: SpecOperation, headers: Headers): Principal | Answer {
  const header = headers.get("authorization");
  if (header === null || header.trim() === "") {
    return OPEN_OPERATIONS.has(op.operationId)
      ? { kind: "anonymous" }
      : unauthorized("Authentication credentials were not provided.");
  }
  const parts = header.trim().split(/\s+/);
  if (parts.length === 1) return unauthorized("Invalid token header. No credentials provided.");
  if (parts.length > 2) return unauthorized("Invalid token header. Token string should not contain spaces.");
  const [keyword = "", credential = ""] = parts;
  const service = headers.get("x-polyaxon-internal") ?? "";
  switch (keyword.toLowerCase()) {
    case "token": {
      const user = state.users.find((u) => u.token === credential);
      return user ? { kind: "user", user } : unauthorized("Invalid token.");
    }
    case "internaltoken":
      if (
        INTERNAL_TOKEN_OPERATIONS.has(op.operationId) &&
        INTERNAL_SERVICES.has(service) &&
        state.options.internalToken !== undefined &&
        credential === state.options.internalToken
      ) {
        return { kind: "internal", service };
      }
      return unauthorized("Authentication credentials were not provided.");
    case "ephemeraltoken": {
      if (!EPHEMERAL_OPERATIONS.has(op.operationId) || service !== "runner") {
        return unauthorized("Authentication credentials were not provided.", "EphemeralToken");
      }
      // Single use: the server deletes the token at its first check, even a failing one.
      const valid = !state.ephemeralTokenUsed && credential === state.options.ephemeralToken;
      state.ephemeralTokenUsed ||= credential === state.options.ephemeralToken;
      return valid ? { kind: "ephemeral" } : unauthorized("Invalid token.", "EphemeralToken");
    }
    default:
      return unauthorized("Authentication credentials were not provided.");
  }
}

/** A 400 shaped like the server's: field errors for an object body, else a bare list. */
function badRequest(problems: SpecProblem[]): Answer {
  const fieldErrors: Record<string, string[]> = {};
  const messages: string[] = [];
  for (const problem of problems) {
    if (problem.fieldErrors) {
      for (const [field, list] of Object.entries(problem.fieldErrors))
        fieldErrors[field] = [...(fieldErrors[field] ?? []), ...list];
    } else messages.push(problem.message);
  }
  if (messages.length === 0) return json(400, fieldErrors);
  return json(400, [...messages, ...Object.entries(fieldErrors).map(([f, list]) => `${f}: ${list.join(" ")}`)]);
}

/**
 * How the server answers when a non-GET view raises: its error page only answers GET, so the
 * client gets 405, no body, and the error view's methods in `Allow`.
 */
function serverCrash(headers: Record<string, string>): Answer {
  return empty(405, { "content-type": "text/html; charset=utf-8", allow: "GET, HEAD, OPTIONS", ...headers });
}

/** The answer an injected fault gives, in the server's shapes. */
function faultAnswer(fault: FaultSpec): Answer | Drop {
  if (fault.destroy) return { drop: true };
  const status = fault.status ?? 500;
  const headers: Record<string, string> =
    fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
  if (fault.body !== undefined) return json(status, fault.body, headers);
  if (status === 429) return throttled(fault.retryAfter);
  if (status >= 500) return htmlError(status, headers);
  if (status === 405) return serverCrash(headers);
  if (status === 401) return unauthorized("Invalid token.");
  if (status === 403) return FORBIDDEN(headers);
  if (status === 404) return NOT_FOUND(headers);
  if (status >= 400) return json(status, [`injected fault ${status}`], headers);
  return empty(status, headers);
}

export class FakeCore {
  constructor(readonly state: FakePolyaxonState) {}

  /**
   * Handles one request; `Drop` means: destroy the connection without answering. `remotePort`:
   * the client's port, when the request came over a socket (recorded with the request).
   */
  async handle(request: Request, remotePort?: number): Promise<Answer | Drop> {
    const state = this.state;
    const url = new URL(request.url);
    const fullPath = url.pathname;
    const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
    let raw = new Uint8Array(await request.arrayBuffer());
    if (request.headers.get("content-encoding") === "gzip" && raw.length > 0) raw = gunzipSync(raw);
    const bodyText = new TextDecoder().decode(raw);
    const contentType = request.headers.get("content-type");
    const op = fullPath.startsWith(API_PREFIX) ? findOperation(request.method, path) : undefined;
    const entry: RecordedRequest = {
      seq: state.log.length + 1,
      at: state.clock.ms(),
      method: request.method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(request.headers),
      body: parseBody(bodyText, contentType),
      operationId: op?.operationId,
      status: null,
      applied: false,
      fault: false,
      remotePort,
    };
    state.log.push(entry);
    const violation = (kind: "request" | "response", message: string) =>
      state.problems.push({ seq: entry.seq, method: entry.method, path, operationId: op?.operationId, kind, message });

    const fault = state.faults.take({ method: request.method, path, operationId: op?.operationId });
    if (fault) {
      entry.fault = true;
      if (fault.delayMs) await sleep(fault.delayMs);
      if (!fault.afterApplying && (fault.destroy || fault.status !== undefined))
        return this.#finish(entry, faultAnswer(fault));
    }

    if (!op) {
      const known = fullPath.startsWith(API_PREFIX) && pathExists(path);
      violation(
        "request",
        known ? `${request.method} is not an operation of ${path}` : `no operation for ${request.method} ${fullPath}`,
      );
      return this.#finish(
        entry,
        known ? json(405, { detail: `Method "${request.method}" not allowed.` }) : NOT_FOUND(),
      );
    }
    const principal = authenticate(state, op, request.headers);
    if ("status" in principal) return this.#finish(entry, principal);
    const wait = state.throttle?.check(principal.kind === "user" ? principal.user.username : principal.kind);
    if (wait !== undefined) return this.#finish(entry, throttled(wait));
    const checked = checkRequest(op, { method: request.method, path, query: url.searchParams, contentType, bodyText });
    if (checked.problems.length > 0) {
      for (const problem of checked.problems) violation("request", problem.message);
      return this.#finish(entry, badRequest(checked.problems));
    }
    const handler = ROUTES[op.operationId];
    if (!handler) throw new Error(`the fake Polyaxon server has no behaviour for ${op.operationId}`);
    const ctx: Ctx = {
      state,
      op,
      params: pathParams(op, path),
      query: url.searchParams,
      body: checked.body,
      principal,
      origin: url.origin,
      fullPath,
      headers: request.headers,
    };
    const answer = await handler(ctx);
    entry.applied = true;
    for (const problem of checkAnswer(op, {
      status: answer.status,
      contentType: answer.headers["content-type"] ?? null,
      bodyText: answer.text,
    })) {
      violation("response", problem.message);
    }
    if (fault?.afterApplying && (fault.destroy || fault.status !== undefined))
      return this.#finish(entry, faultAnswer(fault));
    return this.#finish(entry, answer);
  }

  #finish(entry: RecordedRequest, answer: Answer | Drop): Answer | Drop {
    entry.status = "drop" in answer ? null : answer.status;
    return answer;
  }
}
