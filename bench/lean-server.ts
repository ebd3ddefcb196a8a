/**
 * A lean Polyaxon stand-in for benchmarks, on 127.0.0.1: answers the tracking endpoints with
 * the least work that still reads every body (so the client pays for real requests) and counts
 * metric requests and points. Run as a forked child (`fork(…, { execArgv: ["--import", "tsx"] })`)
 * it reports `{ port }` over IPC and answers `"stats"` messages, so it never shares the
 * benchmarked process's CPU; imported, it runs in-process.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface LeanStats {
  metricRequests: number;
  points: number;
  requests: number;
}

export interface LeanServer {
  port: number;
  baseUrl: string;
  stats: LeanStats;
  close(): Promise<void>;
}

export async function startLeanServer(port = 0): Promise<LeanServer> {
  const stats: LeanStats = { metricRequests: 0, points: 0, requests: 0 };
  let nextId = 1;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      stats.requests++;
      const url = req.url ?? "/";
      const json = (status: number, body?: unknown) => {
        if (body === undefined) res.writeHead(status).end();
        else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      };
      if (url.endsWith("/users/")) return json(200, { username: "bench", email: "", is_superuser: false });
      if (url.endsWith("/metrics/")) {
        stats.metricRequests++;
        stats.points += countPoints(Buffer.concat(chunks));
        return json(201);
      }
      if (req.method === "POST" && /\/experiments\/$/.test(url)) return json(201, { id: nextId++ });
      if (url.endsWith("/statuses/")) return json(201, { id: 1, status: "running" });
      return json(200, {});
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    baseUrl: `http://127.0.0.1:${bound}/api/v1`,
    stats,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Points in a batched metrics body: one `"values":` per element (cheaper than parsing). */
function countPoints(body: Buffer): number {
  const needle = Buffer.from('"values":');
  let count = 0;
  let at = body.indexOf(needle);
  while (at >= 0) {
    count++;
    at = body.indexOf(needle, at + needle.length);
  }
  return count;
}

if (process.send) {
  const lean = await startLeanServer();
  process.on("message", (message) => {
    if (message === "stats") process.send?.({ stats: lean.stats });
    if (message === "close") void lean.close().then(() => process.exit(0));
  });
  process.send({ port: lean.port });
}
