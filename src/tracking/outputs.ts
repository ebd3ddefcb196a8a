import { errorMessage } from "../errors.js";
import { ArtifactError } from "../store/artifact-error.js";
import { exportStoreCredentials, outputsStoreFor } from "../store/cloud/select-store.js";
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
 * Where artifacts go (docs/wire.md#outputs-layout; the reference's layout bug fixed):
 * in-cluster `POLYAXON_RUN_OUTPUTS_PATH`; out of cluster with a base outputs path and a known
 * experiment, the server's layout under that base; both through the store the environment
 * selects (`outputsStoreFor`: local, S3, GCS or Azure). Otherwise the local run's `outputs/`
 * directory, so artifacts are never dropped.
 */
export function resolveOutputsStore(choice: OutputsChoice): OutputsStore {
  const env = choice.clusterEnv?.env ?? process.env;
  if (choice.managed) {
    const path = getOutputsPath(choice.clusterEnv);
    if (path) return outputsStoreFor(path, { env });
  }
  if (choice.base && choice.owner && choice.project && choice.experimentId !== undefined) {
    const parts = {
      base: choice.base,
      owner: choice.owner,
      project: choice.project,
      experimentId: choice.experimentId,
      ...(choice.groupId === undefined ? {} : { groupId: choice.groupId }),
    };
    return outputsStoreFor(outputsPathFor(parts), { env });
  }
  if (choice.fallback) return new LocalOutputsStore(choice.fallback);
  throw new ArtifactError("No outputs path: call create() first, or set POLYAXON_BASE_OUTPUTS_PATH.");
}

/**
 * In a Polyaxon job (docs/reference-client.md#constructor): the outputs store's credentials
 * are exported to the standard variables at start, for the user's own code (e.g. TensorFlow
 * writing to `s3://`).
 * A store that cannot be built is only reported here; the first `logArtifact` raises it.
 */
export function exportManagedStoreCredentials(
  clusterEnv: ClusterEnvOptions | undefined,
  warn: (message: string) => void,
): void {
  try {
    const path = getOutputsPath(clusterEnv);
    if (path) exportStoreCredentials(path);
  } catch (error) {
    warn(`outputs store: ${errorMessage(error)}`);
  }
}
