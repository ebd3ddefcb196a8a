/**
 * Compile-time checks of the facade's public type, run by `npm run typecheck` (not by
 * vitest): each `@ts-expect-error` fails the type-check if the line below it ever compiles.
 */
import type { Experiment } from "../../src/index.js";

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
