import { APITimeoutError } from "../api/errors.js";
import { backoffDelayMs, type RetryPolicy } from "../api/retry.js";
import { errorMessage } from "../errors.js";
import { ByteBuffer } from "../store/byte-buffer.js";
import type { RunDir } from "../store/run-store.js";
import type { RequestBudget } from "./budget.js";
import type { CursorBook } from "./cursor-book.js";
import { type BatchLimits, halvedLimits, type Piece } from "./pieces.js";
import { replayJournal } from "./replay.js";
import { type SendContext, sendPieces } from "./send-pieces.js";
import type { DeliveryTarget, Transport } from "./transport.js";
import { Waiters } from "./waiters.js";

/**
 * - `live`: records are queued in memory as the journal writer writes them, and sent in rounds;
 * - `catching-up`: the journal is replayed from the last delivered offset (new records are only
 *   journaled meanwhile); passes repeat until one ends with nothing newer, then `live`;
 * - `waiting`: the server failed past the client's own retries; the queue is dropped (the
 *   journal has it all) and delivery waits (backoff with jitter) before catching up;
 * - `halted`: nothing will get through until a human acts (401, 403, experiment gone): the
 *   journal keeps everything for `sync`;
 * - `closed`: the run is over; what is not delivered stays in the journal.
 *
 * The state diagram is in docs/delivery.md.
 */
export type EngineState = "live" | "catching-up" | "waiting" | "halted" | "closed";

export interface EngineOptions {
  transport: Transport;
  target: DeliveryTarget;
  run: RunDir;
  book: CursorBook;
  limits: BatchLimits;
  budget: RequestBudget;
  /** Shortest time between two rounds of small requests. */
  intervalMs: number;
  /** `POST …/_heartbeat/` period; 0 for none. */
  heartbeatMs: number;
  /** Waits between attempts to reach a server that stopped answering. */
  backoff: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">;
  /** Bytes of request bodies held in memory before delivery falls back to replaying the journal. */
  maxQueueBytes: number;
  /** Start by replaying the journal from `resumeOffset` (records were journaled before the link). */
  catchUpFirst: boolean;
  /** Journal offset from which records may still need delivering. */
  resumeOffset: number;
  /** Seq of the last record in the journal. */
  journaledSeq: number;
  /** The queue was taken by a round, or dropped (outage, overflow, close): there is room for more pieces. */
  onRoom?: () => void;
  /** Every delivery problem, for the user's `onError`. Never thrown. */
  onError: (error: unknown) => void;
  /** Human-readable notices (outage, recovery, throttling). */
  notify: (message: string) => void;
  /** The `Retry-After` of a throttled request (429), or undefined if the error is not one. */
  throttleDelayMs: (error: unknown) => number | undefined;
}

/** Longest wait between two attempts while someone waits in `flush()` (the exit flush). */
const FLUSH_RETRY_MS = 1_000;
/** Waits after consecutive 429s that give no `Retry-After` (the v0.6.1 server always gives one). */
const THROTTLE_BACKOFF = { baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Live delivery of a run's records to the server, off the training loop (see `EngineState`).
 *
 * Requests are sent one at a time, in rounds: every `intervalMs` at most, and only when the
 * request budget holds enough tokens for the round, a round sends what is queued as one request
 * per channel and segment (metrics, logs, coalesced updates; statuses and code references on
 * their own). A queue that fills whole requests is sent at once. A 429 pauses every channel for
 * the `Retry-After` it gives, the heartbeat included.
 */
export class DeliveryEngine {
  private stateValue: EngineState;
  private queue: Piece[] = [];
  private queuedBytes = 0;
  private queuedElements = 0;
  private resumeOffset: number;
  private journaledSeq: number;
  private sending = false;
  private lastRoundAt = 0;
  private pausedUntil = 0;
  private attempt = 0;
  private probeDue = 0;
  private wakeTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private beatDue = false;
  /** The server answered since the last failure: a catch-up may send the heartbeat. */
  private answering = true;
  private readonly waiters = new Waiters();
  private outageAnnounced = false;
  private throttleAnnounced = false;
  /** Consecutive 429s: the backoff step when they give no `Retry-After`. */
  private throttles = 0;
  /**
   * Requests that timed out since delivery last caught up. A server slower than the timeout
   * applies a request the client never sees answered: sent again as it was, it would only time
   * out again and pile up copies. So each timeout halves the requests of the catch-up (down to
   * 100 points), and the limits come back once it has caught up.
   */
  private timeouts = 0;
  /** Whether everything was delivered when `close()` was called. */
  closedDelivered = false;
  private readonly ctx: SendContext;
  private readonly opts: EngineOptions;

  constructor(options: EngineOptions) {
    this.opts = options;
    this.resumeOffset = options.resumeOffset;
    this.journaledSeq = options.journaledSeq;
    this.stateValue = options.catchUpFirst ? "catching-up" : "live";
    this.ctx = {
      transport: options.transport,
      target: options.target,
      book: options.book,
      limits: options.limits,
      onReject: (error) => options.onError(error),
      beforeRequest: () => this.beforeRequest(),
      throttled: (error) => this.throttled(error),
      answered: () => {
        this.answering = true;
      },
      bodies: new ByteBuffer(64 * 1024),
    };
    if (options.heartbeatMs > 0) {
      this.heartbeatTimer = setInterval(() => {
        this.beatDue = true;
        this.kick();
      }, options.heartbeatMs);
      this.heartbeatTimer.unref();
    }
    this.kick();
  }

  get state(): EngineState {
    return this.stateValue;
  }

  /** Whether the journal writer should give the engine the pieces of new records (live, not replaying). */
  get accepting(): boolean {
    return this.stateValue === "live";
  }

  /** Bytes of request bodies queued for the next round. */
  get queuedBodyBytes(): number {
    return this.queuedBytes;
  }

  /** True when everything journaled so far is acknowledged (or set aside as refused). */
  get delivered(): boolean {
    return this.stateValue === "live" && !this.sending && this.queue.length === 0;
  }

  /** The journal writer wrote records up to `seq`; `pieces` are theirs when `accepting`. */
  journaled(seq: number, pieces: readonly Piece[]): void {
    this.journaledSeq = Math.max(this.journaledSeq, seq);
    if (!this.accepting || pieces.length === 0) return;
    for (const piece of pieces) {
      this.queue.push(piece);
      if (piece.type === "batch") {
        this.queuedBytes += piece.body.length;
        this.queuedElements += piece.count;
      } else this.queuedBytes += 256;
    }
    // Past the bound the queue is dropped: the journal has it, and a catch-up reads it back a
    // chunk at a time instead of holding more in memory.
    if (this.queuedBytes > this.opts.maxQueueBytes) {
      this.clearQueue();
      this.stateValue = "catching-up";
    }
    this.kick();
  }

  /**
   * Resolves `true` once everything journaled so far is acknowledged (or set aside as refused),
   * `false` if that did not happen within `timeoutMs` (or delivery halted). Rounds go at once
   * while someone waits here, and a server that stopped answering is retried at most
   * `FLUSH_RETRY_MS` apart until the deadline.
   */
  flush(timeoutMs: number): Promise<boolean> {
    if (this.stateValue === "halted" || this.stateValue === "closed") return Promise.resolve(false);
    if (this.delivered) return Promise.resolve(true);
    if (this.stateValue === "waiting") this.probeDue = Math.min(this.probeDue, Date.now() + FLUSH_RETRY_MS);
    const delivered = this.waiters.wait(timeoutMs, () => this.delivered);
    this.kick();
    return delivered;
  }

  /** The run ended: no more heartbeats. */
  stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.beatDue = false;
  }

  /** Stops everything; requests in flight are aborted; what is not delivered stays in the journal. */
  close(): void {
    if (this.stateValue === "closed") return;
    const delivered = this.delivered;
    this.stateValue = "closed";
    this.stopHeartbeat();
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.opts.transport.abort?.();
    this.clearQueue();
    this.waiters.wakeAll();
    this.closedDelivered = delivered;
  }

  private kick(): void {
    if (!this.sending) void this.pump();
  }

  private async pump(): Promise<void> {
    this.sending = true;
    try {
      for (;;) {
        const state = this.stateValue;
        if (state === "closed" || state === "halted") break;
        if (state === "waiting") {
          const wait = this.probeDue - Date.now();
          if (wait > 0) {
            this.wakeAfter(wait);
            break;
          }
          this.stateValue = "catching-up";
          continue;
        }
        if (state === "catching-up") {
          await this.catchUp();
          continue;
        }
        if (this.beatDue) {
          await this.beat();
          continue;
        }
        if (this.queue.length === 0) break;
        const wait = this.roundWait();
        if (wait > 0) {
          this.wakeAfter(wait);
          break;
        }
        await this.round();
      }
    } finally {
      this.sending = false;
      this.wakeWaiters();
    }
  }

  /** Milliseconds until the next round may go: 0 at once for a flush or a queue of whole requests. */
  private roundWait(): number {
    if (this.waiters.any) return 0;
    const { maxItems, maxBytes } = this.opts.limits;
    if (this.queuedElements >= maxItems || this.queuedBytes >= maxBytes) return 0;
    const interval = this.lastRoundAt + this.opts.intervalMs - Date.now();
    return Math.max(interval, this.opts.budget.waitFor(this.requestsOfRound()));
  }

  /** Requests the queued pieces need: one per channel and segment, plus the barriers. */
  private requestsOfRound(): number {
    let requests = 0;
    let open = { metric: false, log: false, update: false };
    for (const piece of this.queue) {
      if (piece.type === "barrier") {
        requests += 1 + Number(open.metric) + Number(open.log) + Number(open.update);
        open = { metric: false, log: false, update: false };
      } else if (piece.type === "update") open.update = true;
      else open[piece.channel] = true;
    }
    return requests + Number(open.metric) + Number(open.log) + Number(open.update);
  }

  private async round(): Promise<void> {
    const pieces = this.queue;
    this.clearQueue();
    this.lastRoundAt = Date.now();
    try {
      await sendPieces(pieces, this.ctx);
      this.throttles = 0;
      const last = pieces.at(-1);
      if (last) this.resumeOffset = Math.max(this.resumeOffset, last.end);
      this.attempt = 0;
    } catch (error) {
      this.fail(error);
    }
  }

  /** Replays the journal from the last delivered offset until nothing newer was journaled meanwhile. */
  private async catchUp(): Promise<void> {
    try {
      let upTo: number;
      do {
        upTo = this.journaledSeq;
        const { endOffset } = await replayJournal(this.opts.run, this.ctx, { upTo, fromOffset: this.resumeOffset });
        this.resumeOffset = endOffset;
      } while (this.journaledSeq > upTo && this.stateValue === "catching-up");
      if (this.stateValue !== "catching-up") return;
      this.stateValue = "live";
      this.attempt = 0;
      this.setTimeouts(0);
      if (this.outageAnnounced) this.opts.notify("Polyaxon server reachable again: delivery caught up.");
      this.outageAnnounced = false;
    } catch (error) {
      this.fail(error);
    }
  }

  private async beat(): Promise<void> {
    this.beatDue = false;
    try {
      await this.beforeRequest();
      await this.opts.transport.heartbeat(this.opts.target);
    } catch (error) {
      if (this.stateValue !== "closed" && !this.throttled(error)) this.opts.onError(error);
    }
  }

  /**
   * Before every request: a heartbeat that came due goes first, while the server answers (a long
   * catch-up must not let its zombie check fail the run; a failing server, in `waiting`, gets none);
   * then wait out a throttle pause and spend a token of the budget.
   */
  private async beforeRequest(): Promise<void> {
    if (this.beatDue && this.answering) await this.beat();
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait).unref());
    if (this.stateValue === "closed") throw new Error("polyaxon-tracking: delivery closed");
    this.opts.budget.spend();
  }

  /** A 429: every channel pauses for its `Retry-After`, then the same request is sent again. */
  private throttled(error: unknown): boolean {
    const retryAfter = this.opts.throttleDelayMs(error);
    if (retryAfter === undefined || this.stateValue === "closed") return false;
    this.throttles++;
    const delay = retryAfter || backoffDelayMs(this.throttles, THROTTLE_BACKOFF);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
    if (!this.throttleAnnounced) {
      this.throttleAnnounced = true;
      this.opts.notify(
        `Polyaxon server is throttling requests (429): delivery pauses for ${Math.ceil(delay / 1000)} s, nothing is lost.`,
      );
    }
    return true;
  }

  private fail(error: unknown): void {
    // After close() the transport is aborted on purpose: what is left stays in the journal.
    if (this.stateValue === "closed") return;
    this.clearQueue();
    this.opts.onError(error);
    if (this.opts.transport.classify(error) === "halt") {
      this.stateValue = "halted";
      this.stopHeartbeat();
      this.opts.notify(
        `Polyaxon delivery stopped: ${errorMessage(error)}. Every record is kept in ${this.opts.run.path}; ` +
          `fix the problem, then run: npx polyaxon-tracking sync ${this.opts.run.id}`,
      );
      return;
    }
    if (error instanceof APITimeoutError) this.setTimeouts(this.timeouts + 1);
    this.stateValue = "waiting";
    this.answering = false;
    if (!this.outageAnnounced) {
      this.outageAnnounced = true;
      this.opts.notify(
        `Polyaxon server not answering (${errorMessage(error)}); records are kept in ${this.opts.run.path} and will be sent when it answers.`,
      );
    }
    this.attempt++;
    const backoff = backoffDelayMs(this.attempt, this.opts.backoff);
    const delay = this.waiters.any ? Math.min(backoff, FLUSH_RETRY_MS) : backoff;
    this.probeDue = Date.now() + delay;
  }

  /** The catch-up's requests follow the count of timeouts: halved once for each. */
  private setTimeouts(timeouts: number): void {
    this.timeouts = timeouts;
    this.ctx.limits = halvedLimits(this.opts.limits, timeouts);
  }

  private wakeAfter(ms: number): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.kick();
    }, ms);
    this.wakeTimer.unref();
  }

  private clearQueue(): void {
    this.queue = [];
    this.queuedBytes = 0;
    this.queuedElements = 0;
    this.opts.onRoom?.();
  }

  /** Resolves `flush()` waiters once there is an answer: delivered, halted or closed. Waiting is not one. */
  private wakeWaiters(): void {
    if (!this.waiters.any) return;
    const state = this.stateValue;
    if (this.delivered || state === "halted" || state === "closed") this.waiters.wakeAll();
  }
}
