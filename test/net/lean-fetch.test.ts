/**
 * leanFetch (the delivery thread's fetch over node:http) against a real server on 127.0.0.1:
 * the same wire as Node's fetch, the body sent as bytes, and fetch's ways of failing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BufferedRequest, withSignal } from "../../src/api/buffered-request.js";
import { APIConnectionError, APITimeoutError } from "../../src/api/errors.js";
import { AttemptTimeout, withTimeout } from "../../src/api/timeout.js";
import { leanFetch } from "../../src/net/lean-fetch.js";
import { createClient } from "../../src/net/node-client.js";
import { rejected } from "../support/thrown.js";

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
let answer: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void = (_req, res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: { ...req.headers }, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  answer = (_req, res) => res.end();
  vi.unstubAllGlobals();
});

const BODY = `[${Array.from({ length: 2000 }, (_, i) => `{"values":{"loss":${i / 7}}}`).join(",")}]`;

function post(init: RequestInit = {}): BufferedRequest {
  return new BufferedRequest(`${base}/api/v1/a/b/experiments/1/metrics/`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "token abc" },
    body: new TextEncoder().encode(BODY),
    ...init,
  });
}

describe("leanFetch", () => {
  it("sends the bytes with Content-Length and the headers Node's fetch sends for the same request", async () => {
    answer = (_req, res) => res.writeHead(201).end();
    const viaFetch = await fetch(post().toStandard());
    const viaLean = await leanFetch(post());
    expect([viaFetch.status, viaLean.status]).toEqual([201, 201]);
    const [byFetch, byLean] = seen as [Seen, Seen];
    expect(byLean.body.toString("utf8")).toBe(BODY);
    expect(byLean.headers["content-length"]).toBe(String(Buffer.byteLength(BODY)));
    expect(byLean.headers["transfer-encoding"]).toBeUndefined();
    // The same header names and values, whichever sent it (connection handling aside).
    const comparable = (headers: Seen["headers"]) => {
      const { connection: _connection, ...rest } = headers;
      return rest;
    };
    expect(comparable(byLean.headers)).toEqual(comparable(byFetch.headers));
    expect(byLean.method).toBe("POST");
    expect(byLean.url).toBe("/api/v1/a/b/experiments/1/metrics/");
  });

  it("sends Content-Length as fetch does for requests without a body", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "GET"]) {
      await fetch(`${base}/x/`, { method });
      await leanFetch(new BufferedRequest(`${base}/x/`, { method }));
    }
    const lengths = seen.map((s) => `${s.method} ${s.headers["content-length"]}`);
    expect(lengths.filter((_, i) => i % 2 === 1)).toEqual(lengths.filter((_, i) => i % 2 === 0));
    expect(lengths.filter((_, i) => i % 2 === 1)).toEqual([
      "POST 0",
      "PUT 0",
      "PATCH 0",
      "DELETE undefined",
      "GET undefined",
    ]);
  });

  it("keeps the bytes through clone() and a new signal, and sends a string body as UTF-8", async () => {
    const original = post();
    const copies = [original.clone(), withSignal(original, new AbortController().signal)];
    for (const copy of copies) {
      expect(copy).toBeInstanceOf(BufferedRequest);
      await leanFetch(copy);
    }
    await leanFetch(new BufferedRequest(`${base}/x/`, { method: "PATCH", body: '{"name":"é"}' }));
    expect(seen.map((s) => s.body.toString("utf8"))).toEqual([BODY, BODY, '{"name":"é"}']);
  });

  it("answers like fetch: status, headers, one gzip layer removed, a null body for 204", async () => {
    const json = '{"id":7}';
    answer = (req, res) => {
      if (req.url === "/gzip/") res.writeHead(200, { "content-encoding": "gzip", "x-a": "1" }).end(gzipSync(json));
      else if (req.url === "/twice/") res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(gzipSync(json)));
      else res.writeHead(204).end();
    };
    const gz = await leanFetch(new BufferedRequest(`${base}/gzip/`));
    expect(gz.status).toBe(200);
    expect(gz.headers.get("x-a")).toBe("1");
    expect(await gz.text()).toBe(json);
    // A second layer stays for the decode step, as with fetch.
    const twice = new Uint8Array(await (await leanFetch(new BufferedRequest(`${base}/twice/`))).arrayBuffer());
    const twiceByFetch = new Uint8Array(await (await fetch(`${base}/twice/`)).arrayBuffer());
    expect(twice).toEqual(twiceByFetch);
    const empty = await leanFetch(new BufferedRequest(`${base}/none/`, { method: "DELETE" }));
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it("follows a redirect through fetch, with the same body", async () => {
    answer = (req, res) => {
      if (req.url === "/old/") res.writeHead(307, { location: "/new/" }).end();
      else res.writeHead(201).end();
    };
    const response = await leanFetch(new BufferedRequest(`${base}/old/`, { method: "POST", body: "[1]" }));
    expect(response.status).toBe(201);
    expect(seen.filter((s) => s.url === "/new/").map((s) => s.body.toString())).toEqual(["[1]"]);
  });

  it("fails as fetch does: a TypeError whose cause is the socket error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/x/`;
    const byLean = await rejected(leanFetch(new BufferedRequest(url, { method: "POST", body: "[]" })));
    const byFetch = await rejected(fetch(url, { method: "POST", body: "[]" }));
    expect(byLean).toBeInstanceOf(TypeError);
    expect((byLean as Error).message).toBe((byFetch as Error).message);
    expect(((byLean as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
    expect(((byFetch as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("rejects with the signal's reason on a timeout, and the server sees the connection dropped", async () => {
    let dropped!: () => void;
    const gone = new Promise<void>((resolve) => {
      dropped = resolve;
    });
    answer = (_req, res) => res.on("close", dropped);
    const error = await rejected(withTimeout(leanFetch, 50)(post()));
    expect(error).toBeInstanceOf(AttemptTimeout);
    await gone;
  });

  it("hands a request to a replaced fetch (msw) as a standard Request with its body", async () => {
    const bodies: string[] = [];
    vi.stubGlobal("fetch", async (request: Request) => {
      expect(request).not.toBeInstanceOf(BufferedRequest);
      bodies.push(await request.text());
      return new Response(null, { status: 201 });
    });
    expect((await leanFetch(post())).status).toBe(201);
    expect(bodies).toEqual([BODY]);
    expect(seen).toHaveLength(0);
  });
});

describe("the delivery thread's client (createClient with buffered requests)", () => {
  const client = () =>
    createClient(
      { baseUrl: `${base}/api/v1`, token: "abc", timeoutMs: 500, retry: { maxRetries: 2, baseDelayMs: 1 } },
      true,
    );
  const metrics = (c: ReturnType<typeof client>) =>
    c.POST("/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path: { username: "a", project_name: "b", id: 1 } },
      body: [{ values: { loss: 0.5 }, created_at: "2026-11-30T00:00:00.000000Z" }],
    });

  it("retries a 503 with the same bytes, counting the retry in its header", async () => {
    let calls = 0;
    answer = (_req, res) => res.writeHead(++calls === 1 ? 503 : 201).end();
    await metrics(client());
    expect(seen).toHaveLength(2);
    const [first, second] = seen as [Seen, Seen];
    expect(second.body.equals(first.body)).toBe(true);
    expect(JSON.parse(first.body.toString())).toEqual([
      { values: { loss: 0.5 }, created_at: "2026-11-30T00:00:00.000000Z" },
    ]);
    expect(first.headers.authorization).toBe("Token abc");
    expect(second.headers["x-polyaxon-retry-count"]).toBe("1");
  });

  it("maps a timeout and a refused connection to the client's typed errors", async () => {
    answer = () => undefined;
    expect(await rejected(metrics(client()))).toBeInstanceOf(APITimeoutError);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = createClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, retry: { maxRetries: 0 } }, true);
    expect(await rejected(metrics(refused))).toBeInstanceOf(APIConnectionError);
  });
});
