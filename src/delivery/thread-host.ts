import type { Worker } from "node:worker_threads";
import type { Frame } from "../records/frame.js";
import type { Settings } from "../settings/types.js";
import type { CoreConfig, CoreEvents, LinkConfig } from "./core.js";
import type { DeliveryHost, TransportSource } from "./host.js";
import { InlineHost } from "./inline-host.js";
import { spawnThread } from "./spawn-thread.js";
import { rebuildError } from "./thread-errors.js";
import { CLOSED_DELIVERED, CONTROL, type FromThread, type ThreadData, type ToThread } from "./thread-protocol.js";

/**
 * How long `close()` waits for the delivery thread to write what it was handed and close the
 * journal. It normally takes milliseconds; the bound covers a thread still starting up.
 */
const CLOSE_WAIT_MS = 5_000;
/** Longest wait for the thread to take a frame before the training thread allocates more memory instead. */
const SPOOL_WAIT_MS = 1_000;

/**
 * The journal writer and delivery on their own thread (`delivery-thread.ts`). The training thread
 * hands frames over with `postMessage` (metric columns are shared memory, not copied) and keeps
 * each frame until the thread says it is spooled, so that if the thread ever dies its work
 * moves to an `InlineHost` on this thread with nothing lost.
 */
export class ThreadHost implements DeliveryHost {
  private readonly worker: Worker;
  private readonly flags: Int32Array;
  private readonly flushes = new Map<number, (delivered: boolean) => void>();
  private nextFlush = 1;
  /** Frames posted to the thread and not yet in its spool. */
  private unspooled: Frame[] = [];
  private linked: { link: LinkConfig; settings: Settings } | undefined;
  private fallback: InlineHost | undefined;
  private closing = false;
  private readonly config: CoreConfig;
  private readonly events: CoreEvents;

  constructor(config: CoreConfig, events: CoreEvents) {
    this.config = config;
    this.events = events;
    const control = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    this.flags = new Int32Array(control);
    this.worker = spawnThread("delivery-thread", { config, control } satisfies ThreadData);
    this.worker.on("message", (message: FromThread) => this.onMessage(message));
    this.worker.on("error", (error) => this.fallBack(`it failed: ${error.message}`));
    this.worker.on("exit", (code) => {
      if (!this.closing) this.fallBack(`it exited with code ${code}`);
    });
    // The thread never keeps the process alive: the exit hooks flush it on their own terms.
    // (After the listeners: adding a "message" listener refs the worker again.)
    this.worker.unref();
  }

  get spooledFrame(): number {
    return this.fallback ? this.fallback.spooledFrame : Atomics.load(this.flags, CONTROL.spooledFrame);
  }

  /**
   * Waits until the thread has spooled frame `no` (the training thread ran `MAX_IN_FLIGHT` buffers
   * ahead of a thread starved of CPU), at most `SPOOL_WAIT_MS`.
   */
  waitSpooled(no: number): number {
    const deadline = Date.now() + SPOOL_WAIT_MS;
    for (let last = this.spooledFrame; last < no && !this.fallback; last = this.spooledFrame) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      Atomics.wait(this.flags, CONTROL.spooledFrame, last, left);
    }
    return this.spooledFrame;
  }

  accept(frame: Frame): void {
    if (this.fallback) {
      this.fallback.accept(frame);
      return;
    }
    const spooled = this.spooledFrame;
    if (this.unspooled.length > 0 && (this.unspooled[0] as Frame).no <= spooled) {
      this.unspooled = this.unspooled.filter((kept) => kept.no > spooled);
    }
    this.unspooled.push(frame);
    this.post({ type: "frame", frame });
  }

  link(link: LinkConfig, source: TransportSource): void {
    if (!("settings" in source)) throw new Error("ThreadHost builds its transport from settings");
    this.linked = { link, settings: source.settings };
    if (this.fallback) this.fallback.link(link, source);
    else this.post({ type: "link", link, settings: source.settings });
  }

  flush(timeoutMs: number): Promise<boolean> {
    if (this.fallback) return this.fallback.flush(timeoutMs);
    const id = this.nextFlush++;
    // Waiting for the thread's answer must keep the process alive (e.g. the flush at beforeExit).
    this.worker.ref();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolveFlush(false), timeoutMs + 100);
      const resolveFlush = (delivered: boolean) => {
        clearTimeout(timer);
        this.flushes.delete(id);
        if (this.flushes.size === 0) this.worker.unref();
        resolve(delivered);
      };
      this.flushes.set(id, resolveFlush);
      this.post({ type: "flush", id, timeoutMs });
    });
  }

  stopHeartbeat(): void {
    if (this.fallback) this.fallback.stopHeartbeat();
    else this.post({ type: "stopHeartbeat" });
  }

  close(): boolean {
    if (this.fallback) return this.fallback.close();
    if (!this.closing) {
      this.closing = true;
      this.post({ type: "close" });
      // Synchronous on purpose: this also runs at process.on("exit"), where nothing else can.
      Atomics.wait(this.flags, CONTROL.closed, 0, CLOSE_WAIT_MS);
      for (const resolveFlush of this.flushes.values()) resolveFlush(false);
    }
    const closed = Atomics.load(this.flags, CONTROL.closed);
    if (closed === 0) {
      // The thread did not answer in time: journal from here what it had not spooled (and what
      // its spool holds that the journal does not).
      // Lines it writes late are duplicates, which every journal reader skips by seq.
      this.takeOver().close();
      return false;
    }
    this.unspooled = [];
    return closed === CLOSED_DELIVERED;
  }

  private post(message: ToThread): void {
    this.worker.postMessage(message);
  }

  private onMessage(message: FromThread): void {
    switch (message.type) {
      case "notice":
        this.events.notify(message.message);
        return;
      case "error":
        this.events.onError(rebuildError(message.error));
        return;
      case "flushed":
        this.flushes.get(message.id)?.(message.delivered);
        return;
    }
  }

  /**
   * The thread's run, continued on this thread: an `InlineHost` that settles what the thread
   * journaled and spooled, then takes the frames the thread had not spooled.
   */
  private takeOver(): InlineHost {
    const inline = new InlineHost({ ...this.config, startSeq: 0 }, this.events);
    const spooled = Atomics.load(this.flags, CONTROL.spooledFrame);
    for (const frame of this.unspooled) if (frame.no > spooled) inline.accept(frame);
    this.unspooled = [];
    return inline;
  }

  /** The thread died: its work continues on this thread, from its spool and the frames it had not spooled. */
  private fallBack(reason: string): void {
    if (this.fallback || this.closing) return;
    this.events.notify(
      `the delivery thread stopped (${reason}); records are now written and sent from the main thread.`,
    );
    const inline = this.takeOver();
    if (this.linked) inline.link(this.linked.link, { settings: this.linked.settings });
    this.fallback = inline;
    for (const [id, resolveFlush] of this.flushes) {
      this.flushes.delete(id);
      void inline.flush(this.config.persistMs * 4).then(resolveFlush);
    }
  }
}
