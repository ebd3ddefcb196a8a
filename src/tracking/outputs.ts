import { ArtifactError } from "../store/artifact-error.js";
import { LocalOutputsStore, type OutputsStore, outputsPathFor } from "../store/outputs-store.js";
import { type ClusterEnvOptions, getOutputsPath } from "./cluster-env.js";

export interface OutputsChoice {
  managed: boolean;
  /** The environment the in-cluster outputs path is read from (default `process.env`). */
  clusterEnv?: ClusterEnvOptions | undefined;
  /** `POLYAXON_BASE_OUTPUTS_PATH` or `create({ baseOutputsPath })`. */
  base: string | undefined;
  owner: string | undefined;
  project: string | undefined;
  experimentId: number | undefined;
  groupId: number | undefined;
  /** The local run's `outputs/` directory. */
  fallback: string | undefined;
}

/**
 * Where artifacts go (tracking-behaviour.md §12, with the layout bug fixed):
 * in-cluster the mounted `POLYAXON_RUN_OUTPUTS_PATH`; out of cluster with a base outputs path
 * and a known experiment, the server's layout under that base; otherwise the local run's
 * `outputs/` directory, so artifacts are never dropped.
 */
export function resolveOutputsStore(choice: OutputsChoice): OutputsStore {
  if (choice.managed) {
    const path = getOutputsPath(choice.clusterEnv);
    if (path) return new LocalOutputsStore(path);
  }
  if (choice.base && choice.owner && choice.project && choice.experimentId !== undefined) {
    const parts = {
      base: choice.base,
      owner: choice.owner,
      project: choice.project,
      experimentId: choice.experimentId,
      ...(choice.groupId === undefined ? {} : { groupId: choice.groupId }),
    };
    return new LocalOutputsStore(outputsPathFor(parts));
  }
  if (choice.fallback) return new LocalOutputsStore(choice.fallback);
  throw new ArtifactError("No outputs path: call create() first, or set POLYAXON_BASE_OUTPUTS_PATH.");
}
