/**
 * The process life-cycle end to end: a tracked script (fixtures/tracked-script.ts) runs in
 * a child Node process against a real HTTP server on 127.0.0.1, and ends normally, by an
 * uncaught exception, by an unhandled rejection, by SIGTERM or by `process.exit(3)`.
 * Each run is bounded by a kill timer; nothing here asserts on durations.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { type ChildRunOptions, cleanEnv, runChildScript } from "../support/child-scripts.js";

const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const POINTS = 250;
const KILL_AFTER_MS = 20_000;
/** The fake numbers experiments from 1: the script's run is experiment 1. */
const ID = 1;

let dir: string;
let cwd: string;
let trackingDir: string;
let commit: string;
let server: FakePolyaxon;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plx-lifecycle-"));
  cwd = join(dir, "project");
  mkdirSync(cwd);
  // The child works in its own git repository, so create() posts that repository's code ref.
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=E2E", "-c", "user.email=e2e@example.com", ...args], { cwd })
      .toString()
      .trim();
  git("init", "-q", "-b", "main");
  writeFileSync(join(cwd, "train.txt"), "train\n");
  git("add", "train.txt");
  git("commit", "-q", "-m", "init");
  commit = git("rev-parse", "HEAD");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  trackingDir = mkdtempSync(join(dir, "runs-"));
  server = await startFakePolyaxon({ token: TOKEN });
});
afterEach(async () => {
  expect(server.violations()).toEqual([]);
  await server.close();
});

/** No config files from the real home. */
function childEnv(): Record<string, string> {
  return cleanEnv({
    HOME: dir,
    POLYAXON_API_HOST: "127.0.0.1",
    POLYAXON_HTTP_PORT: String(server.port),
    POLYAXON_SECRET_USER_TOKEN: TOKEN,
    POLYAXON_TRACKING_DIR: trackingDir,
    E2E_POINTS: String(POINTS),
  });
}

/** Runs the script; `onStdout` may act on the child (e.g. signal it) as output arrives. */
function runScript(scenario: string, onStdout?: ChildRunOptions["onStdout"]) {
  return runChildScript("lifecycle-tracked-script", [scenario], {
    cwd,
    env: childEnv(),
    killAfterMs: KILL_AFTER_MS,
    onStdout,
  });
}

/**
 * Every scenario starts with the create, then `running`; the code reference follows once git
 * answers (create() does not wait for it), possibly after a quick run's final status.
 */
function expectStart() {
  const ordered = server.requests().filter((r) => !/\/(metrics|logs)\/$/.test(r.path));
  expect(ordered.slice(0, 2).map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /alice/mnist/experiments/",
    `POST /alice/mnist/experiments/${ID}/statuses/`,
  ]);
  expect(ordered[0]?.body).toMatchObject({ is_managed: false, backend: "other", name: "e2e-run" });
  expect(ordered[1]?.body).toMatchObject({ status: "running" });
  const coderefs = ordered.filter((r) => r.path === `/alice/mnist/experiments/${ID}/coderef/`);
  expect(coderefs).toHaveLength(1);
  expect(coderefs[0]?.body).toMatchObject({ commit, head: commit, branch: "main", is_dirty: false });
  expect(ordered[0]?.headers.authorization).toBe(`Token ${TOKEN}`);
}

/** Every point the script logged, exactly once, in order. */
function expectAllPoints() {
  const points = server.metrics(ID);
  expect(points.map((p) => p.values.step)).toEqual(Array.from({ length: POINTS }, (_, step) => step));
  for (const point of points) expect(point.created_at).toMatch(/Z$/);
}

function finalStatus() {
  return server.statuses(ID).at(-1);
}

/** The statuses the experiment went through (the server's own `created` first). */
function statuses(): string[] {
  return server.statuses(ID).map((s) => s.status);
}

function journalKinds(): Array<{ kind: string; body?: { status?: string; message?: string } }> {
  const [run] = readdirSync(trackingDir);
  return readFileSync(join(trackingDir, run ?? "", "records.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { kind: string; body?: { status?: string; message?: string } });
}

describe("life-cycle of a tracked child process", () => {
  it("normal exit: running, succeeded; every point once; stdout shipped and still shown", async () => {
    const result = await runScript("normal");
    expect(result.code, result.stderr).toBe(0);
    expectStart();
    expect(statuses(), result.stderr).toEqual(["created", "running", "succeeded"]);
    expectAllPoints();
    expect(result.stdout).toBe(`trained ${POINTS} steps\n`);
    expect(server.logs(ID)).toEqual([expect.stringMatching(/ UTC INFO -- trained 250 steps$/)]);
    // Everything went through: no sync hint.
    expect(result.stderr).not.toContain("polyaxon-tracking sync");
  });

  it("uncaught exception: failed with the message; Node's usual stderr and exit code 1", async () => {
    const result = await runScript("uncaught");
    expect(result.code).toBe(1);
    expect(statuses(), result.stderr).toEqual(["created", "running", "failed"]);
    expect(finalStatus()?.message).toBe("Error: boom in the training loop");
    expectAllPoints();
    expect(result.stderr).toContain("Error: boom in the training loop");
    expect(result.stderr).toMatch(/\n\s+at .*tracked-script\.ts:\d+:\d+/);
    expect(result.stderr).toContain(`Node.js ${process.version}`);
  });

  it("unhandled rejection: failed with the message; exit code 1 with the stack on stderr", async () => {
    const result = await runScript("rejection");
    expect(result.code).toBe(1);
    expect(statuses(), result.stderr).toEqual(["created", "running", "failed"]);
    expect(finalStatus()?.message).toBe("Error: async boom");
    expectAllPoints();
    expect(result.stderr).toContain("Error: async boom");
    expect(result.stderr).toMatch(/\n\s+at .*tracked-script\.ts:\d+:\d+/);
  });

  it("uncaught exception: stderr's source header names the user's throw site, as without the SDK", async () => {
    const result = await runScript("uncaught");
    expect(result.stderr.split("\n").find((line) => /:\d+$/.test(line))).toMatch(/tracked-script\.ts:\d+$/);
    expect(result.stderr).not.toContain("lifecycle.ts");
  });

  it("top-level throw after an await (ESM): failed with the message, exit code 1", async () => {
    const result = await runScript("toplevel");
    expect(result.code).toBe(1);
    expect(statuses(), result.stderr).toEqual(["created", "running", "failed"]);
    expect(finalStatus()?.message).toBe("Error: top-level boom");
    expectAllPoints();
    expect(result.stderr).toContain("Error: top-level boom");
  });

  it("SIGTERM mid-run: stopped, points delivered, exit code 143", async () => {
    let signalled = false;
    const result = await runScript("sigterm", (text, kill) => {
      if (!signalled && text.includes("ready\n")) {
        signalled = true;
        kill("SIGTERM");
      }
    });
    expect(signalled).toBe(true);
    expect(result.code).toBe(143);
    expectStart();
    expect(statuses(), result.stderr).toEqual(["created", "running", "stopped"]);
    expectAllPoints();
  });

  it("process.exit(3): failed in the journal, and the sync hint on stderr", async () => {
    const result = await runScript("exit3");
    expect(result.code).toBe(3);
    const journaled = journalKinds().filter((r) => r.kind === "status");
    expect(journaled.map((r) => r.body?.status)).toEqual(["running", "failed"]);
    expect(journaled[1]?.body?.message).toBe("Process exited with code 3.");
    expect(result.stderr).toContain("were not delivered before exit");
    expect(result.stderr).toMatch(/npx polyaxon-tracking sync \d{8}-\d{6}-[0-9a-f]+/);
    // Nothing asynchronous runs after process.exit(): the server never hears of the end.
    expect(statuses()).not.toContain("failed");
  });
});
