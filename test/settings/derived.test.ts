import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ResolvedSettings,
  type Settings,
  settingsTable,
  settingsTableMarkdown,
} from "../../src/settings/index.js";
import { createSandbox, HOME_CLI_CONFIG, type SettingsSandbox } from "./fixtures.js";

let box: SettingsSandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => box.cleanup());

describe("apiBaseUrl", () => {
  it("normal: http with port 80 by default", () => {
    expect(box.load({ env: { POLYAXON_API_HOST: "plx.example" } }).apiBaseUrl).toBe("http://plx.example:80/api/v1");
  });

  it("normal: https defaults the port to 443 (and ws port follows)", () => {
    const s = box.load({ env: { POLYAXON_API_HOST: "plx.example", POLYAXON_USE_HTTPS: "true" } });
    expect(s.apiBaseUrl).toBe("https://plx.example:443/api/v1");
    expect(s.wsPort).toBe(443);
  });

  it("normal: explicit port and version", () => {
    const env = { POLYAXON_API_HOST: "localhost", POLYAXON_HTTP_PORT: "8000", POLYAXON_API_VERSION: "v2" };
    expect(box.load({ env }).apiBaseUrl).toBe("http://localhost:8000/api/v2");
  });

  it("normal: from .polyaxonconfig", () => {
    box.write(HOME_CLI_CONFIG, { host: "cfg.example", port: 31811, use_https: false });
    expect(box.load().apiBaseUrl).toBe("http://cfg.example:31811/api/v1");
  });

  it("overrides feed the derivation (useHttps without a port → 443)", () => {
    const s = box.load({ env: { POLYAXON_API_HOST: "plx.example" }, overrides: { useHttps: true } });
    expect(s.apiBaseUrl).toBe("https://plx.example:443/api/v1");
  });

  it("managed: POLYAXON_API_HTTP_HOST (trailing slash trimmed), host/port ignored", () => {
    const env = {
      POLYAXON_IS_MANAGED: "true",
      POLYAXON_API_HTTP_HOST: "http://polyaxon-api.ns:80/",
      POLYAXON_API_HOST: "ignored.example",
    };
    expect(box.load({ env }).apiBaseUrl).toBe("http://polyaxon-api.ns:80/api/v1");
  });

  it("managed + isLocal: host/port as in normal mode", () => {
    const env = {
      POLYAXON_IS_MANAGED: "true",
      POLYAXON_IS_LOCAL: "true",
      POLYAXON_API_HTTP_HOST: "http://polyaxon-api.ns",
      POLYAXON_API_HOST: "localhost",
      POLYAXON_HTTP_PORT: "8000",
    };
    expect(box.load({ env }).apiBaseUrl).toBe("http://localhost:8000/api/v1");
  });

  it("none configured → undefined (normal and managed)", () => {
    expect(box.load().apiBaseUrl).toBeUndefined();
    expect(box.load({ env: { POLYAXON_IS_MANAGED: "1", POLYAXON_API_HOST: "h" } }).apiBaseUrl).toBeUndefined();
    expect(box.load({ env: { POLYAXON_API_HTTP_HOST: "http://x" } }).apiBaseUrl).toBeUndefined();
  });
});

describe("mode", () => {
  it.each([
    [{}, "normal"],
    [{ POLYAXON_IS_MANAGED: "1" }, "managed"],
    [{ POLYAXON_IS_MANAGED: "1", POLYAXON_IS_OFFLINE: "1" }, "offline"],
    [{ POLYAXON_IS_MANAGED: "1", POLYAXON_IS_OFFLINE: "1", POLYAXON_NO_OP: "1" }, "noop"],
    [{ POLYAXON_NO_OP: "1" }, "noop"],
    [{ POLYAXON_IN_CLUSTER: "1" }, "normal"],
  ] as const)("%j → %s", (env, mode) => {
    expect(box.load({ env }).mode).toBe(mode);
  });

  it("follows overrides", () => {
    expect(box.load({ env: { POLYAXON_NO_OP: "1" }, overrides: { noOp: false } }).mode).toBe("normal");
  });
});

describe("settingsTable", () => {
  it("maps every setting field exactly once and only to real fields", () => {
    const settings: Settings = box.load();
    const keys = settingsTable.flatMap((row) => (row.key ? [row.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    const fields = Object.keys(settings).filter((k) => !["apiBaseUrl", "mode", "paths"].includes(k));
    expect([...keys].sort()).toEqual([...fields].sort());
  });

  it("each layered variable really feeds its field", () => {
    // Values every parser of that type accepts; the expected field value per type.
    const raw = { bool: "1", int: "7", port: "7", seconds: "7", string: "7", JSON: "{}" } as const;
    const expected = { bool: true, int: 7, port: 7, seconds: 7000, string: "7", JSON: undefined } as const;
    const rows = settingsTable.filter((r) => r.key !== undefined);
    const s = box.load({ env: Object.fromEntries(rows.map((r) => [r.variable, raw[r.type]])) });
    for (const row of rows) {
      const value = s[row.key as keyof ResolvedSettings];
      if (row.key === "trackingDir") expect.soft(value, row.variable).toBe(join(box.root, "7"));
      else expect.soft(value, row.variable).toBe(expected[row.type]);
    }
  });

  it("renders a Markdown table with one row per variable", () => {
    const md = settingsTableMarkdown();
    expect(md.split("\n")).toHaveLength(settingsTable.length + 2);
    expect(md).toContain("`POLYAXON_BATCH_SIZE` (SDK)");
    expect(md).toContain("`HEALTH_CHECK_INTERVAL`");
  });
});
