/**
 * A real HTTP server on 127.0.0.1 that answers with the recorded answer of the current
 * exchange, so the replay also goes through Node's own fetch: HTTP framing (Content-Length,
 * chunked), and the one gzip layer fetch removes itself under `Content-Encoding: gzip`.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Exchange } from "./exchanges.js";
import { servedBytes } from "./serve.js";

export interface SocketReplay {
  /** The base URL to point the client at (`http://127.0.0.1:<port>/api/v1`). */
  baseUrl: string;
  /** Answers the next requests with this exchange's recorded answer; returns what was received. */
  serve(exchange: Exchange): ReceivedRequest[];
  close(): Promise<void>;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  body: string;
  headers: IncomingMessage["headers"];
}

/** The received request as a fetch Request, to compare it with the recorded one. */
export function asRequest(received: ReceivedRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(received.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const body = received.body === "" ? null : received.body;
  return new Request(`http://127.0.0.1${received.url}`, { method: received.method, headers, body });
}

export async function startSocketReplay(): Promise<SocketReplay> {
  let current: { exchange: Exchange; received: ReceivedRequest[] } | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (!current) {
        res.writeHead(599).end();
        return;
      }
      const { exchange } = current;
      current.received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
        headers: req.headers,
      });
      const body = exchange.status === 204 ? Buffer.alloc(0) : servedBytes(exchange);
      // The recording keeps no framing headers: alternate Content-Length and chunked framing
      // by seq, so both reach the client (an empty chunked 201 once fooled openapi-fetch).
      const headers: Record<string, string | number> = { ...exchange.response_headers };
      if (exchange.status !== 204 && exchange.seq % 2 === 0) headers["content-length"] = body.length;
      res.writeHead(exchange.status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    serve(exchange) {
      current = { exchange, received: [] };
      return current.received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
