import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { gunzipSync } from "node:zlib";

/** One request as the fake server received it. */
export interface ReceivedRequest {
  method: string;
  /** Path after `/api/v1`, with its trailing slash, without the query. */
  path: string;
  query: string;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body, the raw text when not JSON, or undefined when there was no body. */
  body: unknown;
  rawBody: string;
  /** The client's port on the connection it came in on (a proxy's upstream socket, when proxied). */
  remotePort: number | undefined;
}

/** A fault the server applies to the next matching requests. */
export interface Fault {
  /** Which requests: a predicate on method + path. Default: every request. */
  match?: (request: { method: string; path: string }) => boolean;
  /** How many requests it applies to (default: unlimited until cleared). */
  times?: number;
  /** Answer this status instead (with an optional Retry-After header in seconds). */
  status?: number;
  retryAfter?: number;
  /** Destroy the socket without answering. */
  destroy?: boolean;
  /** Wait before answering (ms). */
  delayMs?: number;
}

/**
 * A small Polyaxon v0.6 server for end-to-end tests, on 127.0.0.1 only: it answers the
 * tracking endpoints the way the real server does (experiments-api.md), records every request,
 * and can inject faults (statuses, Retry-After, dropped connections, delays, going down and
 * coming back on the same port).
 */
export class FakePolyaxon {
  readonly requests: ReceivedRequest[] = [];
  username = "alice";
  nextExperimentId = 7;
  private faults: Array<Fault & { used: number }> = [];
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  private portValue = 0;

  /** With `tls` (a PEM key and certificate chain), the server speaks HTTPS. */
  constructor(private readonly tls?: { key: string; cert: string }) {}

  get port(): number {
    return this.portValue;
  }

  get baseUrl(): string {
    return `${this.tls ? "https" : "http"}://127.0.0.1:${this.portValue}/api/v1`;
  }

  async start(port = 0): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    const server = this.tls ? createTlsServer(this.tls, handler) : createServer(handler);
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.portValue = (server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening and drops every open connection (a crashed server). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Comes back on the same port after `stop()`. */
  async restart(): Promise<void> {
    await this.start(this.portValue);
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, used: 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Requests to `…/experiments/{id}/<suffix>` (suffix like `metrics/`, `statuses/`, `` for PATCH). */
  to(method: string, suffix: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.method === method && new RegExp(`/experiments/\\d+/${suffix}$`).test(r.path));
  }

  /** Every metric point received, flattened from the batched arrays. */
  metricPoints(): Array<{ values: Record<string, number | null>; created_at?: string }> {
    return this.to("POST", "metrics/").flatMap((r) => (Array.isArray(r.body) ? r.body : [r.body])) as Array<{
      values: Record<string, number | null>;
      created_at?: string;
    }>;
  }

  /** Every status value received, in order. */
  statuses(): string[] {
    return this.to("POST", "statuses/").map((r) => (r.body as { status: string }).status);
  }

  /** Every log line received, in order. */
  logLines(): string[] {
    return this.to("POST", "logs/").flatMap((r) => (Array.isArray(r.body) ? r.body : [r.body])) as string[];
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => (f.match ? f.match({ method, path }) : true) && (f.times === undefined || f.used < f.times),
    );
    if (fault) fault.used++;
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let raw = Buffer.concat(chunks);
    if (req.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
    const rawBody = raw.toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const fault = this.takeFault(method, path);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.destroy) {
      req.socket.destroy();
      return;
    }
    if (fault?.status) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      res.writeHead(fault.status, headers).end(JSON.stringify({ detail: "injected fault" }));
      return;
    }
    let body: unknown;
    if (rawBody !== "") {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    this.requests.push({
      method,
      path,
      query: url.search,
      headers: req.headers,
      body,
      rawBody,
      remotePort: req.socket.remotePort,
    });
    this.answer(method, path, body, res);
  }

  private answer(method: string, path: string, body: unknown, res: ServerResponse): ServerResponse {
    const json = (status: number, value?: unknown): ServerResponse => {
      if (value === undefined) return res.writeHead(status).end();
      return res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    };
    if (method === "GET" && path === "/users/")
      return json(200, { username: this.username, email: "", is_superuser: false });
    const project = /^\/([-\w]+)\/([-\w]+)\/experiments\/$/.exec(path);
    if (project && method === "POST") {
      const id = this.nextExperimentId++;
      const request = (body ?? {}) as Record<string, unknown>;
      return json(201, {
        id,
        unique_name: `${project[1]}.${project[2]}.${id}`,
        project: `${project[1]}.${project[2]}`,
        user: this.username,
        name: request.name ?? null,
        description: request.description ?? null,
        readme: null,
        original_experiment: null,
        experiment_group: request.experiment_group ?? null,
        build_job: null,
        content: null,
        params: null,
        backend: request.backend ?? "native",
        framework: request.framework ?? null,
        is_managed: false,
        run_env: request.run_env ?? null,
        data_refs: null,
        tags: request.tags ?? null,
      });
    }
    const experiment = /^\/[-\w]+\/[-\w]+\/experiments\/(\d+)\/(.*)$/.exec(path);
    if (!experiment) return json(404, { detail: "Not found." });
    const [, id, rest] = experiment;
    if (method === "PATCH" && rest === "") return json(200, { id: Number(id), ...(body as object) });
    if (method === "POST" && rest === "metrics/")
      return Array.isArray(body) ? json(201) : json(201, { id: 1, ...(body as object) });
    if (method === "POST" && rest === "statuses/") {
      return json(201, {
        id: 1,
        uuid: "0".repeat(32),
        experiment: Number(id),
        created_at: new Date().toISOString(),
        ...(body as object),
      });
    }
    if (method === "POST" && rest === "coderef/") return json(201, { id: 1, ...(body as object) });
    if (method === "POST" && rest === "logs/") return json(200);
    if (method === "POST" && rest === "_heartbeat/") return json(200);
    return json(404, { detail: "Not found." });
  }
}
