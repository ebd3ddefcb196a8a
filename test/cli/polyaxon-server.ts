import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * A small stand-in for a Polyaxon v0.6 API on 127.0.0.1, answering the way the server does
 * for the calls tracking makes, and recording every request it handled.
 */
export class FakePolyaxon {
  readonly requests: ReceivedRequest[] = [];
  /** When set, every request after this many handled ones has its connection destroyed unanswered. */
  destroyAfter: number | undefined;
  /** Projects whose requests are refused with 403. */
  readonly forbiddenProjects = new Set<string>();
  private nextId = 7;
  private server: Server | undefined;
  port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v1`;
  }

  /** Environment that points the SDK at this server. */
  env(): Record<string, string> {
    return {
      POLYAXON_API_HOST: "127.0.0.1",
      POLYAXON_HTTP_PORT: String(this.port),
      POLYAXON_SECRET_USER_TOKEN: "test-token",
    };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests other than the user lookup, as `METHOD /path-after-the-experiment`. */
  of(method: string, suffix: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.endsWith(suffix));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.destroyAfter !== undefined && this.requests.length >= this.destroyAfter) {
      req.socket.destroy();
      return;
    }
    const text = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "").split("?")[0] ?? "";
    const method = req.method ?? "GET";
    const project = /^\/api\/v1\/[^/]+\/([^/]+)\//.exec(path)?.[1];
    if (project !== undefined && this.forbiddenProjects.has(project)) {
      return reply(res, 403, { detail: "You do not have permission to perform this action." });
    }
    this.requests.push({
      method,
      path,
      authorization: req.headers.authorization,
      body: text === "" ? undefined : (JSON.parse(text) as unknown),
    });
    if (method === "GET" && path === "/api/v1/users/") {
      return reply(res, 200, { username: "alice", email: "alice@example.com", is_superuser: false });
    }
    if (method === "POST" && /^\/api\/v1\/[^/]+\/[^/]+\/experiments\/$/.test(path)) {
      const id = this.nextId++;
      return reply(res, 201, {
        id,
        uuid: `uuid-${id}`,
        unique_name: `alice.${project}.${id}`,
        ...(JSON.parse(text) as object),
      });
    }
    if (method === "POST") return reply(res, 201, {});
    if (method === "PATCH") return reply(res, 200, { id: 7 });
    return reply(res, 404, { detail: "Not found." });
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
