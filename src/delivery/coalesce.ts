import type { Json, UpdateBody } from "../records/types.js";

/**
 * Coalescing of consecutive experiment updates into as few PATCH requests as possible, with the
 * same end state on the server as sending them one by one (docs/wire.md, "PATCH merge").
 *
 * The server's `merge` flag applies to `tags`, `params` and `data_refs` only:
 * - without it the field is replaced;
 * - with it, new tags not yet present are appended and params/data_refs are merged key by key —
 *   unless either side is empty or null, in which case the new value simply replaces the old
 *   (so `tags: null` or `[]` clears even with `merge: true`).
 * Every other field (name, description, run_env, backend, framework) is always replaced.
 *
 * Each field's net effect over a run of updates is therefore "replace with V" or "merge V in";
 * one PATCH carries a single `merge` flag, so the run becomes one request, or two when some
 * field must be replaced by a non-empty value while another must be merged (replacements first).
 */

type MergeField = "tags" | "params" | "data_refs";
const MERGE_FIELDS: readonly MergeField[] = ["tags", "params", "data_refs"];
type Value = Json | undefined;

interface Effect {
  merge: boolean;
  value: Value;
}

function isEmpty(value: Value): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/** The server's merge of `next` into `current` (both non-empty): tags union, dicts key by key. */
function mergeValues(current: Value, next: Value): Value {
  if (Array.isArray(current) && Array.isArray(next)) return [...new Set([...current, ...next].map(String))];
  if (isObject(current) && isObject(next)) return { ...current, ...next };
  return next;
}

function isObject(value: Value): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The effect of `next` applied after `current` (either may be absent). */
function compose(current: Effect | undefined, next: Effect): Effect {
  // Merging an empty value, or into an empty value, is a plain replacement.
  if (!next.merge || current === undefined) return next.merge && isEmpty(next.value) ? { ...next, merge: false } : next;
  if (isEmpty(next.value)) return { merge: false, value: next.value };
  if (!current.merge && isEmpty(current.value)) return { merge: false, value: next.value };
  return { merge: current.merge, value: mergeValues(current.value, next.value) };
}

/**
 * The PATCH bodies that leave the server as `updates` sent one by one would: one, or two
 * (replacements first, then merges) when a single `merge` flag cannot express both.
 */
export function coalesceUpdates(updates: readonly UpdateBody[]): UpdateBody[] {
  if (updates.length === 1 && updates[0]) return [updates[0]];
  const effects = new Map<MergeField, Effect>();
  const plain: { [key: string]: Json } = {};
  for (const update of updates) {
    for (const [key, value] of Object.entries(update)) {
      if (key === "merge" || value === undefined) continue;
      if ((MERGE_FIELDS as readonly string[]).includes(key)) {
        const field = key as MergeField;
        effects.set(field, compose(effects.get(field), { merge: update.merge === true, value: value as Json }));
      } else {
        plain[key] = value as Json;
      }
    }
  }
  const replaced: { [key: string]: Json } = {};
  const merged: { [key: string]: Json } = {};
  for (const [field, effect] of effects) {
    // Replacing by an empty value works inside a merging PATCH too (the server replaces then).
    if (effect.merge || isEmpty(effect.value)) merged[field] = effect.value as Json;
    else replaced[field] = effect.value as Json;
  }
  const merging = [...effects.values()].some((effect) => effect.merge);
  if (!merging) return [{ ...plain, ...replaced, ...merged } as UpdateBody];
  if (Object.keys(replaced).length === 0) return [{ ...plain, ...merged, merge: true } as UpdateBody];
  // The plain fields ride with the merges, in the second PATCH: sent again after an interruption
  // between the two, the first only replaces again with the same values. (A PATCH carrying `name`
  // renames the experiment every time it is applied: docs/wire.md, "Duplicate names".)
  return [{ ...replaced } as UpdateBody, { ...plain, ...merged, merge: true } as UpdateBody];
}
