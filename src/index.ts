/**
 * polyaxon-tracking: track experiments against the Polyaxon v0 API from Node/TypeScript.
 *
 * - `Experiment`: the tracking facade (out of cluster, in cluster, offline, no-op).
 * - `createClient` and the typed errors: the low-level client generated from openapi/spec.yaml
 *   (this entry's `createClient` adds proxies and TLS options for Node to the browser-safe one).
 * - `loadSettings`: the resolved configuration (environment, config files, options).
 * - `LocalOutputsStore`, `outputsPathFor`: where artifacts go, and the server's layout for
 *   stores of your own.
 *
 * Everything exported here is documented in the README ("Public API"). Delivery, the run
 * store and the CLI's internals are not part of the API: use the `polyaxon-tracking` command
 * to list and sync runs.
 */

export * from "./api/index.js";
export { PolyaxonError, ValidationError } from "./errors.js";
// Shadows the browser-safe createClient of ./api: same name, plus proxy and TLS options.
export { createClient, type NetworkOptions, type NodeClientOptions } from "./net/index.js";
export type { Settings, SettingsOverrides } from "./settings/index.js";
export { loadSettings, SettingsError } from "./settings/index.js";
export { ArtifactError } from "./store/artifact-error.js";
export { AzureOutputsStore } from "./store/cloud/azure-store.js";
export type { CloudStoreOptions } from "./store/cloud/cloud-store.js";
export type { AzureCredentials, GcsCredentials, GcsKeyfile, S3Credentials } from "./store/cloud/credentials.js";
export { GcsOutputsStore } from "./store/cloud/gcs-store.js";
export { S3OutputsStore } from "./store/cloud/s3-store.js";
export { outputsStoreFor, type StoreForOptions, type StoreKind } from "./store/cloud/select-store.js";
export type {
  ArtifactResult,
  CopyProgress,
  OutputsPathParts,
  OutputsStore,
  UploadedFile,
  UploadOptions,
} from "./store/outputs-store.js";
export { LocalOutputsStore, outputsPathFor } from "./store/outputs-store.js";
export { NotManagedError } from "./tracking/cluster-env.js";
export {
  type CreateOptions,
  Experiment,
  type ExperimentData,
  type ExperimentMetricPoint,
  type ExperimentOptions,
  ExperimentStateError,
  type ExperimentStatusEntry,
  type ReadOptions,
  type ResetOption,
} from "./tracking/experiment.js";
export type { Notifier } from "./tracking/notice.js";
export { SDK_VERSION } from "./version.js";
