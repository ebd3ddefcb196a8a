import type { PolyaxonClient } from "../api/client.js";
import type { LoadSettingsInput } from "../settings/settings.js";
import type { SettingsOverrides } from "../settings/types.js";
import type { OutputsStore } from "../store/outputs-store.js";
import type { Notifier } from "./notice.js";

export interface ExperimentOptions {
  /** `"owner/project"`, `"owner.project"` or `"project"` (owner looked up). Not needed in-cluster. */
  project?: string;
  /**
   * Attach to an experiment that already exists instead of creating one. A positive integer;
   * its digits as a string (`"12"`, e.g. from an environment variable) are accepted too.
   * Anything else is a `ValidationError` at construction.
   */
  experimentId?: number | string;
  /** Experiment group the new experiment belongs to (a positive integer, or its digits as a string). */
  groupId?: number | string;
  /** A low-level client to use instead of one built from settings. */
  client?: PolyaxonClient;
  /** Ship stdout/stderr lines as the experiment's logs (default true, out of cluster). */
  trackLogs?: boolean;
  /** Record the git code reference on create (default true). */
  trackGit?: boolean;
  /** Alias of `trackGit` (the reference client's name). */
  trackCode?: boolean;
  /** Directory whose git repository is the code reference (default: the working directory). */
  gitDir?: string;
  /** Send the run environment (default true). */
  trackEnv?: boolean;
  /** Where artifacts go; default: the run's outputs path (see README). */
  outputsStore?: OutputsStore;
  /** Explicit settings; they beat environment variables and config files. */
  settings?: SettingsOverrides;
  /**
   * Where the layered config files are read from (and the exchanged in-cluster token is
   * cached): default HOME, `/tmp` and `/plx-context`. For read-only pods and for tests.
   */
  configDirs?: Pick<LoadSettingsInput, "homeDir" | "tmpDir" | "contextDir">;
  /** Root of the local run store (default `./.polyaxon/runs`, `POLYAXON_TRACKING_DIR`). */
  trackingDir?: string;
  /** Every delivery problem lands here (never as an unhandled rejection). */
  onError?: (error: unknown) => void;
  /** How long the exit-time flush may take (default `POLYAXON_FLUSH_TIMEOUT`, 10 s). */
  exitTimeoutMs?: number;
  /** Install the process exit/crash/signal hooks (default true). */
  handleExit?: boolean;
  /** Where the SDK's own notices go (default: stderr, prefixed `[polyaxon-tracking]`). */
  notifier?: Notifier;
}

export interface CreateOptions {
  name?: string;
  tags?: string | readonly string[];
  description?: string;
  framework?: string;
  /** Default `"other"`, as the reference client. */
  backend?: string;
  /** Polyaxonfile content, as text or an object (sent as JSON text). */
  content?: string | object;
  buildId?: number;
  /** Base of the outputs layout (default `POLYAXON_BASE_OUTPUTS_PATH`). */
  baseOutputsPath?: string;
}

export interface ResetOption {
  /** Replace instead of merging into what the server has. */
  reset?: boolean;
}
