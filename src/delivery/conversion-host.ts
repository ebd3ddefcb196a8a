import type { Worker } from "node:worker_threads";
import { chunkBuffer, type SpoolReader } from "../store/spool.js";
import type { ConversionData, ConvertRequest, ConvertResult, FromConversion } from "./conversion-protocol.js";
import type { BatchLimits } from "./pieces.js";
import { spawnThread } from "./spawn-thread.js";

/** Spool bytes sent to the conversion thread at once (about 5,000 points of 10 metrics). */
const DISPATCH_BYTES = 512 * 1024;
/** Chunks handed over and not converted yet: one being converted, one waiting. */
const MAX_IN_FLIGHT = 2;
const OUT_OF_MEMORY =
  "the conversion thread ran out of its capped memory (a record of megabytes does that): the delivery thread converts from now on.";

export interface ConversionEvents {
  /** The thread is loaded and takes chunks from now on. */
  started(): void;
  /** A chunk converted, in spool order; `endOffset`: where it ends in the spool. */
  converted(result: ConvertResult, endOffset: number): void;
  /**
   * The thread is gone: the chunks it held are dropped (the caller converts them again, itself).
   * `expected`: no fault, only its memory cap reached (a record of megabytes), a notice at most.
   */
  failed(error: Error, expected: boolean): void;
}

/**
 * The delivery thread's handle on its conversion thread (`conversion-thread.ts`): chunks of the
 * spool go there as bytes (transferred, not copied), their journal lines and pieces come back in
 * order, and the memory of both goes back and forth rather than being allocated per chunk.
 */
export class ConversionThread {
  private readonly worker: Worker;
  /** Where each chunk handed over ends in the spool, oldest first. */
  private readonly inFlight: number[] = [];
  private readonly freeChunks: Buffer<ArrayBuffer>[] = [];
  private readonly freeLines: ArrayBuffer[] = [];
  private stopped = false;
  private startedValue = false;
  private readonly events: ConversionEvents;

  constructor(limits: BatchLimits, events: ConversionEvents) {
    this.events = events;
    this.worker = spawnThread("conversion-thread", { limits } satisfies ConversionData);
    this.worker.on("message", (message: FromConversion) => this.onMessage(message));
    this.worker.on("error", (error) => {
      // Its heap is capped (spawn-thread.ts): reaching the cap is no fault of the run.
      if ((error as { code?: unknown }).code !== "ERR_WORKER_OUT_OF_MEMORY") this.fail(error);
      else this.fail(new Error(OUT_OF_MEMORY), true);
    });
    this.worker.on("exit", (code) => this.fail(new Error(`the conversion thread exited with code ${code}`)));
    // Never keeps the process alive: the delivery thread decides when work is over.
    this.worker.unref();
  }

  /** Chunks handed over and not converted yet. */
  get busy(): boolean {
    return this.inFlight.length > 0;
  }

  /**
   * The thread is loaded. Starting one takes tens of ms of CPU at low priority, and more on a
   * busy machine: until then the delivery thread goes on converting itself.
   */
  get started(): boolean {
    return this.startedValue && !this.stopped;
  }

  /** Whether another chunk may be handed over now. */
  get canTake(): boolean {
    return this.started && this.inFlight.length < MAX_IN_FLIGHT;
  }

  /**
   * Hands the next chunk of `reader` over (records up to `afterSeq` are journaled already);
   * false when the reader had nothing whole to give.
   */
  dispatch(reader: SpoolReader, afterSeq: number, collect: boolean): boolean {
    const chunk = reader.nextChunk(DISPATCH_BYTES, this.freeChunks.pop() ?? chunkBuffer(DISPATCH_BYTES));
    if (chunk.length === 0) {
      this.freeChunks.push(chunk.bytes);
      return false;
    }
    this.inFlight.push(reader.offset);
    const lines = this.freeLines.pop();
    const memory = chunk.bytes.buffer;
    const request: ConvertRequest = {
      chunk: memory,
      length: chunk.length,
      afterSeq,
      collect,
      ...(lines ? { lines } : {}),
    };
    this.worker.postMessage(request, lines ? [memory, lines] : [memory]);
    return true;
  }

  /** The memory of a result, for later chunks (once its lines are written). */
  recycle(result: ConvertResult): void {
    this.freeChunks.push(Buffer.from(result.chunk));
    this.freeLines.push(result.lines);
  }

  /** Stops the thread; the chunks it holds are dropped. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.inFlight.length = 0;
    void this.worker.terminate();
  }

  private onMessage(message: FromConversion): void {
    if (this.stopped) return;
    if (message.type === "failed") {
      this.fail(new Error(`the conversion thread failed: ${message.message}`));
      return;
    }
    if (message.type === "ready") {
      this.startedValue = true;
      this.events.started();
      return;
    }
    // One thread, one chunk at a time: results come back in the order chunks went.
    const endOffset = this.inFlight.shift();
    if (endOffset !== undefined) this.events.converted(message, endOffset);
  }

  private fail(error: Error, expected = false): void {
    if (this.stopped) return;
    this.stop();
    this.events.failed(error, expected);
  }
}
