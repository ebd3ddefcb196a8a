import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";

/**
 * An HTTP proxy on 127.0.0.1 for tests, built on Node's `http` server: CONNECT tunnels
 * (https targets) and absolute-form forwarding (http targets), to 127.0.0.1 only. It records
 * every tunnel and forwarded request, and with `credentials` demands Basic
 * `Proxy-Authorization` (407 otherwise), as corporate proxies do.
 */
export class TestProxy {
  /** `host:port` of every CONNECT tunnel it opened. */
  readonly tunnels: string[] = [];
  /** Absolute URL of every request it forwarded. */
  readonly forwarded: string[] = [];
  /** Local ports of its connections to the target, which the target sees as client ports. */
  readonly upstreamPorts = new Set<number>();
  /** How many tunnels it ever opened (never reset); the next tunnel's id. */
  tunnelsOpened = 0;
  /** Ids (0, 1, … in opening order) of the tunnels that have closed. */
  readonly closedTunnels = new Set<number>();
  /** Requests (tunnels or forwards) it refused with 407. */
  refused = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly credentials?: { user: string; password: string }) {}

  /** The proxy URL, with the given userinfo when set (e.g. `"user:pass"`). */
  url(userinfo?: string): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error("the proxy is not started");
    return `http://${userinfo ? `${userinfo}@` : ""}127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => this.forward(req, res));
    server.on("connect", (req: IncomingMessage, socket: Socket, head: Buffer) => this.tunnel(req, socket, head));
    server.on("connection", (socket: Socket) => this.track(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private authorized(req: IncomingMessage): boolean {
    if (!this.credentials) return true;
    const expected = Buffer.from(`${this.credentials.user}:${this.credentials.password}`).toString("base64");
    return req.headers["proxy-authorization"] === `Basic ${expected}`;
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    const [host, port] = (req.url ?? "").split(":");
    if (!this.authorized(req)) {
      this.refused++;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    if (host !== "127.0.0.1" && host !== "localhost") {
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    this.tunnels.push(req.url ?? "");
    const id = this.tunnelsOpened++;
    client.on("close", () => this.closedTunnels.add(id));
    const upstream = connect(Number(port), "127.0.0.1", () => {
      if (upstream.localPort !== undefined) this.upstreamPorts.add(upstream.localPort);
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.track(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    if (!this.authorized(req)) {
      this.refused++;
      res.writeHead(407, { "proxy-authenticate": 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? "/");
    if (target.hostname !== "127.0.0.1") {
      res.writeHead(403).end();
      return;
    }
    this.forwarded.push(target.href);
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    delete headers["proxy-connection"];
    const upstream = request(
      { host: "127.0.0.1", port: target.port, method: req.method, path: target.pathname + target.search, headers },
      (answer) => {
        if (answer.socket.localPort !== undefined) this.upstreamPorts.add(answer.socket.localPort);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
  }
}
