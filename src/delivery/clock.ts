/**
 * Record stamps: epoch microseconds, strictly increasing within a run.
 *
 * The server orders an experiment's metrics by `created_at` alone and stores microseconds; a
 * fast loop stamped with millisecond precision gives hundreds of points the same stamp, and
 * the server's limit/offset pages then repeat and skip points (docs/wire.md, "Metric paging").
 * Stamps come from the monotonic clock (`performance.now()`, sub-microsecond resolution) anchored
 * to the wall clock, and never repeat: a call within the same microsecond as the previous one
 * gets the next microsecond. In a loop faster than one call per microsecond the stamps run ahead
 * of the wall clock by at most the calls made in excess; they fall back in step as soon as the
 * loop slows down.
 */
export class StampClock {
  private lastUs = 0;
  /** Wall-clock epoch ms at `performance.now() === 0`, re-anchored by `resync()`. */
  private originMs = performance.timeOrigin;

  /**
   * The next stamp, in epoch microseconds. Hot path: one clock read, one `Math.max`. No branch:
   * one that a warming-up loop never takes but a fast loop does (a second call within the same
   * microsecond) would throw away the optimized code of `logMetrics` the first time it runs
   * (V8 deoptimizes on code it has no type feedback for), in the middle of the loop.
   */
  next(): number {
    const floor = this.lastUs + 1;
    const us = Math.round((this.originMs + performance.now()) * 1000);
    const stamp = Math.max(us, floor);
    this.lastUs = stamp;
    return stamp;
  }

  /** The last stamp given (0 before the first). */
  get last(): number {
    return this.lastUs;
  }

  /**
   * Follows wall-clock adjustments (NTP) over long runs: the monotonic clock drifts from the
   * wall clock by a few ms an hour. Stamps stay strictly increasing whatever the adjustment.
   */
  resync(): void {
    const drift = Date.now() - (this.originMs + performance.now());
    if (Math.abs(drift) >= 1) this.originMs += drift;
  }
}

/** Epoch microseconds → the journal's `ts` (epoch milliseconds, microsecond fraction). */
export function msOfUs(us: number): number {
  return us / 1000;
}
