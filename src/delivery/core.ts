import { rmSync } from "node:fs";
import type { RetryPolicy } from "../api/retry.js";
import type { Frame } from "../records/frame.js";
import { JournalWriter } from "../store/journal.js";
import { RunDir } from "../store/run-store.js";
import { SpoolReader, SpoolWriter } from "../store/spool.js";
import { RequestBudget } from "./budget.js";
import type { ConversionEvents, ConversionThread } from "./conversion-host.js";
import type { ConvertResult } from "./conversion-protocol.js";
import { CursorBook } from "./cursor-book.js";
import { DeliveryEngine } from "./engine.js";
import { FrameWriter } from "./frame-writer.js";
import { linkedState } from "./link-state.js";
import { type BatchLimits, DEFAULT_BATCH_LIMITS } from "./pieces.js";
import { claimRun, lastJournalSeq, releaseRun } from "./spool-journal.js";
import type { DeliveryTarget, Transport } from "./transport.js";
import { Waiters } from "./waiters.js";

/** How the journal writer and delivery run: plain data, so it can cross to the delivery thread. */
export interface CoreConfig {
  /** The run directory (its journal is `records.jsonl`). */
  runPath: string;
  /** Seq of the last record already in the journal (0 for a new run). */
  startSeq: number;
  /** Longest time between a spool or journal write and making it durable (fdatasync). */
  persistMs: number;
  limits?: BatchLimits;
  /** Bytes of request bodies held in memory before delivery replays from the journal instead (default 8 MB). */
  maxQueueBytes?: number;
  /**
   * A server is configured: the delivery thread loads its HTTP client right away, while
   * `create()` waits for the server, rather than in the middle of the training loop that follows.
   */
  expectServer?: boolean;
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
  /**
   * Called before each spool entry is turned into journal lines: the delivery thread takes the
   * frames waiting in its message queue here, so spooling never waits behind conversion.
   */
  takeWaitingFrames?(): void;
  /**
   * Starts a conversion thread (the delivery thread can; delivery on the training thread does
   * not): once the spool backlog passes `CONVERSION_THREAD_BACKLOG`, chunks are converted there.
   */
  startConversionThread?(limits: BatchLimits, events: ConversionEvents): ConversionThread;
}

/** Waits between attempts to reach a server that stopped answering: 1 s doubling to 30 s, with jitter. */
const OUTAGE_BACKOFF: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs"> = { baseDelayMs: 1_000, maxDelayMs: 30_000 };
/** Requests a round may take from the budget at once. */
const BUDGET_BURST = 3;
/** Bytes of request bodies held in memory before delivery replays from the journal instead. */
const MAX_QUEUE_BYTES = 8 * 1024 * 1024;
/** Spool bytes turned into journal lines per turn of the event loop (new frames are spooled in between). */
const CONVERT_BYTES = 64 * 1024;
/** Spool bytes not yet journaled past which conversion moves to its own thread (about 5,000 points). */
const CONVERSION_THREAD_BACKLOG = 512 * 1024;
/** What `close()` may spend turning the spool into journal lines; the rest waits for `sync`. */
const CLOSE_CONVERT_MS = 1_000;

/**
 * The receiving side of a run, on the delivery thread (or on the training thread when delivery
 * runs inline). Three stages, each at its own pace:
 *
 * 1. frames are appended to the spool as they arrive (raw numbers: cheap, so this stage always
 *    keeps up with the training loop and memory stays bounded);
 * 2. the spool is turned into journal lines (`records.jsonl`), a chunk per turn of the event loop,
 *    or, once the backlog grows, on a conversion thread (chunks go there and come back in order);
 * 3. once linked to a server, the delivery engine sends what the journal writer gives it (or
 *    replays the journal after an outage).
 *
 * Spool and journal are made durable within `persistMs` of a write.
 */
export class DeliveryCore {
  private readonly run: RunDir;
  private readonly spool: SpoolWriter;
  private reader: SpoolReader | undefined;
  /** Spool offset up to which everything is in the journal. */
  private journaledOffset = 0;
  private conversion: ConversionThread | undefined;
  private conversionFailed = false;
  private readonly journal: JournalWriter;
  private readonly writer: FrameWriter;
  private engine: DeliveryEngine | undefined;
  private spooledFrameValue = 0;
  private converting: NodeJS.Immediate | undefined;
  private readonly convertedWaiters = new Waiters();
  private lastPersist = 0;
  private persistTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private deliveredAtClose = false;
  /** A background fdatasync is under way. */
  private persisting = false;
  /** Conversion waits for a link whose transport is loading (`holdConversion`). */
  private held = false;
  private readonly config: CoreConfig;
  private readonly events: CoreEvents;

  constructor(config: CoreConfig, events: CoreEvents) {
    this.config = config;
    this.events = events;
    this.run = new RunDir(config.runPath);
    claimRun(this.run);
    this.spool = new SpoolWriter(this.run.spoolFile);
    this.journal = new JournalWriter(this.run.recordsFile);
    // A core that takes over a run (the delivery thread died) skips what its spool already journaled.
    const startSeq = Math.max(config.startSeq, lastJournalSeq(this.run));
    this.writer = new FrameWriter(this.journal, config.limits ?? DEFAULT_BATCH_LIMITS, startSeq);
  }

  private get maxQueueBytes(): number {
    return this.config.maxQueueBytes ?? MAX_QUEUE_BYTES;
  }

  /** Number of the last frame in the spool: its buffers may be reused. */
  get spooledFrame(): number {
    return this.spooledFrameValue;
  }

  accept(frame: Frame): void {
    if (this.closed) return;
    this.spool.append(frame);
    this.spooledFrameValue = frame.no;
    this.schedulePersist();
    // As soon as the backlog calls for it, even while conversion is held (it loads meanwhile).
    this.conversionThread();
    this.scheduleConvert();
  }

  /**
   * Holds conversion (frames are still spooled) while the delivery thread loads the transport of
   * a link: chunks converted before the engine exists go to the journal without their pieces and
   * are read back from it once linked, which is slower and holds more memory.
   */
  holdConversion(held: boolean): void {
    this.held = held;
    if (!held) this.scheduleConvert();
    else if (this.converting) {
      clearImmediate(this.converting);
      this.converting = undefined;
    }
  }

  link(link: LinkConfig, transport: Transport): void {
    if (this.closed || this.engine) return;
    const state = linkedState(this.run, link);
    // Records journaled before the link (attach and in-cluster runs: calls made during the owner
    // lookup or the token exchange) are replayed first, from the start of the journal; so are
    // chunks the conversion thread holds, converted without their pieces.
    const behind = this.writer.lastSeq > link.acknowledged;
    const catchUpFirst = behind || this.conversion?.busy === true;
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
      maxQueueBytes: this.maxQueueBytes,
      onRoom: () => this.scheduleConvert(),
      catchUpFirst,
      resumeOffset: behind ? 0 : this.writer.size,
      journaledSeq: this.writer.lastSeq,
      onError: (error) => this.events.onError(error),
      notify: (message) => this.events.notify(message),
      throttleDelayMs: (error) => this.events.throttleDelayMs(error),
    });
  }

  /**
   * Everything handed over so far journaled and durable, then (when linked) delivered; false if
   * that did not happen within `timeoutMs`.
   */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const converted = await this.converted(timeoutMs);
    await Promise.all([this.spool.persistInBackground(), this.journal.persistInBackground()]);
    if (!converted) return false;
    return this.engine ? this.engine.flush(Math.max(0, deadline - Date.now())) : true;
  }

  stopHeartbeat(): void {
    this.engine?.stopHeartbeat();
  }

  /**
   * Stops delivery; journals what the spool still holds (within `CLOSE_CONVERT_MS`; the rest stays
   * in the spool for `sync`), makes everything durable, and removes the spool once it is all in
   * the journal. Returns whether everything was delivered.
   */
  close(): boolean {
    if (this.closed) return this.deliveredAtClose;
    this.closed = true;
    if (this.persistTimer) clearTimeout(this.persistTimer);
    if (this.converting) clearImmediate(this.converting);
    // What the conversion thread holds is converted again here: it only has what it was given.
    this.stopConversionThread();
    const deadline = Date.now() + CLOSE_CONVERT_MS;
    while (this.convertSome() && Date.now() < deadline);
    // After the last conversion, so that what it journaled counts as not delivered.
    this.engine?.close();
    const allJournaled = this.unconverted === 0;
    // close() makes both durable, synchronously.
    this.spool.close();
    this.reader?.close();
    this.journal.close();
    // Durable in the journal now: a spool left behind would only make readers settle it again.
    if (allJournaled) rmSync(this.run.spoolFile, { force: true });
    releaseRun(this.run);
    this.deliveredAtClose = allJournaled && (this.engine?.closedDelivered ?? true);
    this.convertedWaiters.wakeAll();
    return this.deliveredAtClose;
  }

  /** Spool bytes not yet journaled. */
  private get unconverted(): number {
    return this.spool.size - this.journaledOffset;
  }

  /** Resolves true once the spool is fully journaled, false after `timeoutMs`. */
  private converted(timeoutMs: number): Promise<boolean> {
    if (this.unconverted === 0) return Promise.resolve(true);
    const converted = this.convertedWaiters.wait(timeoutMs, () => this.unconverted === 0);
    this.scheduleConvert();
    return converted;
  }

  private scheduleConvert(): void {
    if (this.converting || this.closed || this.held) return;
    this.converting = setImmediate(() => {
      this.converting = undefined;
      try {
        if (this.convertSome()) this.scheduleConvert();
      } catch (error) {
        // The spool or journal cannot be read or written (disk full, run directory removed):
        // say so; what is in the spool stays there for `sync`.
        this.events.onError(error);
      }
    });
  }

  /**
   * Turns the next chunk of the spool into journal lines (and delivery pieces, when the engine
   * takes them), or hands chunks to the conversion thread. Returns whether more is left to do here.
   */
  private convertSome(): boolean {
    if (this.unconverted === 0) return false;
    const thread = this.conversionThread();
    this.reader ??= new SpoolReader(this.run.spoolFile, this.journaledOffset);
    // Once the thread has started, every chunk goes there (they must come back in spool order).
    if (thread?.started) {
      const engine = this.engine;
      // Converted no faster than live delivery sends (the backlog waits in the spool, on disk):
      // past its bound the queue would be dropped and the journal read back.
      if (engine?.accepting && engine.queuedBodyBytes >= this.maxQueueBytes / 2) return false;
      // Pieces are built whenever an engine may take them: a chunk converted without them
      // while the engine catches up would otherwise miss live delivery once it is live again.
      const collect = engine ? engine.state !== "halted" : this.config.expectServer === true;
      while (thread.canTake && thread.dispatch(this.reader, this.writer.lastSeq, collect));
      return false;
    }
    this.events.takeWaitingFrames?.();
    const frames = this.reader.next(CONVERT_BYTES);
    for (const frame of frames) {
      this.events.takeWaitingFrames?.();
      const engine = this.engine;
      const pieces = this.writer.write(frame, engine?.accepting === true);
      engine?.journaled(this.writer.lastSeq, pieces);
    }
    this.journaledOffset = this.reader.offset;
    if (frames.length > 0) this.schedulePersist();
    if (this.unconverted > 0 && frames.length > 0) return true;
    this.convertedWaiters.wakeAll();
    return false;
  }

  /** The conversion thread, started once the backlog calls for it (never while closing). */
  private conversionThread(): ConversionThread | undefined {
    const start = this.events.startConversionThread;
    if (this.conversion || this.closed || this.conversionFailed || !start) return this.conversion;
    if (this.unconverted < CONVERSION_THREAD_BACKLOG) return undefined;
    this.conversion = start(this.config.limits ?? DEFAULT_BATCH_LIMITS, {
      started: () => this.scheduleConvert(),
      converted: (result, endOffset) => this.applyConverted(result, endOffset),
      failed: (error, expected) => {
        this.conversionFailed = true;
        this.stopConversionThread();
        if (expected) this.events.notify(error.message);
        else this.events.onError(error);
        this.scheduleConvert();
      },
    });
    return this.conversion;
  }

  /** A chunk the conversion thread converted, in spool order: its lines go into the journal. */
  private applyConverted(result: ConvertResult, endOffset: number): void {
    if (this.closed) return;
    try {
      this.writer.append(new Uint8Array(result.lines, 0, result.linesLength), result.pieces, result.lastSeq);
    } catch (error) {
      this.events.onError(error);
      return;
    }
    this.engine?.journaled(this.writer.lastSeq, result.pieces);
    this.journaledOffset = endOffset;
    this.conversion?.recycle(result);
    this.schedulePersist();
    if (this.unconverted === 0) this.convertedWaiters.wakeAll();
    this.scheduleConvert();
  }

  /** Drops the conversion thread and what it holds: the spool is read again from what is journaled. */
  private stopConversionThread(): void {
    if (!this.conversion) return;
    this.conversion.stop();
    this.conversion = undefined;
    this.reader?.close();
    this.reader = undefined;
  }

  /** Made durable within `persistMs` of the write, but at most once per `persistMs`. */
  private schedulePersist(): void {
    if (this.closed) return;
    const due = this.lastPersist + this.config.persistMs - Date.now();
    if (due <= 0) this.persist();
    else if (!this.persistTimer) {
      this.persistTimer = setTimeout(() => this.persist(), due);
      this.persistTimer.unref();
    }
  }

  /**
   * fdatasync of the spool and the journal, in the background (the writer keeps taking frames);
   * once both are durable and every spooled frame is journaled, the spool starts afresh.
   */
  private persist(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    this.lastPersist = Date.now();
    if (this.persisting) return;
    this.persisting = true;
    const journaledUpTo = this.journaledOffset;
    void Promise.all([this.spool.persistInBackground(), this.journal.persistInBackground()]).then(() => {
      this.persisting = false;
      // Everything spooled is journaled (so nothing is with the conversion thread either).
      if (this.closed || journaledUpTo !== this.spool.size) return;
      this.reader?.close();
      this.reader = undefined;
      this.journaledOffset = 0;
      this.spool.truncate();
    });
  }
}
