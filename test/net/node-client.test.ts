/**
 * The Node client against real parts on 127.0.0.1: an HTTP proxy (CONNECT tunnels and
 * forwarding), and HTTPS servers whose certificates are generated for the run (self-signed,
 * and signed by a private CA).
 */
import { rootCertificates } from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { APIConnectionError, APITimeoutError, ClientConfigError } from "../../src/api/errors.js";
import { createClient, INSECURE_WARNING, type NodeClientOptions } from "../../src/net/node-client.js";
import { SettingsError } from "../../src/settings/errors.js";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { makeTestCertificates, type TestCertificates } from "../support/certificates.js";
import { TestProxy } from "../support/test-proxy.js";
import { rejected } from "../support/thrown.js";

let certs: TestCertificates;
let plain: FakePolyaxon;
let selfSigned: FakePolyaxon;
let caSigned: FakePolyaxon;
let proxy: TestProxy;
let authProxy: TestProxy;

beforeAll(async () => {
  certs = makeTestCertificates();
  plain = await startFakePolyaxon({ token: TOKEN });
  selfSigned = await startFakePolyaxon({ tls: certs.selfSigned, token: TOKEN });
  caSigned = await startFakePolyaxon({ tls: certs.caSigned, token: TOKEN });
  proxy = await new TestProxy().start();
  authProxy = await new TestProxy({ user: "alice@corp", password: "p:ss w0rd" }).start();
});
afterAll(async () => {
  for (const server of [plain, selfSigned, caSigned]) await server.close();
  await proxy.stop();
  await authProxy.stop();
  certs.cleanup();
});
afterEach(() => {
  vi.unstubAllEnvs();
  proxy.tunnels.length = 0;
  proxy.forwarded.length = 0;
  // What went through the proxies reached the servers as the spec says, bodies included.
  expect([plain, selfSigned, caSigned].flatMap((server) => server.violations())).toEqual([]);
});

const TOKEN = "t";

function client(server: FakePolyaxon, options: Omit<NodeClientOptions, "baseUrl"> = {}) {
  return createClient({ baseUrl: server.url, token: TOKEN, proxy: false, noProxy: "", ...options });
}

async function currentUser(options: Parameters<typeof client>[1], server = caSigned): Promise<string | undefined> {
  const { data } = await client(server, options).GET("/users/");
  return data?.username;
}

const failure = (call: Promise<unknown>) => rejected(call, APIConnectionError);

describe("proxies", () => {
  it.each([
    ["a tunnel per request by default (Connection: close)", false],
    ["reusing tunnels with keepAlive", true],
  ])("tunnels https requests through the proxy (CONNECT): %s", async (_name, keepAlive) => {
    const api = client(caSigned, { proxy: proxy.url(), ca: certs.ca.cert, keepAlive });
    const before = caSigned.requests().length;
    const tunnelsBefore = proxy.tunnels.length;
    for (let i = 0; i < 5; i++) expect((await api.GET("/users/")).data?.username).toBe("alice");
    const received = caSigned.requests().slice(before);
    expect(received).toHaveLength(5);
    // Every request came in on one of the proxy's upstream connections.
    for (const request of received) expect(proxy.upstreamPorts).toContain(request.remotePort);
    const tunnels = proxy.tunnels.slice(tunnelsBefore);
    expect(new Set(tunnels)).toEqual(new Set([`127.0.0.1:${caSigned.port}`]));
    if (keepAlive) expect(tunnels.length).toBeLessThan(5);
    else expect(tunnels).toHaveLength(5);
  });

  it("forwards http requests to the proxy in absolute form, body and headers intact", async () => {
    const api = client(plain, { proxy: proxy.url() });
    // Out of cluster (is_managed: false): the server refuses a managed experiment without content.
    const body = { name: "through-proxy", is_managed: false };
    const { data } = await api.POST("/{username}/{project_name}/experiments/", {
      params: { path: { username: "alice", project_name: "mnist" } },
      body,
    });
    expect(data?.name).toBe("through-proxy");
    expect(proxy.forwarded).toEqual([`${plain.url}/alice/mnist/experiments/`]);
    expect(proxy.tunnels).toEqual([]);
    const received = plain.requests().at(-1);
    expect(proxy.upstreamPorts).toContain(received?.remotePort);
    expect(received?.body).toEqual(body);
    expect(received?.headers["content-length"]).toBe(String(JSON.stringify(body).length));
    expect(received?.headers.authorization).toBe(`Token ${TOKEN}`);
  });

  it("goes direct for hosts in noProxy", async () => {
    expect(await currentUser({ proxy: proxy.url(), noProxy: "localhost, 127.0.0.0/8", ca: certs.ca.cert })).toBe(
      "alice",
    );
    expect(await currentUser({ proxy: proxy.url(), noProxy: `127.0.0.1:${plain.port}` }, plain)).toBe("alice");
    expect(proxy.tunnels).toEqual([]);
    expect(proxy.forwarded).toEqual([]);
  });

  it("reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment by default, lower case first", async () => {
    vi.stubEnv("HTTPS_PROXY", "http://127.0.0.1:9");
    vi.stubEnv("https_proxy", proxy.url());
    vi.stubEnv("HTTP_PROXY", proxy.url());
    vi.stubEnv("NO_PROXY", "");
    // The fake answers an anonymous GET /users/ with username "" (as the real server does): send the token.
    const https = createClient({ baseUrl: caSigned.url, token: TOKEN, ca: certs.ca.cert });
    expect((await https.GET("/users/")).data?.username).toBe("alice");
    const http = createClient({ baseUrl: plain.url, token: TOKEN });
    expect((await http.GET("/users/")).data?.username).toBe("alice");
    expect(proxy.tunnels).toHaveLength(1);
    expect(proxy.forwarded).toHaveLength(1);

    vi.stubEnv("no_proxy", "127.0.0.1");
    expect((await createClient({ baseUrl: plain.url, token: TOKEN }).GET("/users/")).data?.username).toBe("alice");
    expect(proxy.forwarded).toHaveLength(1);
  });

  it("ignores the environment with proxy: false", async () => {
    vi.stubEnv("HTTP_PROXY", "http://127.0.0.1:9");
    const api = createClient({ baseUrl: plain.url, token: TOKEN, proxy: false });
    expect((await api.GET("/users/")).data?.username).toBe("alice");
  });

  it("sends the proxy URL's credentials as Basic Proxy-Authorization, for tunnels and forwards", async () => {
    const userinfo = `${encodeURIComponent("alice@corp")}:${encodeURIComponent("p:ss w0rd")}`;
    expect(await currentUser({ proxy: authProxy.url(userinfo), ca: certs.ca.cert })).toBe("alice");
    expect(await currentUser({ proxy: authProxy.url(userinfo) }, plain)).toBe("alice");
    expect(authProxy.tunnels).toHaveLength(1);
    expect(authProxy.forwarded).toHaveLength(1);
    expect(authProxy.refused).toBe(0);
  });

  it("a refused tunnel is an APIConnectionError naming the proxy (not its password); nothing was sent", async () => {
    const api = client(caSigned, { proxy: authProxy.url("alice%40corp:wrong-secret"), ca: certs.ca.cert });
    const error = await failure(
      api.POST("/{username}/{project_name}/experiments/", {
        params: { path: { username: "alice", project_name: "mnist" } },
        body: { name: "x" },
      }),
    );
    expect(error.code).toBe("ERR_PROXY_TUNNEL");
    expect(error.requestSent).toBe(false);
    expect(error.message).toContain(`the proxy http://127.0.0.1:${new URL(authProxy.url()).port} refused the tunnel`);
    expect(error.message).toContain("HTTP 407");
    expect(`${error.message} ${error.url} ${String(error.cause)}`).not.toContain("wrong-secret");
  });

  it("applies the per-attempt timeout through the proxy, aborting the request (its tunnel closes)", async () => {
    caSigned.fault({ delayMs: 5_000, times: 1 });
    const api = client(caSigned, { proxy: proxy.url(), ca: certs.ca.cert, timeoutMs: 100, retry: false });
    const tunnel = proxy.tunnelsOpened;
    const error = await failure(api.GET("/users/"));
    expect(error).toBeInstanceOf(APITimeoutError);
    // Without the abort, the answer would come after the delay and its keep-alive tunnel stay open.
    expect(proxy.tunnelsOpened).toBe(tunnel + 1);
    await vi.waitFor(() => expect(proxy.closedTunnels).toContain(tunnel), { timeout: 10_000 });
    caSigned.clearFaults();
  });

  it("an unreachable proxy is a connection error where nothing was sent", async () => {
    const error = await failure(client(caSigned, { proxy: "http://127.0.0.1:9", retry: false }).GET("/users/"));
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.requestSent).toBe(false);
  });
});

describe("TLS", () => {
  it("refuses a self-signed certificate by default: a typed, non-retried error naming the problem", async () => {
    const error = await failure(client(selfSigned, { retry: { maxRetries: 3, baseDelayMs: 1 } }).GET("/users/"));
    expect(error.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(error.message).toContain("DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate");
    expect(error.message).toContain("POLYAXON_CA_BUNDLE");
    expect(error.attempts).toBe(1);
    expect(error.retryable).toBe(false);
    expect(selfSigned.requests()).toHaveLength(0);
  });

  it("refuses a certificate from an unknown CA, also through the proxy", async () => {
    const direct = await failure(client(caSigned).GET("/users/"));
    expect(direct.code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    expect(direct.attempts).toBe(1);
    const tunnelled = await failure(client(caSigned, { proxy: proxy.url() }).GET("/users/"));
    expect(tunnelled.code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    expect(tunnelled.attempts).toBe(1);
    expect(proxy.tunnels).toHaveLength(1);
  });

  it("trusts a private CA given as PEM text, bytes, a list or a file", async () => {
    for (const ca of [
      { ca: certs.ca.cert },
      { ca: Buffer.from(certs.ca.cert) },
      { ca: [certs.selfSigned.cert, certs.ca.cert] },
      { caFile: certs.ca.certFile },
    ]) {
      expect(await currentUser(ca)).toBe("alice");
    }
  });

  it("adds the CA to Node's trust store instead of replacing it (bundled roots and NODE_EXTRA_CA_CERTS stay)", async () => {
    vi.stubEnv("NODE_EXTRA_CA_CERTS", certs.selfSigned.certFile);
    vi.resetModules();
    const fresh = await import("../../src/net/node-client.js");
    const { withDefaultRoots } = await import("../../src/net/certificates.js");
    const store = withDefaultRoots([certs.ca.cert]);
    expect(store).toEqual(expect.arrayContaining([...rootCertificates, certs.selfSigned.cert.trim(), certs.ca.cert]));
    for (const server of [caSigned, selfSigned]) {
      const api = fresh.createClient({
        baseUrl: server.url,
        token: TOKEN,
        proxy: false,
        ca: certs.ca.cert,
        retry: false,
      });
      expect((await api.GET("/users/")).data?.username).toBe("alice");
    }
  });

  it("with verifySsl: false, works against self-signed and unknown-CA servers, warning once per process", async () => {
    const onWarning = vi.fn();
    expect(await currentUser({ verifySsl: false, onWarning }, selfSigned)).toBe("alice");
    expect(await currentUser({ verifySsl: false, onWarning, proxy: proxy.url() }, caSigned)).toBe("alice");
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(onWarning).toHaveBeenCalledWith(INSECURE_WARNING);
    // Only this client: a default client in the same process still verifies.
    expect((await failure(client(selfSigned).GET("/users/"))).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  });
});

describe("options", () => {
  it("rejects bad network options before any request", () => {
    const bad: Array<[Omit<NodeClientOptions, "baseUrl">, string]> = [
      [{ proxy: "socks5://127.0.0.1:1080" }, "proxy"],
      [{ proxy: "http://127.0.0.1:3128/some/path" }, "proxy"],
      [{ ca: "not a certificate" }, "ca"],
      [{ ca: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" }, "ca"],
      [{ caFile: `${certs.dir}/missing.pem` }, "caFile"],
      [{ caFile: `${certs.dir}/self.key` }, "caFile"],
    ];
    for (const [options, option] of bad) {
      expect(() => client(caSigned, options), option).toThrow(ClientConfigError);
      try {
        client(caSigned, options);
      } catch (error) {
        expect((error as ClientConfigError).option).toBe(option);
      }
    }
  });

  it("names the environment variable holding a bad proxy", () => {
    vi.stubEnv("https_proxy", "socks5://user:secret@127.0.0.1:1080");
    expect(() => createClient({ baseUrl: caSigned.url })).toThrow(SettingsError);
    expect(() => createClient({ baseUrl: caSigned.url })).toThrow(/^https_proxy must be an http/);
  });

  it("lets an injected fetch win over every network option", async () => {
    const fetch = vi.fn(async () => Response.json({ username: "injected", email: "", is_superuser: false }));
    const api = createClient({ baseUrl: caSigned.url, fetch, proxy: "http://127.0.0.1:9", verifySsl: false });
    expect((await api.GET("/users/")).data?.username).toBe("injected");
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
