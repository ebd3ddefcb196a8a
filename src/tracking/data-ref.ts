/**
 * Data-reference hashing for `logDataRef` (docs/reference-client.md#calls): a truncated,
 * lowercase hex MD5 that identifies a data set by value.
 *
 * Strings, numbers, bigints and booleans hash their string form, exactly as the Python
 * client does, so those hashes match the reference. Bytes hash the bytes themselves.
 * Containers cannot match Python's `repr`, so they hash a canonical JSON form instead
 * (object keys sorted recursively, no whitespace) that is stable across key order.
 */
import { createHash } from "node:crypto";
import { ValidationError } from "../errors.js";

const MD5_HEX_LENGTH = 32;

export function hashDataRef(data: unknown, length = 12): string {
  if (!Number.isInteger(length) || length < 1 || length > MD5_HEX_LENGTH) {
    throw new ValidationError(
      `The data-ref hash length must be an integer from 1 to ${MD5_HEX_LENGTH}, got ${length}.`,
      "length",
    );
  }
  return createHash("md5").update(toHashInput(data)).digest("hex").slice(0, length);
}

function toHashInput(data: unknown): string | Uint8Array {
  switch (typeof data) {
    case "string":
      return data;
    case "number":
    case "bigint":
    case "boolean":
      return String(data);
    case "undefined":
    case "function":
    case "symbol":
      throw new ValidationError(`Cannot hash a data reference of type ${typeof data}.`, "data");
  }
  if (data instanceof Uint8Array) {
    return data; // Buffer is a Uint8Array subclass.
  }
  if (data instanceof ArrayBuffer) {
    return new Uint8Array(data);
  }
  return canonicalJson(data, new Set());
}

function canonicalJson(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) {
        throw new ValidationError(`Cannot hash a data reference containing ${value}.`, "data");
      }
      return JSON.stringify(value);
    case "bigint":
      return value.toString();
    case "object":
      break;
    default:
      throw new ValidationError(`Cannot hash a data reference containing a value of type ${typeof value}.`, "data");
  }
  if (value === null) {
    return "null";
  }
  if (seen.has(value)) {
    throw new ValidationError("Cannot hash a data reference containing a circular reference.", "data");
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item: unknown) => canonicalJson(item, seen)).join(",")}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item, seen)}`).join(",")}}`;
    }
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") {
      // Date, Buffer and similar define their own JSON form.
      return canonicalJson(toJSON.call(value), seen);
    }
    // Map, Set, typed arrays, class instances: JSON.stringify would silently lose their content.
    throw new ValidationError(
      "Cannot hash a data reference containing a non-plain object; pass a string, bytes, number, array or plain object.",
      "data",
    );
  } finally {
    seen.delete(value);
  }
}
