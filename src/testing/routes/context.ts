/**
 * What an operation handler gets, and the lookups every handler shares: the experiment of the
 * path (404 when missing, archived or in another project; 403 without rights), and the
 * limit/offset page envelope with the server's `next`/`previous` links and gzip.
 */
import { type Answer, FORBIDDEN, gzipped, json, NOT_FOUND } from "../answers.js";
import type { ExperimentRecord, JobRecord } from "../records.js";
import type { SpecOperation } from "../spec-document.js";
import type { FakePolyaxonState, FakeUser } from "../state.js";

/** Who is calling: a user's token, the platform's internal token, or nobody. */
export type Principal =
  | { kind: "user"; user: FakeUser }
  | { kind: "internal"; service: string }
  | { kind: "ephemeral" }
  | { kind: "anonymous" };

export interface Ctx {
  state: FakePolyaxonState;
  op: SpecOperation;
  /** Named path parameters of the operation. */
  params: Map<string, string>;
  query: URLSearchParams;
  /** The parsed request body (already checked against the spec). */
  body: unknown;
  principal: Principal;
  /** `scheme://host[:port]` as the client addressed the server (the server's links carry it). */
  origin: string;
  /** The request path after the origin, `/api/v1/…`, without the query. */
  fullPath: string;
  headers: Headers;
}

export type Handler = (ctx: Ctx) => Answer | Promise<Answer>;

/** The default page size of the lists the server returns whole ("all"): metrics, chart views, searches. */
export const ALL = 300_000;

export function param(ctx: Ctx, name: string): string {
  return ctx.params.get(name) ?? "";
}

export function numberParam(ctx: Ctx, name: string): number {
  return Number(ctx.params.get(name));
}

/** The calling user's name ("" for the platform's own services and the anonymous user). */
export function username(ctx: Ctx): string {
  return ctx.principal.kind === "user" ? ctx.principal.user.username : "";
}

/** Owner or superuser; the platform's internal services bypass ownership where they are accepted. */
export function mayAct(ctx: Ctx, owner: string): boolean {
  if (ctx.principal.kind === "internal" || ctx.principal.kind === "ephemeral") return true;
  if (ctx.principal.kind !== "user") return false;
  return ctx.principal.user.isSuperuser === true || ctx.principal.user.username === owner;
}

/** The project of the path: 404 when it does not exist, 403 when the caller may not use it. */
export function projectOf(ctx: Ctx): { owner: string; project: string } | Answer {
  const owner = param(ctx, "username");
  const project = param(ctx, "project_name");
  if (!ctx.state.projectExists(owner, project)) return NOT_FOUND();
  if (!mayAct(ctx, owner)) return FORBIDDEN();
  return { owner, project };
}

/** The experiment of the path (archived ones only with `includeArchived`, for restore). */
export function experimentOf(ctx: Ctx, includeArchived = false): ExperimentRecord | Answer {
  const place = projectOf(ctx);
  if ("status" in place) return place;
  const e = ctx.state.experimentsById.get(numberParam(ctx, "id"));
  if (!e || e.owner !== place.owner || e.project !== place.project || (e.archived && !includeArchived)) {
    return NOT_FOUND();
  }
  return e;
}

/** A handler for the experiment of the path (archived ones only with `includeArchived`). */
export function onExperiment(action: (ctx: Ctx, e: ExperimentRecord) => Answer, includeArchived = false): Handler {
  return (ctx) => {
    const e = experimentOf(ctx, includeArchived);
    return isAnswer(e) ? e : action(ctx, e);
  };
}

/** A handler for the job of the path, within its experiment. */
export function onJob(action: (ctx: Ctx, e: ExperimentRecord, job: JobRecord) => Answer): Handler {
  return onExperiment((ctx, e) => {
    const job = e.jobs.find((j) => j.id === numberParam(ctx, "job_id"));
    return job ? action(ctx, e, job) : NOT_FOUND();
  });
}

export function isAnswer(value: unknown): value is Answer {
  return typeof value === "object" && value !== null && "status" in value && "body" in value;
}

/** `limit` as the server reads it: a positive integer, else the default. */
function readInt(text: string | null, fallback: number, minimum: number): number {
  if (text === null || !/^\d+$/.test(text)) return fallback;
  const value = Number(text);
  return value >= minimum ? value : fallback;
}

/** Django REST framework's link: the request URL with `key` set, keys sorted. */
function linkWith(ctx: Ctx, changes: Record<string, string | undefined>): string {
  const entries = new Map<string, string>();
  for (const [key, value] of ctx.query) entries.set(key, value);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) entries.delete(key);
    else entries.set(key, value);
  }
  const query = new URLSearchParams([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${ctx.origin}${ctx.fullPath}?${query.toString()}`;
}

export interface PageOptions {
  /** The page size without `limit`: 20, or `ALL` for metrics, chart views, searches. */
  defaultLimit: number;
  /** Gzip layers the server offers the body to (0 for the global list, 2 for metrics). */
  gzipLayers: 0 | 1 | 2;
}

/** A limit/offset page of `items` in the server's envelope. */
export function page(ctx: Ctx, items: readonly unknown[], options: PageOptions): Answer {
  const limit = readInt(ctx.query.get("limit"), options.defaultLimit, 1);
  const offset = readInt(ctx.query.get("offset"), 0, 0);
  const count = items.length;
  const next = offset + limit >= count ? null : linkWith(ctx, { limit: String(limit), offset: String(offset + limit) });
  let previous: string | null = null;
  if (offset > 0) {
    previous =
      offset - limit <= 0
        ? linkWith(ctx, { limit: String(limit), offset: undefined })
        : linkWith(ctx, { limit: String(limit), offset: String(offset - limit) });
  }
  const answer = json(200, { count, next, previous, results: items.slice(offset, offset + limit) });
  const layers = ctx.state.options.gzip === false ? 0 : options.gzipLayers;
  if (layers === 0) return answer;
  return gzipped(answer, layers === 2 && ctx.state.options.doubleGzip !== false ? 2 : 1);
}
