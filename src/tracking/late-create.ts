import { backoffDelayMs } from "../api/retry.js";

/**
 * Keeps trying to create the experiment after `create()` found the server unreachable, so a
 * run that started during a short outage is delivered live once the server answers, instead
 * of waiting for a manual `sync`. Attempts back off with the SDK's one backoff
 * (`backoffDelayMs`: 2 s doubling to 30 s, full jitter, so that the runs of a cluster that all
 * lost the server do not come back in step) on an unref'd timer; an attempt answers "done"
 * (linked), "again" (still unreachable) or "stop" (give up: `sync` will deliver the run later).
 */
export type AttemptOutcome = "done" | "again" | "stop";

export class LateCreate {
  private timer: NodeJS.Timeout | undefined;
  /** Attempts scheduled so far: the backoff step. */
  private attempts = 0;
  private running: Promise<AttemptOutcome> | undefined;
  private finished = false;
  private readonly attempt: () => Promise<AttemptOutcome>;
  private readonly delays: { baseDelayMs: number; maxDelayMs: number };

  constructor(attempt: () => Promise<AttemptOutcome>, initialDelayMs = 2_000, maxDelayMs = 30_000) {
    this.attempt = attempt;
    this.delays = { baseDelayMs: initialDelayMs, maxDelayMs };
  }

  get pending(): boolean {
    return !this.finished;
  }

  start(): void {
    this.schedule();
  }

  /** One attempt now (the exit flush), bounded by `timeoutMs`. */
  async tryNow(timeoutMs: number): Promise<void> {
    if (this.finished) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let timeout: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([this.run(), deadline]);
    clearTimeout(timeout);
  }

  stop(): void {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.finished) return;
    this.timer = setTimeout(() => void this.run(), backoffDelayMs(++this.attempts, this.delays));
    this.timer.unref();
  }

  private run(): Promise<AttemptOutcome> {
    this.running ??= this.attempt()
      .catch((): AttemptOutcome => "stop")
      .then((outcome) => {
        this.running = undefined;
        if (outcome === "again") this.schedule();
        else this.stop();
        return outcome;
      });
    return this.running;
  }
}
