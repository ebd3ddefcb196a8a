/**
 * Timestamps as the server keeps them: microseconds, rendered like Django REST framework
 * (`2026-11-30T12:42:45.271000Z`, and no fraction at all when it is zero: `…T10:00:00Z`).
 */

/** Microseconds since the epoch. */
export type Micros = number;

export function formatMicros(us: Micros): string {
  const ms = Math.floor(us / 1000);
  const fraction = us - ms * 1000 + (ms % 1000) * 1000;
  const base = new Date(ms).toISOString().slice(0, 19);
  return fraction === 0 ? `${base}Z` : `${base}.${String(fraction).padStart(6, "0")}Z`;
}

/** An ISO-8601 date-time (fraction up to microseconds kept), as microseconds; undefined when unreadable. */
export function parseMicros(text: string): Micros | undefined {
  const match = /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/i.exec(text.trim());
  if (!match) return undefined;
  const [, head = "", fraction = "", zone = "Z"] = match;
  const ms = Date.parse(`${head.replace(" ", "T")}${zone.toUpperCase() === "Z" ? "Z" : zone}`);
  if (Number.isNaN(ms)) return undefined;
  return ms * 1000 + Number(fraction.slice(0, 6).padEnd(6, "0"));
}

/** Strictly increasing "now" in microseconds from a millisecond clock. */
export class MicroClock {
  #last = 0;
  constructor(private readonly nowMs: () => number) {}

  now(): Micros {
    const us = Math.max(this.nowMs() * 1000, this.#last + 1);
    this.#last = us;
    return us;
  }

  ms(): number {
    return this.nowMs();
  }
}
