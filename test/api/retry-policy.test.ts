import { describe, expect, it } from "vitest";
import {
  isRetryableFailure,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryPolicy,
  retryDelayMs,
  statusMayHaveBeenApplied,
} from "../../src/api/retry.js";

const policy = resolveRetryPolicy(undefined);

describe("retry policy", () => {
  it("has the documented defaults, and retry: false means no retries", () => {
    expect(policy).toEqual({
      maxRetries: 3,
      baseDelayMs: 500,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
      retryRateLimited: true,
    });
    expect(resolveRetryPolicy(false).maxRetries).toBe(0);
    expect(resolveRetryPolicy({ retryRateLimited: false }).retryRateLimited).toBe(false);
  });

  it.each([
    ["GET", [408, 429, 500, 502, 503, 504, 599], [400, 401, 403, 404, 405, 409, 415]],
    ["PUT", [408, 429, 500, 503], [400, 404]],
    ["DELETE", [408, 429, 500, 503], [400, 404]],
    ["HEAD", [429, 500], [404]],
    ["OPTIONS", [429, 500], [404]],
    ["POST", [429, 502, 503, 504], [400, 404, 408, 409, 500, 501, 505]],
    ["PATCH", [429, 502, 503, 504], [400, 408, 500]],
  ])("%s retries %j and not %j", (method, retried, kept) => {
    for (const status of retried) expect(isRetryableStatus(method, status), `${method} ${status}`).toBe(true);
    for (const status of kept) expect(isRetryableStatus(method, status), `${method} ${status}`).toBe(false);
  });

  it("retries failures with no answer by method and by whether anything was sent", () => {
    expect(isRetryableFailure("GET", { requestSent: true, permanent: false })).toBe(true);
    expect(isRetryableFailure("POST", { requestSent: true, permanent: false })).toBe(false);
    expect(isRetryableFailure("POST", { requestSent: false, permanent: false })).toBe(true);
    expect(isRetryableFailure("PATCH", { requestSent: false, permanent: false })).toBe(true);
    expect(isRetryableFailure("GET", { requestSent: false, permanent: true })).toBe(false);
  });

  it("says which statuses may have been applied", () => {
    expect([400, 404, 429, 502, 503, 504].map(statusMayHaveBeenApplied)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([500, 501, 505].map(statusMayHaveBeenApplied)).toEqual([true, true, true]);
  });

  it("backs off exponentially with full jitter, capped", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(policy, n, undefined, top))).toEqual([
      499, 999, 1999, 3999, 7999, 7999,
    ]);
    expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(0);
    expect(retryDelayMs(policy, 2, undefined, () => 0.5)).toBe(500);
  });

  it("prefers Retry-After, capped at maxRetryAfterMs", () => {
    expect(retryDelayMs(policy, 1, 2000)).toBe(2000);
    expect(retryDelayMs(policy, 1, 3_600_000)).toBe(60_000);
  });

  it.each([
    ["2", 2000],
    ["0", 0],
    ["1.5", 1500],
    [" 7 ", 7000],
    ["Wed, 01 Jan 2026 00:00:05 GMT", 5000],
    ["Wed, 01 Jan 2025 00:00:05 GMT", 0],
    ["soon", undefined],
    ["-1", undefined],
    ["", undefined],
    [null, undefined],
  ])("parses Retry-After %j as %s ms", (value, expected) => {
    expect(parseRetryAfter(value, Date.parse("2026-01-01T00:00:00Z"))).toBe(expected);
  });
});
