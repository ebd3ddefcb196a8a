import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { summarizeRun } from "../../src/cli/run-summary.js";
import { listRunDirs, type RunDir } from "../../src/store/run-store.js";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { childScriptArgs, cleanEnv } from "../support/child-scripts.js";

const run = promisify(execFile);
/** The fake numbers experiments from 1: the demo's run is experiment 1. */
const ID = 1;

function capture() {
  return {
    text: "",
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

describe("the demo, offline then synced", () => {
  let dir: string;
  let cwd: string;
  let home: string;
  let trackingDir: string;
  let stdout: string;
  let commit: string;
  let server: FakePolyaxon;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "plx-e2e-"));
    cwd = join(dir, "project");
    home = join(dir, "home");
    trackingDir = join(dir, "runs");
    mkdirSync(cwd);
    mkdirSync(home);
    // A git repository as the working directory, so the run records a code reference.
    const git = (...args: string[]) =>
      run("git", ["-c", "user.name=Demo", "-c", "user.email=demo@example.com", ...args], { cwd });
    await git("init", "-q", "-b", "main");
    writeFileSync(join(cwd, "README.md"), "demo\n");
    await git("add", "README.md");
    await git("commit", "-q", "-m", "init");
    commit = (await git("rev-parse", "HEAD")).stdout.trim();

    const child = await run(process.execPath, childScriptArgs("train-example"), {
      cwd,
      env: cleanEnv({ HOME: home, POLYAXON_TRACKING_DIR: trackingDir }),
    });
    stdout = child.stdout;
    server = await startFakePolyaxon({ token: "e2e-token" });
  }, 60_000);

  afterAll(async () => {
    expect(server.violations()).toEqual([]);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records the run offline and prints its summary", () => {
    const runs = listRunDirs(trackingDir);
    expect(runs).toHaveLength(1);
    expect(stdout).toContain(`Run recorded in ${runs[0]?.path} (mode: offline)`);
    expect(stdout).toMatch(/status\s+succeeded/);
    expect(stdout).toContain("Metrics (201 points)");
    expect(stdout).toContain(`npm run cli -- sync ${runs[0]?.id}`);
    expect(server.requests()).toHaveLength(0);
  });

  it("syncs every record to the server exactly once, then nothing more", async () => {
    const env = {
      POLYAXON_API_HOST: "127.0.0.1",
      POLYAXON_HTTP_PORT: String(server.port),
      POLYAXON_SECRET_USER_TOKEN: "e2e-token",
    };
    const cli = (args: string[]) => {
      const io = { out: capture(), err: capture() };
      const settingsInput = { homeDir: home, tmpDir: home, contextDir: join(home, "ctx") };
      return main(args, { ...io, env, settingsInput }).then((code) => ({ code, out: io.out.text, err: io.err.text }));
    };
    const first = await cli(["sync", "--all", "--dir", trackingDir]);
    expect(first.err).not.toContain("error");
    expect(first.code).toBe(0);

    // "demo/quick-start" names its owner, so no user lookup is needed.
    expect(server.requests().some((r) => r.path === "/users/")).toBe(false);
    const creates = server
      .requests()
      .filter((r) => r.method === "POST" && /^\/[-\w]+\/[-\w]+\/experiments\/$/.test(r.path));
    expect(creates).toHaveLength(1);
    expect(creates[0]?.path).toBe("/demo/quick-start/experiments/");
    expect(creates[0]?.body).toMatchObject({
      is_managed: false,
      name: "logreg",
      tags: ["demo", "logistic-regression"],
      framework: "plain-ts",
    });
    expect(creates[0]?.headers.authorization).toBe("Token e2e-token");

    const patches = server
      .requests({ method: "PATCH", path: /\/experiments\/\d+\/$/ })
      .map((r) => r.body as Record<string, unknown>);
    const paramPatches = patches.filter((body) => body.params !== undefined);
    expect(paramPatches).toHaveLength(1);
    expect(paramPatches[0]?.params).toMatchObject({ seed: 42, epochs: 20, batchSize: 32, lr: 0.05 });
    expect(
      patches.some((body) => typeof (body.data_refs as Record<string, unknown>)?.synthetic_blobs === "string"),
    ).toBe(true);

    expect(server.requests({ method: "POST", path: /\/coderef\/$/ }).map((r) => r.body)).toEqual([
      expect.objectContaining({ commit, branch: "main", is_dirty: false }),
    ]);
    expect(server.statuses(ID).map((s) => s.status)).toEqual(["created", "running", "succeeded"]);

    const points = server.metrics(ID);
    expect(points).toHaveLength(201);
    const training = points.filter((point) => "loss" in point.values);
    expect(training.map((point) => point.values.step)).toEqual(Array.from({ length: 200 }, (_, step) => step));
    expect(points.at(-1)?.values).toMatchObject({ step: 200, test_accuracy: expect.any(Number) });

    const epochLines = server.logs(ID).filter((line) => /epoch \d+\/20/.test(line));
    expect(epochLines).toHaveLength(20);
    expect(server.logs(ID).filter((line) => line.includes("test accuracy"))).toHaveLength(1);
    expect(new Set(epochLines.map((line) => /epoch (\d+)\/20/.exec(line)?.[1])).size).toBe(20);

    const handled = server.requests().length;
    const second = await cli(["sync", "--all", "--dir", trackingDir]);
    expect(second.code).toBe(0);
    expect(second.out).toContain("already synced");
    expect(server.requests()).toHaveLength(handled);

    const listed = await cli(["runs", "--json", "--dir", trackingDir]);
    expect(JSON.parse(listed.out)).toMatchObject([
      { name: "logreg", status: "succeeded", sync: "synced", experimentId: ID },
    ]);
  });
});

describe("the demo, with a server configured", () => {
  it("tracks the same script straight to the server", async () => {
    const server = await startFakePolyaxon({ token: "online-token" });
    const dir = mkdtempSync(join(tmpdir(), "plx-e2e-online-"));
    try {
      const env = cleanEnv({
        HOME: dir,
        POLYAXON_TRACKING_DIR: join(dir, "runs"),
        POLYAXON_API_HOST: "127.0.0.1",
        POLYAXON_HTTP_PORT: String(server.port),
        POLYAXON_SECRET_USER_TOKEN: "online-token",
      });
      const child = await run(process.execPath, childScriptArgs("train-example"), {
        cwd: dir,
        env,
      });
      expect(child.stdout).toContain("(mode: normal)");
      expect(child.stdout).toContain(`Tracked to the server as experiment ${ID}.`);
      expect(server.statuses(ID).map((s) => s.status)).toEqual(["created", "running", "succeeded"]);
      expect(server.metrics(ID)).toHaveLength(201);
      expect(server.violations()).toEqual([]);
      const runs = listRunDirs(join(dir, "runs"));
      expect(runs).toHaveLength(1);
      // Delivered live: the local copy knows it, and a later sync has nothing to send.
      expect(await summarizeRun(runs[0] as RunDir)).toMatchObject({ sync: "synced", experimentId: ID, pending: 0 });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
