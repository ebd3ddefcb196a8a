import { rmSync } from "node:fs";
import { APIRequestError } from "../api/errors.js";
import { ApiTransport } from "../delivery/api-transport.js";
import type { Recorder } from "../delivery/recorder.js";
import type { CreatedExperiment, DeliveryTarget, Transport } from "../delivery/transport.js";
import { errorMessage, PolyaxonError, ValidationError } from "../errors.js";
import { copyMetricValues, type DroppedReason } from "../records/metric-values.js";
import type { CreateBody, ExperimentStatus, UpdateBody } from "../records/types.js";
import { INSPECT_CUSTOM } from "../secrets.js";
import { loadSettings } from "../settings/settings.js";
import type { Settings, SettingsOverrides } from "../settings/types.js";
import type { ArtifactResult, OutputsStore, UploadOptions } from "../store/outputs-store.js";
import { RunDir } from "../store/run-store.js";
import { SDK_VERSION } from "../version.js";
import * as clusterEnv from "./cluster-env.js";
import { getCodeRef } from "./code-ref.js";
import { clientFromSettings } from "./connect.js";
import { createBody } from "./create-body.js";
import { hashDataRef } from "./data-ref.js";
import type { CreateOptions, ExperimentOptions, ResetOption } from "./experiment-options.js";
import { type AttemptOutcome, LateCreate } from "./late-create.js";
import { type ExitParticipant, type FinalOutcome, registerForExit, unregisterForExit } from "./lifecycle.js";
import { startManaged } from "./managed.js";
import { consoleNotifier, onceNotifier } from "./notice.js";
import { exportManagedStoreCredentials, resolveOutputsStore } from "./outputs.js";
import { parseProject } from "./project.js";
import {
  type ExperimentData,
  type ExperimentMetricPoint,
  type ExperimentStatusEntry,
  type ReadOptions,
  type ReadSource,
  readEntityData,
  readMetrics,
  readStatuses,
} from "./reads.js";
import { getRunEnv } from "./run-env.js";
import { RunSession, type ServerLink } from "./run-session.js";

export type { CreateOptions, ExperimentOptions, ResetOption } from "./experiment-options.js";
export type { ExperimentData, ExperimentMetricPoint, ExperimentStatusEntry, ReadOptions } from "./reads.js";

import {
  isTerminalStatus,
  normalizeTags,
  validateBackend,
  validateDescription,
  validateFramework,
  validateId,
  validateName,
  validateParams,
  validateStatus,
  validateStatusMessage,
} from "./validate.js";

/** A call that does not fit the run's state (e.g. logging before `create()`). */
export class ExperimentStateError extends PolyaxonError {
  override name = "ExperimentStateError";
}

type Phase = "new" | "active" | "ended";

/** Each experiment's participant in the process life-cycle hooks (kept out of its public type). */
const exitHooks = new WeakMap<Experiment, ExitParticipant>();

/** Internal (tests): the exit hooks of an experiment. Not exported by the package. */
export function exitHooksOf(experiment: Experiment): ExitParticipant {
  const hooks = exitHooks.get(experiment);
  if (!hooks) throw new Error("not an Experiment");
  return hooks;
}

/** Budget of the exit-time create attempt when the server was unreachable at `create()`. */
const LAST_CREATE_ATTEMPT_MS = 2_000;

/**
 * Tracks one experiment: the TypeScript counterpart of Polyaxon's Python tracking
 * `Experiment`. Every `log*`/`set*` call validates its input synchronously (throwing a
 * `ValidationError` before anything is recorded), records it, and returns at once: records
 * are written to the local run store and delivered to the server in the background.
 */
export class Experiment {
  readonly settings: Settings;
  readonly mode: Settings["mode"];
  /** The budget of the exit-time flush (`exitTimeoutMs` option, else `POLYAXON_FLUSH_TIMEOUT`). */
  readonly exitTimeoutMs: number;

  private knownId: number | undefined;
  private createdAnswer: CreatedExperiment | undefined;
  private localStatus: ExperimentStatus | undefined;

  private phase: Phase = "new";
  private notebook = false;
  private owner: string | undefined;
  private projectName: string | undefined;
  private readonly groupId: number | undefined;
  private session: RunSession | undefined;
  /** The code reference being computed by git after create(); recorded when it resolves. */
  private pendingCodeRef: Promise<void> | undefined;
  /** Settings delivery builds its client from (in cluster: with the exchanged token). */
  private deliverySettings: Settings;
  /** The run's recorder while calls are accepted: the one field `logMetrics` reads on its hot path. */
  private hot: Recorder | undefined;
  private lateCreate: LateCreate | undefined;
  private transport: Transport | undefined;
  private outputsStore: OutputsStore | undefined;
  private baseOutputsPath: string | undefined;
  private readonly notifier: ReturnType<typeof onceNotifier>;
  private readonly onError: (error: unknown) => void;
  private readonly options: ExperimentOptions;
  private readonly ready: Promise<void>;
  /** Made once: `logMetrics` is the hot path and must not allocate a closure per call. */
  private readonly onDroppedMetric = (key: string, reason: DroppedReason): void => {
    if (this.mode === "noop") return;
    this.notifier.warnOnce(
      `dropped:${key}`,
      `metric "${key}" is ${reason === "null" ? "null" : "NaN or infinite"}: left out of the point ` +
        "(the Polyaxon server fails to show experiments whose metrics hold non-numbers).",
    );
  };

  constructor(options: ExperimentOptions = {}) {
    // Ids are checked before anything else, in every mode (no-op included): same errors everywhere.
    const experimentId =
      options.experimentId === undefined ? undefined : validateId(options.experimentId, "experimentId");
    this.groupId = options.groupId === undefined ? undefined : validateId(options.groupId, "groupId");
    this.options = options;
    const overrides: SettingsOverrides = { ...options.settings };
    if (options.trackingDir !== undefined) overrides.trackingDir = options.trackingDir;
    this.settings = loadSettings({ ...options.configDirs, overrides });
    this.deliverySettings = this.settings;
    this.mode = this.settings.mode === "normal" && !this.settings.apiBaseUrl ? "offline" : this.settings.mode;
    this.notifier = onceNotifier(options.notifier ?? consoleNotifier);
    this.onError =
      options.onError ?? ((error) => this.notifier.warnOnce(`delivery:${errorMessage(error)}`, errorMessage(error)));
    this.exitTimeoutMs = options.exitTimeoutMs ?? this.settings.flushTimeoutMs;
    this.outputsStore = options.outputsStore;
    this.knownId = experimentId;
    exitHooks.set(this, {
      finish: (outcome) => this.#finishAtExit(outcome),
      flushForExit: (timeoutMs) => this.#flushForExit(timeoutMs),
      closeAtExit: () => this.#closeAtExit(),
      exitTimeoutMs: this.exitTimeoutMs,
    });
    this.ready = Promise.resolve();
    if (this.mode === "noop") return;

    const notebook = this.mode === "managed" ? clusterEnv.getNotebookInfo(this.managedEnv()) : undefined;
    if (this.mode === "managed" && notebook && options.project === undefined) {
      // A notebook job (docs/reference-client.md#modes-and-configuration): the project comes
      // from the notebook; experiments are created by create().
      this.notebook = true;
      const parsed = parseProject(notebook.project_name);
      this.owner = parsed.owner;
      this.projectName = parsed.name;
    } else if (this.mode === "managed" && options.project === undefined) {
      const info = clusterEnv.getExperimentInfo(this.managedEnv());
      if (!info) throw new ExperimentStateError("In-cluster mode needs POLYAXON_EXPERIMENT_INFO (or a project).");
      const target = clusterEnv.parseExperimentInfoTarget(info);
      this.owner = target.owner;
      this.projectName = target.project;
      this.knownId = Number(target.experimentId);
    } else {
      if (options.project === undefined)
        throw new ValidationError("You need to provide a project to do tracking.", "project");
      const parsed = parseProject(options.project);
      this.owner = parsed.owner;
      this.projectName = parsed.name;
    }
    if (this.mode === "managed" && !options.outputsStore) {
      exportManagedStoreCredentials(this.managedEnv(), (message) =>
        this.notifier.warnOnce("store-credentials", message),
      );
    }
    if (this.mode === "managed" && !this.notebook) {
      this.openSession();
      this.setPhase("active");
      // The run environment is the first record: delivered first, and never dropped, even for a
      // job that ends at once (its final status comes after it).
      if (options.trackEnv ?? true) this.logRunEnv();
      this.ready = this.linkManaged();
    } else if (this.experimentId !== undefined) {
      this.openSession();
      this.ready = this.linkExisting();
    }
  }

  // ---- creation -------------------------------------------------------------------------

  /**
   * Creates the experiment (out of cluster), then records the code reference, the run
   * environment and the `running` status, and starts the heartbeat and log capture. With no
   * server configured, or a server that cannot be reached, the run is recorded locally and
   * can be sent later with `npx polyaxon-tracking sync`.
   */
  async create(options: CreateOptions = {}): Promise<this> {
    if (this.mode === "noop") return this;
    await this.ready;
    // Attached by the caller (or in-cluster), not by an earlier create(): that one is an error below.
    if (this.attached) {
      this.notifier.warnOnce("create-existing", "create() ignored: this run is attached to an existing experiment.");
      return this;
    }
    if (this.phase !== "new") throw new ExperimentStateError("create() was already called for this experiment.");
    const body = createBody(options, { groupId: this.groupId, trackEnv: this.options.trackEnv ?? true });
    this.baseOutputsPath = options.baseOutputsPath ?? clusterEnv.getBaseOutputsPath();
    const session = this.openSession();
    // The code reference runs git subprocesses (tens of ms, seconds in a big dirty checkout):
    // started while the create request is in flight, and recorded when git answers — create()
    // does not wait for it (getCodeRef never rejects). flush() and the exit flush do.
    const codeRef = this.trackGit ? getCodeRef(this.options.gitDir) : undefined;
    const answer = await this.createOnServer(body, session);
    session.record({ kind: "create", body });
    if (answer) this.linkCreated(answer);
    this.setPhase("active");
    this.localStatus = "created";
    this.setStatus("running");
    if (codeRef) {
      this.pendingCodeRef = codeRef.then((ref) => {
        if (ref) session.record({ kind: "coderef", body: ref });
      });
    }
    if (this.options.trackLogs ?? true) session.startLogCapture(this.settings.logsLevel);
    if (!answer) {
      this.notifier.info(
        `recording run ${session.run.id} locally in ${session.run.path}` +
          `${this.settings.apiBaseUrl ? "" : " (no Polyaxon server configured)"}. ` +
          `Send it to a server later with: npx polyaxon-tracking sync ${session.run.id}`,
      );
    }
    return this;
  }

  // ---- updates (one PATCH each, as the reference sends them) ----------------------------

  setName(name: string): void {
    const value = validateName(name);
    this.update({ name: value });
  }

  setDescription(description: string): void {
    this.update({ description: validateDescription(description) });
  }

  logTags(tags: string | readonly string[], options: ResetOption = {}): void {
    this.update(withMerge({ tags: normalizeTags(tags) }, options));
  }

  logParams(params: Record<string, unknown>, options: ResetOption = {}): void {
    this.update(withMerge({ params: validateParams(params) }, options));
  }

  logDataRef(data: unknown, options: ResetOption & { dataName?: string } = {}): void {
    const dataName = options.dataName ?? "data";
    if (typeof dataName !== "string" || dataName === "")
      throw new ValidationError("dataName must be a non-empty string.", "dataName");
    const hash = hashDataRef(data, this.settings.hashLength);
    this.update(withMerge({ data_refs: { [dataName]: hash } }, options));
  }

  logFramework(framework: string): void {
    this.update({ framework: validateFramework(framework) });
  }

  logBackend(backend: string): void {
    this.update({ backend: validateBackend(backend) });
  }

  logRunEnv(): void {
    this.update({ run_env: getRunEnv() });
  }

  /** Records the current git code reference (nothing outside a git repository). */
  async logCodeRef(): Promise<void> {
    if (!this.accepts("logCodeRef")) return;
    await this.recordCodeRef();
  }

  // ---- statuses -------------------------------------------------------------------------

  logStatus(status: string, message?: string, traceback?: string): void {
    const value = validateStatus(status);
    if (isTerminalStatus(value)) {
      this.end(value, message, traceback);
      return;
    }
    if (!this.accepts("logStatus")) return;
    this.setStatus(value, message, traceback);
  }

  logStopped(message?: string): void {
    this.end("stopped", message);
  }

  logSucceeded(message?: string): void {
    this.end("succeeded", message);
  }

  logFailed(message?: string, traceback?: string): void {
    this.end("failed", message, traceback);
  }

  // ---- metrics --------------------------------------------------------------------------

  /**
   * Records one point of metrics, e.g. `{ step: 12, loss: 0.03 }`. Values must be numbers
   * (or null). null, NaN and ±Infinity are left out of the point with a one-time warning per
   * key: the server cannot show an experiment whose metrics hold a non-number. Never waits on
   * the network: the point is batched and sent in the background.
   */
  logMetrics(metrics: Record<string, number | null>): void {
    const hot = this.hot;
    if (hot !== undefined) {
      // The recorder checks the values while it writes them: no copy, no allocation.
      hot.metric(metrics);
      return;
    }
    // Not recording (no-op mode, before create(), after the end or the exit): still validated,
    // with the same errors everywhere, and the calls not accepted are said once.
    copyMetricValues(metrics, this.onDroppedMetric);
    this.accepts("logMetrics");
  }

  // ---- artifacts ------------------------------------------------------------------------

  /**
   * Copies a file into the run's outputs (streamed, never loaded in memory). Like every other
   * call: before `create()` it throws `ExperimentStateError`; after the final status it is
   * ignored with a warning (nothing copied, undefined returned).
   */
  async logArtifact(path: string, options: UploadOptions = {}): Promise<ArtifactResult | undefined> {
    if (!this.accepts("logArtifact")) return undefined;
    const result = await this.store().uploadFile(path, options);
    this.recordArtifacts(result);
    return result;
  }

  /** Copies a directory (recursively, structure preserved) into the run's outputs; same state rules as `logArtifact`. */
  async logArtifacts(dir: string, options: UploadOptions = {}): Promise<ArtifactResult | undefined> {
    if (!this.accepts("logArtifacts")) return undefined;
    const result = await this.store().uploadDir(dir, options);
    this.recordArtifacts(result);
    return result;
  }

  // ---- environment ----------------------------------------------------------------------

  /** `POLYAXON_LOG_LEVEL` in a Polyaxon job (throws `NotManagedError` elsewhere). */
  getLogLevel(): string | undefined {
    if (this.mode === "noop") return undefined;
    return clusterEnv.getLogLevel(this.managedEnv());
  }

  /** Where this run's outputs go: the mounted volume in-cluster, else the local/outputs store path. */
  getOutputsPath(): string | undefined {
    if (this.mode === "noop") return undefined;
    if (this.mode === "managed") return clusterEnv.getOutputsPath(this.managedEnv());
    return this.session ? this.store().path : undefined;
  }

  static getExperimentInfo = clusterEnv.getExperimentInfo;
  static getNotebookInfo = clusterEnv.getNotebookInfo;
  static getClusterDef = clusterEnv.getClusterDef;
  static getTaskInfo = clusterEnv.getTaskInfo;
  static getParams = clusterEnv.getParams;
  static getDeclarations = clusterEnv.getDeclarations;
  static getTfConfig = clusterEnv.getTfConfig;
  static getDataPaths = clusterEnv.getDataPaths;
  static getOutputsRefsPaths = clusterEnv.getOutputsRefsPaths;

  // ---- state ----------------------------------------------------------------------------

  /** The server's experiment id, once known (given, created, or from the platform in-cluster). */
  get experimentId(): number | undefined {
    return this.knownId;
  }

  /** The server's answer to `create()` (undefined until the server has answered it). */
  get created(): CreatedExperiment | undefined {
    return this.createdAnswer;
  }

  /** The run's status as this process knows it. */
  get lastStatus(): ExperimentStatus | undefined {
    return this.localStatus;
  }

  // ---- delivery control -----------------------------------------------------------------

  /** The local run id (directory name under the tracking root). */
  get runId(): string | undefined {
    return this.session?.run.id;
  }

  /** Absolute path of the local run directory. */
  get runDir(): string | undefined {
    return this.session?.run.path;
  }

  /**
   * Resolves `true` when everything recorded so far is written locally and, when a server is
   * linked, acknowledged by it — `false` if that did not happen within `timeoutMs`.
   */
  async flush(timeoutMs = this.exitTimeoutMs): Promise<boolean> {
    if (!this.session) return true;
    const deadline = Date.now() + timeoutMs;
    await this.ready;
    if (this.pendingCodeRef) await withDeadline(this.pendingCodeRef, timeoutMs);
    return this.session.flush(Math.max(0, deadline - Date.now()));
  }

  /**
   * Flushes (bounded), then stops timers, log capture and the exit hooks. Does not post a
   * final status: call `logSucceeded()` (or another terminal call) first if you want one.
   */
  async close(timeoutMs = this.exitTimeoutMs): Promise<boolean> {
    const delivered = await this.flush(timeoutMs);
    this.#closeAtExit();
    unregisterForExit(exitHooksOf(this));
    return delivered;
  }

  // ---- reads ----------------------------------------------------------------------------

  /**
   * The experiment as the server holds it (`GET …/experiments/{id}/`, fetched anew on each call).
   * Until the experiment exists on a server (offline, no server configured, or a server not
   * reached yet), the same shape built from this run's local journal, with the fields only the
   * server knows set to null. No-op mode: `undefined`. Before `create()`: `ExperimentStateError`.
   */
  async getEntityData(): Promise<ExperimentData | undefined> {
    const source = await this.readSource("getEntityData");
    return source && readEntityData(source);
  }

  /**
   * Every metric point of the experiment, oldest first (`for await (const point of
   * experiment.metrics())`): from the server in one page, each point once; else from the local
   * journal. No-op mode yields nothing; before `create()` the first step throws `ExperimentStateError`.
   */
  async *metrics(options: ReadOptions = {}): AsyncGenerator<ExperimentMetricPoint, void, undefined> {
    const source = await this.readSource("metrics");
    if (source) yield* readMetrics(source, options);
  }

  /** Every status of the experiment, oldest first; same sources and rules as `metrics()`. */
  async *statuses(options: ReadOptions = {}): AsyncGenerator<ExperimentStatusEntry, void, undefined> {
    const source = await this.readSource("statuses");
    if (source) yield* readStatuses(source, options);
  }

  /** What `JSON.stringify` and `console.log` show: where the run is, never the settings' token. */
  toJSON(): Record<string, unknown> {
    return {
      project: this.owner === undefined ? this.projectName : `${this.owner}/${this.projectName}`,
      experimentId: this.experimentId,
      mode: this.mode,
      lastStatus: this.lastStatus,
      runId: this.runId,
      apiBaseUrl: this.settings.apiBaseUrl,
    };
  }

  /** `console.log(experiment)`: Node passes its own `inspect` as the third argument. */
  [INSPECT_CUSTOM](_depth: number, options: object, show: (value: unknown, options: object) => string): string {
    return `Experiment ${show(this.toJSON(), options)}`;
  }

  // ---- exit hooks (see lifecycle.ts; reached through exitHooksOf) ------------------------

  #finishAtExit(outcome: FinalOutcome): void {
    if (this.phase !== "active") return;
    this.end(outcome.status, outcome.message, outcome.traceback, true);
  }

  async #flushForExit(timeoutMs: number): Promise<void> {
    try {
      const start = Date.now();
      // A server silent for the whole run gets one short last chance, not the whole budget.
      if (this.lateCreate?.pending) await this.lateCreate.tryNow(Math.min(timeoutMs, LAST_CREATE_ATTEMPT_MS));
      await this.flush(Math.max(0, timeoutMs - (Date.now() - start)));
    } catch (error) {
      this.onError(error);
    }
  }

  #closeAtExit(): void {
    this.hot = undefined;
    this.lateCreate?.stop();
    // Requests still in flight (a late create, retries) must not hold the process open.
    this.transport?.abort?.();
    this.session?.close();
  }

  // ---- internals ------------------------------------------------------------------------

  /** True when the experiment was not created by this process's `create()`. */
  private get attached(): boolean {
    return (this.mode === "managed" && !this.notebook) || this.options.experimentId !== undefined;
  }

  private get trackGit(): boolean {
    return this.options.trackGit ?? this.options.trackCode ?? true;
  }

  private openSession(): RunSession {
    if (this.session) return this.session;
    const meta = {
      project: this.options.project ?? `${this.owner}/${this.projectName}`,
      projectName: this.projectName ?? "",
      createdAt: new Date().toISOString(),
      sdkVersion: SDK_VERSION,
      ...(this.owner === undefined ? {} : { owner: this.owner }),
      ...(this.groupId === undefined ? {} : { groupId: this.groupId }),
      ...(this.experimentId === undefined ? {} : { experimentId: this.experimentId }),
    };
    const run = RunDir.create(this.settings.trackingDir, meta);
    this.session = new RunSession({
      run,
      settings: this.settings,
      // A client of the user's cannot cross to the delivery thread: deliver from this one.
      inline: this.options.client !== undefined,
      notifier: this.notifier,
      onError: this.onError,
      onDroppedMetric: this.onDroppedMetric,
    });
    if (this.options.handleExit ?? true) registerForExit(exitHooksOf(this));
    return this.session;
  }

  /** The create request (docs/wire.md#creating-an-experiment). Unreachable → undefined (record locally). */
  private async createOnServer(body: CreateBody, session: RunSession): Promise<CreatedExperiment | undefined> {
    const transport = this.connect();
    if (!transport || this.mode === "offline") return undefined;
    try {
      const owner = this.owner ?? (await transport.currentUser());
      this.owner = owner;
      const meta = session.run.readMeta();
      session.run.writeMeta({ ...meta, owner });
      return await transport.createExperiment(owner, this.projectName ?? "", body);
    } catch (error) {
      if (transport.classify(error) === "retry") {
        this.notifier.warn(
          `could not reach the Polyaxon server at ${this.settings.apiBaseUrl}: ${errorMessage(error)}`,
        );
        // Retried in the background only when the server cannot have created it: a POST whose
        // answer was lost may have, and a second create would duplicate the experiment.
        if (!(error instanceof APIRequestError && error.mayHaveBeenApplied)) {
          this.lateCreate = new LateCreate(() => this.createLate(body));
          this.lateCreate.start();
        }
        return undefined;
      }
      session.close();
      unregisterForExit(exitHooksOf(this));
      this.session = undefined;
      this.hot = undefined;
      rmSync(session.run.path, { recursive: true, force: true });
      throw error;
    }
  }

  /** The experiment exists on the server: deliver the run to it, from the journal's create record (seq 1) on. */
  private linkCreated(answer: CreatedExperiment): void {
    if (!this.session || !this.transport) return;
    this.createdAnswer = answer;
    this.knownId = answer.id;
    const link = this.serverLink(this.transport, 1);
    // A run that already ended gets no heartbeat.
    this.session.link(this.phase === "ended" ? { ...link, heartbeatIntervalMs: 0 } : link);
  }

  /** A background attempt of the create that found the server unreachable (see LateCreate). */
  private async createLate(body: CreateBody): Promise<AttemptOutcome> {
    const transport = this.transport;
    const session = this.session;
    if (!transport || !session || session.closed) return "stop";
    try {
      this.owner ??= await transport.currentUser();
      session.run.writeMeta({ ...session.run.readMeta(), owner: this.owner });
      const answer = await transport.createExperiment(this.owner, this.projectName ?? "", body);
      if (session.closed) return "stop";
      this.linkCreated(answer);
      this.notifier.info(
        `Polyaxon server reachable: created experiment ${answer.id}; delivering run ${session.run.id}.`,
      );
      return "done";
    } catch (error) {
      const again =
        transport.classify(error) === "retry" && !(error instanceof APIRequestError && error.mayHaveBeenApplied);
      return again ? "again" : "stop";
    }
  }

  private connect(): Transport | undefined {
    if (this.transport) return this.transport;
    const client =
      this.options.client ?? clientFromSettings(this.settings, { onWarning: (message) => this.notifier.warn(message) });
    if (client) this.transport = new ApiTransport(client);
    return this.transport;
  }

  private target(): DeliveryTarget {
    return { owner: this.owner ?? "", projectName: this.projectName ?? "", experimentId: this.experimentId ?? 0 };
  }

  private serverLink(transport: Transport, acknowledged: number): ServerLink {
    return {
      // The delivery thread builds its own client from settings; a client of the user's stays here.
      source: this.options.client ? { transport } : { settings: this.deliverySettings },
      target: this.target(),
      baseUrl: this.settings.apiBaseUrl ?? "",
      heartbeatIntervalMs: this.settings.healthCheckIntervalMs,
      acknowledged,
    };
  }

  /** Attach mode out of cluster: link to the given experiment (owner looked up if needed). */
  private async linkExisting(): Promise<void> {
    this.setPhase("active");
    const transport = this.mode === "offline" ? undefined : this.connect();
    if (!transport || !this.session) return;
    try {
      this.owner ??= await transport.currentUser();
      // The reference never heartbeats an attached experiment: its creator owns its liveness.
      this.session.link({ ...this.serverLink(transport, 0), heartbeatIntervalMs: 0 });
    } catch (error) {
      this.onError(error);
      this.notifier.warn(`could not reach the Polyaxon server: recording locally in ${this.session.run.path}.`);
    }
  }

  /** In cluster: token exchange if any, then delivery and the heartbeat (docs/reference-client.md#constructor). */
  private async linkManaged(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const settings = await startManaged(this.settings, this.target(), this.notifier);
    const client =
      this.options.client ??
      (settings && clientFromSettings(settings, { onWarning: (message) => this.notifier.warn(message) }));
    if (settings && client) {
      this.deliverySettings = settings;
      this.transport = new ApiTransport(client);
      session.link(this.serverLink(this.transport, 0));
    } else {
      this.notifier.warn(`no Polyaxon API configured in-cluster: recording locally in ${session.run.path}.`);
    }
  }

  /**
   * Where reads go: the server once the experiment exists there and this process has a client
   * for it; otherwise this run's journal, flushed first so that it holds every call made so far.
   */
  private async readSource(call: string): Promise<ReadSource | undefined> {
    if (this.mode === "noop") return undefined;
    await this.ready;
    if (this.phase === "new" || !this.session) {
      throw new ExperimentStateError(`${call}: call \`await experiment.create()\` first (or pass experimentId).`);
    }
    const id = this.experimentId;
    const client = this.transport instanceof ApiTransport ? this.transport.client : undefined;
    if (this.mode !== "offline" && client && id !== undefined && this.owner !== undefined) {
      return { kind: "server", client, path: { username: this.owner, project_name: this.projectName ?? "", id } };
    }
    await this.flush();
    return { kind: "local", run: this.session.run, experimentId: id, owner: this.owner };
  }

  private async recordCodeRef(): Promise<void> {
    const ref = await getCodeRef(this.options.gitDir);
    if (ref) this.session?.record({ kind: "coderef", body: ref });
  }

  private update(body: UpdateBody): void {
    if (!this.accepts("update")) return;
    this.session?.record({ kind: "update", body });
  }

  private setStatus(status: ExperimentStatus, message?: string, traceback?: string): void {
    const body: { status: ExperimentStatus; message?: string; traceback?: string } = { status };
    const cut = validateStatusMessage(message);
    if (cut) body.message = cut;
    if (traceback) body.traceback = traceback;
    this.session?.record({ kind: "status", body });
    this.localStatus = status;
  }

  /**
   * A terminal status: once per run; later calls are ignored with a warning. In-cluster the
   * platform owns the automatic (exit-time) status, but an explicit call is posted as out of
   * cluster, as the reference client does (docs/reference-client.md#create-and-the-status-life-cycle).
   */
  private end(status: ExperimentStatus, message?: string, traceback?: string, automatic = false): void {
    if (!this.accepts(`log ${status}`)) return;
    // An experiment this process did not create (in-cluster, or attached with experimentId)
    // gets no automatic final status: the platform or its creator owns it
    // (docs/reference-client.md#create-and-the-status-life-cycle).
    if (automatic && this.attached) this.localStatus = status;
    else this.setStatus(status, message, traceback);
    this.setPhase("ended");
    this.session?.stopHeartbeat();
  }

  private setPhase(phase: Phase): void {
    this.phase = phase;
    this.hot = phase === "active" && this.session && !this.session.closed ? this.session.recorder : undefined;
  }

  /** Whether a call may record now; throws before create, warns once after the end. */
  private accepts(call: string): boolean {
    if (this.mode === "noop") return false;
    if (this.phase === "new") {
      throw new ExperimentStateError(`${call}: call \`await experiment.create()\` first (or pass experimentId).`);
    }
    if (this.phase === "ended") {
      this.notifier.warnOnce(
        `ended:${call}`,
        `${call} ignored: the run already ended with status "${this.lastStatus}".`,
      );
      return false;
    }
    return true;
  }

  /**
   * The mode comes from the layered settings (options, config files, env) while the in-cluster
   * helpers check `process.env` only: in managed mode, let them see a managed environment so
   * `settings: { isManaged: true }` or a `.polyaxonclient` file is enough.
   */
  private managedEnv(): clusterEnv.ClusterEnvOptions | undefined {
    if (this.mode !== "managed") return undefined;
    return { env: { ...process.env, POLYAXON_NO_OP: undefined, POLYAXON_IS_MANAGED: "true" } };
  }

  private store(): OutputsStore {
    if (!this.outputsStore) {
      this.outputsStore = resolveOutputsStore({
        managed: this.mode === "managed",
        clusterEnv: this.managedEnv(),
        base: this.baseOutputsPath,
        owner: this.owner,
        project: this.projectName,
        experimentId: this.experimentId,
        groupId: this.groupId,
        fallback: this.session?.run.outputsPath,
      });
    }
    return this.outputsStore;
  }

  private recordArtifacts(result: ArtifactResult): void {
    if (!this.session) return;
    for (const file of result.files) {
      this.session.record({ kind: "artifact", source: file.source, path: file.destination, bytes: file.bytes });
    }
  }
}

function withMerge<T extends UpdateBody>(body: T, options: ResetOption): T {
  return options.reset ? body : { ...body, merge: true };
}

/** Waits for `promise`, at most `ms`. */
function withDeadline(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
