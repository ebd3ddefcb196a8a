import type { DeliveryTarget, Transport } from "./transport.js";

/**
 * `POST …/_heartbeat/` every `intervalMs` (HEALTH_CHECK_INTERVAL, default 60 s) so the server's
 * zombie check does not mark a long run failed. The first beat goes out after one interval,
 * as in the reference. Failures are reported to `onError` and otherwise ignored. The timer is
 * unref'd: it never keeps the process alive.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private readonly transport: Transport;
  private readonly target: DeliveryTarget;
  private readonly onError: (error: unknown) => void;

  constructor(transport: Transport, target: DeliveryTarget, onError: (error: unknown) => void) {
    this.transport = transport;
    this.target = target;
    this.onError = onError;
  }

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.transport.heartbeat(this.target).catch(this.onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
