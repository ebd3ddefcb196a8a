/**
 * Quick-start demo: trains a logistic regression on a small synthetic 2-class dataset with
 * plain TypeScript gradient descent, and tracks it with the `Experiment` facade.
 *
 *   npm run demo                                   # no server configured: recorded offline
 *   POLYAXON_API_HOST=… POLYAXON_SECRET_USER_TOKEN=… npm run demo   # tracked to the server
 *
 * Either way the run is also kept under ./.polyaxon/runs (POLYAXON_TRACKING_DIR), where
 * `npm run cli -- runs|show|sync` can inspect it and send it to a server later.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatSummary } from "../src/cli/commands/show.js";
import { summarizeRun } from "../src/cli/run-summary.js";
import { Experiment } from "../src/index.js";
import { RunDir } from "../src/store/run-store.js";

interface Example {
  x: [number, number];
  y: 0 | 1;
}

const config = { seed: 42, samples: 400, testFraction: 0.25, lr: 0.05, epochs: 20, batchSize: 32, l2: 0.001 };

/** mulberry32: a tiny seeded PRNG, so every run sees the same data and the same shuffles. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sample (Box–Muller). */
function gaussian(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Two overlapping Gaussian blobs centred at (-1, -1) and (1, 1). */
function makeBlobs(samples: number, random: () => number): Example[] {
  return Array.from({ length: samples }, (_, i) => {
    const y = (i % 2) as 0 | 1;
    const centre = y === 1 ? 1 : -1;
    return { x: [centre + gaussian(random) * 1.1, centre + gaussian(random) * 1.1], y };
  });
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

class LogisticRegression {
  w: [number, number] = [0, 0];
  b = 0;

  predict(x: [number, number]): number {
    return sigmoid(this.w[0] * x[0] + this.w[1] * x[1] + this.b);
  }

  /** One gradient-descent step on a mini-batch; returns its mean log-loss. */
  step(batch: readonly Example[], lr: number, l2: number): number {
    let gw0 = 0;
    let gw1 = 0;
    let gb = 0;
    let loss = 0;
    for (const { x, y } of batch) {
      const p = this.predict(x);
      const error = p - y;
      gw0 += error * x[0];
      gw1 += error * x[1];
      gb += error;
      loss -= y * Math.log(p + 1e-12) + (1 - y) * Math.log(1 - p + 1e-12);
    }
    const n = batch.length;
    this.w = [this.w[0] - lr * (gw0 / n + l2 * this.w[0]), this.w[1] - lr * (gw1 / n + l2 * this.w[1])];
    this.b -= (lr * gb) / n;
    return loss / n;
  }

  evaluate(data: readonly Example[]): { loss: number; accuracy: number } {
    let loss = 0;
    let correct = 0;
    for (const { x, y } of data) {
      const p = this.predict(x);
      loss -= y * Math.log(p + 1e-12) + (1 - y) * Math.log(1 - p + 1e-12);
      if ((p >= 0.5 ? 1 : 0) === y) correct++;
    }
    return { loss: loss / data.length, accuracy: correct / data.length };
  }
}

async function main(): Promise<void> {
  const random = prng(config.seed);
  const dataset = makeBlobs(config.samples, random);
  const split = Math.round(dataset.length * (1 - config.testFraction));
  const train = dataset.slice(0, split);
  const test = dataset.slice(split);

  const experiment = new Experiment({ project: "demo/quick-start" });
  await experiment.create({
    name: "logreg",
    tags: ["demo", "logistic-regression"],
    description: "Logistic regression on two synthetic Gaussian blobs, trained with plain TypeScript",
    framework: "plain-ts",
  });
  experiment.logParams({ ...config, optimizer: "minibatch-sgd", model: "logistic-regression" });
  experiment.logDataRef(dataset, { dataName: "synthetic_blobs" });

  const model = new LogisticRegression();
  let step = 0;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const order = shuffle([...train], random);
    for (let start = 0; start < order.length; start += config.batchSize) {
      const loss = model.step(order.slice(start, start + config.batchSize), config.lr, config.l2);
      const { accuracy } = model.evaluate(train);
      experiment.logMetrics({ step, loss, accuracy });
      step++;
    }
    console.log(`epoch ${epoch + 1}/${config.epochs}: train loss ${model.evaluate(train).loss.toFixed(4)}`);
  }
  const evaluation = model.evaluate(test);
  experiment.logMetrics({ step, test_loss: evaluation.loss, test_accuracy: evaluation.accuracy });
  console.log(`test accuracy ${(evaluation.accuracy * 100).toFixed(1)}% (${test.length} held-out points)`);

  const weightsFile = join(mkdtempSync(join(tmpdir(), "plx-demo-")), "weights.json");
  writeFileSync(weightsFile, `${JSON.stringify({ w: model.w, b: model.b, config }, null, 2)}\n`);
  await experiment.logArtifact(weightsFile);

  experiment.logSucceeded();
  const delivered = await experiment.close();

  const runDir = experiment.runDir;
  if (runDir === undefined) {
    console.log(`Tracking mode ${experiment.mode}: nothing recorded locally.`);
    return;
  }
  console.log("");
  console.log(`Run recorded in ${runDir} (mode: ${experiment.mode})`);
  console.log("");
  process.stdout.write(formatSummary(await summarizeRun(new RunDir(runDir))));
  console.log("");
  if (experiment.mode === "offline" || !delivered) {
    console.log("Send it to a Polyaxon server with:");
    console.log("  POLYAXON_API_HOST=<host> POLYAXON_SECRET_USER_TOKEN=<token> \\");
    console.log(`    npm run cli -- sync ${experiment.runId}`);
  } else {
    console.log(`Tracked to the server as experiment ${experiment.experimentId}.`);
  }
}

await main();
