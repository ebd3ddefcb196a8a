/**
 * Against real 127.0.0.1 sockets (no msw): gzip decoding, refused connections and a server
 * that drops the connection, where the transport's own error codes matter.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createClientFor } from "../../src/api/base-client.js";
import { APIConnectionError } from "../../src/api/errors.js";
import { closedPort } from "../support/net-faults.js";
import { project, TOKEN } from "./harness.js";
import type { paths } from "./local-paths.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

const client = (port: number, retry: { maxRetries: number; baseDelayMs: number } | false = false) =>
  createClientFor<paths>({ host: "127.0.0.1", port, token: TOKEN, retry });

describe("real sockets", () => {
  it("decodes a gzip-encoded list answer", async () => {
    const page = { count: 2, next: null, previous: null, results: [{ id: 1 }, { id: 2, name: "b" }] };
    let acceptEncoding: string | undefined;
    let path: string | undefined;
    const port = await serve((req, res) => {
      acceptEncoding = req.headers["accept-encoding"];
      path = req.url;
      const body = gzipSync(JSON.stringify(page));
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
        "Content-Length": body.length,
      });
      res.end(body);
    });
    const { data } = await client(port).GET("/{username}/{project_name}/experiments/", { params: { path: project } });
    expect(data).toEqual(page);
    expect(path).toBe("/api/v1/alice/mnist/experiments/");
    expect(acceptEncoding).toContain("gzip");
  });

  it("reports a refused connection as not sent, and retries a POST on it", async () => {
    const port = await closedPort();
    let error: unknown;
    try {
      await client(port, { maxRetries: 2, baseDelayMs: 1 }).POST("/{username}/{project_name}/experiments/", {
        params: { path: project },
        body: { name: "run" },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", requestSent: false, attempts: 3, retryable: true });
  });

  it("does not retry a POST when the server dropped the connection after receiving it", async () => {
    let received = 0;
    const port = await serve((req) => {
      received += 1;
      req.socket.destroy();
    });
    let error: unknown;
    try {
      await client(port, { maxRetries: 3, baseDelayMs: 1 }).POST("/{username}/{project_name}/experiments/", {
        params: { path: project },
        body: { name: "run" },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ requestSent: true, mayHaveBeenApplied: true, attempts: 1 });
    expect(received).toBe(1);
  });

  it("retries a GET when the server dropped the connection", async () => {
    let received = 0;
    const port = await serve((req, res) => {
      received += 1;
      if (received === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: 12 }));
    });
    const { data } = await client(port, { maxRetries: 2, baseDelayMs: 1 }).GET(
      "/{username}/{project_name}/experiments/{id}/",
      { params: { path: { ...project, id: 12 } } },
    );
    expect(data).toEqual({ id: 12 });
    expect(received).toBe(2);
  });
});

/**
 * The Polyaxon API without a reverse proxy resets kept-alive sockets. This server does the
 * same, deterministically: it answers the first request of each connection and keeps the
 * socket alive, then reads the next request on that socket fully (it counts it as received)
 * and resets the socket instead of answering — with an RST (`resetAndDestroy`, seen by
 * Node's fetch as ECONNRESET) or a FIN (`destroy`, seen as undici's "other side closed").
 */
async function resettingServer(how: "resetAndDestroy" | "destroy" = "resetAndDestroy") {
  const seen = { connections: 0, received: [] as string[], resets: 0, connectionHeaders: [] as string[] };
  const port = await serve((req, res) => {
    const socket = req.socket as typeof req.socket & { answered?: number };
    seen.received.push(`${req.method} ${req.url}`);
    seen.connectionHeaders.push(String(req.headers.connection));
    req.resume();
    req.on("end", () => {
      socket.answered = (socket.answered ?? 0) + 1;
      if (socket.answered > 1) {
        seen.resets += 1;
        socket[how]();
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: 12, username: "alice" }));
    });
  });
  const server = servers[servers.length - 1];
  server?.on("connection", () => {
    seen.connections += 1;
  });
  return { port, seen };
}

/** Lets undici put the first connection back in its pool, so the next request reuses it. */
const letPoolTakeSocket = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("connection reuse against a server that resets kept-alive sockets", () => {
  const reusing = (port: number) =>
    createClientFor<paths>({
      host: "127.0.0.1",
      port,
      token: TOKEN,
      keepAlive: true,
      retry: { maxRetries: 2, baseDelayMs: 1 },
    });

  it.each([
    ["resetAndDestroy", "ECONNRESET"],
    ["destroy", "UND_ERR_SOCKET"],
  ] as const)("keepAlive: a POST reset on a reused socket (%s) is not retried: it was received", async (how, code) => {
    const { port, seen } = await resettingServer(how);
    const client = reusing(port);
    await client.GET("/{username}/{project_name}/experiments/{id}/", { params: { path: { ...project, id: 12 } } });
    await letPoolTakeSocket();
    let error: unknown;
    try {
      await client.POST("/{username}/{project_name}/experiments/", {
        params: { path: project },
        body: { name: "run" },
      });
    } catch (e) {
      error = e;
    }
    // Node cannot tell this reset from one before the server read the request: the server did read it.
    expect(seen.received).toEqual(["GET /api/v1/alice/mnist/experiments/12/", "POST /api/v1/alice/mnist/experiments/"]);
    expect(seen.resets).toBe(1);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ code, requestSent: true, mayHaveBeenApplied: true, retryable: false, attempts: 1 });
  });

  it("keepAlive: a GET reset on a reused socket is retried on a new connection", async () => {
    const { port, seen } = await resettingServer();
    const client = reusing(port);
    const get = () =>
      client.GET("/{username}/{project_name}/experiments/{id}/", { params: { path: { ...project, id: 12 } } });
    await get();
    await letPoolTakeSocket();
    const { data } = await get();
    expect(data).toEqual({ id: 12, username: "alice" });
    expect(seen.resets).toBe(1);
    expect(seen.received).toHaveLength(3);
    expect(seen.connections).toBe(2);
  });

  it("by default every request says Connection: close, so a POST never rides on a reused socket", async () => {
    const { port, seen } = await resettingServer();
    const client = createClientFor<paths>({ host: "127.0.0.1", port, token: TOKEN, retry: false });
    await client.GET("/{username}/{project_name}/experiments/{id}/", { params: { path: { ...project, id: 12 } } });
    await letPoolTakeSocket();
    for (let i = 0; i < 2; i++) {
      const { data } = await client.POST("/{username}/{project_name}/experiments/", {
        params: { path: project },
        body: { name: `run-${i}` },
      });
      expect(data).toEqual({ id: 12, username: "alice" });
      await letPoolTakeSocket();
    }
    expect(seen.resets).toBe(0);
    expect(seen.connections).toBe(3);
    expect(seen.connectionHeaders).toEqual(["close", "close", "close"]);
  });
});

describe("a body cut off mid-way", () => {
  it("is an APIConnectionError (the request was answered), not a raw TypeError", async () => {
    const port = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": 1000 });
      res.write('{"count": 5000, "results": [');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    let error: unknown;
    try {
      await client(port).GET("/{username}/{project_name}/experiments/{id}/", {
        params: { path: { ...project, id: 12 } },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({
      requestSent: true,
      mayHaveBeenApplied: true,
      code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
    });
  });
});
