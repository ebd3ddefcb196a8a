import { APITimeoutError } from "../../src/api/errors.js";
import type {
  CreatedExperiment,
  DeliveryTarget,
  FailureKind,
  OrderedRecord,
  Transport,
} from "../../src/delivery/transport.js";
import type { CreateBody } from "../../src/records/types.js";

export class FakeFailure extends Error {
  readonly kind: FailureKind;
  constructor(kind: FailureKind) {
    super(`fake ${kind} failure`);
    this.kind = kind;
  }
}

export type Call =
  | { type: "create"; owner: string; projectName: string; body: CreateBody }
  | { type: "ordered"; record: OrderedRecord }
  | { type: "metrics"; elements: unknown[] }
  | { type: "logs"; elements: unknown[] }
  | { type: "heartbeat" }
  | { type: "user" };

/**
 * An in-memory Transport: records every successful call; `failNext(kind, n)` makes the next
 * n calls fail with that classification (a `retry` failure models an outage).
 */
export class FakeTransport implements Transport {
  readonly calls: Call[] = [];
  private failures: Array<FailureKind | Error> = [];
  private held: Promise<void> | undefined;
  down = false;
  /**
   * Metric requests of more points than this are applied, then fail with a timeout: the server
   * answers after the client gave up.
   */
  slowAbove = Number.POSITIVE_INFINITY;

  /** Makes every call wait until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.held = new Promise<void>((resolve) => {
      release = () => {
        this.held = undefined;
        resolve();
      };
    });
    return release;
  }

  /** The next call throws this error. */
  failWith(error: Error): void {
    this.failures.push(error);
  }

  failNext(kind: FailureKind, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(kind);
  }

  private async gate(): Promise<void> {
    if (this.held) await this.held;
    if (this.down) throw new FakeFailure("retry");
    const kind = this.failures.shift();
    if (kind instanceof Error) throw kind;
    if (kind) throw new FakeFailure(kind);
  }

  async currentUser(): Promise<string> {
    await this.gate();
    this.calls.push({ type: "user" });
    return "alice";
  }

  async createExperiment(owner: string, projectName: string, body: CreateBody): Promise<CreatedExperiment> {
    await this.gate();
    this.calls.push({ type: "create", owner, projectName, body });
    return { id: 42 };
  }

  async sendOrdered(_target: DeliveryTarget, record: OrderedRecord): Promise<void> {
    await this.gate();
    this.calls.push({ type: "ordered", record });
  }

  async postMetrics(_target: DeliveryTarget, body: Uint8Array): Promise<void> {
    await this.gate();
    const elements: unknown[] = JSON.parse(Buffer.from(body).toString("utf8"));
    this.calls.push({ type: "metrics", elements });
    if (elements.length > this.slowAbove) throw timedOut();
  }

  async postLogs(_target: DeliveryTarget, body: Uint8Array): Promise<void> {
    await this.gate();
    this.calls.push({ type: "logs", elements: JSON.parse(Buffer.from(body).toString("utf8")) });
  }

  async heartbeat(): Promise<void> {
    await this.gate();
    this.calls.push({ type: "heartbeat" });
  }

  classify(error: unknown): FailureKind {
    return error instanceof FakeFailure ? error.kind : "retry";
  }

  metricSteps(): number[] {
    return this.calls.flatMap((c) =>
      c.type === "metrics" ? c.elements.map((e) => (e as { values: { step: number } }).values.step) : [],
    );
  }

  /** The sequence of call types, metrics/logs collapsed with their sizes: e.g. ["metrics:3", "status:running"]. */
  shape(): string[] {
    return this.calls.map((c) => {
      if (c.type === "metrics" || c.type === "logs") return `${c.type}:${c.elements.length}`;
      if (c.type === "ordered") {
        const r = c.record;
        return r.kind === "status" ? `status:${r.body.status}` : r.kind;
      }
      return c.type;
    });
  }
}

function timedOut(): APITimeoutError {
  const context = {
    method: "POST",
    pathTemplate: "/{username}/{project_name}/experiments/{id}/metrics/",
    url: "http://fake/metrics/",
    attempts: 1,
    retryable: false,
    mayHaveBeenApplied: true,
    requestSent: true,
    code: undefined,
  };
  return new APITimeoutError("no answer within 25000 ms", context, 25_000);
}
