/**
 * Reading a limit/offset list of the spec to the end, one page at a time:
 *
 * ```ts
 * for await (const experiment of paginate(client, "/{username}/{project_name}/experiments/", {
 *   params: { path: { username: "alice", project_name: "mnist" }, query: { sort: "-created_at" } },
 *   pageSize: 100,
 * })) {
 *   if (experiment.last_status === "running") break; // stops fetching
 * }
 * ```
 * Browser-safe: it only calls the client.
 */
import type { paths } from "../../generated/schema.js";
import { PolyaxonError } from "../errors.js";
import type { PolyaxonClient } from "./client.js";
import { ClientConfigError } from "./errors.js";

type GetOperation<P extends keyof paths> = paths[P] extends { get: infer Op } ? Op : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type PathParamsOf<Op> = Op extends { parameters: { path: infer X } } ? X : never;
type PageBodyOf<Op> = Op extends { responses: { 200: { content: { "application/json": infer Body } } } } ? Body : never;

interface Envelope {
  count: number;
  next: string | null;
  previous: string | null;
  results: unknown[];
}

/**
 * The spec paths whose GET is a limit/offset list: it takes `limit` and `offset` and answers
 * `{count, next, previous, results}`. Only these compile as the path of {@link paginate}.
 */
export type PaginatedPath = {
  [P in keyof paths]: [QueryOf<GetOperation<P>>] extends [never]
    ? never
    : "limit" extends keyof QueryOf<GetOperation<P>>
      ? PageBodyOf<GetOperation<P>> extends Envelope
        ? P
        : never
      : never;
}[keyof paths];

/** One item of the list at `P`, e.g. `Schemas["ExperimentMetric"]` for the metrics list. */
export type PageItem<P extends PaginatedPath> =
  PageBodyOf<GetOperation<P>> extends { results: Array<infer Item> } ? Item : never;

/** The list's own query parameters; `limit` and `offset` belong to the paginator. */
export type PaginateQuery<P extends PaginatedPath> = Omit<QueryOf<GetOperation<P>>, "limit" | "offset">;

type PaginateParams<P extends PaginatedPath> = ([PathParamsOf<GetOperation<P>>] extends [never]
  ? { path?: never }
  : { path: PathParamsOf<GetOperation<P>> }) & { query?: PaginateQuery<P> };

/** What {@link PaginateOptions.onPage} is told after each page. */
export interface PageInfo {
  /** The list's total, as the server counts it. */
  count: number;
  /** The offset of this page. */
  offset: number;
  /** Items on this page. */
  size: number;
  /** Items of this page already yielded from an earlier page (same `id`), skipped. */
  duplicates: number;
}

export interface PaginateOptions<P extends PaginatedPath> {
  params: PaginateParams<P>;
  /**
   * Items per request (`limit`). Left out, no `limit` is sent and the server's default page
   * size applies: 20 for most lists, but **all items at once** for an experiment's metrics,
   * chart views and saved searches (300,000 per page). That is the only reliable way to read
   * metrics: the server orders them by `created_at` alone, so limit/offset pages of points
   * sharing a timestamp repeat some points and skip others.
   */
  pageSize?: number | undefined;
  /** Aborts the request in flight and ends the iteration with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Skip items whose `id` was already yielded (pages that overlap). Default true. */
  dedupe?: boolean | undefined;
  /** Called after each page is fetched, before its items are yielded (progress). */
  onPage?: ((page: PageInfo) => void) | undefined;
}

type OptionsArgument<P extends PaginatedPath> = [PathParamsOf<GetOperation<P>>] extends [never]
  ? [options?: PaginateOptions<P>]
  : [options: PaginateOptions<P>];

/** A page could not be read (non-2xx with `throwOnError: false`, or not a page envelope). */
export class PaginationError extends PolyaxonError {
  override name = "PaginationError";
  /** The list path, as in the spec. */
  readonly path: string;
  /** The HTTP status of the failed page. */
  readonly status: number;
  constructor(message: string, path: string, status: number) {
    super(message);
    this.path = path;
    this.status = status;
  }
}

/** The GET of a list, seen through the one shape the paginator needs. */
type ListGet = (
  path: string,
  init: { params: { path?: object; query: Record<string, unknown> }; signal?: AbortSignal },
) => Promise<{ data?: unknown; response: Response }>;

/**
 * Iterates every item of a list operation, fetching page after page as the loop asks for
 * them, following the server's `next` links (their `limit` and `offset`; the client's own base
 * URL is kept). Leaving the loop early (`break`, `return`, a throw) stops fetching. Items whose
 * `id` was already yielded are skipped (see {@link PaginateOptions.pageSize} for why pages can
 * overlap). Errors are the client's typed errors.
 */
export async function* paginate<P extends PaginatedPath>(
  client: PolyaxonClient,
  path: P,
  ...[options]: OptionsArgument<P>
): AsyncGenerator<PageItem<P>, void, undefined> {
  const pageSize = options?.pageSize;
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) {
    throw new ClientConfigError(`\`pageSize\` must be a positive integer, got ${String(pageSize)}`, "pageSize");
  }
  // openapi-fetch types each literal path; this generic loop calls every list the same way.
  const get = client.GET as unknown as ListGet;
  const signal = options?.signal;
  const dedupe = options?.dedupe ?? true;
  const seen = new Set<number>();
  const baseQuery: Record<string, unknown> = { ...options?.params.query };
  let limit = pageSize;
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const query = { ...baseQuery, ...(limit === undefined ? {} : { limit }), ...(offset > 0 ? { offset } : {}) };
    const init = { params: { ...(options?.params.path ? { path: options.params.path } : {}), query } };
    const { data, response } = await get(path, signal ? { ...init, signal } : init);
    const page = asEnvelope(data, path, response.status);
    const fresh = dedupe ? page.results.filter((item) => isFresh(item, seen)) : page.results;
    options?.onPage?.({
      count: page.count,
      offset,
      size: page.results.length,
      duplicates: page.results.length - fresh.length,
    });
    for (const item of fresh) yield item as PageItem<P>;
    if (page.next === null || page.results.length === 0) return;
    const next = nextPosition(page.next);
    const nextOffset = next?.offset ?? offset + page.results.length;
    if (nextOffset <= offset) {
      throw new PaginationError(
        `GET ${path}: the server's next link (${page.next}) does not move past offset ${offset}`,
        path,
        response.status,
      );
    }
    limit = next?.limit ?? limit;
    offset = nextOffset;
  }
}

function asEnvelope(data: unknown, path: string, status: number): Envelope {
  if (typeof data !== "object" || data === null || !("results" in data) || !Array.isArray(data.results)) {
    const reason = data === undefined ? "no page (an error answer)" : "not a page envelope";
    throw new PaginationError(`GET ${path} → ${status}: ${reason}`, path, status);
  }
  const page = data as Partial<Envelope> & { results: unknown[] };
  return {
    count: typeof page.count === "number" ? page.count : page.results.length,
    next: typeof page.next === "string" ? page.next : null,
    previous: typeof page.previous === "string" ? page.previous : null,
    results: page.results,
  };
}

function isFresh(item: unknown, seen: Set<number>): boolean {
  if (typeof item !== "object" || item === null || !("id" in item) || typeof item.id !== "number") return true;
  if (seen.has(item.id)) return false;
  seen.add(item.id);
  return true;
}

/** `limit` and `offset` of a `next` link; undefined when the link cannot be read. */
function nextPosition(link: string): { limit: number | undefined; offset: number } | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const offset = Number(url.searchParams.get("offset"));
  const limitText = url.searchParams.get("limit");
  const limit = limitText === null ? undefined : Number(limitText);
  if (!Number.isInteger(offset) || offset < 0) return undefined;
  return { limit: limit !== undefined && Number.isInteger(limit) && limit > 0 ? limit : undefined, offset };
}
