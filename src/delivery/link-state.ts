import type { DeliveryState, RunDir } from "../store/run-store.js";
import type { LinkConfig } from "./core.js";

/**
 * The delivery state (`delivery.json`) of a run linked to a server: the one on disk, or a first
 * one (nothing acknowledged past the create record), written now.
 *
 * The training thread writes it as soon as the experiment exists, before it hands the link to the
 * delivery thread: on a machine whose cores are all busy, that thread may start seconds later,
 * and a `kill -9` in between left a run that did not know its experiment (`sync` then had no
 * create record to go by, or would have created the experiment a second time).
 */
export function linkedState(run: RunDir, link: LinkConfig): DeliveryState {
  const known = run.readDelivery();
  if (known) return known;
  const state: DeliveryState = {
    baseUrl: link.baseUrl,
    owner: link.target.owner,
    projectName: link.target.projectName,
    experimentId: link.target.experimentId,
    cursors: { ordered: link.acknowledged, metric: 0, log: 0 },
    rejected: 0,
    updatedAt: new Date().toISOString(),
  };
  run.writeDelivery(state);
  return state;
}
