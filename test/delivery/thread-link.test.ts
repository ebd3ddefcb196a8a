/**
 * The delivery thread loads its HTTP side (API client, node:http, undici) on the first `link`,
 * not at start-up. Messages other than frames that arrive while it loads (flush, close) wait for
 * the link, in order; frames are still spooled meanwhile. Against the spec-checked fake server,
 * over real HTTP, with the thread started from the TypeScript sources (a slow load: the window
 * is wide).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/client.js";
import type { CoreEvents, LinkConfig } from "../../src/delivery/core.js";
import { Recorder } from "../../src/delivery/recorder.js";
import { ThreadHost } from "../../src/delivery/thread-host.js";
import { throttleDelayMs } from "../../src/delivery/throttle.js";
import { loadSettings } from "../../src/settings/settings.js";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { newRun, tempRoot } from "./harness.js";

let fake: FakePolyaxon;
let temp: ReturnType<typeof tempRoot>;
beforeEach(async () => {
  fake = await startFakePolyaxon();
  temp = tempRoot("thread-link-");
});
afterEach(async () => {
  await fake.close();
  temp.cleanup();
});

/** A thread host and a new experiment of the fake; `link()` links them. */
async function threadAndExperiment() {
  const { data } = await createClient({ ...fake.settings, retry: false }).POST(
    "/{username}/{project_name}/experiments/",
    {
      params: { path: { username: "alice", project_name: "mnist" } },
      body: { is_managed: false, backend: "other" },
    },
  );
  const id = data?.id ?? 0;
  const run = newRun(temp.root);
  const errors: unknown[] = [];
  const events: CoreEvents = { notify: () => {}, onError: (e) => errors.push(e), throttleDelayMs };
  // No `expectServer`: the thread does not load its transport ahead, only on the link.
  const host = new ThreadHost({ runPath: run.path, startSeq: 0, persistMs: 1 }, events);
  const recorder = new Recorder({ sink: host, handOffMs: 3_600_000 });
  const settings = loadSettings({ env: {}, homeDir: temp.root, tmpDir: temp.root, overrides: fake.settings });
  const config: LinkConfig = {
    target: { owner: "alice", projectName: "mnist", experimentId: id },
    baseUrl: fake.url,
    acknowledged: 0,
    heartbeatMs: 0,
    intervalMs: 10,
    requestsPerMinute: 6_000,
  };
  return { id, host, recorder, errors, link: () => host.link(config, { settings }) };
}

const steps = (id: number) => fake.state.metrics(id).map((m) => m.values.step);

describe("the delivery thread's link", () => {
  it("a flush sent while the transport loads resolves once every point is at the server", async () => {
    const t = await threadAndExperiment();
    t.link();
    for (let step = 0; step < 3_000; step++) t.recorder.metric({ step, loss: 1 / (step + 1) });
    t.recorder.handOff();
    expect(await t.host.flush(20_000)).toBe(true);
    expect(steps(t.id)).toEqual([...Array(3_000).keys()]);
    expect(t.host.close()).toBe(true);
    expect(t.errors).toEqual([]);
  });

  it("points journaled before the link: a flush right after it waits for the link and their delivery", async () => {
    const t = await threadAndExperiment();
    for (let step = 0; step < 500; step++) t.recorder.metric({ step });
    t.recorder.handOff();
    // Journaled, not linked: nothing is left to convert when the flush below arrives.
    expect(await t.host.flush(20_000)).toBe(true);
    t.link();
    expect(await t.host.flush(20_000)).toBe(true);
    expect(steps(t.id)).toEqual([...Array(500).keys()]);
    t.host.close();
    expect(t.errors).toEqual([]);
  });

  it("a close sent while the transport loads waits for it, and reports what was not delivered", async () => {
    const t = await threadAndExperiment();
    t.link();
    for (let step = 0; step < 100; step++) t.recorder.metric({ step });
    t.recorder.handOff();
    // Synchronous: the thread links first, then journals and stops delivery (nothing was sent yet).
    expect(t.host.close()).toBe(false);
    expect(t.errors).toEqual([]);
  });
});
