import type { PolyaxonClient } from "../api/client.js";
import { APIError, InternalServerError } from "../api/errors.js";
import type { Schemas } from "../api/index.js";
import { preSerializedJson } from "../api/json-body.js";
import { PolyaxonError } from "../errors.js";
import type { CreateBody } from "../records/types.js";
import type { CreatedExperiment, DeliveryTarget, FailureKind, OrderedRecord, Transport } from "./transport.js";

const EXPERIMENT = "/{username}/{project_name}/experiments/{id}/" as const;

/**
 * `Transport` over the typed low-level client: every request goes through openapi-fetch,
 * the generated paths and the client's middleware (auth, retries, typed errors).
 * No URL is built by hand.
 */
export class ApiTransport implements Transport {
  readonly client: PolyaxonClient;
  /** Aborts requests in flight (and their retry waits) when the run shuts down. */
  private readonly controller = new AbortController();

  constructor(client: PolyaxonClient) {
    this.client = client;
  }

  /** Cancels every request in flight and every later one: the exit must never wait on them. */
  abort(): void {
    this.controller.abort(new Error("polyaxon-tracking: delivery stopped"));
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  async currentUser(): Promise<string> {
    const { data } = await this.client.GET("/users/", { signal: this.signal });
    const username = data?.username;
    if (!username) {
      throw new NoUserError(
        "GET /users/ answered for an anonymous user: set POLYAXON_SECRET_USER_TOKEN (or pass a token), or write the project as owner/project.",
      );
    }
    return username;
  }

  async createExperiment(owner: string, projectName: string, body: CreateBody): Promise<CreatedExperiment> {
    const { data } = await this.client.POST("/{username}/{project_name}/experiments/", {
      params: { path: { username: owner, project_name: projectName } },
      body,
      signal: this.signal,
    });
    if (!data || typeof data.id !== "number") throw new Error("Could not create experiment: no id in the answer.");
    return data as CreatedExperiment;
  }

  async sendOrdered(target: DeliveryTarget, record: OrderedRecord): Promise<void> {
    const path = pathOf(target);
    switch (record.kind) {
      case "update":
        await this.client.PATCH(EXPERIMENT, { params: { path }, body: record.body, signal: this.signal });
        return;
      case "coderef":
        await this.client.POST("/{username}/{project_name}/experiments/{id}/coderef/", {
          params: { path },
          body: record.body,
          signal: this.signal,
        });
        return;
      case "status":
        await this.client.POST("/{username}/{project_name}/experiments/{id}/statuses/", {
          params: { path },
          body: record.body,
          signal: this.signal,
        });
        return;
    }
  }

  async postMetrics(target: DeliveryTarget, body: Uint8Array): Promise<void> {
    await this.client.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: pathOf(target) },
      ...preSerializedJson<Schemas["MetricCreate"][]>(body),
      signal: this.signal,
    });
  }

  async postLogs(target: DeliveryTarget, body: Uint8Array): Promise<void> {
    await this.client.POST("/{username}/{project_name}/experiments/{id}/logs/", {
      params: { path: pathOf(target) },
      ...preSerializedJson<string[]>(body),
      signal: this.signal,
    });
  }

  async heartbeat(target: DeliveryTarget): Promise<void> {
    await this.client.POST("/{username}/{project_name}/experiments/{id}/_heartbeat/", {
      params: { path: pathOf(target) },
      signal: this.signal,
    });
  }

  classify(error: unknown): FailureKind {
    return classifyDeliveryError(error);
  }
}

/** The server does not know who we are, so the project owner cannot be looked up. */
export class NoUserError extends PolyaxonError {
  override name = "NoUserError";
}

/**
 * 400/413/422: this request will never be taken; 401/403/404: nothing will until a human acts.
 * A crashed view (the server's empty 405) is a server error like a 500: tried again.
 */
export function classifyDeliveryError(error: unknown): FailureKind {
  if (error instanceof NoUserError) return "halt";
  if (error instanceof InternalServerError) return "retry";
  if (error instanceof APIError) {
    if (error.status === 401 || error.status === 403 || error.status === 404) return "halt";
    if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) return "reject";
    return "retry";
  }
  return "retry";
}

function pathOf(target: DeliveryTarget) {
  return { username: target.owner, project_name: target.projectName, id: target.experimentId };
}
