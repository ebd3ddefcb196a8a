import * as apiErrors from "../api/errors.js";
import { PolyaxonError, ValidationError } from "../errors.js";

/** An error as it crosses from the delivery thread: its class name and own fields. */
export interface ErrorCopy {
  name: string;
  message: string;
  stack: string | undefined;
  fields: Record<string, unknown>;
}

/** The classes an error of the delivery thread is rebuilt as, by name (the rest become `Error`s). */
const CLASSES = new Map<string, { prototype: Error }>(
  [...Object.values(apiErrors), PolyaxonError, ValidationError]
    .filter((value): value is typeof PolyaxonError => typeof value === "function" && value.prototype instanceof Error)
    .map((cls) => [cls.name, cls]),
);

export function copyError(error: unknown): ErrorCopy {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), stack: undefined, fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== "name" && key !== "message" && isCloneable(value)) fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/**
 * The error again, on the training thread: an instance of the same SDK class when there is one
 * (so `instanceof NotFoundError` and `error.status` work in `onError`), with the same fields.
 */
export function rebuildError(copy: ErrorCopy): Error {
  const cls = CLASSES.get(copy.name);
  const error: Error = cls ? Object.create(cls.prototype) : new Error(copy.message);
  Object.assign(error, copy.fields);
  Object.defineProperty(error, "message", { value: copy.message, writable: true, configurable: true });
  Object.defineProperty(error, "name", { value: copy.name, writable: true, configurable: true });
  if (copy.stack) Object.defineProperty(error, "stack", { value: copy.stack, writable: true, configurable: true });
  return error;
}

function isCloneable(value: unknown): boolean {
  if (value === null) return true;
  const type = typeof value;
  if (type === "function" || type === "symbol") return false;
  if (type !== "object") return true;
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
