/**
 * The conversion thread (`ConversionThread`, started by the delivery thread once its spool backlog
 * passes 512 KB, and used once it has loaded): chunks of the spool go there and their journal lines
 * come back in order. These
 * tests run the real thread under a `DeliveryCore` on this thread and check the promises it must
 * not break: every point in the journal once and in order, every point delivered once, when the
 * thread converts, when it dies midway, and when the run closes while it holds chunks.
 */
import { existsSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConversionThread } from "../../src/delivery/conversion-host.js";
import type { CoreEvents } from "../../src/delivery/core.js";
import { runHarness, tempRoot } from "./harness.js";

/** Points of 3 keys are 40 spool bytes: 30,000 of them are a 1.2 MB backlog, past the thread's threshold. */
const POINTS = 30_000;
const valuesOf = (step: number) => ({ step, loss: 1 / (step + 1), lr: 0.001 });

const temp = tempRoot("plx-conversion-");
afterEach(() => vi.restoreAllMocks());
afterEach(() => temp.cleanup());

/** Starts real conversion threads and keeps them (to look at, and to stop). */
function threads(options: { failAfter?: number } = {}) {
  const started: ConversionThread[] = [];
  let converted = 0;
  const start: NonNullable<CoreEvents["startConversionThread"]> = (limits, events) => {
    const thread: ConversionThread = new ConversionThread(limits, {
      started: () => events.started(),
      converted: (result, endOffset) => {
        events.converted(result, endOffset);
        converted++;
        // The thread dies after its first chunk, with chunks in flight: they are dropped.
        if (converted === options.failAfter) {
          thread.stop();
          events.failed(new Error("the conversion thread died"), false);
        }
      },
      failed: (error, expected) => events.failed(error, expected),
    });
    started.push(thread);
    return thread;
  };
  return { start, started, converted: () => converted };
}

/** The journal's metric points: their seqs in order, each checked against what was logged. */
function journaledSteps(lines: string[]): number[] {
  return lines.map((line) => {
    const record = JSON.parse(line) as { seq: number; kind: string; values: Record<string, number> };
    expect(record.kind).toBe("metric");
    expect(record.values).toEqual(valuesOf(record.seq - 1));
    return record.seq;
  });
}

const oneToN = Array.from({ length: POINTS }, (_, i) => i + 1);

type Harness = ReturnType<typeof runHarness>;

/**
 * Logs steps [from, to) and hands them over. The first 15,000 points (600 KB of spool) start the
 * thread; until it has loaded, the core converts itself, so the rest is logged once it has.
 */
async function logSteps(h: Harness, spawn: ReturnType<typeof threads>, to: number): Promise<void> {
  const first = 15_000;
  for (let step = 0; step < first; step++) h.recorder.metric(valuesOf(step));
  h.recorder.handOff();
  await vi.waitFor(() => expect(spawn.started[0]?.started).toBe(true), { timeout: 20_000, interval: 5 });
  for (let step = first; step < to; step++) h.recorder.metric(valuesOf(step));
  h.recorder.handOff();
}

describe("conversion thread", { timeout: 30_000 }, () => {
  it("converts a large backlog: every point journaled once, in order, and delivered once", async () => {
    const spawn = threads();
    const h = runHarness(temp.root, { startConversionThread: spawn.start });
    h.link();
    await logSteps(h, spawn, POINTS);
    expect(await h.flush(30_000)).toBe(true);
    expect(spawn.started).toHaveLength(1);
    expect(spawn.converted()).toBeGreaterThan(0);
    expect(journaledSteps(h.journalLines())).toEqual(oneToN);
    const sent = h.transport.calls.flatMap((call) => (call.type === "metrics" ? call.elements : []));
    expect(sent.map((element) => (element as { values: { step: number } }).values.step)).toEqual(
      oneToN.map((seq) => seq - 1),
    );
    expect(h.errors).toEqual([]);
    h.core.close();
  });

  it("until the thread has loaded, the core converts itself: a thread slow to start holds nothing up", async () => {
    /** A thread that never gets to load (a machine too busy to give it the CPU). */
    class NeverStarted extends ConversionThread {
      override get started(): boolean {
        return false;
      }
    }
    const started: ConversionThread[] = [];
    const h = runHarness(temp.root, {
      startConversionThread: (limits, events) => {
        const thread = new NeverStarted(limits, events);
        started.push(thread);
        return thread;
      },
    });
    h.link();
    for (let step = 0; step < POINTS; step++) h.recorder.metric(valuesOf(step));
    expect(await h.flush(30_000)).toBe(true);
    expect(started).toHaveLength(1);
    expect(journaledSteps(h.journalLines())).toEqual(oneToN);
    expect(h.transport.metricSteps()).toHaveLength(POINTS);
    h.core.close();
  });

  it("a thread that dies midway: the core converts what it held itself, nothing lost or twice", async () => {
    const spawn = threads({ failAfter: 1 });
    const h = runHarness(temp.root, { startConversionThread: spawn.start });
    h.link();
    await logSteps(h, spawn, POINTS);
    expect(await h.flush(30_000)).toBe(true);
    expect(spawn.converted()).toBe(1);
    expect(h.errors.map((error) => (error as Error).message)).toEqual(["the conversion thread died"]);
    expect(journaledSteps(h.journalLines())).toEqual(oneToN);
    const sent = h.transport.calls.flatMap((call) => (call.type === "metrics" ? call.elements : []));
    expect(sent).toHaveLength(POINTS);
    h.core.close();
  });

  it("a record larger than the thread's capped heap: it runs out of memory, the core converts, nothing lost", async () => {
    const spawn = threads();
    const h = runHarness(temp.root, { startConversionThread: spawn.start });
    h.link();
    const line = "x".repeat(16 * 1024 * 1024);
    await logSteps(h, spawn, POINTS / 2);
    h.recorder.record({ kind: "log", line });
    for (let step = POINTS / 2; step < POINTS; step++) h.recorder.metric(valuesOf(step));
    h.recorder.handOff();
    expect(await h.flush(30_000)).toBe(true);
    expect(h.errors).toEqual([]);
    expect(h.notices).toEqual([
      "the conversion thread ran out of its capped memory (a record of megabytes does that): the delivery thread converts from now on.",
    ]);
    const lines = h.journalLines();
    const logs = lines.filter((text) => text.includes('"kind":"log"'));
    expect(logs.map((text) => (JSON.parse(text) as { line: string }).line.length)).toEqual([line.length]);
    const points = lines
      .filter((text) => !text.includes('"kind":"log"'))
      .map((text) => (JSON.parse(text) as { values: { step: number } }).values.step);
    expect(points).toEqual(Array.from({ length: POINTS }, (_, step) => step));
    h.core.close();
  });

  it("conversion held back by a full request queue resumes when an outage drops the queue", async () => {
    const spawn = threads();
    // A 6 MB queue: a chunk's pieces are about 1 MB; three of them fill half of it, and conversion waits for a round.
    const h = runHarness(temp.root, { startConversionThread: spawn.start, maxQueueBytes: 6 * 1024 * 1024 });
    h.link();
    const release = h.transport.hold();
    // Ten chunks of spool: more than the thread takes before the queue holds it back.
    const points = 130_000;
    await logSteps(h, spawn, points);
    // The first round is held at the server; the next chunk's pieces fill the queue: conversion waits.
    await vi.waitFor(() => expect(spawn.converted()).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 5 });
    let journaled = 0;
    await vi.waitFor(
      async () => {
        // Held back: nothing at the thread, and nothing more journaled for a while.
        journaled = h.journalLines().length;
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(spawn.started[0]?.busy).toBe(false);
        expect(h.journalLines().length).toBe(journaled);
      },
      { timeout: 10_000, interval: 5 },
    );
    expect(journaled).toBeLessThan(points);
    // The exit flush starts while conversion waits, then the held request fails: the queue is dropped.
    const flushed = h.flush(20_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    h.transport.down = true;
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    h.transport.down = false;
    expect(await flushed).toBe(true);
    expect(journaledSteps(h.journalLines())).toEqual(Array.from({ length: points }, (_, i) => i + 1));
    expect(new Set(h.transport.metricSteps()).size).toBe(points);
    h.core.close();
  });

  it("close() while the thread holds chunks: the core journals them itself before it returns", async () => {
    const spawn = threads();
    const h = runHarness(temp.root, { startConversionThread: spawn.start });
    await logSteps(h, spawn, POINTS);
    await vi.waitFor(() => expect(spawn.started[0]?.busy).toBe(true), { timeout: 10_000, interval: 1 });
    expect(h.core.close()).toBe(true);
    expect(journaledSteps(h.journalLines())).toEqual(oneToN);
    // Everything is in the journal: the spool is gone.
    expect(existsSync(h.run.spoolFile)).toBe(false);
  });
});
