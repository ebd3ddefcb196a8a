import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { setPriority } from "node:os";
import { pathToFileURL } from "node:url";
import { type ResourceLimits, Worker, type WorkerOptions } from "node:worker_threads";

/**
 * The SDK's threads turn numbers into text at a high rate and keep little: a small young
 * generation (scavenged often, cheaply) instead of V8's default, which would let the garbage
 * grow the process by tens of MB before the first collection.
 */
const WORKER_LIMITS = {
  // Since its requests go over node:http (lean-fetch.ts), it makes little garbage: 2 MB peaks
  // about 20 MB lower than 8 MB over 1M points, at the same throughput.
  "delivery-thread": { maxYoungGenerationSizeMb: 2 },
  // Keeps nothing from chunk to chunk: a smaller young generation is enough, and an old one capped
  // at 8 MB (it lives on a few MB; uncapped, V8 let it reach 15 MB before a full collection: 1M
  // points peaked 67–75 MB over create() instead of 50–62). A record too large for it (a log line
  // of megabytes) ends the thread out of memory: the delivery thread then converts (core.ts).
  "conversion-thread": { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 8 },
};

/** Old-generation room for tsx's compiler in a thread run from the TypeScript sources (tests). */
const TSX_HEAP_MB = 16;

/**
 * Starts the thread whose entry is `<name>.js` next to this file (the published bundles sit side
 * by side). From the TypeScript sources (this repository's tests and scripts run them through
 * tsx), the thread loads `<name>.ts` through tsx too.
 */
export function spawnThread(name: "delivery-thread" | "conversion-thread", workerData: unknown): Worker {
  const fromSources = import.meta.url.endsWith(".ts");
  const entry = new URL(`./${name}${fromSources ? ".ts" : ".js"}`, import.meta.url);
  const limits: ResourceLimits = WORKER_LIMITS[name];
  if (!fromSources) return new Worker(entry, { workerData, resourceLimits: limits });
  // tsx compiles the sources inside the thread, in the same heap: room for it (Node 22's needs
  // more than 8 MB on its own), on top of what the thread itself is given.
  const { maxOldGenerationSizeMb } = limits;
  const options: WorkerOptions = {
    workerData,
    resourceLimits:
      maxOldGenerationSizeMb === undefined
        ? limits
        : { ...limits, maxOldGenerationSizeMb: maxOldGenerationSizeMb + TSX_HEAP_MB },
  };
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  );
  const bootstrap = `import(${JSON.stringify(tsx.href)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, ...options });
}

/**
 * OS priorities (nice) of the SDK's threads, below the training thread's (0). The conversion
 * thread's bulk number formatting comes last: the delivery thread spools the frames that hand
 * the training thread its buffers back, and a spool that waits behind conversion makes the
 * training loop wait too (side by side over 1M points: the loop 3–8% shorter with 19 than with
 * both threads at 10, delivery unchanged).
 */
const NICE = { "delivery-thread": 10, "conversion-thread": 19 } as const;

/**
 * Runs the calling thread (the SDK thread `thread`) at its priority in `NICE`, below the
 * training thread's, so that on a busy machine the training loop gets the CPU first and the
 * SDK's threads use what is left.
 * Linux only (a thread's id is its own `setpriority` target there); elsewhere the thread keeps
 * the default. Threads it starts afterwards inherit the priority.
 */
export function yieldToTraining(thread: keyof typeof NICE): void {
  try {
    const tid = Number(readFileSync("/proc/thread-self/stat", "utf8").split(" ")[0]);
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, NICE[thread]);
  } catch {
    // Not Linux, or not permitted: the default priority.
  }
}
