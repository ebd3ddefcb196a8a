/** Naming an experiment on the command line: `<owner/project> <id>`, checked before any request. */
import type { PolyaxonClient } from "../../../api/client.js";
import { NotFoundError } from "../../../api/errors.js";
import type { Schemas } from "../../../api/index.js";
import { ValidationError } from "../../../errors.js";
import { parseProject } from "../../../tracking/project.js";
import { validateId } from "../../../tracking/validate.js";
import { CliUsageError } from "../errors.js";

export interface ProjectRef {
  owner: string;
  name: string;
}

/** The path parameters of an experiment. */
export interface ExperimentPath {
  username: string;
  project_name: string;
  id: number;
}

/**
 * `owner/project` (or `owner.project`); a bare `project` belongs to the token's user, as in
 * `new Experiment({ project })`.
 */
export async function resolveProject(client: PolyaxonClient, text: string): Promise<ProjectRef> {
  let parsed: ReturnType<typeof parseProject>;
  try {
    parsed = parseProject(text);
  } catch (error) {
    if (error instanceof ValidationError) throw new CliUsageError(error.message);
    throw error;
  }
  if (parsed.owner !== undefined) return { owner: parsed.owner, name: parsed.name };
  const { data } = await client.GET("/users/");
  if (!data?.username) {
    throw new CliUsageError(`"${text}" has no owner and the token belongs to no user: write it as owner/project.`);
  }
  return { owner: data.username, name: parsed.name };
}

/** An experiment id argument: a positive integer. */
export function parseExperimentId(text: string): number {
  try {
    return validateId(text, "experiment id");
  } catch (error) {
    if (error instanceof ValidationError) throw new CliUsageError(error.message);
    throw error;
  }
}

export function experimentPath(project: ProjectRef, id: number): ExperimentPath {
  return { username: project.owner, project_name: project.name, id };
}

/** The experiment detail; a 404 means the experiment (or project) does not exist: exit 2. */
export async function getExperiment(
  client: PolyaxonClient,
  path: ExperimentPath,
): Promise<Schemas["ExperimentDetail"]> {
  try {
    const { data } = await client.GET("/{username}/{project_name}/experiments/{id}/", { params: { path } });
    if (data === undefined) throw new CliUsageError(`Experiment ${path.id} could not be read.`);
    return data;
  } catch (error) {
    throw unknownOn404(error, `No experiment ${path.id} in ${path.username}/${path.project_name}`);
  }
}

/** A 404 from the server as a usage error naming what was not found; anything else unchanged. */
export function unknownOn404(error: unknown, what: string): unknown {
  if (!(error instanceof NotFoundError)) return error;
  const said = typeof error.body === "string" ? error.body : JSON.stringify(error.body ?? "");
  return new CliUsageError(`${what} (the server answered 404 ${said}).`);
}
