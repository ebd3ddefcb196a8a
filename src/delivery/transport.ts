import type { CodeRefRecord, CreateBody, StatusRecord, UpdateRecord } from "../records/types.js";

/** Which experiment records go to. */
export interface DeliveryTarget {
  owner: string;
  projectName: string;
  experimentId: number;
}

export type OrderedRecord = UpdateRecord | CodeRefRecord | StatusRecord;

/**
 * What delivery needs from the server: one method per kind of request. `ApiTransport`
 * implements it over the typed low-level client; tests may implement it directly.
 * Batched bodies arrive pre-serialised: `body` is the JSON array of the records' wire elements,
 * as UTF-8 bytes, so they are never stringified twice.
 */
export interface Transport {
  currentUser(): Promise<string>;
  createExperiment(owner: string, projectName: string, body: CreateBody): Promise<CreatedExperiment>;
  sendOrdered(target: DeliveryTarget, record: OrderedRecord): Promise<void>;
  postMetrics(target: DeliveryTarget, body: Uint8Array): Promise<void>;
  postLogs(target: DeliveryTarget, body: Uint8Array): Promise<void>;
  heartbeat(target: DeliveryTarget): Promise<void>;
  /** How to react to an error thrown by one of the methods above. */
  classify(error: unknown): FailureKind;
  /** Cancels requests in flight; later calls fail at once. Called when the run shuts down. */
  abort?(): void;
}

export interface CreatedExperiment {
  id: number;
  [key: string]: unknown;
}

/**
 * - `retry`: the server could not take it now (unreachable, 5xx, 429, timeout): keep the
 *   records, try again later.
 * - `reject`: the server refused this request for good (400): set it aside, go on.
 * - `halt`: nothing will get through until a human acts (401, 403, 404 experiment gone).
 */
export type FailureKind = "retry" | "reject" | "halt";
