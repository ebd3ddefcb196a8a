/**
 * The project list's `query` and `sort` parameters: the common part of Polyaxon's query
 * language (`field:value`, `~value`, `a|b`, `<`, `<=`, `>`, `>=`, `a..b`, `%x%` on names),
 * comma-separated terms ANDed, and sorting with nulls last. An unknown field is refused as
 * the server refuses it.
 */
import { type ExperimentRecord, lastStatus } from "../records.js";
import { parseMicros } from "../time.js";

const FIELDS = new Set([
  "id",
  "created_at",
  "updated_at",
  "started_at",
  "finished_at",
  "name",
  "description",
  "user",
  "status",
  "project",
  "group",
  "build",
  "backend",
  "framework",
  "commit",
  "tags",
  "independent",
]);

type Value = string | number | null;

/** The value of `field` for one experiment; a list for tags. */
function fieldValue(
  e: ExperimentRecord,
  field: string,
  commitOf: (e: ExperimentRecord) => string | null,
): Value | string[] {
  const [head, ...rest] = field.split(".");
  const key = rest.join(".");
  switch (head) {
    case "id":
      return e.id;
    case "created_at":
      return e.createdAt;
    case "updated_at":
      return e.updatedAt;
    case "started_at":
      return e.startedAt;
    case "finished_at":
      return e.finishedAt;
    case "name":
      return e.name;
    case "description":
      return e.description;
    case "user":
      return e.user;
    case "status":
      return lastStatus(e);
    case "project":
      return e.project;
    case "backend":
      return e.backend;
    case "framework":
      return e.framework;
    case "commit":
      return commitOf(e);
    case "tags":
      return e.tags ?? [];
    case "independent":
      return "true";
    case "metric":
    case "metrics":
      return e.lastMetric[key] ?? null;
    case "params":
    case "declarations": {
      const value = e.params?.[key];
      return value === undefined || value === null ? null : typeof value === "number" ? value : String(value);
    }
    default:
      return null;
  }
}

function isDateField(field: string): boolean {
  return /^(created|updated|started|finished)_at$/.test(field);
}

function coerce(field: string, text: string): Value {
  if (isDateField(field))
    return parseMicros(text.includes("T") || text.includes(" ") ? text : `${text}T00:00:00Z`) ?? NaN;
  if (field === "id" || /^metrics?\./.test(field)) return Number(text);
  return text;
}

function compare(a: Value, b: Value): number {
  if (a === null || b === null) return Number.NaN;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function matchesOne(actual: Value | string[], field: string, operation: string): boolean {
  if (Array.isArray(actual)) return operation.split("|").some((tag) => actual.includes(tag));
  for (const op of ["<=", ">=", "<", ">"] as const) {
    if (!operation.startsWith(op)) continue;
    const diff = compare(actual, coerce(field, operation.slice(op.length)));
    if (Number.isNaN(diff)) return false;
    return op === "<=" ? diff <= 0 : op === ">=" ? diff >= 0 : op === "<" ? diff < 0 : diff > 0;
  }
  if (operation.includes("..")) {
    const [from = "", to = ""] = operation.split("..");
    return compare(actual, coerce(field, from)) >= 0 && compare(actual, coerce(field, to)) <= 0;
  }
  if (operation.includes("%") && typeof actual === "string") {
    const pattern = operation.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*");
    return new RegExp(`^${pattern}$`).test(actual);
  }
  return operation.split("|").some((option) => compare(actual, coerce(field, option)) === 0);
}

/** A filter from a `query` string, or the server's 400 message for an unknown field. */
export function parseQuery(
  query: string,
  commitOf: (e: ExperimentRecord) => string | null,
): ((e: ExperimentRecord) => boolean) | { error: string } {
  const terms: Array<(e: ExperimentRecord) => boolean> = [];
  for (const term of query
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")) {
    const colon = term.indexOf(":");
    const field = colon < 0 ? term : term.slice(0, colon);
    const operation = colon < 0 ? "" : term.slice(colon + 1);
    const base = field.split(".")[0] ?? "";
    const known =
      FIELDS.has(field) || (["metric", "metrics", "params", "declarations"].includes(base) && field.includes("."));
    if (!known) return { error: `key \`${field}\` is not supported by query manager \`experiment\`.` };
    const negate = operation.startsWith("~");
    const body = negate ? operation.slice(1) : operation;
    terms.push((e) => matchesOne(fieldValue(e, field, commitOf), field, body) !== negate);
  }
  return (e) => terms.every((term) => term(e));
}

/** Sorts by `sort` (comma-separated, `-` descending, nulls last); unknown fields are ignored. */
export function sortExperiments(items: ExperimentRecord[], sort: string | null): ExperimentRecord[] {
  const keys = (sort ?? "-updated_at")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => /^-?((created|updated|started|finished)_at|metrics?\..+)$/.test(k));
  if (keys.length === 0) keys.push("-updated_at");
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const field = key.replace(/^-/, "");
      const [x, y] = [fieldValue(a, field, () => null), fieldValue(b, field, () => null)] as [Value, Value];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const diff = compare(x, y);
      if (diff !== 0) return key.startsWith("-") ? -diff : diff;
    }
    return b.id - a.id;
  });
}
