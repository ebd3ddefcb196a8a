/**
 * Callers waiting for a condition, with a deadline each: `wait` resolves with the condition once
 * `wakeAll` is called, or false at the deadline. The journal writer's flush (everything
 * journaled) and the engine's (everything delivered) wait this way.
 */
export class Waiters {
  private list: Array<() => void> = [];

  /** Someone is waiting. */
  get any(): boolean {
    return this.list.length > 0;
  }

  /** Resolves `check()` at the next `wakeAll`, or false after `timeoutMs`. */
  wait(timeoutMs: number, check: () => boolean): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(check());
      };
      const timer = setTimeout(() => {
        this.list = this.list.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      this.list.push(done);
    });
  }

  wakeAll(): void {
    for (const waiter of this.list.splice(0)) waiter();
  }
}
