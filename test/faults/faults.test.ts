/**
 * Fault-injection suite: a real tracked script in a child process logs 20,000 metric points
 * (each with a unique `step`) to a real HTTP server on 127.0.0.1 that the test breaks in
 * various ways. For every scenario we compare what the server received (after `sync`, where
 * the run had to leave records on disk) with what the run recorded in its journal.
 *
 * The guarantee under test: zero lost points and zero duplicates. The one honest exception is
 * at-least-once delivery's window: a batch the server applied but whose answer never reached
 * the client (answer slower than the request timeout, connection cut after the server applied
 * it, process killed while the request was in flight). The client cannot know it was applied,
 * so it sends it again; those scenarios check that every duplicate belongs to such a request.
 *
 * Each scenario also says HOW everything arrived: live (the running process delivered it all,
 * catching up by itself after the fault: `sync` is never run, and the server must already have
 * every point), or through `sync` after a crash, where the test asserts what `sync` had to send.
 *
 * No timed assertions: faults are triggered by the script's own progress reports, and every
 * assertion is about counts, statuses and exit codes. Wall times are printed, not asserted.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  FakePolyaxon,
  journalSteps,
  onDiskSteps,
  printTable,
  receivedSteps,
  type ScenarioRow,
  type TrackedScript as Script,
  type ScriptExit,
  syncWith,
  TrackedScript,
  tally,
  unexplainedDuplicates,
} from "./harness.js";

const POINTS = 20_000;
const rows: ScenarioRow[] = [];
afterAll(() => printTable(rows));

const experimentPaths = (request: { path: string }) => /\/experiments\/\d+\//.test(request.path);
const metricPosts = (request: { method: string; path: string }) =>
  request.method === "POST" && /\/experiments\/\d+\/metrics\/$/.test(request.path);

interface Outcome {
  exit: ScriptExit;
  recorded: number[];
  received: number;
  lost: number;
  duplicates: number;
  status: string | undefined;
  /**
   * Points the run recorded that the server lacked when the process ended (before any `sync`):
   * its journal once `sync` settled the spool a kill left behind, against what the server had.
   */
  missingAtExit: number;
  /** Records `sync` sent after the script ended (only with `sync: true`). */
  syncedRecords: number;
}

/**
 * Waits for the script to end, then `sync`s the run only when the scenario says so (a crash),
 * tallies, and adds the row to the summary table. Without `sync`, whatever the live process did
 * not deliver counts as lost.
 */
async function conclude(name: string, server: FakePolyaxon, script: Script, opts: { sync?: boolean } = {}) {
  const exit = await script.exited;
  const runDir = script.runDir;
  if (!runDir) throw new Error(`${name}: the script never created its run; stderr:\n${script.stderr}`);
  // A killed writer may have left frames in its spool: `sync` turns them into journal lines first.
  let syncedRecords = 0;
  const atExit = receivedSteps(server);
  if (opts.sync) syncedRecords = (await syncWith(server, runDir)).sent;
  const recorded = journalSteps(runDir);
  const missingAtExit = recorded.filter((step) => !atExit.has(step)).length;
  const counts = tally(server, recorded);
  const outcome: Outcome = {
    exit,
    recorded,
    received: counts.received,
    lost: counts.lost,
    duplicates: counts.duplicates,
    status: server.statuses().at(-1),
    missingAtExit,
    syncedRecords,
  };
  rows.push({
    scenario: name,
    recorded: recorded.length,
    received: counts.received,
    lost: counts.lost,
    duplicates: counts.duplicates,
    synced: opts.sync ? `sync: ${missingAtExit} missing, ${syncedRecords} sent` : "live",
    status: outcome.status ?? "-",
    exit: exit.signal ?? String(exit.code),
    wallS: (exit.wallMs / 1000).toFixed(1),
  });
  return outcome;
}

/**
 * The steps on disk (spool and journal) once at least `points` are: the delivery thread, at nice
 * 10, can be far behind on a loaded machine (with two test suites at once on two cores it had
 * written nothing yet after 10,000 points, and was 22,680 points short after a burst).
 */
function untilOnDisk(script: Script, points: number): Promise<Set<number>> {
  return vi.waitFor(
    () => {
      const onDisk = onDiskSteps(script.runDir ?? "");
      expect(onDisk.size).toBeGreaterThanOrEqual(points);
      return onDisk;
    },
    { timeout: 20_000, interval: 10 },
  );
}

/**
 * `kill -9` loses what is not on disk yet (docs/delivery.md, "Durability"): the calls of the
 * last half interval, and frames the delivery thread (nice 10) has not written yet; with two
 * test suites at once on two cores, up to 5,680 points. What was on disk just before the kill
 * (spool or journal) must all be in the journal once `sync` settled the spool.
 */
function expectOnDiskKept(onDisk: ReadonlySet<number>, recorded: readonly number[]): void {
  const kept = new Set(recorded);
  expect([...onDisk].filter((step) => !kept.has(step))).toEqual([]);
}

/** Every step 0..n-1 exactly once, in a journal of a run that logged `n` points. */
function expectCompleteJournal(recorded: readonly number[], n: number): void {
  expect(recorded).toHaveLength(n);
  expect(new Set(recorded).size).toBe(n);
  expect(recorded.reduce((max, step) => Math.max(max, step), -1)).toBe(n - 1);
}

/**
 * The honest window of a kill: the request in flight may have been applied without its
 * acknowledgement being written, and `sync` sends it again. Every duplicate must come from one
 * metric request the server received, and only once more.
 */
function expectDuplicatesOfOneRequest(server: FakePolyaxon): void {
  const dupes = unexplainedDuplicates(server, new Map());
  if (dupes.length === 0) return;
  const holder = server.to("POST", "metrics/").find((request) => {
    const steps = new Set((request.body as Array<{ values: { step: number } }>).map((p) => p.values.step));
    return dupes.every((step) => steps.has(step));
  });
  expect(holder, `duplicates ${dupes.length} not from one request`).toBeDefined();
  const once = new Map(dupes.map((step) => [step, 1]));
  expect(unexplainedDuplicates(server, once)).toEqual([]);
}

async function withServer(run: (server: FakePolyaxon) => Promise<void>, port?: number): Promise<void> {
  const server = new FakePolyaxon();
  if (port === undefined) await server.start();
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

async function withScript(port: number, env: Record<string, string>, run: (script: Script) => Promise<void>) {
  const script = new TrackedScript(port, env);
  try {
    await run(script);
  } finally {
    script.cleanup();
  }
}

describe("fault injection: a tracked script logging 20,000 points", { timeout: 60_000 }, () => {
  it("baseline: no fault", async () => {
    await withServer(async (server) => {
      await withScript(server.port, {}, async (script) => {
        const o = await conclude("baseline", server, script);
        expect(o.exit.code).toBe(0);
        expectCompleteJournal(o.recorded, POINTS);
        expect(o.missingAtExit).toBe(0);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
        expect(o.status).toBe("succeeded");
        // Batched: a handful of requests for 20,000 points.
        expect(server.to("POST", "metrics/").length).toBeLessThanOrEqual(POINTS / 500);
      });
    });
  });

  it("5xx on every experiment request for 3 s mid-run", async () => {
    await withServer(async (server) => {
      await withScript(server.port, {}, async (script) => {
        await script.untilLogged(2_000);
        // 500 on a POST is not retried by the client (the server may have applied it), so live
        // delivery drops its queue (the journal has everything) and catches up once the server answers again.
        server.inject({ status: 500, match: experimentPaths });
        await sleep(3_000);
        server.clearFaults();
        const o = await conclude("5xx for 3 s", server, script);
        expect(o.exit.code).toBe(0);
        expectCompleteJournal(o.recorded, POINTS);
        // Live delivery recovers by itself (probe after backoff, then the exit flush's retries).
        expect(o.missingAtExit).toBe(0);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
        expect(o.status).toBe("succeeded");
        expect(script.stderr).toContain("not answering");
      });
    });
  });

  it("503 with Retry-After on metric posts", async () => {
    await withServer(async (server) => {
      await withScript(server.port, {}, async (script) => {
        await script.untilLogged(2_000);
        // Three refusals: within the client's own retry budget (4 attempts), each waiting 1 s.
        server.inject({ status: 503, retryAfter: 1, times: 3, match: metricPosts });
        const o = await conclude("503 + Retry-After: 1", server, script);
        expect(o.exit.code).toBe(0);
        expectCompleteJournal(o.recorded, POINTS);
        expect(o.missingAtExit).toBe(0);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
        expect(o.status).toBe("succeeded");
      });
    });
  });

  it("429 with Retry-After (the server's throttle): every channel pauses, nothing is lost", async () => {
    await withServer(async (server) => {
      await withScript(server.port, {}, async (script) => {
        await script.untilLogged(2_000);
        // Three throttled answers in a row, each asking for a 1 s pause, as the real server does.
        server.inject({ status: 429, retryAfter: 1, times: 3, match: metricPosts });
        const o = await conclude("429 x3", server, script);
        expect(o.exit.code).toBe(0);
        expectCompleteJournal(o.recorded, POINTS);
        expect(o.missingAtExit).toBe(0);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
        expect(o.status).toBe("succeeded");
      });
    });
  });

  it("connection refused, then the server comes up", async () => {
    // Reserve a port, then free it: the script starts before anything listens there.
    const probe = await new FakePolyaxon().start();
    const port = probe.port;
    await probe.stop();
    await withServer(async (server) => {
      await withScript(port, {}, async (script) => {
        await script.until((e) => e.event === "connecting");
        await sleep(300);
        await server.start(port);
        // Whether create() got through on a client retry or the run was recorded locally and
        // created late in the background, the live process delivers every point: no `sync`.
        const o = await conclude("refused, then up", server, script);
        expect(o.exit.code).toBe(0);
        expectCompleteJournal(o.recorded, POINTS);
        expect(o.missingAtExit).toBe(0);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
        expect(o.status).toBe("succeeded");
        expect(server.to("POST", "statuses/").length).toBeGreaterThan(0);
      });
    }, port);
  });

  it("the server is killed mid-run and restarted", async () => {
    await withServer(async (server) => {
      // A request that meets the kill is normally refused or reset at once. On a loaded machine
      // (the full suite) one in four runs saw the first request neither answered nor failed for
      // over 10 s (cause not found: the same kill in isolation resets it). With the default
      // 25 s request timeout that outlasts the exit flush; a 3 s one lets delivery retry it.
      await withScript(server.port, { POLYAXON_REQUEST_TIMEOUT: "3" }, async (script) => {
        await script.untilLogged(5_000);
        const before = server.to("POST", "metrics/").length;
        await server.stop();
        await sleep(1_500);
        await server.restart();
        const o = await conclude("server killed + restarted", server, script);
        expect(o.exit.code).toBe(0);
        expectCompleteJournal(o.recorded, POINTS);
        expect(o.missingAtExit).toBe(0);
        expect(o.lost).toBe(0);
        // Honest window: a batch the server applied just before its sockets were destroyed is
        // sent again. Any duplicate must come from one metric request received before the kill.
        const inFlight = new Set(
          server
            .to("POST", "metrics/")
            .slice(Math.max(0, before - 1), before + 1)
            .flatMap((r) => (r.body as Array<{ values: { step: number } }>).map((p) => p.values.step)),
        );
        expect(unexplainedDuplicates(server, inFlight)).toEqual([]);
        expect(o.status).toBe("succeeded");
      });
    });
  });

  it("answers slower than the request timeout", async () => {
    await withServer(async (server) => {
      // A timeout of 2 s, not less: the fake checks every request against the spec. With 0.5 s,
      // on a loaded machine, the run ended with 10,000 points undelivered after its 10 s exit
      // flush and 6,704 duplicates: requests that were not delayed timed out too, again and again.
      // The exit flush may take 30 s: two timeouts, their backoffs and the catch-up outlasted the
      // default 10 s with two suites at once on two cores (the scenario is about duplicates, not
      // about that deadline; the flush returns as soon as everything is delivered).
      const env = { POLYAXON_REQUEST_TIMEOUT: "2", POLYAXON_FLUSH_TIMEOUT: "30" };
      await withScript(server.port, env, async (script) => {
        await script.untilLogged(2_000);
        // Some batches acknowledged first: a catch-up that ignored the cursors would send them again.
        while (server.metricPoints().length < 4_000) await sleep(20);
        // The server applies each of these two batches, but answers after the client gave up.
        // A timed-out POST is not retried by the client, but delivery replays it from the
        // journal: at-least-once, so those batches may arrive twice — and nothing else may.
        server.inject({ delayMs: 2_500, times: 2, match: metricPosts });
        const o = await conclude("answers slower than timeout", server, script);
        expect(o.exit.code).toBe(0);
        expectCompleteJournal(o.recorded, POINTS);
        expect(o.missingAtExit).toBe(0);
        expect(o.lost).toBe(0);
        // The documented window, exactly: a point arrives once more at most as many times as it
        // was in a request whose answer came too late (a catch-up request can be delayed too).
        const window = server.delayedSteps();
        expect(unexplainedDuplicates(server, window)).toEqual([]);
        expect(o.duplicates).toBeLessThanOrEqual([...window.values()].reduce((a, b) => a + b, 0));
        expect(o.status).toBe("succeeded");
      });
    });
  });

  it("SIGTERM mid-run", async () => {
    await withServer(async (server) => {
      await withScript(server.port, {}, async (script) => {
        await script.untilLogged(10_000);
        const logged = script.logged;
        script.kill("SIGTERM");
        const o = await conclude("SIGTERM", server, script);
        expect(o.exit.code).toBe(143);
        // Everything logged before the signal was recorded, and everything recorded delivered.
        expect(o.recorded.length).toBeGreaterThanOrEqual(logged);
        expectCompleteJournal(o.recorded, o.recorded.length);
        expect(o.missingAtExit).toBe(0);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
        expect(o.status).toBe("stopped");
      });
    });
  });

  it("an uncaught exception mid-run", async () => {
    await withServer(async (server) => {
      await withScript(server.port, { FAULT_THROW_AT: "10000" }, async (script) => {
        const o = await conclude("uncaught exception", server, script);
        // Same exit code and stderr as without the SDK.
        expect(o.exit.code).toBe(1);
        expect(script.stderr).toContain("Error: injected failure after 10000 points");
        expectCompleteJournal(o.recorded, 10_000);
        expect(o.missingAtExit).toBe(0);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
        expect(o.status).toBe("failed");
      });
    });
  });

  it("kill -9 mid-run, then sync", async () => {
    await withServer(async (server) => {
      await withScript(server.port, {}, async (script) => {
        await script.untilLogged(10_000);
        const onDisk = await untilOnDisk(script, 1);
        script.kill("SIGKILL");
        const o = await conclude("kill -9, then sync", server, script, { sync: true });
        expect(o.exit.signal).toBe("SIGKILL");
        expectOnDiskKept(onDisk, o.recorded);
        expect(o.syncedRecords).toBeGreaterThanOrEqual(o.missingAtExit);
        expectCompleteJournal(o.recorded, o.recorded.length);
        expect(o.lost).toBe(0);
        expectDuplicatesOfOneRequest(server);
        // The killed process never said how it ended: the last status is still `running`.
        expect(o.status).toBe("running");
      });
    });
  });

  it("kill -9 while the server refuses metrics, then sync", async () => {
    await withServer(async (server) => {
      // Every metric post is refused (not applied) from the start: no metric leaves the journal.
      // (Injected once the test read the script's "created" event, it could miss the first posts.)
      server.inject({ status: 503, match: metricPosts });
      await withScript(server.port, {}, async (script) => {
        await script.until((e) => e.event === "created");
        await script.untilLogged(10_000);
        const onDisk = await untilOnDisk(script, 1);
        script.kill("SIGKILL");
        await script.exited;
        server.clearFaults();
        const o = await conclude("kill -9 while refused, sync", server, script, { sync: true });
        expect(o.exit.signal).toBe("SIGKILL");
        expectOnDiskKept(onDisk, o.recorded);
        expectCompleteJournal(o.recorded, o.recorded.length);
        // Sync had all the work: the server took no metric before the kill, and sync delivered
        // every recorded point (the records it sent include every missing point).
        expect(o.missingAtExit).toBe(o.recorded.length);
        expect(o.syncedRecords).toBeGreaterThanOrEqual(o.missingAtExit);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
      });
    });
  });

  it("kill -9 right after a burst, while the spool is not yet journaled, then sync", async () => {
    await withServer(async (server) => {
      // A short interval: the last buffers are handed over sooner than the spool is journaled.
      await withScript(server.port, { FAULT_BURST: "300000", POLYAXON_INTERVAL: "0.2" }, async (script) => {
        await script.until((e) => e.event === "burst");
        // Every point handed over is in the spool or the journal before the kill (the script waits
        // for the last hand-over, not for the delivery thread to write it).
        await untilOnDisk(script, 300_000);
        script.kill("SIGKILL");
        await script.exited;
        const journaledAtKill = journalSteps(script.runDir ?? "").length;
        const o = await conclude("kill -9 after a burst, sync", server, script, { sync: true });
        expect(o.exit.signal).toBe("SIGKILL");
        // The writer had taken every point into its spool, far from all journaled: sync turned
        // the spool into journal lines, then delivered everything the server lacked.
        expect(journaledAtKill).toBeLessThan(300_000);
        expectCompleteJournal(o.recorded, 300_000);
        expect(o.syncedRecords).toBeGreaterThanOrEqual(300_000 - journaledAtKill);
        expect(o.lost).toBe(0);
        expectDuplicatesOfOneRequest(server);
      });
    });
  });

  it("kill -9 as soon as create() returned: sync sends to that experiment, and creates none", async () => {
    await withServer(async (server) => {
      await withScript(server.port, { FAULT_KILL_AFTER_CREATE: "1" }, async (script) => {
        const o = await conclude("kill -9 right after create, sync", server, script, { sync: true });
        expect(o.exit.signal).toBe("SIGKILL");
        // The run knew its experiment before the delivery thread did (delivery.json, written
        // by create() itself): sync went on with it instead of failing or creating a second one.
        expect(server.creates()).toHaveLength(1);
        // Whatever reached the disk before the kill (often nothing yet) is delivered.
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
      });
    });
  });

  it("5xx across the end of the run: the exit flush keeps trying until its deadline", async () => {
    await withServer(async (server) => {
      await withScript(server.port, {}, async (script) => {
        await script.untilLogged(POINTS - 2_000);
        server.inject({ status: 500, match: experimentPaths });
        await script.until((e) => e.event === "done");
        await sleep(2_000);
        server.clearFaults();
        const o = await conclude("5xx across exit", server, script);
        expect(o.exit.code).toBe(0);
        expectCompleteJournal(o.recorded, POINTS);
        // The flush deadline (10 s) outlasts the outage: no `sync` needed.
        expect(o.missingAtExit).toBe(0);
        expect([o.lost, o.duplicates]).toEqual([0, 0]);
        expect(o.status).toBe("succeeded");
      });
    });
  });
});
