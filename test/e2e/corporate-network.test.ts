/**
 * A corporate network on 127.0.0.1: an HTTP proxy that every request must go through, and
 * HTTPS Polyaxon servers with a self-signed certificate or one from a private CA (generated
 * for the run). The facade and the CLI `sync` are driven as a user would: environment
 * variables, config, flags; the CLI also as a real child process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { INSECURE_WARNING } from "../../src/net/node-client.js";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { Experiment } from "../../src/tracking/experiment.js";
import { Capture, typicalRecords, writeRun } from "../cli/fixtures.js";
import { makeTestCertificates, type TestCertificates } from "../support/certificates.js";
import { cleanEnv, runChildScript } from "../support/child-scripts.js";
import { TestProxy } from "../support/test-proxy.js";

const TOKEN = "0123456789abcdef0123456789abcdef01234567";
const KILL_AFTER_MS = 30_000;

let certs: TestCertificates;
let proxy: TestProxy;
let selfSigned: FakePolyaxon;
let caSigned: FakePolyaxon;
let dir: string;

beforeAll(async () => {
  certs = makeTestCertificates();
  proxy = await new TestProxy().start();
});
afterAll(async () => {
  await proxy.stop();
  certs.cleanup();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "plx-corp-"));
  selfSigned = await startFakePolyaxon({ tls: certs.selfSigned, token: TOKEN });
  caSigned = await startFakePolyaxon({ tls: certs.caSigned, token: TOKEN });
  proxy.tunnels.length = 0;
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await selfSigned.close();
  await caSigned.close();
  rmSync(dir, { recursive: true, force: true });
  // What went through the proxy reached the servers as the spec says.
  expect([...selfSigned.violations(), ...caSigned.violations()]).toEqual([]);
});

/** Every metric point the server stored, over all its experiments. */
function metricPoints(server: FakePolyaxon) {
  return server.experiments().flatMap((experiment) => server.metrics(experiment.id));
}

/** Every request the server received came in through the proxy's tunnels. */
function expectAllProxied(server: FakePolyaxon): void {
  expect(server.requests().length).toBeGreaterThan(0);
  for (const request of server.requests()) expect(proxy.upstreamPorts).toContain(request.remotePort);
  expect(new Set(proxy.tunnels)).toEqual(new Set([`127.0.0.1:${server.port}`]));
}

function newExperiment(server: FakePolyaxon, notifier: { warn: (m: string) => void; info: (m: string) => void }) {
  return new Experiment({
    project: "alice/mnist",
    settings: { apiHost: "127.0.0.1", httpPort: server.port, useHttps: true, userToken: TOKEN },
    configDirs: { homeDir: dir, tmpDir: dir, contextDir: join(dir, "ctx") },
    trackingDir: join(dir, "runs"),
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    notifier,
  });
}

describe("the Experiment facade", () => {
  it("tracks through HTTPS_PROXY against a self-signed server with POLYAXON_VERIFY_SSL=false", async () => {
    vi.stubEnv("HTTPS_PROXY", proxy.url());
    vi.stubEnv("POLYAXON_VERIFY_SSL", "false");
    const notifier = { warn: vi.fn(), info: vi.fn() };
    const experiment = newExperiment(selfSigned, notifier);
    await experiment.create({ name: "behind-the-proxy", tags: ["corp"] });
    experiment.logParams({ lr: 0.01 });
    for (let step = 0; step < 20; step++) experiment.logMetrics({ step, loss: 1 / (step + 1) });
    experiment.logStatus("running", "still going");
    expect(await experiment.flush(20_000)).toBe(true);
    await experiment.close();

    expect(
      selfSigned.requests().filter((r) => r.method === "POST" && r.path === "/alice/mnist/experiments/"),
    ).toHaveLength(1);
    expect(metricPoints(selfSigned).map((p) => p.values.step)).toEqual([...Array(20).keys()]);
    expect(
      selfSigned.requests({ method: "PATCH" }).some((r) => r.applied && JSON.stringify(r.body).includes('"lr":0.01')),
    ).toBe(true);
    expectAllProxied(selfSigned);
    expect(notifier.warn.mock.calls.filter(([m]) => m === INSECURE_WARNING)).toHaveLength(1);
    expect(notifier.warn.mock.calls.filter(([m]) => m !== INSECURE_WARNING)).toEqual([]);
  });

  it("trusts a private CA from POLYAXON_CA_BUNDLE", async () => {
    vi.stubEnv("POLYAXON_CA_BUNDLE", certs.ca.certFile);
    const notifier = { warn: vi.fn(), info: vi.fn() };
    const experiment = newExperiment(caSigned, notifier);
    await experiment.create({ name: "private-ca" });
    experiment.logMetrics({ loss: 0.5 });
    expect(await experiment.flush(20_000)).toBe(true);
    await experiment.close();
    expect(metricPoints(caSigned)).toHaveLength(1);
    expect(notifier.warn).not.toHaveBeenCalled();
  });

  it("with verification on, a self-signed server is reported (naming the problem) and the run stays local", async () => {
    const notifier = { warn: vi.fn(), info: vi.fn() };
    const experiment = newExperiment(selfSigned, notifier);
    await experiment.create({ name: "untrusted" });
    experiment.logMetrics({ loss: 0.5 });
    await experiment.close();
    expect(selfSigned.requests()).toEqual([]);
    const warnings = notifier.warn.mock.calls.map(([m]) => String(m)).join("\n");
    expect(warnings).toContain("DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate");
    expect(warnings).toContain("POLYAXON_VERIFY_SSL=false");
  });
});

describe("the CLI sync", () => {
  function cliEnv(server: FakePolyaxon, extra: Record<string, string> = {}): Record<string, string> {
    return {
      POLYAXON_API_HOST: "127.0.0.1",
      POLYAXON_HTTP_PORT: String(server.port),
      POLYAXON_USE_HTTPS: "true",
      POLYAXON_SECRET_USER_TOKEN: TOKEN,
      ...extra,
    };
  }

  async function sync(args: string[], env: Record<string, string>) {
    const out = new Capture();
    const err = new Capture();
    const settingsInput = { homeDir: dir, tmpDir: dir, contextDir: join(dir, "ctx") };
    const code = await main(["sync", ...args, "--dir", join(dir, "runs")], { out, err, env, settingsInput });
    return { code, out: out.text, err: err.text };
  }

  it("syncs through HTTPS_PROXY to a self-signed server with POLYAXON_VERIFY_SSL=false", async () => {
    writeRun(join(dir, "runs"), "r1", typicalRecords(10));
    const result = await sync(
      ["r1"],
      cliEnv(selfSigned, { HTTPS_PROXY: proxy.url(), POLYAXON_VERIFY_SSL: "false", NO_PROXY: "" }),
    );
    expect(result.code).toBe(0);
    const created = selfSigned.experiments();
    expect(created).toHaveLength(1);
    expect(result.out).toContain(`r1  created experiment ${created[0]?.id}, sent 22 record(s)`);
    // The warning is once per process: the facade tests above already gave it (see the real-process test).
    expect(result.err.split(INSECURE_WARNING).length).toBeLessThanOrEqual(2);
    expect(metricPoints(selfSigned)).toHaveLength(10);
    expectAllProxied(selfSigned);
  });

  it("takes the same settings as flags: --proxy with --ca, and -k", async () => {
    writeRun(join(dir, "runs"), "r1", typicalRecords(3));
    writeRun(join(dir, "runs"), "r2", typicalRecords(3));
    const viaCa = await sync(["r1", "--proxy", proxy.url(), "--ca", certs.ca.certFile], cliEnv(caSigned));
    expect(viaCa.code).toBe(0);
    expect(metricPoints(caSigned)).toHaveLength(3);
    expectAllProxied(caSigned);

    const insecure = await sync(["r2", "-k"], cliEnv(selfSigned));
    expect(insecure.code).toBe(0);
    expect(metricPoints(selfSigned)).toHaveLength(3);
  });

  it("fails with the certificate problem when verification is on", async () => {
    writeRun(join(dir, "runs"), "r1", typicalRecords(3));
    const result = await sync(["r1"], cliEnv(selfSigned));
    expect(result.code).toBe(1);
    expect(result.out).toContain("DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate");
    expect(selfSigned.requests()).toEqual([]);
  });

  it("reports a missing CA bundle as a usage error naming the variable", async () => {
    writeRun(join(dir, "runs"), "r1", typicalRecords(3));
    const result = await sync(["r1"], cliEnv(caSigned, { POLYAXON_CA_BUNDLE: join(dir, "nope.pem") }));
    expect(result.code).toBe(2);
    expect(result.err).toContain("POLYAXON_CA_BUNDLE cannot be read");
  });

  it("works as a real process: the bin through the proxy, one warning on stderr", async () => {
    writeRun(join(dir, "runs"), "r1", typicalRecords(5));
    const result = await runChildScript("cli", ["sync", "--all", "--dir", join(dir, "runs")], {
      cwd: dir,
      env: cleanEnv(cliEnv(selfSigned, { HOME: dir, https_proxy: proxy.url(), POLYAXON_VERIFY_SSL: "0" })),
      killAfterMs: KILL_AFTER_MS,
    });
    expect(result.stderr.split(INSECURE_WARNING)).toHaveLength(2);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Synced 1 of 1 run(s).");
    expect(metricPoints(selfSigned)).toHaveLength(5);
    expectAllProxied(selfSigned);
  });
});
