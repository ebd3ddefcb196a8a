import { CursorBook } from "../delivery/cursor-book.js";
import { Heartbeat } from "../delivery/heartbeat.js";
import { HttpDelivery } from "../delivery/http-delivery.js";
import { countPendingSync } from "../delivery/pending.js";
import { Recorder, type RecordInput } from "../delivery/recorder.js";
import type { DeliveryTarget, Transport } from "../delivery/transport.js";
import type { MetricValues } from "../records/types.js";
import { JournalWriter } from "../store/journal.js";
import type { DeliveryState, RunDir } from "../store/run-store.js";
import { captureOutput, type LogCapture } from "./log-capture.js";
import type { Notifier } from "./notice.js";

export interface RunSessionOptions {
  run: RunDir;
  intervalMs: number;
  batchSize: number;
  notifier: Notifier;
  onError: (error: unknown) => void;
}

export interface ServerLink {
  transport: Transport;
  target: DeliveryTarget;
  baseUrl: string;
  heartbeatIntervalMs: number;
  /** Seq of records the server already has (the create record). */
  acknowledged?: number;
}

/**
 * The plumbing of one run: its journal, the recorder, and — when a server is linked — live
 * delivery and the heartbeat. The facade only validates and describes records; this class
 * decides where they go.
 */
export class RunSession {
  readonly run: RunDir;
  readonly recorder: Recorder;
  private readonly journal: JournalWriter;
  private delivery: HttpDelivery | undefined;
  private heartbeat: Heartbeat | undefined;
  private capture: LogCapture | undefined;
  private closedValue = false;
  private readonly opts: RunSessionOptions;

  constructor(options: RunSessionOptions) {
    this.opts = options;
    this.run = options.run;
    this.journal = new JournalWriter(options.run.recordsFile);
    this.recorder = new Recorder({
      journal: this.journal,
      intervalMs: options.intervalMs,
      batchSize: options.batchSize,
    });
    this.recorder.start();
  }

  get closed(): boolean {
    return this.closedValue;
  }

  /** Starts live delivery to a server (the experiment exists there). */
  link(link: ServerLink): void {
    const existing = this.run.readDelivery();
    const state: DeliveryState = existing ?? {
      baseUrl: link.baseUrl,
      owner: link.target.owner,
      projectName: link.target.projectName,
      experimentId: link.target.experimentId,
      cursors: { ordered: link.acknowledged ?? 0, metric: 0, log: 0 },
      rejected: 0,
      updatedAt: new Date().toISOString(),
    };
    if (!existing) this.run.writeDelivery(state);
    this.delivery = new HttpDelivery({
      transport: link.transport,
      target: link.target,
      run: this.run,
      book: new CursorBook(this.run, state),
      flushJournal: () => this.recorder.sync(),
      onError: this.opts.onError,
      notify: (message) => this.opts.notifier.warn(message),
    });
    // Records made before the link (attach/managed: during the owner lookup or token
    // exchange) go to the journal first, then are replayed ahead of anything newer.
    this.recorder.sync();
    this.recorder.attachDelivery(this.delivery);
    // Only when the journal holds an undelivered record: after create() it holds just the
    // acknowledged create record, and a needless catch-up would keep a fast producer on the
    // slower replay path.
    if (countPendingSync(this.run) > 0) this.delivery.backfill(this.recorder.lastSeq);
    this.heartbeat = new Heartbeat(link.transport, link.target, this.opts.onError);
    this.heartbeat.start(link.heartbeatIntervalMs);
  }

  record(input: RecordInput): void {
    if (!this.closedValue) this.recorder.record(input);
  }

  metric(values: MetricValues): void {
    if (!this.closedValue) this.recorder.metric(values);
  }

  startLogCapture(minLevel = 0): void {
    if (this.capture || this.closedValue) return;
    this.capture = captureOutput((line) => this.record({ kind: "log", line }), minLevel);
  }

  stopHeartbeat(): void {
    this.heartbeat?.stop();
  }

  /** Writes pending records and, when linked, waits up to `timeoutMs` for the server to have them. */
  async flush(timeoutMs: number): Promise<boolean> {
    this.recorder.sync();
    if (!this.delivery) return true;
    return this.delivery.drain(timeoutMs);
  }

  /** Synchronous: stop capture and timers, write the journal, say what `sync` would still send. */
  close(): void {
    if (this.closedValue) return;
    this.capture?.stop();
    this.closedValue = true;
    this.heartbeat?.stop();
    this.recorder.close();
    this.delivery?.close();
    if (!this.delivery || this.delivery.settled) return;
    const pending = countPendingSync(this.run);
    if (pending > 0) {
      this.opts.notifier.warn(
        `${pending} record(s) of run ${this.run.id} were not delivered before exit; they are kept in ${this.run.path}. ` +
          `Send them with: npx polyaxon-tracking sync ${this.run.id}`,
      );
    }
  }
}
