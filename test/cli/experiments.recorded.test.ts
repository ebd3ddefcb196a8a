/**
 * The server read commands against answers recorded with the real v0.6.1 server, served byte
 * for byte by spec-checked msw handlers: gzipped list pages with `next` links, the metric list
 * of 5,000 points in two gzip layers, logs as text labelled text/html, the bare-string 404s of
 * a running experiment's logs, and the server's error answers.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Schemas } from "../../src/api/index.js";
import { main } from "../../src/cli/main.js";
import { REPLAY_TOKEN } from "../api/replay/call.js";
import {
  RECORDED_HOST,
  RECORDED_PORT,
  type RecordedScript,
  recordedJson,
  recordedScript,
  recordedText,
} from "../support/recorded-script.js";
import { expectNoSpecViolations, recordRequests } from "../support/spec.js";
import { Capture } from "./fixtures.js";

type Page<T> = { count: number; next: string | null; results: T[] };
type Metric = Schemas["ExperimentMetric"];

const server = setupServer();
let home: string;
let out: Capture;
let err: Capture;
let script: RecordedScript;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "plx-cli-rec-"));
});
afterEach(() => {
  server.resetHandlers();
  rmSync(home, { recursive: true, force: true });
  expectNoSpecViolations();
});
afterAll(() => server.close());

/** Runs the CLI against the recorded answers `seqs`, with the SDK's environment variables. */
async function cli(seqs: number[], args: string[]): Promise<number> {
  script = recordedScript(seqs);
  server.use(...script.handlers);
  out = new Capture();
  err = new Capture();
  const env = {
    POLYAXON_API_HOST: RECORDED_HOST,
    POLYAXON_HTTP_PORT: String(RECORDED_PORT),
    POLYAXON_SECRET_USER_TOKEN: REPLAY_TOKEN,
  };
  const code = await main(args, { out, err, env, settingsInput: { homeDir: home, tmpDir: home, contextDir: home } });
  expect(script.unmatched).toEqual([]);
  return code;
}

function lines(text: string): string[] {
  return text.trimEnd().split("\n");
}

describe("experiments list", () => {
  it("--limit 5: one gzipped page of 5, the table's columns from the server's items", async () => {
    expect(await cli([10], ["experiments", "list", "alice/mnist", "--limit", "5"])).toBe(0);
    const [header, ...rows] = lines(out.text);
    expect(header).toMatch(/^ID\s+NAME\s+STATUS\s+STARTED\s+DURATION\s+LAST METRICS$/);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(["89", "10", "9", "8", "7"]);
    expect(rows[1]).toMatch(
      /^10\s+e2e-fail-123514\s+failed\s+2026-11-30 12:35:38\s+1\.6s\s+step=2500 acc=0\.5 loss=3\.998e-4$/,
    );
    expect(rows[0]).toMatch(/^89\s+rcmx39d9yg-main\s+created\s+–\s+–$/);
    // The page's `next` link is not followed: the limit is reached.
    expect(script.served).toEqual([10]);
    expect(err.text).toBe("");
  });

  it("--query and --sort go to the server as they are", async () => {
    const recording = recordRequests();
    const args = ["experiments", "list", "alice/mnist", "--query", "name:rcmx39d9yg-main", "--sort", "-created_at"];
    expect(await cli([13], args)).toBe(0);
    recording.stop();
    expect(recording.calls.map((call) => call.query)).toEqual([{ query: "name:rcmx39d9yg-main", sort: "-created_at" }]);
    expect(
      lines(out.text)
        .slice(1)
        .map((row) => row.split(/\s+/)[1]),
    ).toEqual(["rcmx39d9yg-main"]);
  });

  it("--json prints the server's items", async () => {
    expect(await cli([280], ["experiments", "list", "alice/mnist", "--limit", "1000", "--json"])).toBe(0);
    expect(JSON.parse(out.text)).toEqual(recordedJson<Page<unknown>>(280).results);
    expect(err.text).toBe("");
  });

  it("a query the server refuses (400, a bare list) is one error line and exit 1", async () => {
    expect(await cli([14], ["experiments", "list", "alice/mnist", "--query", "nosuchfield:1"])).toBe(1);
    expect(out.text).toBe("");
    expect(lines(err.text)).toHaveLength(1);
    expect(err.text).toMatch(/^error: .*400.*key `nosuchfield` is not supported by query manager `experiment`/);
  });
});

describe("experiments show", () => {
  it("shows the detail, code reference, statuses and a sparkline per metric of all 5,000 points", async () => {
    expect(await cli([160, 135, 282, 279], ["experiments", "show", "alice/mnist", "105"])).toBe(0);
    const text = out.text;
    expect(lines(text)[0]).toBe("Experiment 105  e2e-live-124318  (alice.mnist.105)");
    expect(text).toMatch(/ {2}status +succeeded\n/);
    expect(text).toMatch(/ {2}tags +e2e, real, extra\n/);
    expect(text).toMatch(/ {2}code ref +3fef5091d944 on main \(dirty\) https:\/\/example\.com\/alice\/mnist\.git\n/);
    expect(text).toMatch(/Params\n {2}lr +0\.01\n {2}opt +\{"beta":0\.9,"name":"adam"\}\n {2}layers +\[64,32\]\n/);
    expect(text).toMatch(/Data refs\n {2}train +2626502e3b3e\n/);
    expect(text).toMatch(
      /Statuses\n {2}2026-11-30 12:43:20 +created\n {2}2026-11-30 12:43:21 +running +\+1\.2s\n {2}2026-11-30 12:43:23 +succeeded +\+3\.3s\n/,
    );
    expect(text).toContain("Metrics (5000 points)");
    expect(text).toMatch(/ {2}acc +[▁-█]{40} +min [\d.]+ +max 0\.9998 +last 0\.9998 +\(5000 pts\)\n/);
    expect(text).toMatch(/ {2}loss +[▁-█]{40} +min 2\.000e-4 +max [\d.]+ +last 2\.000e-4 +\(5000 pts\)\n/);
    expect(script.served).toEqual([160, 135, 282, 279]);
  });

  it("--json: the server's objects and every point counted", async () => {
    expect(await cli([160, 135, 282, 279], ["experiments", "show", "alice/mnist", "105", "--json"])).toBe(0);
    const view = JSON.parse(out.text);
    expect(view.experiment).toEqual(recordedJson(160));
    expect(view.codeReference).toEqual(recordedJson(135));
    expect(view.statuses).toEqual(recordedJson<Page<unknown>>(282).results);
    expect(view.metricPoints).toBe(5000);
    const points = recordedJson<Page<Metric>>(279).results;
    const acc = view.metrics.find((series: { key: string }) => series.key === "acc");
    expect(acc).toMatchObject({ count: 5000, last: points.at(-1)?.values.acc });
    expect(err.text).toBe("");
  });

  it("an unknown experiment (404) is one error line and exit 2", async () => {
    expect(await cli([18], ["experiments", "show", "alice/mnist", "99999999"])).toBe(2);
    expect(err.text).toBe(
      'error: No experiment 99999999 in alice/mnist (the server answered 404 {"detail":"Not found."}).\n',
    );
    expect(out.text).toBe("");
  });

  it("a token the server does not take (401) is exit 1", async () => {
    expect(await cli([17], ["experiments", "show", "alice/mnist", "89"])).toBe(1);
    expect(err.text).toMatch(/^error: .*401.*Authentication credentials were not provided\."\}\n$/);
  });
});

describe("experiments compare", () => {
  it("shows the params that differ (none here) and the last metrics side by side", async () => {
    expect(await cli([160, 198, 238, 267], ["experiments", "compare", "alice/mnist", "105", "106", "107", "108"])).toBe(
      0,
    );
    expect(lines(out.text)).toEqual([
      expect.stringMatching(/^ +105 +106 +107 +108$/),
      expect.stringMatching(/^name +e2e-live-124318 +e2e-sync-124318 +e2e-term-124318 +e2e-fail-124318$/),
      expect.stringMatching(/^status +succeeded +succeeded +stopped +failed$/),
      expect.stringMatching(/^duration( +\S+){4}$/),
      "Params: 0 differ, 3 the same",
      "Last metrics",
      expect.stringMatching(/^ {2}step +4999 +4999 +2500 +2500$/),
      expect.stringMatching(/^ {2}acc +0\.9998 +0\.9998 +0\.5 +0\.5$/),
      expect.stringMatching(/^ {2}loss +2\.000e-4 +2\.000e-4 +3\.998e-4 +3\.998e-4$/),
    ]);
  });

  it("--json", async () => {
    expect(await cli([160, 238], ["experiments", "compare", "alice/mnist", "105", "107", "--json"])).toBe(0);
    expect(JSON.parse(out.text)).toMatchObject({
      experiments: [
        { id: 105, name: "e2e-live-124318", status: "succeeded" },
        { id: 107, name: "e2e-term-124318", status: "stopped" },
      ],
      differingParams: {},
      sameParams: { lr: 0.01, opt: { beta: 0.9, name: "adam" }, layers: [64, 32] },
      lastMetrics: { step: [4999, 2500], acc: [0.9998, 0.5], loss: [0.0002, 0.0003998] },
    });
  });
});

describe("experiments export", () => {
  const points = () => recordedJson<Page<Metric>>(279).results;

  it("CSV on stdout: id, created_at and a column per metric, every point of the one page", async () => {
    expect(await cli([160, 279], ["experiments", "export", "alice/mnist", "105"])).toBe(0);
    const [header, ...rows] = lines(out.text);
    expect(header).toBe("id,created_at,step,acc,loss");
    expect(rows).toHaveLength(5000);
    expect(rows).toEqual(
      points().map((p) => [p.id, p.created_at, p.values.step, p.values.acc, p.values.loss].map(String).join(",")),
    );
    expect(err.text).toBe("Exported 5000 points of experiment 105 (columns: id, created_at, step, acc, loss).\n");
  });

  it("JSON Lines to a file, with a JSON report", async () => {
    const file = join(home, "points.jsonl");
    const args = ["experiments", "export", "alice/mnist", "105", "--format", "jsonl", "--out", file, "--json"];
    expect(await cli([160, 279], args)).toBe(0);
    expect(lines(readFileSync(file, "utf8")).map((line) => JSON.parse(line))).toEqual(points());
    expect(JSON.parse(out.text)).toEqual({ experiment: 105, format: "jsonl", out: file, points: 5000 });
  });
});

describe("logs", () => {
  it("prints the text the server labels text/html", async () => {
    expect(await cli([160, 161], ["logs", "alice/mnist", "105"])).toBe(0);
    expect(out.text).toBe(recordedText(161));
    expect(out.text).toContain("INFO -- training finished\n");
  });

  it("a running experiment: the server's 404 'Experiment has no logs.' is a note, not an error", async () => {
    expect(await cli([308, 310], ["logs", "alice/mnist", "115"])).toBe(0);
    expect(out.text).toBe("");
    expect(err.text).toBe(
      "Experiment 115 has no logs yet: the server serves them once the experiment has ended (--follow waits for that).\n",
    );
  });

  it("--follow polls through 'no logs' and 'File not found…' until the text stops growing", async () => {
    const polls = [310, 312, 314, 315, 316, 317, 318, 320];
    expect(await cli([308, ...polls], ["logs", "alice/mnist", "115", "--follow", "--interval", "0.001"])).toBe(0);
    expect(out.text).toBe("async line 1\nasync line 2\nlate line 3\n");
    // Every recorded answer once, then the last one again: two equal reads end the follow.
    expect(script.served).toEqual([308, ...polls, 320]);
    expect(err.text).toBe("Following the logs of experiment 115 (running)…\n");
  });
});
