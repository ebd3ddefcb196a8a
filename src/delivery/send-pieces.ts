import { errorMessage } from "../errors.js";
import type { UpdateRecord } from "../records/types.js";
import { ByteBuffer } from "../store/byte-buffer.js";
import { coalesceUpdates } from "./coalesce.js";
import type { CursorBook } from "./cursor-book.js";
import type { BarrierPiece, BatchLimits, BatchPiece, Piece, UpdatePiece } from "./pieces.js";
import type { DeliveryTarget, Transport } from "./transport.js";

export interface SendContext {
  transport: Transport;
  target: DeliveryTarget;
  book: CursorBook;
  limits: BatchLimits;
  /** Told about every request the server refused for good; delivery goes on past it. */
  onReject: (error: unknown, count: number) => void;
  /** Awaited before every request: waits out a throttle pause and the request budget. */
  beforeRequest?: () => Promise<void>;
  /** A failed request: true when it was throttled (429) and should be sent again after the pause. */
  throttled?: (error: unknown) => boolean;
  /** The server answered a request: acknowledged, refused for good, or throttled. */
  answered?: () => void;
  /**
   * Where request bodies are built, reused from request to request (a context sends one request
   * at a time): no megabyte-sized allocation per request. Without it, each body is a new buffer.
   */
  bodies?: ByteBuffer;
}

/**
 * Sends pieces so the server ends up as if every record had been sent on its own, in order, with
 * as few requests as possible. Pieces are cut into segments at barriers (statuses, code
 * references): a segment's metric points go in batches, its log lines in batches, its updates
 * coalesced into one PATCH (two at most), then the barrier. Already acknowledged pieces are
 * skipped. Cursors are written (write-then-rename) after each acknowledged request; a `retry` or
 * `halt` failure is thrown after that, a `reject` (400) sets the request aside and goes on.
 */
export async function sendPieces(pieces: readonly Piece[], ctx: SendContext): Promise<number> {
  const segment = new Segment();
  let requests = 0;
  for (const piece of pieces) {
    if (isDelivered(piece, ctx.book)) continue;
    if (piece.type === "barrier") {
      requests += await segment.send(ctx);
      requests += await sendBarrier(piece, ctx);
    } else segment.add(piece);
  }
  requests += await segment.send(ctx);
  return requests;
}

function isDelivered(piece: Piece, book: CursorBook): boolean {
  const cursors = book.snapshot.cursors;
  if (piece.type === "batch") return piece.last <= cursors[piece.channel];
  return piece.record.seq <= cursors.ordered;
}

/** The pieces of one segment, grouped by what they become on the wire. */
class Segment {
  private metric: BatchPiece[] = [];
  private log: BatchPiece[] = [];
  private updates: UpdateRecord[] = [];

  add(piece: BatchPiece | UpdatePiece): void {
    if (piece.type === "update") this.updates.push(piece.record);
    else if (piece.channel === "metric") this.metric.push(piece);
    else this.log.push(piece);
  }

  /** Sends the segment (metrics, logs, then the coalesced updates); returns the request count. */
  async send(ctx: SendContext): Promise<number> {
    let requests = 0;
    for (const channel of ["metric", "log"] as const) {
      const pieces = channel === "metric" ? this.metric : this.log;
      for (const batch of joinBatches(pieces, ctx.limits, ctx.bodies ?? new ByteBuffer(0))) {
        requests++;
        await attempt(ctx, "batch", batch, () =>
          channel === "metric"
            ? ctx.transport.postMetrics(ctx.target, batch.body)
            : ctx.transport.postLogs(ctx.target, batch.body),
        );
      }
    }
    requests += await sendUpdates(this.updates, ctx);
    this.metric = [];
    this.log = [];
    this.updates = [];
    return requests;
  }
}

/** A request of batched elements: the pieces it carries and its JSON array body. */
interface Batch {
  channel: "metric" | "log";
  first: number;
  last: number;
  count: number;
  body: Uint8Array;
}

const OPEN = 0x5b; // "["
const COMMA = 0x2c; // ","
const CLOSE = 0x5d; // "]"

/**
 * Consecutive batch pieces joined into requests (JSON arrays) no larger than the limits, each
 * written into `bodies`: a batch's body is valid until the next one is made.
 */
function* joinBatches(pieces: readonly BatchPiece[], limits: BatchLimits, bodies: ByteBuffer): Generator<Batch> {
  let open: Omit<Batch, "body"> | undefined;
  const finish = (batch: Omit<Batch, "body">): Batch => {
    bodies.reserve(1);
    bodies.bytes[bodies.length++] = CLOSE;
    return { ...batch, body: bodies.bytes.subarray(0, bodies.length) };
  };
  for (const piece of pieces) {
    const size = piece.body.length;
    if (open && (open.count + piece.count > limits.maxItems || bodies.length + 1 + size + 1 > limits.maxBytes)) {
      yield finish(open);
      open = undefined;
    }
    if (!open) {
      open = { channel: piece.channel, first: piece.first, last: piece.last, count: piece.count };
      bodies.length = 0;
      bodies.reserve(1 + size);
      bodies.bytes[bodies.length++] = OPEN;
    } else {
      open.last = piece.last;
      open.count += piece.count;
      bodies.reserve(1 + size);
      bodies.bytes[bodies.length++] = COMMA;
    }
    bodies.bytes.set(piece.body, bodies.length);
    bodies.length += size;
  }
  if (open) yield finish(open);
}

/** The segment's updates as one or two PATCHes; a refused merged PATCH is retried update by update. */
async function sendUpdates(updates: readonly UpdateRecord[], ctx: SendContext): Promise<number> {
  const last = updates.at(-1);
  if (!last) return 0;
  if (updates.length === 1) {
    await attempt(ctx, "update", updates, () => ctx.transport.sendOrdered(ctx.target, last));
    return 1;
  }
  const bodies = coalesceUpdates(updates.map((update) => update.body));
  let requests = 0;
  for (const body of bodies) {
    requests++;
    const sent = await attempt(ctx, "merged", updates, () => ctx.transport.sendOrdered(ctx.target, { ...last, body }));
    if (sent) continue;
    // One of the merged updates was refused: send them one by one, so only that one is set aside.
    for (const update of updates) {
      requests++;
      await attempt(ctx, "update", [update], () => ctx.transport.sendOrdered(ctx.target, update));
    }
    return requests;
  }
  ctx.book.advance("ordered", last.seq);
  return requests;
}

async function sendBarrier(piece: BarrierPiece, ctx: SendContext): Promise<number> {
  await attempt(ctx, "update", [piece.record], () => ctx.transport.sendOrdered(ctx.target, piece.record));
  return 1;
}

/**
 * Sends one request, waiting out throttling; on success (or a refusal set aside) advances the
 * cursor. Returns false only for a refused merged PATCH, which the caller splits.
 */
async function attempt(
  ctx: SendContext,
  what: "batch" | "update" | "merged",
  subject: Batch | readonly (UpdateRecord | BarrierPiece["record"])[],
  send: () => Promise<void>,
): Promise<boolean> {
  for (;;) {
    await ctx.beforeRequest?.();
    try {
      await send();
      ctx.answered?.();
      break;
    } catch (error) {
      if (ctx.throttled?.(error)) {
        ctx.answered?.();
        continue;
      }
      if (ctx.transport.classify(error) !== "reject") throw error;
      ctx.answered?.();
      if (what === "merged") return false;
      setAside(ctx, subject, error);
      return true;
    }
  }
  if (what === "batch") {
    const batch = subject as Batch;
    ctx.book.advance(batch.channel, batch.last);
  } else if (what === "update") {
    const records = subject as readonly { seq: number }[];
    ctx.book.advance("ordered", records[records.length - 1]?.seq ?? 0);
  }
  return true;
}

function setAside(ctx: SendContext, subject: Batch | readonly { seq: number }[], error: unknown): void {
  const reason = errorMessage(error);
  if ("channel" in subject) {
    const entry = { first: subject.first, last: subject.last, wire: Buffer.from(subject.body).toString("utf8") };
    ctx.book.reject(subject.channel, [entry], subject.last, reason, subject.count);
    ctx.onReject(error, subject.count);
  } else {
    const last = subject[subject.length - 1]?.seq ?? 0;
    ctx.book.reject(
      "ordered",
      subject.map((record) => ({ record })),
      last,
      reason,
    );
    ctx.onReject(error, subject.length);
  }
}
