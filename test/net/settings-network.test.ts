/**
 * Settings → client: the proxy variables, POLYAXON_CA_BUNDLE and POLYAXON_VERIFY_SSL are
 * captured as plain data by loadSettings, and clientFromSettings builds the Node client from
 * those fields alone (the delivery worker will call it with a structured clone).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as entry from "../../src/index.js";
import { createClient } from "../../src/net/node-client.js";
import { SettingsError } from "../../src/settings/errors.js";
import type { Settings } from "../../src/settings/types.js";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { clientFromSettings } from "../../src/tracking/connect.js";
import { createSandbox, type SettingsSandbox } from "../settings/fixtures.js";
import { makeTestCertificates, type TestCertificates } from "../support/certificates.js";
import { TestProxy } from "../support/test-proxy.js";

let certs: TestCertificates;
let selfSigned: FakePolyaxon;
let caSigned: FakePolyaxon;
let proxy: TestProxy;
let box: SettingsSandbox;

beforeAll(async () => {
  certs = makeTestCertificates();
  selfSigned = await startFakePolyaxon({ tls: certs.selfSigned, token: "t0ken" });
  caSigned = await startFakePolyaxon({ tls: certs.caSigned, token: "t0ken" });
  proxy = await new TestProxy().start();
});
afterAll(async () => {
  await selfSigned.close();
  await caSigned.close();
  await proxy.stop();
  certs.cleanup();
});
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => {
  box.cleanup();
  vi.unstubAllEnvs();
  proxy.tunnels.length = 0;
});

function httpsEnv(server: FakePolyaxon, extra: Record<string, string> = {}): Record<string, string> {
  return {
    POLYAXON_API_HOST: "127.0.0.1",
    POLYAXON_HTTP_PORT: String(server.port),
    POLYAXON_USE_HTTPS: "true",
    POLYAXON_SECRET_USER_TOKEN: "t0ken",
    ...extra,
  };
}

async function username(settings: Settings): Promise<string | undefined> {
  const client = clientFromSettings(settings, { retry: false });
  return (await client?.GET("/users/"))?.data?.username;
}

describe("loadSettings", () => {
  it("captures the proxy variables (lower case first), the CA bundle and verifySsl as plain data", () => {
    const settings = box.load({
      env: {
        HTTPS_PROXY: "http://upper:1",
        https_proxy: "http://proxy.corp:3128",
        HTTP_PROXY: "proxy.corp:3128",
        NO_PROXY: "localhost,.corp.example",
        POLYAXON_CA_BUNDLE: "/etc/corp/ca.pem",
        POLYAXON_VERIFY_SSL: "no",
      },
    });
    expect(settings).toMatchObject({
      httpsProxy: "http://proxy.corp:3128",
      httpProxy: "proxy.corp:3128",
      noProxy: "localhost,.corp.example",
      caBundle: "/etc/corp/ca.pem",
      verifySsl: false,
    });
    expect(structuredClone(settings)).toEqual(settings);
  });

  it("leaves them unset by default", () => {
    expect(box.load()).toMatchObject({
      httpsProxy: undefined,
      httpProxy: undefined,
      noProxy: undefined,
      caBundle: undefined,
      verifySsl: true,
    });
  });

  it("rejects a bad proxy variable, naming it and hiding its credentials", () => {
    let error: unknown;
    try {
      box.load({ env: { https_proxy: "socks5://bob:hunter2@proxy:1080" } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).variable).toBe("https_proxy");
    expect(() => box.load({ env: { HTTP_PROXY: "http://bob:hunter2@proxy:3128/path" } })).toThrow(
      /^HTTP_PROXY must be/,
    );
    expect(() => box.load({ env: { HTTP_PROXY: "http://bob:hunter2@proxy:3128/path" } })).not.toThrow(/hunter2/);
    expect(() => box.load({ overrides: { httpsProxy: "ftp://proxy" } })).toThrow(SettingsError);
  });
});

describe("clientFromSettings", () => {
  it("goes through HTTPS_PROXY and trusts POLYAXON_CA_BUNDLE", async () => {
    const settings = box.load({
      env: httpsEnv(caSigned, { HTTPS_PROXY: proxy.url(), POLYAXON_CA_BUNDLE: certs.ca.certFile }),
    });
    expect(await username(structuredClone(settings))).toBe("alice");
    expect(proxy.tunnels).toEqual([`127.0.0.1:${caSigned.port}`]);
  });

  it("goes direct for a NO_PROXY host", async () => {
    const settings = box.load({
      env: httpsEnv(caSigned, {
        HTTPS_PROXY: proxy.url(),
        NO_PROXY: "127.0.0.1",
        POLYAXON_CA_BUNDLE: certs.ca.certFile,
      }),
    });
    expect(await username(settings)).toBe("alice");
    expect(proxy.tunnels).toEqual([]);
  });

  it("turns verification off with POLYAXON_VERIFY_SSL=false, for this client only, warning once", async () => {
    const onWarning = vi.fn();
    const settings = box.load({ env: httpsEnv(selfSigned, { POLYAXON_VERIFY_SSL: "false" }) });
    const client = clientFromSettings(settings, { onWarning });
    expect((await client?.GET("/users/"))?.data?.username).toBe("alice");
    clientFromSettings(settings, { onWarning });
    expect(onWarning).toHaveBeenCalledTimes(1);
    const verifying = box.load({ env: httpsEnv(selfSigned) });
    await expect(username(verifying)).rejects.toMatchObject({ code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
  });

  it("reads nothing from the process environment: settings are the whole truth", async () => {
    vi.stubEnv("HTTPS_PROXY", "http://127.0.0.1:9");
    vi.stubEnv("NO_PROXY", "");
    const settings = box.load({ env: httpsEnv(caSigned, { POLYAXON_CA_BUNDLE: certs.ca.certFile }) });
    expect(await username(settings)).toBe("alice");
  });

  it("names POLYAXON_CA_BUNDLE when its file is missing or holds no certificate", () => {
    for (const file of [`${certs.dir}/missing.pem`, `${certs.dir}/server.key`]) {
      const settings = box.load({ env: httpsEnv(caSigned, { POLYAXON_CA_BUNDLE: file }) });
      let error: unknown;
      try {
        clientFromSettings(settings);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).variable).toBe("POLYAXON_CA_BUNDLE");
      expect((error as Error).message).toContain(file);
    }
  });
});

it("the main entry's createClient is the Node one (proxies, TLS)", () => {
  expect(entry.createClient).toBe(createClient);
});
