/**
 * The facade's reads against answers recorded with the real v0.6.1 server, served byte for byte
 * (gzip layers, pagination envelopes with `next` links) by spec-checked msw handlers: the
 * 5,000-point run r1 (experiment 105) and the metric pages of 10 whose points share a
 * `created_at` (288–290, behaviour 13).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Schemas } from "../../src/api/index.js";
import { Experiment } from "../../src/tracking/experiment.js";
import { REPLAY_TOKEN } from "../api/replay/call.js";
import {
  RECORDED_HOST,
  RECORDED_PORT,
  recordedExchanges,
  recordedJson,
  recordedPagesByOffset,
  recordedScript,
} from "../support/recorded-script.js";
import { expectNoSpecViolations, recordRequests } from "../support/spec.js";

type Page<T> = { count: number; next: string | null; results: T[] };

const server = setupServer();
let dir: string;
const open: Experiment[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plx-reads-rec-"));
});
afterEach(async () => {
  for (const experiment of open.splice(0)) await experiment.close(1_000);
  server.resetHandlers();
  rmSync(dir, { recursive: true, force: true });
  expectNoSpecViolations();
});
afterAll(() => server.close());

/** Attached to a recorded experiment of alice/mnist: nothing is sent until a read. */
function attached(experimentId: number): Experiment {
  const experiment = new Experiment({
    project: "alice/mnist",
    experimentId,
    settings: { apiHost: RECORDED_HOST, httpPort: RECORDED_PORT, userToken: REPLAY_TOKEN },
    configDirs: { homeDir: dir, tmpDir: dir, contextDir: dir },
    trackingDir: join(dir, "runs"),
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    notifier: { warn: () => {}, info: () => {} },
  });
  open.push(experiment);
  return experiment;
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("experiment 105 (5,000 points) as the real server answered", () => {
  it("getEntityData() is the recorded detail", async () => {
    const script = recordedScript([160]);
    server.use(...script.handlers);
    expect(await attached(105).getEntityData()).toEqual(recordedJson<Schemas["ExperimentDetail"]>(160));
    expect(script.served).toEqual([160]);
  });

  it("metrics() reads every point in one page without `limit` (two gzip layers) and yields each once", async () => {
    const [exchange] = recordedExchanges([279]);
    expect(exchange?.gzip_layers).toBe(2);
    const script = recordedScript([279]);
    server.use(...script.handlers);
    const recording = recordRequests();
    const points = await all(attached(105).metrics());
    recording.stop();
    expect(script.unmatched).toEqual([]);
    expect(recording.calls.map((call) => call.query)).toEqual([{}]);
    expect(points).toEqual(recordedJson<Page<Schemas["ExperimentMetric"]>>(279).results);
    expect(points).toHaveLength(5000);
    expect(new Set(points.map((point) => point.id)).size).toBe(5000);
  });

  it("statuses() are the recorded ones, oldest first", async () => {
    const script = recordedScript([282]);
    server.use(...script.handlers);
    const statuses = await all(attached(105).statuses());
    expect(script.unmatched).toEqual([]);
    expect(statuses.map((s) => s.status)).toEqual(["created", "running", "succeeded"]);
    expect(statuses).toEqual(recordedJson<Page<Schemas["ExperimentStatus"]>>(282).results);
  });

  it("an unknown experiment is the server's 404 as a NotFoundError", async () => {
    const script = recordedScript([18]);
    server.use(...script.handlers);
    await expect(attached(99999999).getEntityData()).rejects.toMatchObject({ name: "NotFoundError", status: 404 });
  });
});

describe("metric pages whose points share a created_at (288–290)", () => {
  const pages = recordedExchanges([288, 289, 290]);
  const pageIds = pages.map((page) => recordedJson<Page<{ id: number }>>(page.seq).results.map((m) => m.id));

  it("yields a point that a later page repeats only once, following the next links", async () => {
    // A server whose first page is smaller than the list: the pages that follow its `next`
    // link repeat some points (behaviour 13); the recorded pages are answered by offset.
    server.use(recordedPagesByOffset([288, 289, 290]));
    const unique = [...new Set(pageIds.flat())];
    expect(pageIds.flat().length - unique.length).toBe(2);
    const seen: number[] = [];
    for await (const point of attached(105).metrics()) {
      seen.push(point.id ?? -1);
      // The three recorded pages are all there is: stop before a fourth is asked for.
      if (seen.length === unique.length) break;
    }
    expect(seen).toEqual(unique);
  });
});
