/**
 * POLYAXON_API_HOST as people write it (`host:8000`, `https://host`), its precedence rules
 * against POLYAXON_HTTP_PORT / POLYAXON_USE_HTTPS, and errors that name what the user set.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SettingsError } from "../../src/settings/index.js";
import { clientFromSettings } from "../../src/tracking/connect.js";
import { thrown } from "../support/thrown.js";
import { createSandbox, HOME_CLI_CONFIG, HOME_CLIENT, type SettingsSandbox } from "./fixtures.js";

let box: SettingsSandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => box.cleanup());

const settingsError = (fn: () => unknown) => thrown(fn, SettingsError);

const baseUrl = (env: Record<string, string>) => box.load({ env }).apiBaseUrl;

describe("POLYAXON_API_HOST with a port or a scheme", () => {
  it.each([
    ["plx.example", "http://plx.example:80/api/v1"],
    ["plx.example:8000", "http://plx.example:8000/api/v1"],
    ["https://plx.example", "https://plx.example:443/api/v1"],
    ["http://plx.example:8000/", "http://plx.example:8000/api/v1"],
    ["https://plx.example:80", "https://plx.example:80/api/v1"],
    ["127.0.0.1:31811", "http://127.0.0.1:31811/api/v1"],
    ["[::1]:8000", "http://[::1]:8000/api/v1"],
    ["::1", "http://[::1]:80/api/v1"],
  ])("%s → %s", (host, expected) => {
    expect(baseUrl({ POLYAXON_API_HOST: host })).toBe(expected);
  });

  it("keeps the settings consistent with the address: host, port, https", () => {
    const s = box.load({ env: { POLYAXON_API_HOST: "https://plx.example:8443" } });
    expect([s.apiHost, s.httpPort, s.useHttps, s.wsPort]).toEqual(["plx.example", 8443, true, 8443]);
  });

  it("fills in what the host leaves out from POLYAXON_HTTP_PORT / POLYAXON_USE_HTTPS", () => {
    expect(baseUrl({ POLYAXON_API_HOST: "http://plx.example", POLYAXON_HTTP_PORT: "8000" })).toBe(
      "http://plx.example:8000/api/v1",
    );
    expect(baseUrl({ POLYAXON_API_HOST: "plx.example:8000", POLYAXON_USE_HTTPS: "true" })).toBe(
      "https://plx.example:8000/api/v1",
    );
  });

  it("accepts settings that agree with the host", () => {
    const env = { POLYAXON_API_HOST: "https://plx.example:8000", POLYAXON_HTTP_PORT: "8000", POLYAXON_USE_HTTPS: "1" };
    expect(baseUrl(env)).toBe("https://plx.example:8000/api/v1");
  });

  it("lets the host win over the CLI's fallback file, which only fills in what is missing", () => {
    box.write(HOME_CLI_CONFIG, { host: "cli.example", port: 80, use_https: false });
    expect(baseUrl({ POLYAXON_API_HOST: "https://plx.example" })).toBe("https://plx.example:443/api/v1");
    expect(baseUrl({ POLYAXON_API_HOST: "plx.example:8000" })).toBe("http://plx.example:8000/api/v1");
  });

  it("reads host:port from the CLI's fallback file too", () => {
    box.write(HOME_CLI_CONFIG, { host: "cli.example:31811" });
    expect(box.load().apiBaseUrl).toBe("http://cli.example:31811/api/v1");
  });
});

describe("contradictions and malformed hosts are SettingsErrors naming POLYAXON_API_HOST", () => {
  it("a port that contradicts POLYAXON_HTTP_PORT", () => {
    const error = settingsError(() =>
      box.load({ env: { POLYAXON_API_HOST: "plx.example:8000", POLYAXON_HTTP_PORT: "9000" } }),
    );
    expect(error.variable).toBe("POLYAXON_API_HOST");
    expect(error.message).toBe(
      "POLYAXON_API_HOST says port 8000 but POLYAXON_HTTP_PORT is 9000: set it in one place only.",
    );
  });

  it("a scheme that contradicts POLYAXON_USE_HTTPS (set in a client config file)", () => {
    const path = box.write(HOME_CLIENT, { POLYAXON_USE_HTTPS: false });
    const error = settingsError(() => box.load({ env: { POLYAXON_API_HOST: "https://plx.example" } }));
    expect(error.variable).toBe("POLYAXON_API_HOST");
    expect(error.message).toBe(
      `POLYAXON_API_HOST says scheme https but POLYAXON_USE_HTTPS (in ${path}) is false: set it in one place only.`,
    );
  });

  it.each([
    "plx.example:8000:80",
    "ftp://plx.example",
    "plx.example/polyaxon",
    "https://plx.example/api/v1",
    "plx.example:99999",
    "plx.example:0",
    "plx example",
    "http://plx.example?x=1",
  ])("%s", (host) => {
    const error = settingsError(() => box.load({ env: { POLYAXON_API_HOST: host } }));
    expect(error.variable).toBe("POLYAXON_API_HOST");
    expect(error.message).toBe(
      `POLYAXON_API_HOST must be a host name, host:port or http(s)://host[:port] (no path), got ${JSON.stringify(host)}.`,
    );
  });

  it("never echoes a host that carries credentials", () => {
    const error = settingsError(() => box.load({ env: { POLYAXON_API_HOST: "https://alice:s3cret@plx.example" } }));
    expect(error.message).not.toContain("s3cret");
    expect(error.variable).toBe("POLYAXON_API_HOST");
  });

  it("names the file and key when the host came from the CLI's fallback file", () => {
    const path = box.write(HOME_CLI_CONFIG, { host: "plx.example/x" });
    const error = settingsError(() => box.load());
    expect(error.path).toBe(path);
    expect(error.message).toContain(`(key "host" in ${path})`);
  });

  it("names the option for an override, or the CLI flag when the CLI says so", () => {
    const env = { POLYAXON_HTTP_PORT: "9000" };
    const option = settingsError(() => box.load({ env, overrides: { apiHost: "plx.example:8000" } }));
    expect(option.message).toBe(
      "settings.apiHost says port 8000 but POLYAXON_HTTP_PORT is 9000: set it in one place only.",
    );
    const flag = settingsError(() =>
      box.load({
        env,
        overrides: { apiHost: "plx.example:8000", httpPort: 7000 },
        overrideNames: { apiHost: "--host", httpPort: "--port" },
      }),
    );
    expect(flag.message).toBe("--host says port 8000 but --port is 7000: set it in one place only.");
  });

  it("a malformed POLYAXON_API_HTTP_HOST in a managed pod names that variable", () => {
    const error = settingsError(() =>
      box.load({ env: { POLYAXON_IS_MANAGED: "true", POLYAXON_API_HTTP_HOST: "polyaxon-api:80" } }),
    );
    expect(error.variable).toBe("POLYAXON_API_HTTP_HOST");
  });
});

describe("clientFromSettings", () => {
  it("builds the client for the address in the settings", () => {
    expect(clientFromSettings(box.load({ env: { POLYAXON_API_HOST: "plx.example:8000" } }))).toBeDefined();
    expect(clientFromSettings(box.load())).toBeUndefined();
  });

  it("names the variable, not the client option, when the client rejects a setting", () => {
    const token = settingsError(() =>
      clientFromSettings(box.load({ env: { POLYAXON_API_HOST: "h", POLYAXON_SECRET_USER_TOKEN: "abc\n" } })),
    );
    expect(token.variable).toBe("POLYAXON_SECRET_USER_TOKEN");
    expect(token.message).toBe(
      "POLYAXON_SECRET_USER_TOKEN contains whitespace or control characters (check for a trailing newline)",
    );
    const scheme = settingsError(() =>
      clientFromSettings(box.load({ env: { POLYAXON_API_HOST: "h", POLYAXON_AUTHENTICATION_TYPE: "To ken" } })),
    );
    expect(scheme.variable).toBe("POLYAXON_AUTHENTICATION_TYPE");
    expect(scheme.message).not.toContain("authScheme");
  });

  it("survives a structured clone of the settings (what a worker thread receives)", () => {
    const settings = box.load({ env: { POLYAXON_API_HOST: "plx.example:8000", POLYAXON_SECRET_USER_TOKEN: "t0k" } });
    expect(clientFromSettings(structuredClone(settings))).toBeDefined();
  });
});
