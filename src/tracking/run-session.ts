import type { CoreConfig, CoreEvents, LinkConfig } from "../delivery/core.js";
import type { DeliveryHost, TransportSource } from "../delivery/host.js";
import { InlineHost } from "../delivery/inline-host.js";
import { linkedState } from "../delivery/link-state.js";
import { pendingRecords } from "../delivery/pending.js";
import { batchLimits } from "../delivery/pieces.js";
import { type DroppedReason, Recorder, type RecordInput } from "../delivery/recorder.js";
import { ThreadHost } from "../delivery/thread-host.js";
import { throttleDelayMs } from "../delivery/throttle.js";
import type { DeliveryTarget } from "../delivery/transport.js";
import { fetchReplaced } from "../net/global-fetch.js";
import type { Settings } from "../settings/types.js";
import type { RunDir } from "../store/run-store.js";
import { captureOutput, type LogCapture } from "./log-capture.js";
import type { Notifier } from "./notice.js";

export interface RunSessionOptions {
  run: RunDir;
  settings: Settings;
  /** Journal and deliver on this thread (a client passed by the user cannot cross threads). */
  inline: boolean;
  notifier: Notifier;
  onError: (error: unknown) => void;
  onDroppedMetric: (key: string, reason: DroppedReason) => void;
}

export interface ServerLink {
  source: TransportSource;
  target: DeliveryTarget;
  baseUrl: string;
  heartbeatIntervalMs: number;
  /** Seq of records the server already has (the create record). */
  acknowledged?: number;
}

/**
 * The plumbing of one run: the recorder on this thread, and the journal writer and delivery on
 * the delivery thread (or inline). The facade only validates and describes records; this class
 * decides where they go.
 */
export class RunSession {
  readonly run: RunDir;
  readonly recorder: Recorder;
  private readonly host: DeliveryHost;
  private capture: LogCapture | undefined;
  private closedValue = false;
  private linked = false;
  private readonly opts: RunSessionOptions;

  constructor(options: RunSessionOptions) {
    this.opts = options;
    this.run = options.run;
    const { intervalMs, batchSize, deliveryThread } = options.settings;
    const config: CoreConfig = {
      runPath: options.run.path,
      startSeq: 0,
      // Handed over at half the interval and made durable within a quarter of it: a recorded
      // record is on disk within POLYAXON_INTERVAL.
      persistMs: Math.max(1, Math.floor(intervalMs / 4)),
      limits: batchLimits(batchSize),
      expectServer: options.settings.mode === "normal" || options.settings.mode === "managed",
    };
    const events: CoreEvents = {
      notify: (message) => options.notifier.warn(message),
      onError: options.onError,
      throttleDelayMs,
    };
    // A replaced fetch applies to this thread only: delivery runs here to be seen by it.
    const inline = options.inline || !deliveryThread || fetchReplaced();
    this.host = inline ? new InlineHost(config, events) : new ThreadHost(config, events);
    this.recorder = new Recorder({
      sink: this.host,
      handOffMs: Math.max(1, Math.floor(intervalMs / 2)),
      onDroppedMetric: options.onDroppedMetric,
    });
    this.recorder.start();
  }

  get closed(): boolean {
    return this.closedValue;
  }

  /** Starts live delivery to a server (the experiment exists there). */
  link(link: ServerLink): void {
    if (this.closedValue) return;
    // Records made before the link go to the journal first: delivery replays them ahead of newer ones.
    this.recorder.handOff();
    const { intervalMs, requestsPerMinute } = this.opts.settings;
    const config: LinkConfig = {
      target: link.target,
      baseUrl: link.baseUrl,
      acknowledged: link.acknowledged ?? 0,
      heartbeatMs: link.heartbeatIntervalMs,
      intervalMs,
      requestsPerMinute,
    };
    // On disk before the delivery thread hears of it (see linkedState).
    linkedState(this.run, config);
    this.host.link(config, link.source);
    this.linked = true;
  }

  record(input: RecordInput): void {
    if (!this.closedValue) this.recorder.record(input);
  }

  startLogCapture(minLevel = 0): void {
    if (this.capture || this.closedValue) return;
    this.capture = captureOutput((line) => this.record({ kind: "log", line }), minLevel);
  }

  stopHeartbeat(): void {
    this.host.stopHeartbeat();
  }

  /** Hands over what is recorded; resolves once it is durable and, when linked, delivered. */
  async flush(timeoutMs: number): Promise<boolean> {
    if (this.closedValue) return false;
    this.recorder.handOff();
    return this.host.flush(timeoutMs);
  }

  /** Synchronous: stop capture and timers, journal everything, say what `sync` would still send. */
  close(): void {
    if (this.closedValue) return;
    this.capture?.stop();
    this.closedValue = true;
    this.recorder.stop();
    this.recorder.handOff();
    const delivered = this.host.close();
    if (!this.linked || delivered) return;
    const pending = pendingRecords(this.run);
    if (pending > 0) {
      this.opts.notifier.warn(
        `${pending} record(s) of run ${this.run.id} were not delivered before exit; they are kept in ${this.run.path}. ` +
          `Send them with: npx polyaxon-tracking sync ${this.run.id}`,
      );
    }
  }
}
