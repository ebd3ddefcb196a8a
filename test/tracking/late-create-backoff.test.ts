import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AttemptOutcome, LateCreate } from "../../src/tracking/late-create.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Starts a LateCreate whose attempts answer "again" until `stopAfter`; returns when each ran. */
function attemptTimes(stopAfter: number): number[] {
  const at: number[] = [];
  const start = Date.now();
  const late = new LateCreate(async (): Promise<AttemptOutcome> => {
    at.push(Date.now() - start);
    return at.length >= stopAfter ? "stop" : "again";
  });
  late.start();
  return at;
}

describe("LateCreate backoff", () => {
  it("waits the SDK's backoff: 2 s doubling to 30 s, with full jitter", async () => {
    // Full jitter draws in [0, ceiling): with random() = 0.5, half of 2, 4, 8, 16, 30, 30 s.
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const at = attemptTimes(6);
    await vi.advanceTimersByTimeAsync(120_000);
    const gaps = at.map((time, i) => time - (at[i - 1] ?? 0));
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it("draws each wait at random, so runs that lost the same server do not retry in step", async () => {
    const draws = [0.1, 0.9, 0.3];
    vi.spyOn(Math, "random").mockImplementation(() => draws.shift() ?? 0.5);
    const at = attemptTimes(3);
    await vi.advanceTimersByTimeAsync(60_000);
    const gaps = at.map((time, i) => time - (at[i - 1] ?? 0));
    expect(gaps).toEqual([200, 3_600, 2_400]);
  });
});
