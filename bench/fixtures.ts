import { Experiment, type ExperimentOptions } from "../src/tracking/experiment.js";

/** The benchmarks' metric point: 10 numeric keys, as a training loop would log them. */
export function benchPoint(i: number, total: number) {
  return {
    step: i,
    loss: 1 / (i + 1),
    accuracy: i / total,
    lr: 0.001,
    m4: i * 0.5,
    m5: i * 0.25,
    m6: 0.5,
    m7: i % 7,
    m8: i % 11,
    m9: -i,
  };
}

/** A created experiment with nothing automatic (no logs, git, env, exit hooks, notices). */
export async function benchExperiment(options: ExperimentOptions & { project: string; trackingDir: string }) {
  const experiment = new Experiment({
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    trackEnv: false,
    notifier: { warn: () => undefined, info: () => undefined },
    ...options,
  });
  await experiment.create();
  return experiment;
}
