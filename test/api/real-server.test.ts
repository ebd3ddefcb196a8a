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

/** A port nothing listens on: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
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
