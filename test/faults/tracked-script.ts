/**
 * The training script of the fault-injection suite, run as a child process
 * (`node --import tsx test/faults/tracked-script.ts`). It creates an experiment from the
 * environment (POLYAXON_API_HOST, POLYAXON_HTTP_PORT, POLYAXON_SECRET_USER_TOKEN,
 * POLYAXON_TRACKING_DIR) and logs FAULT_POINTS metric points, each with a unique `step`, in
 * chunks of FAULT_CHUNK every FAULT_PAUSE_MS so the run lasts long enough for the test to
 * break things mid-run. It never calls flush/close: the exit life-cycle must do the work.
 *
 * It tells the test what it did on stdout, one JSON object per line:
 *   {"event":"connecting"}                      just before create()
 *   {"event":"created","runId":…,"runDir":…}    after create()
 *   {"event":"logged","n":…}                    after each chunk (n points logged so far)
 *   {"event":"done","n":…}                      the loop ended; the process exits naturally
 * FAULT_THROW_AT=<n> throws an uncaught exception from a timer once n points are logged.
 * FAULT_BURST=<n> logs n points in one synchronous loop instead, says {"event":"burst","n":…}
 * once the writer has taken them (in its spool) and then waits to be killed.
 * FAULT_KILL_AFTER_CREATE=1 kills the process (SIGKILL) as soon as create() returned, before
 * the delivery thread could take the link.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Experiment } from "../../src/index.js";

const total = Number(process.env.FAULT_POINTS ?? 20_000);
const chunk = Number(process.env.FAULT_CHUNK ?? 250);
const pauseMs = Number(process.env.FAULT_PAUSE_MS ?? 25);
const throwAt = process.env.FAULT_THROW_AT === undefined ? undefined : Number(process.env.FAULT_THROW_AT);

// The SDK's own notices go to stderr; stdout carries only the events, so keep log capture off.
function say(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

const experiment = new Experiment({ project: "alice/faults", trackLogs: false, trackGit: false, trackEnv: false });
say({ event: "connecting" });
await experiment.create({ name: "fault-run" });
say({ event: "created", runId: experiment.runId, runDir: experiment.runDir, experimentId: experiment.experimentId });
if (process.env.FAULT_KILL_AFTER_CREATE === "1") process.kill(process.pid, "SIGKILL");

const burst = process.env.FAULT_BURST === undefined ? undefined : Number(process.env.FAULT_BURST);
if (burst !== undefined) {
  for (let step = 0; step < burst; step++)
    experiment.logMetrics({ step, loss: 1 / (step + 1), accuracy: step / burst });
  // The training thread hands its last, partly filled buffers over every half interval: wait
  // three quarters of one, so the spool holds every point while most are not journaled yet.
  await sleep(Number(process.env.POLYAXON_INTERVAL ?? 1) * 750);
  say({ event: "burst", n: burst });
  setInterval(() => undefined, 1_000);
  await new Promise(() => undefined);
}

let step = 0;
while (step < total) {
  const end = Math.min(total, step + chunk);
  for (; step < end; step++) {
    experiment.logMetrics({ step, loss: 1 / (step + 1), accuracy: step / total });
  }
  say({ event: "logged", n: step });
  if (throwAt !== undefined && step >= throwAt) {
    setTimeout(() => {
      throw new Error(`injected failure after ${step} points`);
    }, 0);
    // Keep the loop from going on: the uncaught exception ends the run.
    await new Promise(() => undefined);
  }
  await sleep(pauseMs);
}
say({ event: "done", n: step });
