import { PolyaxonError } from "../errors.js";
import type { CreateRecord } from "../records/types.js";
import type { DeliveryState, RunDir } from "../store/run-store.js";
import { CursorBook } from "./cursor-book.js";
import { type BatchLimits, DEFAULT_BATCH_LIMITS } from "./pieces.js";
import { replayJournal } from "./replay.js";
import { liveWriter, settleSpool } from "./spool-journal.js";
import { throttleDelayMs } from "./throttle.js";
import type { Transport } from "./transport.js";

export class SyncError extends PolyaxonError {
  override name = "SyncError";
}

/**
 * The run is still written by another live process (`writer.pid`), which delivers it itself:
 * a sync now would send the same records a second time and race it on `delivery.json`.
 */
export class RunInUseError extends SyncError {
  override name = "RunInUseError";
  /** The process writing the run. */
  readonly pid: number;
  constructor(runId: string, pid: number) {
    super(
      `Run ${runId} is still being written by process ${pid}, which delivers it itself; ` +
        `sync it once that process has ended.`,
    );
    this.pid = pid;
  }
}

/** Throws `RunInUseError` when another live process writes the run (this process may sync its own runs). */
export function refuseLiveRun(run: RunDir): void {
  const pid = liveWriter(run);
  if (pid !== undefined && pid !== process.pid) throw new RunInUseError(run.id, pid);
}

export interface SyncOptions {
  transport: Transport;
  /** API base URL, recorded with the cursors so a run is never half-sent to two servers. */
  baseUrl: string;
  /** Request-size limits: `batchLimits(settings.batchSize)` (default: those of the default settings). */
  limits?: BatchLimits;
  onSkip?: (lineNo: number, reason: string) => void;
  /** After each chunk of records sent: how many so far. */
  onProgress?: (sent: number) => void;
  onReject?: (error: unknown, count: number) => void;
}

export interface SyncResult {
  experimentId: number;
  /** True when this sync created the experiment on the server. */
  created: boolean;
  /** Records this sync sent, refused ones included (0 when everything was already delivered). */
  sent: number;
  rejected: number;
}

/**
 * Delivers a local run to a server: creates the experiment (once — its id is written to
 * `delivery.json`, write-then-rename, before anything else is sent), then replays every record
 * the server has not acknowledged. Running it again sends nothing new; an interrupted sync
 * resumes at the cursors.
 */
export async function syncRun(run: RunDir, options: SyncOptions): Promise<SyncResult> {
  refuseLiveRun(run);
  // What a killed process left in the spool goes into the journal first.
  settleSpool(run);
  const meta = run.readMeta();
  let state = run.readDelivery();
  let created = false;
  if (state && state.baseUrl !== options.baseUrl) {
    throw new SyncError(
      `Run ${run.id} was delivered to ${state.baseUrl}, not ${options.baseUrl}; refusing to split it.`,
    );
  }
  if (!state) {
    const owner = meta.owner ?? (await options.transport.currentUser());
    let experimentId = meta.experimentId;
    let createSeq = 0;
    if (experimentId === undefined) {
      const create = await firstCreate(run);
      const answer = await options.transport.createExperiment(owner, meta.projectName, create.body);
      experimentId = answer.id;
      createSeq = create.seq;
      created = true;
    }
    state = {
      baseUrl: options.baseUrl,
      owner,
      projectName: meta.projectName,
      experimentId,
      cursors: { ordered: createSeq, metric: 0, log: 0 },
      rejected: 0,
      updatedAt: new Date().toISOString(),
    } satisfies DeliveryState;
    run.writeDelivery(state);
  }
  const book = new CursorBook(run, state);
  let rejected = 0;
  let pausedUntil = 0;
  const { sent } = await replayJournal(
    run,
    {
      transport: options.transport,
      target: { owner: state.owner, projectName: state.projectName, experimentId: state.experimentId },
      book,
      limits: options.limits ?? DEFAULT_BATCH_LIMITS,
      onReject: (error, count) => {
        rejected += count;
        options.onReject?.(error, count);
      },
      // A 429 is waited out (its Retry-After), then the same request is sent again.
      beforeRequest: async () => {
        const wait = pausedUntil - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      },
      throttled: (error) => {
        const delay = throttleDelayMs(error);
        if (delay === undefined) return false;
        pausedUntil = Date.now() + (delay || 1_000);
        return true;
      },
    },
    {
      ...(options.onSkip ? { onSkip: options.onSkip } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
  return { experimentId: state.experimentId, created, sent, rejected };
}

async function firstCreate(run: RunDir): Promise<CreateRecord> {
  for await (const record of run.records()) {
    if (record.kind === "create") return record;
  }
  throw new SyncError(`Run ${run.id} has no create record: nothing to create the experiment from.`);
}
