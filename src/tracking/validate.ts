/**
 * Synchronous checks for the facade's arguments. Each one throws a `ValidationError`
 * (with `field` set) before anything is recorded or sent, so bad input fails at the
 * call site instead of being lost later in a background request the server rejects.
 * Limits mirror the v0.6.1 server (docs/wire.md#statuses,
 * docs/wire.md#names-and-field-limits).
 */
import { ValidationError } from "../errors.js";
import { EXPERIMENT_STATUSES, type ExperimentStatus, type Json } from "../records/types.js";

// ---------------------------------------------------------------------------
// Names

const NAME_PATTERN = /^[-a-zA-Z0-9_]+$/;
const NAME_MAX_LENGTH = 128;

/** The server's reserved words (docs/wire.md#names-and-field-limits); compared lower-cased. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  "user",
  "admin",
  "experiment",
  "experiment_group",
  "experimentgroup",
  "project",
  "api",
  "polyaxon",
  "dashboard",
  "index",
  "log",
  "metric",
  "portfolio",
  "public",
  "revision",
  "version",
  "support",
  "tryout",
  "output",
  "artifact",
  "data",
  "dataset",
  "secret",
  "config_map",
  "pod",
  "deployment",
  "model",
  "management",
  "dependency",
  "dependencie",
  "repo",
  "cluster",
  "event",
  "manage",
  "login",
  "account",
  "register",
  "accept",
  "organization",
  "team",
  "help",
  "doc",
  "logout",
  "404",
  "500",
  "static",
  "_static",
  "status",
  "statuses",
  "_status",
  "out",
  "debug",
  "remote",
  "cli",
  "blog",
  "welcome",
  "feature",
  "customer",
  "integration",
  "signup",
  "pricing",
  "subscribe",
  "enterprise",
  "about",
  "job",
  "thank",
  "guide",
  "privacy",
  "security",
  "term",
  "from",
  "sponsorship",
  "for",
  "at",
  "platform",
  "branding",
  "vs",
  "answers",
  "_admin",
  "contact",
  "ext",
  "extension",
  "plugin",
  "notebookbookmark",
  "bookmarking",
  "tensorboard",
  "pipeline",
  "dag",
  "operation",
  "action",
  "task",
  "monitor",
  "setting",
  "legal",
  "avatar",
  "self",
  "this",
]);

function isReservedName(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_NAMES.has(lower) || (lower.endsWith("s") && RESERVED_NAMES.has(lower.slice(0, -1)));
}

/**
 * An experiment name: a slug (`^[-a-zA-Z0-9_]+$`), at most 128 characters, and not one
 * of the server's reserved words (case-insensitive), nor a reserved word + `s`.
 * Returns the name unchanged.
 */
export function validateName(name: string, field = "name"): string {
  if (typeof name !== "string" || name.length === 0) {
    throw new ValidationError(`\`${field}\` must be a non-empty string.`, field);
  }
  if (name.length > NAME_MAX_LENGTH) {
    throw new ValidationError(
      `\`${field}\` is ${name.length} characters long; the server accepts at most ${NAME_MAX_LENGTH}.`,
      field,
    );
  }
  if (!NAME_PATTERN.test(name)) {
    throw new ValidationError(
      `\`${field}\` "${name}" is not a valid slug: use only ASCII letters, digits, "-" and "_".`,
      field,
    );
  }
  if (isReservedName(name)) {
    throw new ValidationError(`\`${field}\` "${name}" is a reserved word on the server; choose another name.`, field);
  }
  return name;
}

// ---------------------------------------------------------------------------
// Tags

const TAG_MAX_LENGTH = 64;
const TAGS_HINT = "Tags must be an array of non-empty strings, or a string of comma-separated values.";

function checkTagLength(tag: string, where: string): void {
  if (tag.length > TAG_MAX_LENGTH) {
    throw new ValidationError(
      `Tag ${where} is ${tag.length} characters long; the server accepts at most ${TAG_MAX_LENGTH}.`,
      "tags",
    );
  }
}

/**
 * Tags as the reference client accepts them (docs/reference-client.md#calls): a string is
 * split on `,` and each piece trimmed (an empty piece is an error); an array must hold
 * non-empty strings. Each tag is also held to the server's 64-character limit.
 * Empty or absent input gives `null`, which the reference sends to clear the tags.
 */
export function normalizeTags(tags: string | readonly string[] | null | undefined): string[] | null {
  if (tags === null || tags === undefined || tags === "" || (Array.isArray(tags) && tags.length === 0)) {
    return null;
  }
  if (typeof tags === "string") {
    const pieces = tags.split(",").map((piece) => piece.trim());
    pieces.forEach((piece, i) => {
      if (piece.length === 0) {
        throw new ValidationError(
          `Received an invalid tag string "${tags}": piece ${i} is empty. ${TAGS_HINT}`,
          "tags",
        );
      }
      checkTagLength(piece, `"${piece}"`);
    });
    return pieces;
  }
  if (!Array.isArray(tags)) {
    throw new ValidationError(`Received invalid tags of type ${typeof tags}. ${TAGS_HINT}`, "tags");
  }
  // Copy through `unknown` so that JavaScript callers passing non-strings get a clear error.
  const items: readonly unknown[] = tags;
  return items.map((tag, i) => {
    if (typeof tag !== "string" || tag.trim().length === 0) {
      throw new ValidationError(`Received an invalid tag at index ${i}: ${describe(tag)}. ${TAGS_HINT}`, "tags");
    }
    checkTagLength(tag, `at index ${i}`);
    return tag;
  });
}

// ---------------------------------------------------------------------------
// Statuses

export {
  EXPERIMENT_STATUSES,
  type ExperimentStatus,
  isTerminalStatus,
  TERMINAL_STATUSES,
  type TerminalStatus,
} from "../records/types.js";

const STATUS_SET: ReadonlySet<string> = new Set(EXPERIMENT_STATUSES);

/** A status the server accepts, exactly as spelled there (lower-case). */
export function validateStatus(s: string): ExperimentStatus {
  if (typeof s === "string" && STATUS_SET.has(s)) {
    return s as ExperimentStatus;
  }
  throw new ValidationError(
    `Invalid experiment status ${describe(s)}; expected one of: ${EXPERIMENT_STATUSES.join(", ")}.`,
    "status",
  );
}

export const STATUS_MESSAGE_MAX_LENGTH = 256;

/**
 * The server rejects a status whose message exceeds 256 characters (400), which would
 * lose a final status. Longer messages are therefore cut, not rejected: the first 253
 * characters are kept and "..." appended. Counted in code points, as the server counts
 * characters, so a surrogate pair is never split.
 */
export function validateStatusMessage(message: string | undefined): string | undefined {
  if (message === undefined) {
    return undefined;
  }
  if (typeof message !== "string") {
    throw new ValidationError(`A status message must be a string, got ${describe(message)}.`, "message");
  }
  if (message.length <= STATUS_MESSAGE_MAX_LENGTH) {
    return message; // UTF-16 length bounds the code-point count from above.
  }
  const codePoints = Array.from(message);
  if (codePoints.length <= STATUS_MESSAGE_MAX_LENGTH) {
    return message;
  }
  return `${codePoints.slice(0, STATUS_MESSAGE_MAX_LENGTH - 3).join("")}...`;
}

// ---------------------------------------------------------------------------
// Params

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasToJSON(value: object): value is { toJSON: () => unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}

/**
 * Copy `value` as plain JSON, rejecting anything `JSON.stringify` would drop or mangle
 * silently (undefined, functions, symbols, bigint, NaN/Infinity, Map/Set and other class
 * instances, cycles). Objects with a `toJSON` method (e.g. Date) are converted through it.
 */
function toJson(value: unknown, path: string, seen: Set<object>): Json {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) {
        throw new ValidationError(`Param \`${path}\` is ${value}, which JSON cannot represent.`, path);
      }
      return value;
    case "object":
      break;
    default:
      throw new ValidationError(
        `Param \`${path}\` is a ${typeof value}, which is not JSON-serialisable. Use a string, number, boolean, null, array or plain object.`,
        path,
      );
  }
  if (value === null) {
    return null;
  }
  if (seen.has(value)) {
    throw new ValidationError(`Param \`${path}\` contains a circular reference.`, path);
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item: unknown, i) => toJson(item, `${path}[${i}]`, seen));
    }
    if (isPlainObject(value)) {
      const out: { [key: string]: Json } = {};
      for (const [key, item] of Object.entries(value)) {
        out[key] = toJson(item, `${path}.${key}`, seen);
      }
      return out;
    }
    if (hasToJSON(value)) {
      return toJson(value.toJSON(), path, seen);
    }
    throw new ValidationError(
      `Param \`${path}\` is a ${constructorName(value)} instance, which is not JSON-serialisable. Use a plain object or array.`,
      path,
    );
  } finally {
    seen.delete(value);
  }
}

/**
 * Params for `log_params`: a plain object whose values are JSON. Returns a JSON-only deep
 * copy (so later mutation by the caller does not change what is sent). The error's `field`
 * is the path of the offending value, e.g. `lr` or `optimizer.betas[1]`.
 */
export function validateParams(params: unknown): { [key: string]: Json } {
  if (!isPlainObject(params)) {
    throw new ValidationError(`Params must be a plain object of name → JSON value, got ${describe(params)}.`, "params");
  }
  const seen = new Set<object>([params]);
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = toJson(value, key, seen);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Free strings

const SHORT_FIELD_MAX_LENGTH = 16;

function validateShortString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new ValidationError(`\`${field}\` must be a non-empty string, got ${describe(value)}.`, field);
  }
  if (value.length > SHORT_FIELD_MAX_LENGTH) {
    throw new ValidationError(
      `\`${field}\` "${value}" is ${value.length} characters long; the server accepts at most ${SHORT_FIELD_MAX_LENGTH}.`,
      field,
    );
  }
  return value;
}

/** A framework label (free text, e.g. `pytorch`): non-empty, at most 16 characters. */
export function validateFramework(s: string): string {
  return validateShortString(s, "framework");
}

/** A backend label (free text, e.g. `native`, `other`): non-empty, at most 16 characters. */
export function validateBackend(s: string): string {
  return validateShortString(s, "backend");
}

/** A description: any string (the server has no limit). */
export function validateDescription(s: string): string {
  if (typeof s !== "string") {
    throw new ValidationError(`\`description\` must be a string, got ${describe(s)}.`, "description");
  }
  return s;
}

// ---------------------------------------------------------------------------
// Server ids

/**
 * An experiment or group id: a positive integer, or its decimal digits as a string (`"12"`,
 * as read from an environment variable), returned as a number. `"abc"`, `-3`, `1.5`, `"012"`
 * and `" 12"` are rejected.
 */
export function validateId(value: unknown, field: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === "string" && /^[1-9][0-9]*$/.test(value) && Number.isSafeInteger(Number(value))) {
    return Number(value);
  }
  throw new ValidationError(
    `${field} must be a positive integer (or its digits as a string), got ${describe(value)}.`,
    field,
  );
}

// ---------------------------------------------------------------------------

function constructorName(value: object): string {
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  return typeof ctor === "function" && ctor.name ? ctor.name : "non-plain object";
}

/** A short description of a rejected value for error messages (never its full content). */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return `a ${constructorName(value)}`;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return `a ${typeof value}`;
}
