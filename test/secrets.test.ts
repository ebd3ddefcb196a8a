/**
 * No token in anything the SDK's objects print or serialise — settings, experiments,
 * clients, errors — whatever way a user prints them; and settings stay plain data that a
 * structured clone (a worker thread) receives with the tokens intact.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format, inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient } from "../src/api/index.js";
import { loadSettings, type Settings } from "../src/settings/index.js";
import { Experiment } from "../src/tracking/experiment.js";

const USER_TOKEN = "a5ecre7a5ecre7a5ecre7a5ecre7a5ecre7a5ecre7a5ecre7a5ecre7a5ecre7a";
const EPHEMERAL = "ephemeral-5ecret-value";
const INTERNAL = "internal-5ecret-value";
const SECRETS = [USER_TOKEN, EPHEMERAL, INTERNAL];

/** Every way a user may print an object while debugging. */
function printed(value: unknown): string[] {
  return [
    JSON.stringify(value) ?? "",
    JSON.stringify({ nested: { value } }),
    inspect(value),
    inspect(value, { depth: null, showHidden: true }),
    inspect({ nested: { deeper: value } }, { depth: null }),
    format("%s %o %O %j", value, value, value, value),
    String(value),
  ];
}

function expectNoSecret(value: unknown): void {
  for (const text of printed(value)) {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plx-secrets-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function settings(): Settings {
  return loadSettings({
    env: {
      POLYAXON_API_HOST: "plx.example",
      POLYAXON_SECRET_USER_TOKEN: USER_TOKEN,
      POLYAXON_SECRET_EPHEMERAL_TOKEN: EPHEMERAL,
      POLYAXON_SECRET_INTERNAL_TOKEN: INTERNAL,
    },
    homeDir: dir,
    tmpDir: dir,
    contextDir: dir,
  });
}

describe("settings", () => {
  it("print without their tokens, but say that they are set", () => {
    const s = settings();
    expectNoSecret(s);
    expect(JSON.parse(JSON.stringify(s))).toMatchObject({
      userToken: "[REDACTED]",
      ephemeralToken: "[REDACTED]",
      internalToken: "[REDACTED]",
      apiHost: "plx.example",
    });
    expect(inspect(s)).toContain("userToken: '[REDACTED]'");
  });

  it("stay plain data: a structured clone keeps every token, and the fields are unchanged", () => {
    const s = settings();
    const clone = structuredClone(s);
    expect(clone.userToken).toBe(USER_TOKEN);
    expect(clone.ephemeralToken).toBe(EPHEMERAL);
    expect(clone.internalToken).toBe(INTERNAL);
    expect(clone).toEqual({ ...s });
    expect(Object.keys(s)).not.toContain("toJSON");
    expect(s.userToken).toBe(USER_TOKEN);
    expect(Object.isFrozen(s)).toBe(true);
  });

  it("show an unset token as undefined, not as redacted", () => {
    const s = loadSettings({ env: {}, homeDir: dir, tmpDir: dir, contextDir: dir });
    expect(JSON.parse(JSON.stringify(s)).userToken).toBeUndefined();
  });
});

describe("an Experiment", () => {
  it("prints where the run is, never a token (given in options or in the environment)", async () => {
    const experiment = new Experiment({
      project: "alice/mnist",
      settings: { isOffline: true, userToken: USER_TOKEN, internalToken: INTERNAL, ephemeralToken: EPHEMERAL },
      configDirs: { homeDir: dir, tmpDir: dir, contextDir: dir },
      trackingDir: join(dir, "runs"),
      handleExit: false,
      trackLogs: false,
      trackGit: false,
      trackEnv: false,
      notifier: { warn: () => {}, info: () => {} },
    });
    await experiment.create();
    expectNoSecret(experiment);
    expect(JSON.parse(JSON.stringify(experiment))).toEqual({
      project: "alice/mnist",
      mode: "offline",
      lastStatus: "running",
      runId: experiment.runId,
    });
    expect(inspect(experiment)).toMatch(/^Experiment \{/);
    await experiment.close(1_000);
  });
});

describe("the low-level client and its errors", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const base = "http://plx.test/api/v1";
  const client = () => createClient({ baseUrl: base, token: USER_TOKEN, retry: false });

  it("a client prints no token", () => {
    expectNoSecret(client());
  });

  it("errors print no token, even when the server echoes it", async () => {
    server.use(
      http.get(`${base}/users/`, ({ request }) =>
        HttpResponse.json({ detail: `bad ${request.headers.get("authorization")}` }, { status: 401 }),
      ),
      http.get(`${base}/experiments/`, ({ request }) =>
        HttpResponse.html(`<p>${request.headers.get("authorization")}</p>`),
      ),
    );
    const errors: unknown[] = [];
    await client()
      .GET("/users/")
      .catch((error: unknown) => errors.push(error));
    await client()
      .GET("/experiments/")
      .catch((error: unknown) => errors.push(error));
    await createClient({ baseUrl: "http://127.0.0.1:1/api/v1", token: USER_TOKEN, retry: false })
      .GET("/users/")
      .catch((error: unknown) => errors.push(error));
    expect(errors.map((error) => (error as Error).name)).toEqual([
      "AuthenticationError",
      "APIResponseDecodeError",
      "APIConnectionError",
    ]);
    for (const error of errors) expectNoSecret(error);
  });
});
