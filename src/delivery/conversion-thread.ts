/**
 * Entry point of the conversion thread (a worker started by the delivery thread when its spool
 * backlog grows: `ConversionThread`): turns chunks of the spool into journal lines and delivery
 * pieces, the CPU-bound part of delivery (number formatting), on a core of its own. It reads and
 * writes no file: the delivery thread appends what it returns, in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { decodeEntries } from "../store/spool.js";
import type { ConversionData, ConvertRequest, ConvertResult } from "./conversion-protocol.js";
import { FrameEncoder } from "./frame-writer.js";
import type { Piece } from "./pieces.js";
import { primeFrameEncoder } from "./prime-encoder.js";
import { yieldToTraining } from "./spawn-thread.js";

if (!parentPort) throw new Error("conversion-thread.ts runs as a worker thread only");
yieldToTraining("conversion-thread");
const port = parentPort;
const { limits } = workerData as ConversionData;
const encoder = new FrameEncoder(limits);
/** A metric row's journal line takes about twice its spool bytes (the buffer grows if it must). */
const LINE_BYTES_PER_SPOOL_BYTE = 2.5;

port.on("message", (request: ConvertRequest) => {
  try {
    encoder.skipThrough(request.afterSeq);
    encoder.lines.adopt(request.lines ?? new ArrayBuffer(Math.ceil(request.length * LINE_BYTES_PER_SPOOL_BYTE)));
    const pieces: Piece[] = [];
    for (const frame of decodeEntries(new Uint8Array(request.chunk), request.length)) {
      encoder.encode(frame, request.collect, pieces);
    }
    const linesLength = encoder.lines.length;
    const lines = encoder.lines.take();
    const result: ConvertResult = {
      type: "converted",
      chunk: request.chunk,
      lines,
      linesLength,
      pieces,
      lastSeq: encoder.lastSeq,
    };
    const bodies = pieces.flatMap((piece) => (piece.type === "batch" ? [piece.body.buffer as ArrayBuffer] : []));
    port.postMessage(result, [request.chunk, lines, ...bodies]);
  } catch (error) {
    port.postMessage({
      type: "failed",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});

primeFrameEncoder();
port.postMessage({ type: "ready" });
