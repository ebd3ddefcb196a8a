/**
 * The fake server's state machine: users, projects, experiments and everything attached to
 * them, with the v0.6.1 rules for names, statuses and metrics. Both adapters (the node server
 * and the msw handlers) drive the same instance through `handle()` (core.ts); tests read it
 * through the accessors below, which answer in the wire shapes of the spec.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { components } from "../../generated/schema.js";
import { FaultBook, type FaultHandle, type FaultSpec } from "./faults.js";
import {
  type CodeRefRecord,
  codeRefWire,
  type ExperimentRecord,
  experimentDetail,
  isDone,
  type JobRecord,
  type JobStatusRecord,
  type JsonObject,
  type MetricRecord,
  metricWire,
  type StatusRecord,
  statusWire,
} from "./records.js";
import { specDocument } from "./spec-document.js";
import { Throttle } from "./throttle.js";
import { MicroClock, type Micros, parseMicros } from "./time.js";

type Schemas = components["schemas"];

/** A user of the fake server. */
export interface FakeUser {
  username: string;
  /** The API token (`Authorization: Token <token>`). */
  token: string;
  email?: string;
  /** Superusers may act on every project. Default true for the main user, false for others. */
  isSuperuser?: boolean;
  /** For `POST /users/token/` (credentials login). */
  password?: string;
}

export interface FakePolyaxonOptions {
  /** The main user. Default `alice`, a superuser, as in the recordings. */
  username?: string;
  /** The main user's token. Default: 64 random hex characters. */
  token?: string;
  /** More users (e.g. one without rights on the main user's projects). */
  users?: FakeUser[];
  /** `"owner/name"` of the projects that exist. Default: every project exists on first use. */
  projects?: string[];
  /** Accept `Authorization: InternalToken <this>` with an `X-POLYAXON-INTERNAL` header where the server does. */
  internalToken?: string;
  /** One ephemeral token, exchangeable once for the experiment owner's token. */
  ephemeralToken?: string;
  /** Gzip list answers like the server (whatever `Accept-Encoding` says). Default true. */
  gzip?: boolean;
  /** Gzip large metric lists twice under one `Content-Encoding: gzip`, like the server. Default true. */
  doubleGzip?: boolean;
  /**
   * How long the emulated worker takes to store a metric list and to write log lines, in ms.
   * Default 0 (at once). The real server took about 1 s.
   */
  workerDelayMs?: number;
  /** Emulate the user throttle: this many requests per minute and user, then 429. Default off. */
  throttle?: { requestsPerMinute: number };
  /** A directory laid out as the server's outputs volume, `{owner}/{project}/experiments/{id}/…`. */
  outputsRoot?: string;
  /** Id of the first experiment. Default 1. */
  firstExperimentId?: number;
  /** The clock, in ms (tests of throttling or timestamps). Default `Date.now`. */
  now?: () => number;
}

/** One request the fake received, and what it answered. */
export interface RecordedRequest {
  /** Arrival order, from 1. */
  seq: number;
  /** Arrival time, ms since the epoch. */
  at: number;
  method: string;
  /** After `/api/v1`, with its trailing slash, without the query. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names, as sent (`authorization` included). */
  headers: Record<string, string>;
  /** Parsed JSON (form fields as an object), the text when not JSON, undefined without a body. */
  body: unknown;
  /** The spec operation, when the request matched one. */
  operationId: string | undefined;
  /** The status answered; null when the connection was destroyed (or no answer yet). */
  status: number | null;
  /** Whether the request reached the server's behaviour (it may have changed the state). */
  applied: boolean;
  /** Whether an injected fault shaped the answer. */
  fault: boolean;
  /** The client's port (real-socket server only): tells which connection, e.g. through a proxy. */
  remotePort: number | undefined;
}

/** A request or answer that does not match openapi/spec.yaml. */
export interface SpecViolation {
  seq: number;
  method: string;
  path: string;
  operationId: string | undefined;
  kind: "request" | "response";
  message: string;
}

const TERMINAL_OR_RUNNING_START = new Set(["starting", "running"]);

/** A status as a request gives it (`created_at` as sent). */
interface StatusInput<S extends string> {
  status: S;
  message?: string | null | undefined;
  traceback?: string | null | undefined;
  created_at?: string | undefined;
}

function hex32(): string {
  return randomUUID().replace(/-/g, "");
}

export class FakePolyaxonState {
  readonly users: FakeUser[];
  readonly options: Readonly<FakePolyaxonOptions>;
  readonly clock: MicroClock;
  readonly faults = new FaultBook();
  readonly throttle: Throttle | undefined;
  readonly experimentsById = new Map<number, ExperimentRecord>();
  readonly codeRefs = new Map<number, CodeRefRecord>();
  /** username → experiment id → enabled */
  readonly bookmarks = new Map<string, Map<number, boolean>>();
  readonly searches: Array<{ id: number; owner: string; project: string; user: string } & Schemas["ExperimentSearch"]> =
    [];
  readonly tensorboards = new Map<number, Schemas["TensorboardJob"]>();
  ephemeralTokenUsed = false;
  readonly log: RecordedRequest[] = [];
  readonly problems: SpecViolation[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #idleWaiters: Array<() => void> = [];
  #ids = new Map<string, number>();

  constructor(options: FakePolyaxonOptions = {}) {
    this.options = options;
    const main: FakeUser = {
      username: options.username ?? "alice",
      token: options.token ?? randomBytes(32).toString("hex"),
      email: `${options.username ?? "alice"}@example.com`,
      isSuperuser: true,
    };
    this.users = [main, ...(options.users ?? []).map((u) => ({ isSuperuser: false, ...u }))];
    const nowMs = options.now ?? Date.now;
    this.clock = new MicroClock(nowMs);
    this.throttle = options.throttle ? new Throttle(options.throttle.requestsPerMinute, nowMs) : undefined;
    if (options.firstExperimentId !== undefined) this.#ids.set("experiment", options.firstExperimentId - 1);
    // Parsed once per process; a bad or missing spec fails here, not at the first request.
    specDocument();
    for (const project of options.projects ?? []) {
      if (!/^[-\w]+\/[-\w]+$/.test(project)) throw new RangeError(`projects: "${project}" is not "owner/name"`);
    }
  }

  /** The main user (the one `settings` and `token` are for). */
  get mainUser(): FakeUser {
    return this.users[0] as FakeUser;
  }

  nextId(kind: string): number {
    const id = (this.#ids.get(kind) ?? 0) + 1;
    this.#ids.set(kind, id);
    return id;
  }

  newUuid(): string {
    return hex32();
  }

  projectExists(owner: string, project: string): boolean {
    return this.options.projects === undefined || this.options.projects.includes(`${owner}/${project}`);
  }

  // ---- what tests read -------------------------------------------------------------------

  /** Every live experiment (archived ones excluded), oldest first, in the detail shape. */
  experiments(filter: { project?: string } = {}): Schemas["ExperimentDetail"][] {
    return [...this.experimentsById.values()]
      .filter((e) => !e.archived)
      .filter((e) => filter.project === undefined || `${e.owner}/${e.project}` === filter.project)
      .map((e) => experimentDetail(e, this.isBookmarked(this.mainUser.username, e.id)));
  }

  /** One experiment in the detail shape (archived ones too), or undefined. */
  experiment(id: number): Schemas["ExperimentDetail"] | undefined {
    const e = this.experimentsById.get(id);
    return e && experimentDetail(e, this.isBookmarked(this.mainUser.username, e.id));
  }

  /** The metrics stored for an experiment, oldest first (a list POST counts once the worker stored it). */
  metrics(id: number): Schemas["ExperimentMetric"][] {
    return this.sortedMetrics(this.require(id)).map((m) => metricWire(m, id));
  }

  /** The statuses of an experiment, oldest first (the server's own `created` first). */
  statuses(id: number): Schemas["ExperimentStatus"][] {
    return this.require(id).statuses.map((s) => statusWire(s, id));
  }

  /** The log lines received for an experiment, in order. */
  logs(id: number): string[] {
    const text = this.require(id)
      .logs.map((chunk) => chunk.text)
      .join("");
    return text === "" ? [] : text.replace(/\n$/, "").split("\n");
  }

  /** The attached code reference (the all-empty object when none). */
  codeRef(id: number): Schemas["CodeReference"] {
    const ref = this.require(id).codeReference;
    return codeRefWire(ref === null ? undefined : this.codeRefs.get(ref));
  }

  /** How many heartbeats the experiment received. */
  heartbeats(id: number): number {
    return this.require(id).heartbeats;
  }

  /** Every request received, in arrival order; optionally only those matching. */
  requests(filter: { method?: string; path?: string | RegExp; operationId?: string } = {}): RecordedRequest[] {
    return this.log.filter(
      (r) =>
        (filter.method === undefined || r.method === filter.method.toUpperCase()) &&
        (filter.operationId === undefined || r.operationId === filter.operationId) &&
        (filter.path === undefined ||
          (filter.path instanceof RegExp ? filter.path.test(r.path) : filter.path === r.path)),
    );
  }

  /** Requests and answers that broke openapi/spec.yaml (a test usually expects none). */
  violations(): SpecViolation[] {
    return [...this.problems];
  }

  /** Injects a fault for the next matching requests. */
  fault(spec: FaultSpec): FaultHandle {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Resolves once the emulated worker has stored everything posted so far (see `workerDelayMs`). */
  idle(): Promise<void> {
    if (this.#timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Cancels the worker's pending writes (the fake is closing). */
  stopWorker(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  // ---- behaviour shared by the routes ----------------------------------------------------

  require(id: number): ExperimentRecord {
    const e = this.experimentsById.get(id);
    if (!e) throw new RangeError(`the fake Polyaxon server has no experiment ${id}`);
    return e;
  }

  isBookmarked(username: string, id: number): boolean {
    return this.bookmarks.get(username)?.get(id) === true;
  }

  /** Experiments of a project, archived ones included (names stay unique across them). */
  projectExperiments(owner: string, project: string): ExperimentRecord[] {
    return [...this.experimentsById.values()].filter((e) => e.owner === owner && e.project === project);
  }

  /**
   * The name the server stores: a taken name (even by the experiment itself) becomes
   * `<name>-N`, N = the project's experiments whose name starts with `<name>` (recorded:
   * 291–298). Undefined when that name is taken too: the server then refuses.
   */
  uniqueName(owner: string, project: string, name: string): string | undefined {
    const siblings = this.projectExperiments(owner, project);
    if (!siblings.some((e) => e.name === name)) return name;
    const candidate = `${name}-${siblings.filter((e) => e.name?.startsWith(name)).length}`;
    return siblings.some((e) => e.name === candidate) ? undefined : candidate;
  }

  createExperiment(
    fields: Omit<
      ExperimentRecord,
      | "id"
      | "uuid"
      | "createdAt"
      | "updatedAt"
      | "statuses"
      | "metrics"
      | "logs"
      | "heartbeats"
      | "chartViews"
      | "jobs"
      | "lastMetric"
      | "archived"
      | "startedAt"
      | "finishedAt"
      | "tensorboard"
    >,
  ): ExperimentRecord {
    const now = this.clock.now();
    const experiment: ExperimentRecord = {
      ...fields,
      id: this.nextId("experiment"),
      uuid: hex32(),
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
      tensorboard: null,
      archived: false,
      lastMetric: {},
      statuses: [],
      metrics: [],
      logs: [],
      heartbeats: 0,
      chartViews: [],
      jobs: [],
    };
    this.experimentsById.set(experiment.id, experiment);
    this.addStatus(experiment, { status: "created" });
    return experiment;
  }

  /** Stores a status with the server's side effects on `started_at`, `finished_at` and the jobs. */
  addStatus(e: ExperimentRecord, input: StatusInput<Schemas["ExperimentStatusValue"]>): StatusRecord {
    const now = this.clock.now();
    const record = this.#newStatus("status", input, now);
    e.statuses.push(record);
    if (TERMINAL_OR_RUNNING_START.has(input.status) && (e.startedAt === null || input.status === "running")) {
      e.startedAt = now;
    }
    if (isDone(input.status) && e.finishedAt === null) {
      e.finishedAt = now;
      e.startedAt ??= e.createdAt;
    }
    if (input.status === "succeeded") {
      for (const job of e.jobs)
        if (!isDone(job.statuses.at(-1)?.status)) this.addJobStatus(job, { status: "succeeded" });
    }
    e.updatedAt = now;
    return record;
  }

  addJobStatus(
    job: JobRecord,
    input: StatusInput<Schemas["JobStatusValue"]> & { details?: JsonObject | null },
  ): JobStatusRecord {
    const now = this.clock.now();
    const record = {
      ...this.#newStatus("jobStatus", input, now),
      details: input.details === undefined ? {} : input.details,
    };
    job.statuses.push(record);
    if (TERMINAL_OR_RUNNING_START.has(input.status)) job.startedAt ??= now;
    if (isDone(input.status)) job.finishedAt ??= now;
    job.updatedAt = now;
    return record;
  }

  /** A status record; `created_at` as sent (the server keeps a given one), else `now`. */
  #newStatus<S extends string>(kind: string, input: StatusInput<S>, now: Micros) {
    const given = input.created_at === undefined ? undefined : parseMicros(input.created_at);
    return {
      id: this.nextId(kind),
      uuid: hex32(),
      createdAt: given ?? now,
      status: input.status,
      message: input.message ?? null,
      traceback: input.traceback ?? null,
    };
  }

  /** Stores metric points and merges their values into `last_metric`, in order. */
  addMetrics(
    e: ExperimentRecord,
    points: ReadonlyArray<{ values: Record<string, number>; created_at?: string | undefined }>,
  ): MetricRecord[] {
    return points.map((point) => {
      const given = point.created_at === undefined ? undefined : parseMicros(point.created_at);
      const record: MetricRecord = {
        id: this.nextId("metric"),
        createdAt: given ?? this.clock.now(),
        values: point.values,
      };
      e.metrics.push(record);
      Object.assign(e.lastMetric, point.values);
      return record;
    });
  }

  /** By `created_at` (the server's only order key); ties keep arrival order here. */
  sortedMetrics(e: ExperimentRecord): MetricRecord[] {
    return [...e.metrics].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  }

  /** Runs `work` after the worker delay (at once when it is 0). */
  later(work: () => void): void {
    const delay = this.options.workerDelayMs ?? 0;
    if (delay <= 0) {
      work();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      work();
      if (this.#timers.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }, delay);
    timer.unref?.();
    this.#timers.add(timer);
  }
}
