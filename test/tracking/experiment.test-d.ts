/**
 * Compile-time checks of the facade's public type, run by `npm run typecheck` (not by
 * vitest): each `@ts-expect-error` fails the type-check if the line below it ever compiles.
 */
import type { Experiment, ExperimentData, ExperimentMetricPoint, ExperimentStatusEntry } from "../../src/index.js";

export function typeChecks(experiment: Experiment): void {
  const id: number | undefined = experiment.experimentId;
  const status: string | undefined = experiment.lastStatus;

  // @ts-expect-error experimentId is read-only
  experiment.experimentId = 12;
  // @ts-expect-error lastStatus is read-only
  experiment.lastStatus = "succeeded";
  // @ts-expect-error created is read-only
  experiment.created = { id: 12 };
  // @ts-expect-error the exit hooks are not part of the public type
  experiment.finish({ status: "succeeded" });
  // @ts-expect-error the exit hooks are not part of the public type
  void experiment.flushForExit(1000);
  // @ts-expect-error the exit hooks are not part of the public type
  experiment.closeAtExit();

  void [id, status];
}

/** The read calls: the server's item shapes, with what only the server knows nullable. */
export async function readTypeChecks(experiment: Experiment): Promise<void> {
  const data: ExperimentData | undefined = await experiment.getEntityData();
  const lastMetric: { [key: string]: number } | null | undefined = data?.last_metric;
  // @ts-expect-error the id is null in a local reading
  const id: number | undefined = data?.id;
  for await (const point of experiment.metrics()) {
    const values: { [key: string]: number } = point.values;
    const createdAt: string = point.created_at;
    void [values, createdAt];
  }
  for await (const entry of experiment.statuses({ signal: AbortSignal.timeout(1000) })) {
    const status: ExperimentStatusEntry["status"] = entry.status;
    // @ts-expect-error a status the server does not know
    const other: typeof entry.status = "paused";
    void [status, other];
  }
  const point: ExperimentMetricPoint = { id: null, experiment: null, created_at: "", values: {} };
  void [lastMetric, id, point];
}
