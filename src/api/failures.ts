/**
 * Classifies a fetch rejection (no HTTP answer). Node's fetch rejects with
 * `TypeError("fetch failed")` whose `cause` carries a system code; the code tells whether
 * anything can have reached the server, which decides whether a POST may be retried.
 *
 * A socket reset is NOT "nothing sent", even on a reused keep-alive socket where it usually
 * means the server dropped the idle connection: Node 20's fetch reports an RST as
 * `cause: Error("read ECONNRESET")` (code ECONNRESET) and a FIN while the request is in
 * flight as `cause: SocketError("other side closed")` (code UND_ERR_SOCKET), and neither says
 * whether this request's bytes were read (`cause.socket.bytesWritten` counts the whole
 * socket's life). A server can read a request and then reset (test/api/real-server.test.ts),
 * so such a POST may have been applied: only idempotent methods are retried on it.
 */

/** Codes raised before any byte of the request left this machine. */
const NOTHING_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  // A proxy refused to open the tunnel: the request never reached the server.
  "ERR_PROXY_TUNNEL",
]);

export interface FailureInfo {
  /** The first system error code found in the cause chain. */
  code: string | undefined;
  /** False only when the code proves nothing was sent. */
  requestSent: boolean;
  /** TLS certificate failures: retrying cannot help. */
  permanent: boolean;
  /** A one-line description, e.g. `connect ECONNREFUSED 127.0.0.1:8000`. */
  detail: string;
}

export function classifyFailure(error: unknown): FailureInfo {
  const chain = causeChain(error);
  const code = chain.map(codeOf).find((c) => c !== undefined);
  const tls =
    code !== undefined && (/CERT|^ERR_TLS_|^ERR_SSL_/.test(code) || code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
  const innermost = chain[chain.length - 1];
  const detail = innermost instanceof Error ? innermost.message : String(innermost);
  return { code, requestSent: !(tls || (code !== undefined && NOTHING_SENT.has(code))), permanent: tls, detail };
}

/** The error, its `cause`s and (for AggregateError, e.g. happy-eyeballs) its first inner error. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    if (current instanceof AggregateError && current.errors.length > 0 && codeOf(current) === undefined) {
      current = current.errors[0];
    } else {
      current = current instanceof Error ? current.cause : undefined;
    }
  }
  return chain;
}

function codeOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || !("code" in value)) return undefined;
  return typeof value.code === "string" ? value.code : undefined;
}
