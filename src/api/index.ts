/** The low-level API layer: a typed openapi-fetch client with auth, retries and typed errors. */
import type { components } from "../../generated/schema.js";

export type { components, operations, paths } from "../../generated/schema.js";
export { createClient, type PolyaxonClient } from "./client.js";
export {
  APIConnectionError,
  APIError,
  APIRequestError,
  APIResponseDecodeError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ClientConfigError,
  ConflictError,
  type ConnectionErrorContext,
  type DecodeErrorDetails,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestErrorContext,
  type ResponseErrorDetails,
} from "./errors.js";
export { type PreSerializedJson, preSerializedJson } from "./json-body.js";
export { RETRY_COUNT_HEADER } from "./middleware/retry.js";
export type { ClientOptions, InternalServiceOptions, RetryOptions } from "./options.js";
export {
  type PageInfo,
  type PageItem,
  type PaginatedPath,
  type PaginateOptions,
  type PaginateQuery,
  PaginationError,
  paginate,
} from "./paginate.js";

/** Every schema of the spec by name, e.g. `Schemas["ExperimentDetail"]`. */
export type Schemas = components["schemas"];
/** One schema by name: `Schema<"MetricCreate">`. */
export type Schema<K extends keyof Schemas> = Schemas[K];
