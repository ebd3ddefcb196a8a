/**
 * A `Request` that keeps its body as bytes instead of a stream.
 *
 * A web `Request` turns its body into a `ReadableStream`, and every step of a request re-wraps it:
 * the retry step's `clone()` tees it, the per-attempt timeout builds a new `Request` around it
 * (piped through a `TransformStream`), and fetch builds one more. For the delivery thread's
 * megabyte metric batches that machinery costs about three times the CPU of the HTTP exchange
 * itself and keeps the garbage collector busy; see
 * docs/delivery.md, "Requests of the delivery thread".
 *
 * A `BufferedRequest` is built by openapi-fetch like any request (its `Request` option), carries
 * the bytes beside an empty body, and survives `clone()` and the timeout's re-wrap (`withSignal`)
 * as a `BufferedRequest`; a fetch that knows it (`leanFetch`) sends the bytes as they are.
 * Browser-safe: web APIs only.
 */
const encoder = new TextEncoder();

export class BufferedRequest extends Request {
  /** The body, or undefined for none. */
  readonly bytes: Uint8Array | undefined;

  constructor(input: string | URL, init: RequestInit = {}) {
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== "string" && !(body instanceof Uint8Array)) {
      throw new TypeError("BufferedRequest takes a string or Uint8Array body");
    }
    super(input, { ...init, body: null });
    this.bytes = typeof body === "string" ? encoder.encode(body) : (body ?? undefined);
  }

  /** A copy, still buffered (the retry step keeps one to send again). */
  override readonly clone = (): BufferedRequest => this.with({});

  /** The same request with `init` applied (the timeout step's new signal). */
  with(init: RequestInit): BufferedRequest {
    return new BufferedRequest(this.url, { ...this.init(), ...init, body: this.bytes ?? null });
  }

  /**
   * A standard `Request`, for a fetch that does not know this class. The body goes as a Blob: Node
   * 20's fetch cannot follow a 307/308 with a Uint8Array body (it reads the transferred buffer
   * again), and can with a Blob.
   */
  toStandard(): Request {
    const body = this.bytes === undefined ? null : new Blob([this.bytes as Uint8Array<ArrayBuffer>]);
    return new Request(this.url, { ...this.init(), body });
  }

  /** What a copy of this request carries over, its body aside. */
  private init(): RequestInit {
    return { method: this.method, headers: this.headers, signal: this.signal, redirect: this.redirect };
  }
}

/** `request` with another signal, keeping a `BufferedRequest` buffered. */
export function withSignal(request: Request, signal: AbortSignal): Request {
  return request instanceof BufferedRequest ? request.with({ signal }) : new Request(request, { signal });
}
