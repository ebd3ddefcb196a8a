import type { Settings } from "../settings/types.js";
import type { LinkConfig } from "./core.js";
import type { FrameSink } from "./recorder.js";
import type { Transport } from "./transport.js";

/**
 * Where a run's records go after the training thread: the journal writer and delivery, on the
 * delivery thread (`ThreadHost`) or on the training thread itself (`InlineHost`, used when the
 * user passes their own client, which cannot cross threads).
 */
export interface DeliveryHost extends FrameSink {
  /** Starts delivering to a server; the transport is built from `settings` where the engine runs. */
  link(link: LinkConfig, source: TransportSource): void;
  /** Durable journal, then (when linked) everything delivered; false if not within `timeoutMs`. */
  flush(timeoutMs: number): Promise<boolean>;
  stopHeartbeat(): void;
  /**
   * Synchronous (it also runs at `process.on("exit")`): writes what was handed over, closes the
   * journal and stops delivery. Returns whether everything was delivered.
   */
  close(): boolean;
}

/** A transport, or the settings to build one from (the only form that crosses to the delivery thread). */
export type TransportSource = { settings: Settings } | { transport: Transport };
