import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CoreEvents, DeliveryCore, type LinkConfig } from "../../src/delivery/core.js";
import type { BatchLimits } from "../../src/delivery/pieces.js";
import { Recorder, type RecorderOptions } from "../../src/delivery/recorder.js";
import { throttleDelayMs } from "../../src/delivery/throttle.js";
import type { Frame } from "../../src/records/frame.js";
import { type DeliveryState, RunDir } from "../../src/store/run-store.js";
import { FakeTransport } from "./fake-transport.js";

export const target = { owner: "alice", projectName: "mnist", experimentId: 42 };

/** A temporary tracking root, removed by `cleanup()`. */
export function tempRoot(prefix: string) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function newRun(root: string): RunDir {
  return RunDir.create(root, {
    project: "alice/mnist",
    owner: "alice",
    projectName: "mnist",
    createdAt: new Date().toISOString(),
    sdkVersion: "test",
  });
}

export function deliveryState(cursors: Partial<DeliveryState["cursors"]> = {}): DeliveryState {
  return {
    baseUrl: "http://127.0.0.1:1/api/v1",
    ...target,
    cursors: { ordered: 0, metric: 0, log: 0, ...cursors },
    rejected: 0,
    updatedAt: new Date().toISOString(),
  };
}

export interface RunHarnessOptions {
  limits?: BatchLimits;
  /** The recorder's hand-over period (default: never by time; call `handOff()`). */
  handOffMs?: number;
  /** Bytes of request bodies the engine queues before it drops them (default 8 MB). */
  maxQueueBytes?: number;
  /** How the core starts a conversion thread (as the delivery thread does); default: it converts itself. */
  startConversionThread?: CoreEvents["startConversionThread"];
}

/** A recorder whose frames are only collected (neither spooled nor journaled). */
export function collectingRecorder(options: Omit<RecorderOptions, "sink">): { recorder: Recorder; frames: Frame[] } {
  const frames: Frame[] = [];
  const recorder = new Recorder({
    ...options,
    sink: {
      accept: (frame) => frames.push(frame),
      get spooledFrame() {
        return frames.at(-1)?.no ?? 0;
      },
    },
  });
  return { recorder, frames };
}

/**
 * Frames as the training thread makes them (collected, neither spooled nor journaled), with seqs
 * after `startSeq`: what a test writes to a spool by hand.
 */
export function framesOf(record: (recorder: Recorder) => void, startSeq = 0): Frame[] {
  const { recorder, frames } = collectingRecorder({ handOffMs: 3_600_000, startSeq });
  record(recorder);
  recorder.handOff();
  return frames;
}

/**
 * A run as the facade drives it, with delivery on this thread (`DeliveryCore`, as `InlineHost`
 * uses it) and an in-memory transport: record, hand over, link, flush.
 */
export function runHarness(root: string, options: RunHarnessOptions = {}) {
  const run = newRun(root);
  const transport = new FakeTransport();
  const notices: string[] = [];
  const errors: unknown[] = [];
  const events: CoreEvents = {
    notify: (message) => notices.push(message),
    onError: (error) => errors.push(error),
    throttleDelayMs,
    ...(options.startConversionThread ? { startConversionThread: options.startConversionThread } : {}),
  };
  const core = new DeliveryCore(
    {
      runPath: run.path,
      startSeq: 0,
      persistMs: 1,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.maxQueueBytes ? { maxQueueBytes: options.maxQueueBytes } : {}),
    },
    events,
  );
  const frames: Frame[] = [];
  const sink = {
    accept: (frame: Frame) => {
      frames.push(frame);
      core.accept(frame);
    },
    get spooledFrame() {
      return core.spooledFrame;
    },
  };
  const recorder = new Recorder({ sink, handOffMs: options.handOffMs ?? 3_600_000 });
  const link = (config: Partial<LinkConfig> = {}) =>
    core.link(
      {
        target,
        baseUrl: "http://127.0.0.1:1/api/v1",
        acknowledged: 0,
        heartbeatMs: 0,
        intervalMs: 0,
        requestsPerMinute: 60_000,
        ...config,
      },
      transport,
    );
  /** Hands everything over and waits until it is delivered (or `timeoutMs`). */
  const flush = (timeoutMs = 20_000) => {
    recorder.handOff();
    return core.flush(timeoutMs);
  };
  const journalLines = () =>
    readFileSync(run.recordsFile, "utf8")
      .split("\n")
      .filter((line) => line !== "");
  return { run, transport, notices, errors, core, recorder, frames, link, flush, journalLines };
}
