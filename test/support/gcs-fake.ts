/**
 * A Google Cloud Storage JSON API endpoint on 127.0.0.1, for the GCS store tests (no GCS
 * emulator installs from npm). It answers the routes the SDK uploads through, shaped like the
 * real API: `GET b/{bucket}`, multipart uploads (`POST upload/…/o?uploadType=multipart`, a
 * `multipart/related` body), and resumable sessions (`POST …?uploadType=resumable` → a
 * `Location` session URI; `PUT` chunks with `Content-Range`, `308` + `Range` until the last one,
 * then the object resource with its `md5Hash` and `crc32c`). The JSON routes are served with
 * and without the `/storage/v1` prefix, because the SDK drops it when `STORAGE_EMULATOR_HOST`
 * is set. Objects live in memory.
 *
 * Auth: requests to the JSON API are recorded with their `Authorization` header. With a custom
 * endpoint, @google-cloud/storage 7.22 starts resumable sessions and sends their chunks without
 * credentials (its resumable uploader is not given `useAuthWithCustomEndpoint`); the real
 * endpoint gets them, and the session URI is the credential for chunks there too.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface GcsRequest {
  method: string;
  /** Path without the query, normalised to include `/storage/v1` for JSON routes. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  contentRange: string | undefined;
  bytes: number;
}

interface Session {
  bucket: string;
  name: string;
  chunks: Buffer[];
  received: number;
}

/** CRC32C (Castagnoli), big-endian, base64: the `crc32c` field of an object resource. */
export function crc32c(data: Buffer): string {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString("base64");
}

export class GcsFake {
  /** `bucket/name` → content. */
  readonly objects = new Map<string, Buffer>();
  readonly requests: GcsRequest[] = [];
  readonly buckets = new Set<string>();
  /** Answers the next `times` requests that `match` with `status` instead of handling them. */
  private faults: Array<{ match: (r: GcsRequest) => boolean; times: number; status: number }> = [];
  private sessions = new Map<string, Session>();
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  port = 0;

  constructor(buckets: readonly string[]) {
    for (const bucket of buckets) this.buckets.add(bucket);
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  fail(match: (r: GcsRequest) => boolean, status: number, times = 1): void {
    this.faults.push({ match, times, status });
  }

  /** Injected failures not yet served. */
  faultsLeft(): number {
    return this.faults.reduce((sum, f) => sum + f.times, 0);
  }

  /** Objects under `bucket/prefix/`, name → content. */
  under(bucket: string, prefix: string): Map<string, Buffer> {
    const start = `${bucket}/${prefix}/`;
    const found = new Map<string, Buffer>();
    for (const [key, data] of this.objects) if (key.startsWith(start)) found.set(key.slice(bucket.length + 1), data);
    return found;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<ServerResponse> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.endpoint);
    const path = url.pathname.startsWith("/b/") ? `/storage/v1${url.pathname}` : url.pathname;
    const request: GcsRequest = {
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      authorization: req.headers.authorization,
      contentRange: req.headers["content-range"],
      bytes: body.length,
    };
    this.requests.push(request);
    const fault = this.faults.find((f) => f.times > 0 && f.match(request));
    if (fault) {
      fault.times--;
      return this.error(res, fault.status, "Injected fault.", "backendError");
    }
    const bucketRoute = /^\/storage\/v1\/b\/([^/]+)$/.exec(path);
    if (bucketRoute?.[1] && request.method === "GET") return this.getBucket(res, bucketRoute[1]);
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
    if (upload?.[1]) {
      const bucket = upload[1];
      if (!this.buckets.has(bucket)) return this.error(res, 404, "The specified bucket does not exist.", "notFound");
      const type = url.searchParams.get("uploadType");
      if (request.method === "POST" && type === "multipart") return this.multipart(req, res, bucket, url, body);
      if (request.method === "POST" && type === "resumable") return this.startSession(res, bucket, url, body);
      if (request.method === "PUT" && url.searchParams.has("upload_id")) return this.chunk(req, res, url, body);
    }
    return this.error(res, 404, `No route for ${request.method} ${path}.`, "notFound");
  }

  private json(
    res: ServerResponse,
    status: number,
    value: unknown,
    headers: Record<string, string> = {},
  ): ServerResponse {
    return res
      .writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers })
      .end(JSON.stringify(value));
  }

  private error(res: ServerResponse, code: number, message: string, reason: string): ServerResponse {
    return this.json(res, code, { error: { code, message, errors: [{ message, domain: "global", reason }] } });
  }

  private getBucket(res: ServerResponse, bucket: string): ServerResponse {
    if (!this.buckets.has(bucket)) return this.error(res, 404, "The specified bucket does not exist.", "notFound");
    return this.json(res, 200, {
      kind: "storage#bucket",
      id: bucket,
      name: bucket,
      projectNumber: "123456789012",
      metageneration: "1",
      location: "EU",
      storageClass: "STANDARD",
      etag: "CAE=",
      timeCreated: "2026-01-01T00:00:00.000Z",
      updated: "2026-01-01T00:00:00.000Z",
    });
  }

  private store(res: ServerResponse, bucket: string, name: string, data: Buffer): ServerResponse {
    this.objects.set(`${bucket}/${name}`, data);
    const generation = String(Date.now() * 1000);
    const now = new Date().toISOString();
    const encoded = encodeURIComponent(name);
    return this.json(res, 200, {
      kind: "storage#object",
      id: `${bucket}/${name}/${generation}`,
      selfLink: `${this.endpoint}/storage/v1/b/${bucket}/o/${encoded}`,
      mediaLink: `${this.endpoint}/download/storage/v1/b/${bucket}/o/${encoded}?generation=${generation}&alt=media`,
      name,
      bucket,
      generation,
      metageneration: "1",
      contentType: "application/octet-stream",
      storageClass: "STANDARD",
      size: String(data.length),
      md5Hash: createHash("md5").update(data).digest("base64"),
      crc32c: crc32c(data),
      etag: "CKih16GjycICEAE=",
      timeCreated: now,
      updated: now,
    });
  }

  /** `multipart/related`: a JSON metadata part, then the media part. */
  private multipart(req: IncomingMessage, res: ServerResponse, bucket: string, url: URL, body: Buffer): ServerResponse {
    const boundary = /boundary="?([^";]+)"?/.exec(req.headers["content-type"] ?? "")?.[1];
    if (!boundary) return this.error(res, 400, "Missing multipart boundary.", "invalid");
    const parts: Buffer[] = [];
    const delimiter = Buffer.from(`--${boundary}`);
    let at = body.indexOf(delimiter);
    while (at !== -1) {
      const next = body.indexOf(delimiter, at + delimiter.length);
      if (next === -1) break;
      const part = body.subarray(at + delimiter.length, next);
      const headerEnd = part.indexOf("\r\n\r\n");
      // Each part is CRLF, headers, CRLF CRLF, content, CRLF.
      parts.push(part.subarray(headerEnd + 4, part.length - 2));
      at = next;
    }
    const [metadataPart, media] = parts;
    if (!metadataPart || !media) return this.error(res, 400, "Expected metadata and media parts.", "invalid");
    const metadata = JSON.parse(metadataPart.toString("utf8")) as { name?: string };
    const name = url.searchParams.get("name") ?? metadata.name;
    if (!name) return this.error(res, 400, "Required object name.", "required");
    return this.store(res, bucket, name, media);
  }

  private startSession(res: ServerResponse, bucket: string, url: URL, body: Buffer): ServerResponse {
    const metadata = body.length ? (JSON.parse(body.toString("utf8")) as { name?: string }) : {};
    const name = url.searchParams.get("name") ?? metadata.name;
    if (!name) return this.error(res, 400, "Required object name.", "required");
    const id = randomBytes(12).toString("hex");
    this.sessions.set(id, { bucket, name, chunks: [], received: 0 });
    const location = `${this.endpoint}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${id}`;
    return res.writeHead(200, { location, "x-guploader-uploadid": id, "content-length": "0" }).end();
  }

  /** `Content-Range: bytes a-b/N` appends a chunk (N may be `*`); `bytes *\/N` asks how much arrived. */
  private chunk(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): ServerResponse {
    const session = this.sessions.get(url.searchParams.get("upload_id") ?? "");
    if (!session) return this.error(res, 404, "No such upload session.", "notFound");
    const range = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(req.headers["content-range"] ?? "");
    if (!range) return this.error(res, 400, "Invalid Content-Range.", "invalid");
    const [, first, last, totalText] = range;
    if (first !== undefined && last !== undefined) {
      if (Number(first) !== session.received || Number(last) - Number(first) + 1 !== body.length) {
        return this.error(res, 400, "Chunk does not continue the upload.", "invalid");
      }
      session.chunks.push(body);
      session.received += body.length;
    }
    if (totalText !== "*" && Number(totalText) === session.received) {
      this.sessions.delete(url.searchParams.get("upload_id") ?? "");
      return this.store(res, session.bucket, session.name, Buffer.concat(session.chunks));
    }
    const headers: Record<string, string> = { "content-length": "0" };
    if (session.received > 0) headers.range = `bytes=0-${session.received - 1}`;
    return res.writeHead(308, headers).end();
  }
}
