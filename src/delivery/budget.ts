/**
 * The request budget: a token bucket shared by every request delivery sends (metrics, logs,
 * updates, statuses, heartbeats). The v0.6.1 server throttles each user at 120 requests a minute
 * per API process, a budget shared with the web UI the user is looking at (docs/wire.md,
 * "Throttling"); by default the SDK spends at most 90 a minute in a steady loop.
 *
 * Tokens refill continuously at `perSecond` up to `burst`. A round of requests waits until the
 * bucket holds as many tokens as the round needs (so intervals stretch instead of requests piling
 * up). A backlog that fills whole requests is sent at once and may take the bucket into debt, at
 * most `burst` deep: spending above the budget only to carry a volume no budget could.
 */
export class RequestBudget {
  private tokens: number;
  private at: number;
  readonly perSecond: number;
  readonly burst: number;
  private readonly now: () => number;

  constructor(perSecond: number, burst: number, now: () => number = Date.now) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
    this.tokens = burst;
    this.at = now();
  }

  /** Milliseconds until `count` tokens (at most `burst`) are available; 0 when they are. */
  waitFor(count: number): number {
    this.refill();
    const need = Math.min(count, this.burst) - this.tokens;
    return need <= 0 ? 0 : Math.ceil((need / this.perSecond) * 1000);
  }

  /** Spends one token per request sent (never below `-burst`). */
  spend(count = 1): void {
    this.refill();
    this.tokens = Math.max(-this.burst, this.tokens - count);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }
}
