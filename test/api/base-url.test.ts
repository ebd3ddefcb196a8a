import { describe, expect, it, vi } from "vitest";
import { createClientFor } from "../../src/api/base-client.js";
import { resolveBaseUrl } from "../../src/api/base-url.js";
import { ClientConfigError } from "../../src/api/errors.js";
import type { ClientOptions } from "../../src/api/options.js";
import { thrown as catchError } from "../support/thrown.js";
import type { paths } from "./local-paths.js";

describe("resolveBaseUrl", () => {
  it.each([
    [{ host: "polyaxon.example.com" }, "http://polyaxon.example.com:80/api/v1"],
    [{ host: "polyaxon.example.com", useHttps: true }, "https://polyaxon.example.com:443/api/v1"],
    [{ host: "polyaxon.example.com", port: 8000 }, "http://polyaxon.example.com:8000/api/v1"],
    [{ host: "localhost:8000" }, "http://localhost:8000/api/v1"],
    [{ host: "localhost:8000", port: 8000 }, "http://localhost:8000/api/v1"],
    [{ host: "127.0.0.1", port: 31811, apiVersion: "v2" }, "http://127.0.0.1:31811/api/v2"],
    [{ host: "https://polyaxon.example.com" }, "https://polyaxon.example.com:443/api/v1"],
    [{ host: "http://polyaxon.example.com:80" }, "http://polyaxon.example.com:80/api/v1"],
    [{ host: "https://polyaxon.example.com:8443/" }, "https://polyaxon.example.com:8443/api/v1"],
    [{ host: "https://example.com/polyaxon" }, "https://example.com:443/polyaxon/api/v1"],
    [{ host: "  polyaxon.local  " }, "http://polyaxon.local:80/api/v1"],
    [{ host: "::1", port: 8000 }, "http://[::1]:8000/api/v1"],
    [{ host: "[::1]:8000" }, "http://[::1]:8000/api/v1"],
    [{ baseUrl: "http://127.0.0.1:8000/api/v1" }, "http://127.0.0.1:8000/api/v1"],
    [{ baseUrl: "https://plx.example.com/api/v1/" }, "https://plx.example.com/api/v1"],
  ] satisfies [ClientOptions, string][])("%j → %s", (options, expected) => {
    expect(resolveBaseUrl(options)).toBe(expected);
  });

  it.each([
    [{}, "host", /no Polyaxon host configured/],
    [{ host: "" }, "host", /no Polyaxon host configured/],
    [{ host: "   " }, "host", /no Polyaxon host configured/],
    [{ host: "bad host" }, "host", /not a valid address/],
    [{ host: "host:notaport" }, "host", /not a valid address/],
    [{ host: "host:0" }, "host", /1\.\.65535/],
    [{ host: "host/path" }, "host", /host name, host:port or URL/],
    [{ host: "ftp://host" }, "host", /http or https/],
    [{ host: "https://x.example.com/api/v1" }, "host", /pass it as `baseUrl`/],
    [{ host: "http://user:pw@host" }, "host", /credentials/],
    [{ host: "h", port: 0 }, "port", /1\.\.65535/],
    [{ host: "h", port: 70000 }, "port", /1\.\.65535/],
    [{ host: "h", port: 80.5 }, "port", /1\.\.65535/],
    [{ host: "h:8000", port: 9000 }, "port", /says port 8000/],
    [{ host: "https://h", useHttps: false }, "useHttps", /contradicts/],
    [{ host: "h", apiVersion: "v1/extra" }, "apiVersion", /path segment/],
    [{ baseUrl: "not a url" }, "baseUrl", /not a valid address/],
    [{ baseUrl: "http://h/api/v1?x=1" }, "baseUrl", /query/],
    [{ baseUrl: "http://h/api/v1", host: "h" }, "baseUrl", /not both/],
  ] satisfies [ClientOptions, string, RegExp][])("rejects %j (option %s)", (options, option, message) => {
    const thrown = catchError(() => resolveBaseUrl(options));
    expect(thrown).toBeInstanceOf(ClientConfigError);
    expect(thrown).toMatchObject({ option });
    expect((thrown as Error).message).toMatch(message);
  });
});

describe("createClient option validation", () => {
  const TOKEN = "f".repeat(64);
  it.each([
    [{}, "host"],
    [{ host: "h", token: "" }, "token"],
    [{ host: "h", token: `${TOKEN}\n` }, "token"],
    [{ host: "h", token: TOKEN, authScheme: "Bearer token" }, "authScheme"],
    [{ host: "h", internalService: { service: "" } }, "internalService.service"],
    [{ host: "h", internalService: { header: "X BAD", service: "runner" } }, "internalService.header"],
    [{ host: "h", timeoutMs: 0 }, "timeoutMs"],
    [{ host: "h", timeoutMs: Number.NaN }, "timeoutMs"],
    [{ host: "h", timeoutMs: 2 ** 31 }, "timeoutMs"],
    [{ host: "h", retry: { maxRetries: -1 } }, "retry.maxRetries"],
    [{ host: "h", retry: { baseDelayMs: 1.5 } }, "retry.baseDelayMs"],
    [{ host: "h", userAgent: "a\r\nX-Evil: 1" }, "userAgent"],
  ] satisfies [ClientOptions, string][])("rejects %j before any request (option %s)", (options, option) => {
    const fetch = vi.fn<(r: Request) => Promise<Response>>();
    const thrown = catchError(() => createClientFor<paths>({ ...options, fetch }));
    expect(thrown).toBeInstanceOf(ClientConfigError);
    expect(thrown).toMatchObject({ option });
    expect(fetch).not.toHaveBeenCalled();
    expect(String(thrown)).not.toContain(TOKEN);
  });
});
