/**
 * polyaxon-tracking/client: the low-level client alone, for browsers, edge runtimes and
 * bundlers. `createClient`, the typed errors, the paginator and the generated types; no Node
 * built-in anywhere in its module graph (it uses fetch, Request, Response, URL, AbortSignal).
 */
export * from "./api/index.js";
export { PolyaxonError } from "./errors.js";
export { SDK_VERSION } from "./version.js";
