import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PolyaxonError } from "../../src/errors.js";
import { parseBool, SettingsError } from "../../src/settings/index.js";
import { thrown } from "../support/thrown.js";
import {
  CONTEXT_AUTHTOKEN,
  createSandbox,
  HOME_CLI_AUTH,
  HOME_CLI_CONFIG,
  HOME_CLIENT,
  type SettingsSandbox,
  TMP_AUTHTOKEN,
  TMP_CLIENT,
} from "./fixtures.js";

let box: SettingsSandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => box.cleanup());

const settingsError = (fn: () => unknown) => thrown(fn, SettingsError, PolyaxonError);

describe("booleans", () => {
  const origin = { variable: "X" };
  it.each(["y", "yes", "t", "true", "on", "1", "TRUE", "Yes", " On "])("%j is true", (word) => {
    expect(parseBool(word, origin)).toBe(true);
  });
  it.each(["n", "no", "f", "false", "off", "0", "FALSE", "No", "OFF"])("%j is false", (word) => {
    expect(parseBool(word, origin)).toBe(false);
  });
  it("accepts JSON booleans and 0/1 from config files", () => {
    expect([parseBool(true, origin), parseBool(false, origin), parseBool(1, origin), parseBool(0, origin)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
  it.each(["ture", "2", "yess", "enabled"])("%j is rejected", (word) => {
    expect(() => parseBool(word, origin)).toThrow(SettingsError);
  });
  it("applies to every boolean setting", () => {
    const s = box.load({
      env: { POLYAXON_NO_OP: "Yes", POLYAXON_IS_OFFLINE: "on", POLYAXON_IS_MANAGED: "T", POLYAXON_IS_LOCAL: "1" },
    });
    expect([s.noOp, s.isOffline, s.isManaged, s.isLocal, s.inCluster]).toEqual([true, true, true, true, false]);
  });
});

describe("malformed values name the culprit", () => {
  it.each([
    ["POLYAXON_NO_OP", "ture"],
    ["POLYAXON_IS_OFFLINE", "maybe"],
    ["POLYAXON_VERIFY_SSL", "2"],
    ["POLYAXON_HTTP_PORT", "abc"],
    ["POLYAXON_HTTP_PORT", "0"],
    ["POLYAXON_HTTP_PORT", "65536"],
    ["POLYAXON_HTTP_PORT", "80.5"],
    ["POLYAXON_WS_PORT", "-1"],
    ["POLYAXON_HASH_LENGTH", "0"],
    ["POLYAXON_HASH_LENGTH", "33"],
    ["POLYAXON_BATCH_SIZE", "0"],
    ["POLYAXON_BATCH_SIZE", "ten"],
    ["POLYAXON_LOGS_LEVEL", "INFO"],
    ["POLYAXON_INTERVAL", "-1"],
    ["POLYAXON_REQUEST_TIMEOUT", "soon"],
    ["POLYAXON_FLUSH_TIMEOUT", "Infinity"],
    ["HEALTH_CHECK_INTERVAL", "1m"],
  ])("%s=%j → SettingsError", (variable, value) => {
    const error = settingsError(() => box.load({ env: { [variable]: value } }));
    expect(error.variable).toBe(variable);
    expect(error.path).toBeUndefined();
    expect(error.message).toContain(variable);
  });

  it("names the file a malformed layered value came from", () => {
    const path = box.write(HOME_CLIENT, { POLYAXON_HTTP_PORT: "http" });
    const error = settingsError(() => box.load());
    expect(error.variable).toBe("POLYAXON_HTTP_PORT");
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
  });

  it("names the file and key of a malformed .polyaxonconfig value", () => {
    const path = box.write(HOME_CLI_CONFIG, { host: "h", port: 99999 });
    const error = settingsError(() => box.load());
    expect(error.path).toBe(path);
    expect(error.message).toContain('key "port"');
    expect(error.message).toContain(path);
  });

  it("rejects a non-string value where a string is expected", () => {
    box.write(TMP_CLIENT, { POLYAXON_API_HOST: { nested: true } });
    expect(settingsError(() => box.load()).variable).toBe("POLYAXON_API_HOST");
  });

  it("rejects a host with a path, naming the variable", () => {
    const error = settingsError(() => box.load({ env: { POLYAXON_API_HOST: "https://plx.example/api/v1" } }));
    expect(error.variable).toBe("POLYAXON_API_HOST");
  });

  it("checks overridden ports too", () => {
    expect(() => box.load({ overrides: { httpPort: 70000 } })).toThrow(SettingsError);
    expect(() => box.load({ overrides: { wsPort: 0 } })).toThrow(SettingsError);
  });
});

describe("malformed config files name the file", () => {
  const files = [TMP_CLIENT, HOME_CLIENT, TMP_AUTHTOKEN, CONTEXT_AUTHTOKEN];
  for (const file of files) {
    it(`${file}: invalid JSON`, () => {
      const path = box.write(file, "{not json");
      const error = settingsError(() => box.load());
      expect(error.path).toBe(path);
      expect(error.message).toContain(path);
    });
    it(`${file}: JSON that is not an object`, () => {
      const path = box.write(file, ["POLYAXON_NO_OP"]);
      const error = settingsError(() => box.load());
      expect(error.path).toBe(path);
      expect(error.message).toMatch(/JSON object/);
    });
  }

  it("a malformed .polyaxonauth is reported when the token is needed", () => {
    const path = box.write(HOME_CLI_AUTH, "null");
    expect(settingsError(() => box.load()).path).toBe(path);
  });

  it("a directory where a file should be is an error, not silence", () => {
    const path = box.write(`${HOME_CLIENT}/inner`, "{}").replace(/\/inner$/, "");
    expect(settingsError(() => box.load()).path).toBe(path);
  });

  it("never echoes the file content (it may be a token)", () => {
    box.write(CONTEXT_AUTHTOKEN, '{"POLYAXON_SECRET_USER_TOKEN": "s3cr3t-token-value"');
    const error = settingsError(() => box.load());
    expect(error.message).not.toContain("s3cr3t");
  });
});
