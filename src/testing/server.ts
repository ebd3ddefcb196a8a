/**
 * The fake server on a real socket (127.0.0.1, a random port by default): works with any test
 * runner and with child processes. It can go down and come back on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { components } from "../../generated/schema.js";
import { apiBaseUrlOf, serverOrigin } from "../api/base-url.js";
import { FakeCore } from "./core.js";
import type { FaultHandle, FaultSpec } from "./faults.js";
import { type FakePolyaxonOptions, FakePolyaxonState, type RecordedRequest, type SpecViolation } from "./state.js";

type Schemas = components["schemas"];

export interface FakeServerOptions extends FakePolyaxonOptions {
  /** Port to listen on (127.0.0.1). Default: a free one. */
  port?: number;
  /**
   * Answer browsers' cross-origin requests: `true` allows any origin, a string that origin.
   * Default off.
   */
  cors?: boolean | string;
  /** Speak HTTPS with this PEM key and certificate (chain). Default: plain HTTP. */
  tls?: { key: string; cert: string };
}

/**
 * Settings for the fake server, usable as they are by both `new Experiment({ settings })`
 * (`apiHost`, `httpPort`, `userToken`, …) and `createClient(...)` (`baseUrl`, `token`).
 */
export interface FakeSettings {
  readonly apiHost: string;
  readonly httpPort: number;
  readonly useHttps: boolean;
  readonly userToken: string;
  readonly isOffline: false;
  readonly noOp: false;
  readonly baseUrl: string;
  readonly token: string;
}

const HOST = "127.0.0.1";

/** A running fake Polyaxon v0.6.1 API. Close it with `await fake.close()`. */
export class FakePolyaxon {
  /** The state behind the server (also usable with `polyaxonHandlers` from `polyaxon-tracking/testing/msw`). */
  readonly state: FakePolyaxonState;
  readonly #core: FakeCore;
  readonly #cors: string | undefined;
  readonly #tls: { key: string; cert: string } | undefined;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #port: number;

  constructor(options: FakeServerOptions = {}) {
    this.state = new FakePolyaxonState(options);
    this.#core = new FakeCore(this.state);
    this.#port = options.port ?? 0;
    this.#cors = options.cors === true ? "*" : options.cors === false ? undefined : options.cors;
    this.#tls = options.tls;
  }

  /** The port (fixed once started, kept across `stop()`/`start()`). */
  get port(): number {
    return this.#port;
  }

  /** The API base URL, `http://127.0.0.1:<port>/api/v1` (a client's `baseUrl`; `https` with `tls`). */
  get url(): string {
    return apiBaseUrlOf(serverOrigin(this.#tls !== undefined, HOST, this.#port), "v1");
  }

  /** The main user's token. */
  get token(): string {
    return this.state.mainUser.token;
  }

  get settings(): FakeSettings {
    return {
      apiHost: HOST,
      httpPort: this.#port,
      useHttps: this.#tls !== undefined,
      userToken: this.token,
      isOffline: false,
      noOp: false,
      baseUrl: this.url,
      token: this.token,
    };
  }

  /** Whether the server is listening. */
  get listening(): boolean {
    return this.#server !== undefined;
  }

  /** Starts listening (again, on the same port after `stop()`). */
  async start(): Promise<this> {
    if (this.#server) return this;
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.#serve(req, res);
    const server: Server = this.#tls ? createTlsServer(this.#tls, handler) : createServer(handler);
    server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#port, HOST, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Goes down like a crashed server: stops listening and cuts every open connection. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Down for `ms` (connections refused), then up again on the same port. Resolves once back. */
  async refuseFor(ms: number): Promise<void> {
    await this.stop();
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.start();
  }

  /** Stops the server and the emulated worker. */
  async close(): Promise<void> {
    this.state.stopWorker();
    await this.stop();
  }

  experiments(filter?: { project?: string }): Schemas["ExperimentDetail"][] {
    return this.state.experiments(filter);
  }
  experiment(id: number): Schemas["ExperimentDetail"] | undefined {
    return this.state.experiment(id);
  }
  metrics(id: number): Schemas["ExperimentMetric"][] {
    return this.state.metrics(id);
  }
  statuses(id: number): Schemas["ExperimentStatus"][] {
    return this.state.statuses(id);
  }
  logs(id: number): string[] {
    return this.state.logs(id);
  }
  codeRef(id: number): Schemas["CodeReference"] {
    return this.state.codeRef(id);
  }
  heartbeats(id: number): number {
    return this.state.heartbeats(id);
  }
  requests(filter?: { method?: string; path?: string | RegExp; operationId?: string }): RecordedRequest[] {
    return this.state.requests(filter);
  }
  violations(): SpecViolation[] {
    return this.state.violations();
  }
  fault(spec: FaultSpec): FaultHandle {
    return this.state.fault(spec);
  }
  clearFaults(): void {
    this.state.clearFaults();
  }
  idle(): Promise<void> {
    return this.state.idle();
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const cors = this.#corsHeaders(req);
    if (cors && req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
      res.writeHead(204, cors).end();
      return;
    }
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
    }
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "HEAD" || chunks.length === 0 ? undefined : Buffer.concat(chunks);
    const request = new Request(`http://${req.headers.host ?? `${HOST}:${this.#port}`}${req.url ?? "/"}`, {
      method,
      headers,
      ...(body ? { body } : {}),
    });
    const answer = await this.#core.handle(request, req.socket.remotePort);
    if ("drop" in answer) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { ...answer.headers, ...cors, "content-length": String(answer.body.length) });
    res.end(answer.body);
  }

  #corsHeaders(req: IncomingMessage): Record<string, string> | undefined {
    if (this.#cors === undefined) return undefined;
    return {
      "access-control-allow-origin": this.#cors === "*" ? (req.headers.origin ?? "*") : this.#cors,
      "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
      "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "authorization, content-type",
      "access-control-expose-headers": "retry-after, content-encoding",
      "access-control-max-age": "600",
      vary: "Origin",
    };
  }
}

/**
 * Starts a fake Polyaxon v0.6.1 API server on 127.0.0.1 (a free port unless `port` is given):
 *
 * ```ts
 * const fake = await startFakePolyaxon();
 * const experiment = new Experiment({ project: "alice/mnist", settings: fake.settings });
 * …
 * expect(fake.metrics(1)).toHaveLength(100);
 * await fake.close();
 * ```
 */
export async function startFakePolyaxon(options: FakeServerOptions = {}): Promise<FakePolyaxon> {
  return new FakePolyaxon(options).start();
}
