import { PolyaxonError } from "../errors.js";
import type { CreateRecord } from "../records/types.js";
import type { DeliveryState, RunDir } from "../store/run-store.js";
import { type BatchLimits, DEFAULT_BATCH_LIMITS } from "./batches.js";
import { CursorBook } from "./cursor-book.js";
import { replayJournal } from "./replay.js";
import type { Transport } from "./transport.js";

export class SyncError extends PolyaxonError {
  override name = "SyncError";
}

export interface SyncOptions {
  transport: Transport;
  /** API base URL, recorded with the cursors so a run is never half-sent to two servers. */
  baseUrl: string;
  limits?: BatchLimits;
  onSkip?: (lineNo: number, reason: string) => void;
  onProgress?: (handled: number, total: number) => void;
  onReject?: (error: unknown, count: number) => void;
}

export interface SyncResult {
  experimentId: number;
  /** True when this sync created the experiment on the server. */
  created: boolean;
  /** Records handed to the server by this sync (0 when everything was already there). */
  sent: number;
  rejected: number;
}

/**
 * Delivers a local run to a server: creates the experiment (once — its id is persisted
 * before anything else is sent), then replays every record the server has not acknowledged.
 * Running it again sends nothing new; an interrupted sync resumes at the cursors.
 */
export async function syncRun(run: RunDir, options: SyncOptions): Promise<SyncResult> {
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
  const total = await countPending(run, book);
  let rejected = 0;
  const { handled: sent } = await replayJournal(
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
    },
    {
      ...(options.onSkip ? { onSkip: options.onSkip } : {}),
      onProgress: (handled) => options.onProgress?.(handled, total),
    },
  );
  return { experimentId: state.experimentId, created, sent, rejected };
}

/** Records of the run that the cursors do not cover yet (what a sync would send). */
export async function countPending(run: RunDir, book?: CursorBook): Promise<number> {
  const state = run.readDelivery();
  const cursors = book ?? (state ? new CursorBook(run, state) : undefined);
  let count = 0;
  for await (const record of run.records()) {
    if (record.kind === "artifact") continue;
    if (!cursors) {
      if (record.kind !== "create") count++;
    } else if (!cursors.isDelivered(record)) count++;
  }
  return count;
}

async function firstCreate(run: RunDir): Promise<CreateRecord> {
  for await (const record of run.records()) {
    if (record.kind === "create") return record;
  }
  throw new SyncError(`Run ${run.id} has no create record: nothing to create the experiment from.`);
}
