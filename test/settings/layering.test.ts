import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSettings } from "../../src/settings/index.js";
import {
  CONTEXT_AUTHTOKEN,
  createSandbox,
  HOME_CLI_AUTH,
  HOME_CLI_CONFIG,
  HOME_CLIENT,
  type SettingsSandbox,
  TMP_AUTHTOKEN,
  TMP_CLI_AUTH,
  TMP_CLI_CONFIG,
  TMP_CLIENT,
} from "./fixtures.js";

let box: SettingsSandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => box.cleanup());

const TOKEN = "POLYAXON_SECRET_USER_TOKEN";

describe("defaults", () => {
  it("uses the documented defaults when nothing is configured", () => {
    const s = box.load();
    expect(s).toMatchObject({
      noOp: false,
      isOffline: false,
      isManaged: false,
      inCluster: false,
      isLocal: false,
      apiHost: undefined,
      httpPort: 80,
      wsPort: 80,
      useHttps: false,
      verifySsl: true,
      apiVersion: "v1",
      userToken: undefined,
      authenticationType: "Token",
      hashLength: 12,
      timeoutMs: 20_000,
      minTimeoutMs: 1_000,
      requestTimeoutMs: 25_000,
      longRequestTimeoutMs: 3_600_000,
      intervalMs: 1_000,
      batchSize: 5000,
      requestsPerMinute: 90,
      deliveryThread: true,
      healthCheckIntervalMs: 60_000,
      logsLevel: undefined,
      flushTimeoutMs: 10_000,
      receptionUnknownBehaviour: "exclude",
      validationUnknownBehaviour: "raise",
      warnUploadSize: 10 * 1024 * 1024,
      maxUploadSize: 150 * 1024 * 1024,
      trackingDir: join(box.root, ".polyaxon/runs"),
      apiBaseUrl: undefined,
      mode: "normal",
    });
  });

  it("returns a frozen object", () => {
    expect(Object.isFrozen(box.load())).toBe(true);
  });

  it("reads process.env when no env is injected", () => {
    const previous = process.env.POLYAXON_API_VERSION;
    process.env.POLYAXON_API_VERSION = "v9";
    try {
      const s = loadSettings({ homeDir: box.home, tmpDir: box.tmp, contextDir: box.context });
      expect(s.apiVersion).toBe("v9");
    } finally {
      if (previous === undefined) delete process.env.POLYAXON_API_VERSION;
      else process.env.POLYAXON_API_VERSION = previous;
    }
  });
});

describe("layer precedence (docs/reference-client.md#modes-and-configuration)", () => {
  // Layers in increasing priority; each test writes the token to all layers from the
  // lowest up to `top` and expects the value of `top`.
  const layers = [
    { name: "tmp .polyaxonclient", write: (b: SettingsSandbox) => b.write(TMP_CLIENT, { [TOKEN]: "tmp-client" }) },
    { name: "home .polyaxonclient", write: (b: SettingsSandbox) => b.write(HOME_CLIENT, { [TOKEN]: "home-client" }) },
    { name: "environment", write: () => undefined },
    { name: "tmp .authtoken", write: (b: SettingsSandbox) => b.write(TMP_AUTHTOKEN, { [TOKEN]: "tmp-authtoken" }) },
    {
      name: "context .authtoken",
      write: (b: SettingsSandbox) => b.write(CONTEXT_AUTHTOKEN, { [TOKEN]: "ctx-authtoken" }),
    },
  ];
  const expected = ["tmp-client", "home-client", "env", "tmp-authtoken", "ctx-authtoken"];

  for (let top = 0; top < layers.length; top++) {
    it(`${layers[top]?.name} beats every lower layer`, () => {
      for (const layer of layers.slice(0, top + 1)) layer.write(box);
      const env = top >= 2 ? { [TOKEN]: "env" } : {};
      expect(box.load({ env }).userToken).toBe(expected[top]);
    });
  }

  it("explicit overrides beat every layer", () => {
    for (const layer of layers) layer.write(box);
    const s = box.load({ env: { [TOKEN]: "env" }, overrides: { userToken: "override" } });
    expect(s.userToken).toBe("override");
  });

  it("an undefined override does not erase a configured value", () => {
    const s = box.load({ env: { [TOKEN]: "env" }, overrides: { userToken: undefined } });
    expect(s.userToken).toBe("env");
  });

  it("layers merge key by key (a higher layer does not hide other keys of a lower one)", () => {
    box.write(TMP_CLIENT, { POLYAXON_API_HOST: "tmp.example", POLYAXON_HTTP_PORT: 8000 });
    box.write(HOME_CLIENT, { POLYAXON_API_HOST: "home.example" });
    const s = box.load({ env: { POLYAXON_USE_HTTPS: "true" } });
    expect([s.apiHost, s.httpPort, s.useHttps]).toEqual(["home.example", 8000, true]);
  });

  it("treats empty environment values as unset", () => {
    box.write(HOME_CLIENT, { POLYAXON_API_HOST: "home.example" });
    expect(box.load({ env: { POLYAXON_API_HOST: "", POLYAXON_NO_OP: " " } }).apiHost).toBe("home.example");
  });

  it("uses the tmp dir as home when HOME is not writable", () => {
    box.write(TMP_CLI_AUTH, { token: "from-tmp-as-home" });
    const s = loadSettings({
      env: {},
      homeDir: join(box.root, "does-not-exist"),
      tmpDir: box.tmp,
      contextDir: box.context,
    });
    expect(s.paths.homeConfigDir).toBe(join(box.tmp, ".polyaxon"));
    expect(s.userToken).toBe("from-tmp-as-home");
  });

  it("reports the config paths it consulted", () => {
    const s = box.load();
    expect(s.paths.tmpAuthToken).toBe(join(box.tmp, ".polyaxon/.authtoken"));
    expect(s.paths.contextAuthToken).toBe(join(box.context, ".authtoken"));
    expect(s.paths.homeClientConfig).toBe(join(box.home, ".polyaxon/.polyaxonclient"));
  });
});

describe(".polyaxonconfig / .polyaxonauth fallbacks", () => {
  it("reads host, port, ws_port, use_https and verify_ssl from .polyaxonconfig", () => {
    box.write(HOME_CLI_CONFIG, { host: "cfg.example", port: 8443, ws_port: 1337, use_https: true, verify_ssl: false });
    const s = box.load();
    expect([s.apiHost, s.httpPort, s.wsPort, s.useHttps, s.verifySsl]).toEqual([
      "cfg.example",
      8443,
      1337,
      true,
      false,
    ]);
  });

  it("home .polyaxonconfig overrides tmp .polyaxonconfig key by key", () => {
    box.write(TMP_CLI_CONFIG, { host: "tmp.example", port: 8000 });
    box.write(HOME_CLI_CONFIG, { host: "home.example" });
    const s = box.load();
    expect([s.apiHost, s.httpPort]).toEqual(["home.example", 8000]);
  });

  it("is only a fallback: the merged layers win", () => {
    box.write(HOME_CLI_CONFIG, { host: "cfg.example", port: 8000 });
    box.write(TMP_CLIENT, { POLYAXON_API_HOST: "client.example" });
    const s = box.load({ env: { POLYAXON_HTTP_PORT: "9000" } });
    expect([s.apiHost, s.httpPort]).toEqual(["client.example", 9000]);
  });

  it("is not even read when every key it could supply is already set", () => {
    box.write(HOME_CLI_CONFIG, "this is not json");
    const env = {
      POLYAXON_API_HOST: "h",
      POLYAXON_HTTP_PORT: "1",
      POLYAXON_WS_PORT: "2",
      POLYAXON_USE_HTTPS: "0",
      POLYAXON_VERIFY_SSL: "1",
    };
    expect(box.load({ env }).apiHost).toBe("h");
  });

  it("ignores keys of .polyaxonconfig it does not know", () => {
    box.write(HOME_CLI_CONFIG, { POLYAXON_NO_OP: true, host: "cfg.example" });
    expect(box.load().noOp).toBe(false);
  });

  it("takes the user token from .polyaxonauth, home over tmp, ignoring username", () => {
    box.write(TMP_CLI_AUTH, { token: "tmp-auth", username: "alice" });
    expect(box.load().userToken).toBe("tmp-auth");
    box.write(HOME_CLI_AUTH, { token: "home-auth", username: "alice" });
    expect(box.load().userToken).toBe("home-auth");
  });

  it("env token beats .polyaxonauth", () => {
    box.write(HOME_CLI_AUTH, { token: "home-auth" });
    expect(box.load({ env: { [TOKEN]: "env" } }).userToken).toBe("env");
  });
});

describe("our additions and the fixed reference bugs (docs/reference-client.md#the-references-own-bugs)", () => {
  it("POLYAXON_INTERVAL is only the flush interval; batch size is POLYAXON_BATCH_SIZE", () => {
    const s = box.load({ env: { POLYAXON_INTERVAL: "5" } });
    expect([s.intervalMs, s.batchSize]).toEqual([5000, 5000]);
    expect(box.load({ env: { POLYAXON_BATCH_SIZE: "50" } })).toMatchObject({ intervalMs: 1000, batchSize: 50 });
  });

  it("uses POLYAXON_REQUEST_TIMEOUT and still parses POLYAXON_LONG_REQUEST_TIMEOUT", () => {
    const s = box.load({ env: { POLYAXON_REQUEST_TIMEOUT: "3", POLYAXON_LONG_REQUEST_TIMEOUT: "7" } });
    expect([s.requestTimeoutMs, s.longRequestTimeoutMs]).toEqual([3000, 7000]);
  });

  it("accepts fractional seconds", () => {
    expect(box.load({ env: { POLYAXON_FLUSH_TIMEOUT: "0.25" } }).flushTimeoutMs).toBe(250);
  });

  it("reads HEALTH_CHECK_INTERVAL without prefix", () => {
    expect(box.load({ env: { HEALTH_CHECK_INTERVAL: "30" } }).healthCheckIntervalMs).toBe(30_000);
    expect(box.load({ env: { POLYAXON_HEALTH_CHECK_INTERVAL: "30" } }).healthCheckIntervalMs).toBe(60_000);
  });

  it("resolves a relative POLYAXON_TRACKING_DIR against cwd and keeps an absolute one", () => {
    expect(box.load({ env: { POLYAXON_TRACKING_DIR: "runs" } }).trackingDir).toBe(join(box.root, "runs"));
    expect(box.load({ env: { POLYAXON_TRACKING_DIR: "/abs/runs" } }).trackingDir).toBe("/abs/runs");
  });

  it("parses the remaining typed settings", () => {
    const s = box.load({
      env: {
        POLYAXON_LOGS_LEVEL: "20",
        POLYAXON_HASH_LENGTH: "8",
        POLYAXON_AUTHENTICATION_TYPE: "Bearer",
        POLYAXON_INTERNAL_HEADER: "X-POLYAXON-INTERNAL",
        POLYAXON_INTERNAL_HEADER_SERVICE: "runner",
        POLYAXON_SECRET_EPHEMERAL_TOKEN: "eph",
        POLYAXON_SECRET_INTERNAL_TOKEN: "int",
        POLYAXON_API_WS_HOST: "wss://ws.example",
      },
    });
    expect(s).toMatchObject({
      logsLevel: 20,
      hashLength: 8,
      authenticationType: "Bearer",
      internalHeader: "X-POLYAXON-INTERNAL",
      internalHeaderService: "runner",
      ephemeralToken: "eph",
      internalToken: "int",
      apiWsHost: "wss://ws.example",
    });
  });
});
