/**
 * Each default and each URL shape is written once (src/api/options.ts `CLIENT_DEFAULTS`,
 * src/settings/defaults.ts, `apiBaseUrlOf`): a client built from options and one built from
 * settings must behave alike.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resolveBaseUrl } from "../../src/api/base-url.js";
import { createClient } from "../../src/api/client.js";
import { APITimeoutError } from "../../src/api/errors.js";
import { CLIENT_DEFAULTS } from "../../src/api/options.js";
import { SETTING_DEFAULTS } from "../../src/settings/defaults.js";
import { clientFromSettings } from "../../src/tracking/connect.js";
import { createSandbox, type SettingsSandbox } from "./fixtures.js";

let box: SettingsSandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => {
  box.cleanup();
  vi.useRealTimers();
});

const never = () => new Promise<Response>(() => undefined);

/** Waits until the hung request gives up; returns the timeout the client applied. */
async function appliedTimeout(call: () => Promise<unknown>): Promise<number> {
  const outcome = call().then(
    () => undefined,
    (error: unknown) => error,
  );
  await vi.advanceTimersByTimeAsync(60 * 60_000);
  const error = await outcome;
  expect(error).toBeInstanceOf(APITimeoutError);
  return (error as APITimeoutError).timeoutMs;
}

describe("the request timeout", () => {
  it("is POLYAXON_REQUEST_TIMEOUT's reference default, 25 s, in settings and in the client", () => {
    expect(SETTING_DEFAULTS.requestTimeoutMs).toBe(25_000);
    expect(CLIENT_DEFAULTS.timeoutMs).toBe(25_000);
    expect(box.load().requestTimeoutMs).toBe(25_000);
  });

  it("is the same for a client built from options and one built from settings", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const fromOptions = createClient({ host: "plx.example", fetch: never, retry: false });
    const settings = box.load({ env: { POLYAXON_API_HOST: "plx.example" } });
    const fromSettings = clientFromSettings(settings, { fetch: never, retry: false });
    if (!fromSettings) throw new Error("no client from settings");
    const fromOptionsMs = await appliedTimeout(() => fromOptions.GET("/users/"));
    const fromSettingsMs = await appliedTimeout(() => fromSettings.GET("/users/"));
    expect(fromOptionsMs).toBe(25_000);
    expect(fromSettingsMs).toBe(fromOptionsMs);
  });
});

describe("the API base URL", () => {
  /** POLYAXON_* variables, and the same address as client options. */
  const cases: Array<[Record<string, string>, Parameters<typeof resolveBaseUrl>[0]]> = [
    [{ POLYAXON_API_HOST: "plx.example" }, { host: "plx.example" }],
    [{ POLYAXON_API_HOST: "plx.example:8000" }, { host: "plx.example:8000" }],
    [
      { POLYAXON_API_HOST: "plx.example", POLYAXON_HTTP_PORT: "31811" },
      { host: "plx.example", port: 31811 },
    ],
    [
      { POLYAXON_API_HOST: "plx.example", POLYAXON_USE_HTTPS: "true" },
      { host: "plx.example", useHttps: true },
    ],
    [{ POLYAXON_API_HOST: "https://plx.example" }, { host: "https://plx.example" }],
    [{ POLYAXON_API_HOST: "http://10.0.0.5:31811/" }, { host: "http://10.0.0.5:31811/" }],
    [{ POLYAXON_API_HOST: "[::1]:8000" }, { host: "[::1]:8000" }],
    [
      { POLYAXON_API_HOST: "::1", POLYAXON_HTTP_PORT: "8000" },
      { host: "::1", port: 8000 },
    ],
    [
      { POLYAXON_API_HOST: "plx.example", POLYAXON_API_VERSION: "v2" },
      { host: "plx.example", apiVersion: "v2" },
    ],
  ];

  it.each(cases)("settings %j build what the client builds from %j", (env, options) => {
    expect(box.load({ env }).apiBaseUrl).toBe(resolveBaseUrl(options));
  });
});
