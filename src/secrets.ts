/**
 * Keeping tokens out of what users print. People `console.log` and `JSON.stringify` objects
 * when they debug; an object of this SDK that holds a token shows a redacted view instead,
 * through `toJSON` and Node's `util.inspect.custom` hook (what `console.log` uses).
 *
 * Both are defined non-enumerable, so the object stays plain data: a spread or a
 * `structuredClone` (settings sent to a worker thread) copies the fields, tokens included,
 * and leaves the hooks behind.
 */

/** Node's `util.inspect.custom`, without importing `node:util`. */
export const INSPECT_CUSTOM: unique symbol = Symbol.for("nodejs.util.inspect.custom");

export const REDACTED = "[REDACTED]";

/** Makes `JSON.stringify(target)` and `util.inspect(target)` show `view()` instead. */
export function showAs<T extends object>(target: T, view: () => unknown): T {
  Object.defineProperty(target, "toJSON", { value: view, enumerable: false, configurable: true });
  Object.defineProperty(target, INSPECT_CUSTOM, { value: view, enumerable: false, configurable: true });
  return target;
}

/** A shallow copy with the given fields replaced by `[REDACTED]` when they hold a value. */
export function withoutSecrets<T extends object>(value: T, fields: readonly (keyof T)[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of fields) {
    if (copy[field as string] !== undefined) copy[field as string] = REDACTED;
  }
  return copy;
}
