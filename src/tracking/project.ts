/**
 * Parse the facade's `project` argument (docs/reference-client.md#constructor).
 *
 * `"owner/project"`, `"owner.project"` → both parts; `"project"` → owner undefined, to
 * be filled with the current user later. Unlike the reference, anything else (`"a/b/c"`,
 * `"a/"`) is rejected here instead of being sent and failing as a 404 later.
 */
import { ValidationError } from "../errors.js";

/**
 * The server's URL patterns are `[-\w]{1,156}` (owner) and `[-\w]{1,256}` (project), with
 * Python's Unicode-aware `\w` (letters, digits, underscore). `u` makes `\p{…}` and the
 * length bounds work on code points, as Python does.
 */
const OWNER_PATTERN = /^[-_\p{L}\p{N}]{1,156}$/u;
const PROJECT_PATTERN = /^[-_\p{L}\p{N}]{1,256}$/u;

export interface ParsedProject {
  /** Undefined when only a project name was given: the caller looks up the current user. */
  owner: string | undefined;
  name: string;
}

export function parseProject(project: string): ParsedProject {
  if (typeof project !== "string" || project.trim().length === 0) {
    throw new ValidationError("You need to provide a project to do tracking.", "project");
  }
  const parts = project.replaceAll(".", "/").split("/");
  if (parts.length > 2) {
    throw new ValidationError(
      `Invalid project "${project}": expected "owner/project", "owner.project" or "project".`,
      "project",
    );
  }
  const [first = "", second] = parts;
  const owner = second === undefined ? undefined : first;
  const name = second ?? first;
  if (owner !== undefined && !OWNER_PATTERN.test(owner)) {
    throw new ValidationError(
      `Invalid project "${project}": the owner "${owner}" must be 1-156 letters, digits, "-" or "_".`,
      "project",
    );
  }
  if (!PROJECT_PATTERN.test(name)) {
    throw new ValidationError(
      `Invalid project "${project}": the project name "${name}" must be 1-256 letters, digits, "-" or "_".`,
      "project",
    );
  }
  return { owner, name };
}
