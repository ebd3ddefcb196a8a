import { errorMessage } from "../errors.js";
import type { SerializedRecord } from "../records/serialize.js";
import type { RunDir } from "../store/run-store.js";
import { type BatchLimits, DEFAULT_BATCH_LIMITS } from "./batches.js";
import type { CursorBook } from "./cursor-book.js";
import { replayJournal } from "./replay.js";
import { sendInOrder } from "./send-in-order.js";
import type { DeliveryTarget, Transport } from "./transport.js";

/** Longest wait between two delivery attempts while a `drain()` (the exit flush) is waiting. */
const DRAIN_RETRY_MS = 1_000;

export type DeliveryMode = "live" | "spilled" | "halted";

export interface HttpDeliveryOptions {
  transport: Transport;
  target: DeliveryTarget;
  run: RunDir;
  book: CursorBook;
  /** Makes every record handed to `enqueue` so far readable from the journal. */
  flushJournal: () => void;
  limits?: BatchLimits;
  /** Records kept in memory before delivery falls back to replaying from the journal. */
  maxQueue?: number;
  /** Bytes of request JSON kept in memory before the same fallback. */
  maxQueueBytes?: number;
  /** Records taken from the queue per round. */
  chunkSize?: number;
  /** First and longest wait between two attempts to reach the server again. */
  backoffMs?: { initial: number; max: number };
  /** Every delivery problem, for the user's `onError`. Never thrown. */
  onError: (error: unknown) => void;
  /** Human-readable notices (outage, recovery). */
  notify: (message: string) => void;
}

/**
 * Live delivery of a run's records to the server, off the training loop.
 *
 * Records arrive already written to the run's journal. While the server answers, they are
 * sent from a bounded in-memory queue. When it stops answering (past the client's own
 * retries) or the queue passes its bound, the queue is dropped — the journal already holds
 * every record — and delivery waits with exponential backoff, then catches up by replaying
 * the journal from the acknowledged cursors. Memory therefore stays bounded however long
 * an outage lasts, and nothing recorded is lost.
 */
export class HttpDelivery {
  private queue: SerializedRecord[] = [];
  private queuedBytes = 0;
  /** Journal offset up to which everything is delivered: catch-up passes start there. */
  private resumeOffset = 0;
  private pumping = false;
  private closed = false;
  private modeValue: DeliveryMode = "live";
  private highestSeq = 0;
  private backoff: number;
  private probeTimer: NodeJS.Timeout | undefined;
  private probeDue = 0;
  private idleWaiters: Array<() => void> = [];
  /** Whether the user was told of an outage (so "reachable again" is only said after one). */
  private outageAnnounced = false;
  /** A catch-up is replaying the journal: records made meanwhile are read back from it too. */
  private replaying = false;
  private readonly opts: Required<Omit<HttpDeliveryOptions, "limits">> & { limits: BatchLimits };

  constructor(options: HttpDeliveryOptions) {
    this.opts = {
      limits: DEFAULT_BATCH_LIMITS,
      maxQueue: 20_000,
      maxQueueBytes: 8 * 1024 * 1024,
      chunkSize: 5_000,
      backoffMs: { initial: 1_000, max: 30_000 },
      ...options,
    };
    this.backoff = this.opts.backoffMs.initial;
  }

  get mode(): DeliveryMode {
    return this.modeValue;
  }

  /** Records waiting in memory (records waiting in the journal only are not counted). */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Whether `enqueue` keeps records in memory now. When it does not (spilled, halted, or a
   * catch-up is replaying the journal), the recorder only writes the journal and reports the
   * last seq through `recorded`: the next catch-up pass reads those records back from disk.
   */
  get accepting(): boolean {
    return this.modeValue === "live" && !this.replaying;
  }

  /** Records up to `seq` are in the journal (handed over without their delivery items). */
  recorded(seq: number): void {
    this.highestSeq = Math.max(this.highestSeq, seq);
  }

  enqueue(items: readonly SerializedRecord[]): void {
    const last = items.at(-1);
    if (!last) return;
    this.highestSeq = Math.max(this.highestSeq, last.record.seq);
    if (!this.accepting) return;
    for (const item of items) {
      this.queue.push(item);
      this.queuedBytes += sizeOf(item);
    }
    // Past the bound the queue is dropped: the server answers, so catch up from disk at once
    // (after the request in flight) instead of holding more in memory.
    if (this.queue.length > this.opts.maxQueue || this.queuedBytes > this.opts.maxQueueBytes) this.catchUpNow();
    else this.kick();
  }

  /**
   * Resolves `true` once everything enqueued so far is acknowledged (or set aside as rejected),
   * `false` if that did not happen within `timeoutMs` (or delivery halted). While spilled, it
   * retries at once instead of waiting for the backoff, and keeps retrying (at most
   * `DRAIN_RETRY_MS` apart) until the deadline: an outage shorter than the exit-flush budget
   * must not leave records for a manual `sync`.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.modeValue === "halted") return false;
    if (this.isIdle()) return true;
    if (this.modeValue === "spilled") {
      this.probeDue = 0;
      this.kick();
    }
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(this.isIdle());
      };
      this.idleWaiters.push(done);
    });
  }

  /**
   * Delivers records that reached the journal before this delivery existed (attach and
   * managed modes: calls made while the owner lookup or token exchange was in flight), by
   * the same journal replay as after an outage, before anything enqueued later.
   */
  backfill(upTo: number): void {
    if (this.modeValue !== "live" || upTo <= this.highestSeq) return;
    this.highestSeq = upTo;
    this.catchUpNow();
  }

  /** Leave the in-memory queue for a catch-up from the journal, starting now. */
  private catchUpNow(): void {
    this.modeValue = "spilled";
    this.clearQueue();
    this.probeDue = 0;
    this.kick();
  }

  /** Stops timers; what is not delivered stays in the journal for `sync`. */
  close(): void {
    this.closed = true;
    this.opts.transport.abort?.();
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }

  /** True when everything enqueued so far has been acknowledged (or set aside as rejected). */
  get settled(): boolean {
    return this.isIdle();
  }

  private isIdle(): boolean {
    return this.modeValue === "live" && !this.pumping && this.queue.length === 0;
  }

  private clearQueue(): void {
    this.queue = [];
    this.queuedBytes = 0;
  }

  private kick(): void {
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.modeValue !== "halted" && !this.closed) {
        if (this.modeValue === "spilled") {
          if (Date.now() < this.probeDue) break;
          await this.catchUp();
          continue;
        }
        if (this.queue.length === 0) break;
        const chunk = this.queue.splice(0, this.opts.chunkSize);
        for (const item of chunk) this.queuedBytes -= sizeOf(item);
        try {
          await sendInOrder(chunk, this.context());
          this.backoff = this.opts.backoffMs.initial;
        } catch (error) {
          this.fail(error);
        }
      }
    } finally {
      this.pumping = false;
      if (this.modeValue !== "spilled" || this.idleWaiters.length > 0) this.wakeWaiters();
    }
  }

  /** Back from an outage: replay from the journal everything the cursors do not cover. */
  private async catchUp(): Promise<void> {
    this.modeValue = "live";
    // Records made while the journal is replayed are not queued: they are on disk, and the next
    // pass (which starts where this one ended) reads them. Passes repeat until one ends with
    // nothing newer recorded; only then does the in-memory queue take over again. Memory holds
    // one chunk at a time, however long the outage or the journal.
    this.replaying = true;
    this.clearQueue();
    try {
      let upTo: number;
      do {
        this.opts.flushJournal();
        upTo = this.highestSeq;
        const { endOffset } = await replayJournal(this.opts.run, this.context(), {
          upTo,
          fromOffset: this.resumeOffset,
          chunkSize: this.opts.chunkSize,
        });
        this.resumeOffset = endOffset;
      } while (this.highestSeq > upTo && !this.closed);
      this.replaying = false;
      this.backoff = this.opts.backoffMs.initial;
      if (this.outageAnnounced) this.opts.notify("Polyaxon server reachable again: delivery caught up.");
      this.outageAnnounced = false;
    } catch (error) {
      this.replaying = false;
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    // After close() the transport is aborted on purpose: what is left stays in the journal.
    if (this.closed) {
      this.clearQueue();
      return;
    }
    this.opts.onError(error);
    if (this.opts.transport.classify(error) === "halt") {
      this.modeValue = "halted";
      this.clearQueue();
      this.opts.notify(
        `Polyaxon delivery stopped: ${errorMessage(error)}. Every record is kept in ${this.opts.run.path}; ` +
          `fix the problem, then run: npx polyaxon-tracking sync ${this.opts.run.id}`,
      );
      this.wakeWaiters();
      return;
    }
    this.spill(error);
  }

  /** The server failed past the client's retries: wait (with backoff), then catch up from the journal. */
  private spill(error: unknown): void {
    this.modeValue = "spilled";
    this.clearQueue();
    if (!this.outageAnnounced) {
      this.outageAnnounced = true;
      this.opts.notify(
        `Polyaxon server not answering (${errorMessage(error)}); records are kept in ${this.opts.run.path} and will be sent when it answers.`,
      );
    }
    // Someone waits in `drain()` (typically the exit flush): try again soon, within its deadline.
    const delay = this.idleWaiters.length > 0 ? Math.min(this.backoff, DRAIN_RETRY_MS) : this.backoff;
    this.probeDue = Date.now() + delay;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    // The timer itself says the probe is due: a timer may fire a millisecond before `Date.now()`
    // reaches `probeDue` (libuv's cached loop time), and the pump would then skip the probe
    // with nothing left to wake it, stalling delivery until the next `drain()`.
    this.probeTimer = setTimeout(() => {
      this.probeDue = 0;
      this.kick();
    }, delay);
    this.probeTimer.unref();
    this.backoff = Math.min(this.backoff * 2, this.opts.backoffMs.max);
  }

  /** Resolves `drain()` waiters once there is an answer: idle, or halted for good. Spilled is not one. */
  private wakeWaiters(): void {
    if (this.idleWaiters.length === 0) return;
    if (this.isIdle() || this.modeValue === "halted") {
      for (const waiter of this.idleWaiters.splice(0)) waiter();
    }
  }

  private context() {
    return {
      transport: this.opts.transport,
      target: this.opts.target,
      book: this.opts.book,
      limits: this.opts.limits,
      onReject: (error: unknown) => this.opts.onError(error),
    };
  }
}

/** Approximate memory of a queued record: its request JSON plus the objects around it. */
function sizeOf(item: SerializedRecord): number {
  return (item.wire?.length ?? 256) + 96;
}
