/**
 * polyaxon-tracking: track experiments against the Polyaxon v0 API from Node/TypeScript.
 *
 * - `Experiment`: the tracking facade (out of cluster, in cluster, offline, no-op).
 * - `createClient` and the typed errors: the low-level client generated from openapi/spec.yaml.
 * - `loadSettings`: the resolved configuration (environment, config files, options).
 */

export * from "./api/index.js";
export { ApiTransport } from "./delivery/api-transport.js";
export { SyncError, syncRun } from "./delivery/sync-run.js";
export { PolyaxonError, ValidationError } from "./errors.js";
export type { Settings, SettingsOverrides } from "./settings/index.js";
export { loadSettings, SettingsError, settingsTable } from "./settings/index.js";
export { ArtifactError } from "./store/artifact-error.js";
export { AzureOutputsStore } from "./store/cloud/azure-store.js";
export type { CloudStoreOptions } from "./store/cloud/cloud-store.js";
export type { AzureCredentials, GcsCredentials, GcsKeyfile, S3Credentials } from "./store/cloud/credentials.js";
export { GcsOutputsStore } from "./store/cloud/gcs-store.js";
export { S3OutputsStore } from "./store/cloud/s3-store.js";
export {
  chooseStore,
  exportStoreCredentials,
  outputsStoreFor,
  type StoreChoice,
  type StoreForOptions,
  type StoreKind,
} from "./store/cloud/select-store.js";
export type { ArtifactResult, OutputsStore, UploadedFile, UploadOptions } from "./store/outputs-store.js";
export { LocalOutputsStore, outputsPathFor } from "./store/outputs-store.js";
export { NotManagedError } from "./tracking/cluster-env.js";
export {
  type CreateOptions,
  Experiment,
  type ExperimentOptions,
  ExperimentStateError,
  type ResetOption,
} from "./tracking/experiment.js";
export type { Notifier } from "./tracking/notice.js";
export { SDK_VERSION } from "./version.js";
