import type { RetryPolicy } from "../api/retry.js";
import { JournalWriter } from "../store/journal.js";
import { type DeliveryState, RunDir } from "../store/run-store.js";
import { RequestBudget } from "./budget.js";
import { CursorBook } from "./cursor-book.js";
import { DeliveryEngine } from "./engine.js";
import type { Frame } from "./frame.js";
import { FrameWriter } from "./frame-writer.js";
import { type BatchLimits, DEFAULT_BATCH_LIMITS } from "./pieces.js";
import type { DeliveryTarget, Transport } from "./transport.js";

/** How the journal writer and delivery run: plain data, so it can cross to the delivery thread. */
export interface CoreConfig {
  /** The run directory (its journal is `records.jsonl`). */
  runPath: string;
  /** Seq of the last record already in the journal (0 for a new run). */
  startSeq: number;
  /** Longest time between a journal write and making it durable (fdatasync). */
  persistMs: number;
  limits?: BatchLimits;
  /** Bytes of request bodies held in memory before delivery replays from the journal instead (default 8 MB). */
  maxQueueBytes?: number;
}

/** How to deliver once the experiment exists on a server (plain data). */
export interface LinkConfig {
  target: DeliveryTarget;
  /** Recorded with the cursors, so a run is never half-sent to two servers. */
  baseUrl: string;
  /** Seq of the records the server already has (the create record). */
  acknowledged: number;
  heartbeatMs: number;
  /** Shortest time between two rounds of requests. */
  intervalMs: number;
  /** Request budget of a steady loop. */
  requestsPerMinute: number;
}

export interface CoreEvents {
  notify(message: string): void;
  onError(error: unknown): void;
  throttleDelayMs(error: unknown): number | undefined;
}

/** Waits between attempts to reach a server that stopped answering: 1 s doubling to 30 s, with jitter. */
const OUTAGE_BACKOFF: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs"> = { baseDelayMs: 1_000, maxDelayMs: 30_000 };
/** Requests a round may take from the budget at once. */
const BUDGET_BURST = 3;
/** Bytes of request bodies held in memory before delivery replays from the journal instead. */
const MAX_QUEUE_BYTES = 8 * 1024 * 1024;

/**
 * The receiving side of a run, on the delivery thread (or on the training thread when delivery
 * runs inline): the journal writer, and once linked to a server the delivery engine. Frames are
 * journaled as they arrive; durability (fdatasync) follows within `persistMs`.
 */
export class DeliveryCore {
  private readonly run: RunDir;
  private readonly journal: JournalWriter;
  private readonly writer: FrameWriter;
  private engine: DeliveryEngine | undefined;
  private journaledFrameValue = 0;
  private lastPersist = 0;
  private persistTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly config: CoreConfig;
  private readonly events: CoreEvents;

  constructor(config: CoreConfig, events: CoreEvents) {
    this.config = config;
    this.events = events;
    this.run = new RunDir(config.runPath);
    this.journal = new JournalWriter(this.run.recordsFile);
    this.writer = new FrameWriter(this.journal, config.limits ?? DEFAULT_BATCH_LIMITS, config.startSeq);
  }

  /** Number of the last frame whose lines are in the journal. */
  get journaledFrame(): number {
    return this.journaledFrameValue;
  }

  accept(frame: Frame): void {
    if (this.closed) return;
    const engine = this.engine;
    const pieces = this.writer.write(frame, engine?.accepting === true);
    this.journaledFrameValue = frame.no;
    engine?.journaled(this.writer.lastSeq, pieces);
    this.schedulePersist();
  }

  link(link: LinkConfig, transport: Transport): void {
    if (this.closed || this.engine) return;
    const state: DeliveryState = this.run.readDelivery() ?? {
      baseUrl: link.baseUrl,
      owner: link.target.owner,
      projectName: link.target.projectName,
      experimentId: link.target.experimentId,
      cursors: { ordered: link.acknowledged, metric: 0, log: 0 },
      rejected: 0,
      updatedAt: new Date().toISOString(),
    };
    this.run.writeDelivery(state);
    // Records journaled before the link (attach and in-cluster runs: calls made during the owner
    // lookup or the token exchange) are replayed first, from the start of the journal.
    const catchUpFirst = this.writer.lastSeq > link.acknowledged;
    this.engine = new DeliveryEngine({
      transport,
      target: link.target,
      run: this.run,
      book: new CursorBook(this.run, state),
      limits: this.config.limits ?? DEFAULT_BATCH_LIMITS,
      budget: new RequestBudget(link.requestsPerMinute / 60, BUDGET_BURST),
      intervalMs: link.intervalMs,
      heartbeatMs: link.heartbeatMs,
      backoff: OUTAGE_BACKOFF,
      maxQueueBytes: this.config.maxQueueBytes ?? MAX_QUEUE_BYTES,
      catchUpFirst,
      resumeOffset: catchUpFirst ? 0 : this.writer.size,
      journaledSeq: this.writer.lastSeq,
      onError: (error) => this.events.onError(error),
      notify: (message) => this.events.notify(message),
      throttleDelayMs: (error) => this.events.throttleDelayMs(error),
    });
  }

  /** Durable journal, then (when linked) everything delivered; false if not within `timeoutMs`. */
  async flush(timeoutMs: number): Promise<boolean> {
    this.persist();
    return this.engine ? this.engine.flush(timeoutMs) : true;
  }

  stopHeartbeat(): void {
    this.engine?.stopHeartbeat();
  }

  /** Stops delivery and closes the journal (durable). Returns whether everything was delivered. */
  close(): boolean {
    if (this.closed) return this.engine?.closedSettled ?? true;
    this.closed = true;
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.engine?.close();
    this.journal.close();
    return this.engine?.closedSettled ?? true;
  }

  /** Made durable within `persistMs` of the write, but at most once per `persistMs`. */
  private schedulePersist(): void {
    const due = this.lastPersist + this.config.persistMs - Date.now();
    if (due <= 0) this.persist();
    else if (!this.persistTimer) {
      this.persistTimer = setTimeout(() => this.persist(), due);
      this.persistTimer.unref();
    }
  }

  private persist(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    this.lastPersist = Date.now();
    this.journal.persist();
  }
}
