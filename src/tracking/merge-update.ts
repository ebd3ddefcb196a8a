import type { CreateBody, Json, UpdateBody } from "../records/types.js";

/** The experiment fields a run's create + update records build up, as the server stores them. */
export interface TrackedFields {
  name?: string;
  description?: string;
  framework?: string;
  backend?: string;
  /** Replaced as a whole by each update (`merge` does not apply to it). */
  runEnv?: { [key: string]: Json };
  tags: string[];
  params: { [key: string]: Json };
  dataRefs: { [key: string]: string };
}

/**
 * Applies one PATCH body the way the server does (docs/wire.md#patch-merge): `merge`
 * only affects tags, params and data_refs; an empty or null side means plain replace,
 * so `null`/`[]` clears even with merge. Returns a new object.
 */
export function applyUpdate(current: TrackedFields, body: UpdateBody): TrackedFields {
  const next: TrackedFields = { ...current };
  const merge = body.merge === true;
  if (body.name !== undefined) next.name = body.name;
  if (body.description !== undefined) next.description = body.description;
  if (body.framework !== undefined) next.framework = body.framework;
  if (body.backend !== undefined) next.backend = body.backend;
  if (body.run_env !== undefined) next.runEnv = body.run_env;
  if (body.tags !== undefined) next.tags = mergeTags(current.tags, body.tags, merge);
  if (body.params !== undefined) next.params = mergeObject(current.params, body.params, merge);
  if (body.data_refs !== undefined) next.dataRefs = mergeObject(current.dataRefs, body.data_refs, merge);
  return next;
}

function mergeTags(existing: string[], incoming: string[] | null, merge: boolean): string[] {
  const fresh = [...new Set(incoming ?? [])];
  if (!merge || existing.length === 0 || fresh.length === 0) return fresh;
  return [...existing, ...fresh.filter((tag) => !existing.includes(tag))];
}

function mergeObject<T>(
  existing: { [key: string]: T },
  incoming: { [key: string]: T } | null,
  merge: boolean,
): { [key: string]: T } {
  const fresh = incoming ?? {};
  if (!merge || Object.keys(existing).length === 0 || Object.keys(fresh).length === 0) return { ...fresh };
  return { ...existing, ...fresh };
}

/** The fields a create body sets, as the update that would set them. */
export function createAsUpdate(body: CreateBody): UpdateBody {
  const update: UpdateBody = { backend: body.backend };
  if (body.name !== undefined) update.name = body.name;
  if (body.description !== undefined) update.description = body.description;
  if (body.tags !== undefined) update.tags = body.tags;
  if (body.framework !== undefined) update.framework = body.framework;
  if (body.run_env !== undefined) update.run_env = body.run_env;
  return update;
}
