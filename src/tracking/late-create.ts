/**
 * Keeps trying to create the experiment after `create()` found the server unreachable, so a
 * run that started during a short outage is delivered live once the server answers, instead
 * of waiting for a manual `sync`. Attempts back off exponentially (2 s doubling to 30 s) on an
 * unref'd timer; an attempt answers "done" (linked), "again" (still unreachable) or "stop"
 * (give up: `sync` will deliver the run later).
 */
export type AttemptOutcome = "done" | "again" | "stop";

export class LateCreate {
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private running: Promise<AttemptOutcome> | undefined;
  private finished = false;
  private readonly attempt: () => Promise<AttemptOutcome>;
  private readonly maxDelayMs: number;

  constructor(attempt: () => Promise<AttemptOutcome>, initialDelayMs = 2_000, maxDelayMs = 30_000) {
    this.attempt = attempt;
    this.delayMs = initialDelayMs;
    this.maxDelayMs = maxDelayMs;
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
    this.timer = setTimeout(() => void this.run(), this.delayMs);
    this.timer.unref();
    this.delayMs = Math.min(this.delayMs * 2, this.maxDelayMs);
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
