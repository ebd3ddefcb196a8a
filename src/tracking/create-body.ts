import type { CreateBody } from "../records/types.js";
import type { CreateOptions } from "./experiment-options.js";
import { getRunEnv } from "./run-env.js";
import { normalizeTags, validateBackend, validateDescription, validateFramework, validateName } from "./validate.js";

/**
 * The body of the create request (docs/wire.md#creating-an-experiment): `is_managed: false`, backend
 * `"other"` unless given, the run environment when tracked, the group when set. Every field is
 * validated here, so a bad argument throws before anything is recorded or sent.
 */
export function createBody(
  options: CreateOptions,
  context: { groupId: number | undefined; trackEnv: boolean },
): CreateBody {
  const body: CreateBody = { is_managed: false, backend: validateBackend(options.backend ?? "other") };
  if (options.name !== undefined) body.name = validateName(options.name);
  if (options.description !== undefined) body.description = validateDescription(options.description);
  if (options.framework !== undefined) body.framework = validateFramework(options.framework);
  if (options.tags !== undefined) {
    const tags = normalizeTags(options.tags);
    if (tags) body.tags = tags;
  }
  if (options.content !== undefined) {
    body.content = typeof options.content === "string" ? options.content : JSON.stringify(options.content);
  }
  if (options.buildId !== undefined) body.build_job = options.buildId;
  if (context.groupId !== undefined) body.experiment_group = context.groupId;
  if (context.trackEnv) body.run_env = getRunEnv();
  return body;
}
