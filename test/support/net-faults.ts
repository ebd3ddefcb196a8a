/**
 * Network faults on 127.0.0.1 for the store tests: a port nothing listens on, a server that
 * accepts connections and never answers, and a proxy that answers the first matching
 * requests with an error instead of forwarding them (a transient outage the SDKs retry).
 */
import { createServer as createHttpServer, type IncomingMessage, request } from "node:http";
import { createServer, type Server, type Socket } from "node:net";

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

/** A port that was free a moment ago and is closed now: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never sends a byte. */
export async function silentServer(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  const server = createServer(() => {});
  const sockets = new Set<Socket>();
  let count = 0;
  server.on("connection", () => count++);
  const close = closer(server, sockets);
  return { port: await listen(server), connections: () => count, close };
}

export interface ProxyFault {
  match: (request: IncomingMessage) => boolean;
  /** How many matching requests fail before the rest are forwarded. */
  times: number;
  status: number;
  contentType: string;
  body: string;
}

export interface FlakyProxy {
  port: number;
  /** Requests answered with the fault so far. */
  failed: number;
  /** Every request seen, as `METHOD path`. */
  seen: string[];
  close: () => Promise<void>;
}

/** Forwards to `127.0.0.1:{target}` (headers and bodies untouched), failing as `fault` says. */
export async function flakyProxy(target: number, fault: ProxyFault): Promise<FlakyProxy> {
  const sockets = new Set<Socket>();
  const proxy: FlakyProxy = { port: 0, failed: 0, seen: [], close: async () => {} };
  const server = createHttpServer((req, res) => {
    proxy.seen.push(`${req.method} ${req.url}`);
    if (proxy.failed < fault.times && fault.match(req)) {
      proxy.failed++;
      req.resume();
      req.on("end", () => res.writeHead(fault.status, { "content-type": fault.contentType }).end(fault.body));
      return;
    }
    const upstream = request(
      { host: "127.0.0.1", port: target, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  proxy.close = closer(server, sockets);
  proxy.port = await listen(server);
  return proxy;
}
