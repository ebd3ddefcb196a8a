import type { Frame } from "../records/frame.js";
import type { Settings } from "../settings/types.js";
import type { CoreConfig, LinkConfig } from "./core.js";
import type { ErrorCopy } from "./thread-errors.js";

/** What the delivery thread starts with. */
export interface ThreadData {
  config: CoreConfig;
  /** `Int32Array` over it: [spooled frame, closed state] (see `CONTROL`). */
  control: SharedArrayBuffer;
}

/** Slots of the control array shared with the delivery thread. */
export const CONTROL = {
  /** Number of the last frame in the spool: its buffers may be reused. */
  spooledFrame: 0,
  /** 0 while open; `CLOSED_UNDELIVERED` or `CLOSED_DELIVERED` once the journal is closed. */
  closed: 1,
} as const;
export const CLOSED_UNDELIVERED = 1;
export const CLOSED_DELIVERED = 2;

export type ToThread =
  | { type: "frame"; frame: Frame }
  | { type: "link"; link: LinkConfig; settings: Settings }
  | { type: "flush"; id: number; timeoutMs: number }
  | { type: "stopHeartbeat" }
  | { type: "close" };

export type FromThread =
  | { type: "notice"; message: string }
  | { type: "error"; error: ErrorCopy }
  | { type: "flushed"; id: number; delivered: boolean };
