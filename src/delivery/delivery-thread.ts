/**
 * Entry point of the delivery thread (a `worker_threads` worker started by `ThreadHost`): the
 * journal writer and the delivery engine, so that serialising, writing and sending records never
 * runs on the training thread.
 */
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { ConversionThread } from "./conversion-host.js";
import { DeliveryCore } from "./core.js";
import { primeFrameEncoder } from "./prime-encoder.js";
import { yieldToTraining } from "./spawn-thread.js";
import { copyError } from "./thread-errors.js";
import {
  CLOSED_DELIVERED,
  CLOSED_UNDELIVERED,
  CONTROL,
  type FromThread,
  type ThreadData,
  type ToThread,
} from "./thread-protocol.js";
import { throttleDelayMs } from "./throttle.js";

if (!parentPort) throw new Error("delivery-thread.ts runs as a worker thread only");
yieldToTraining("delivery-thread");
const port = parentPort;
const { config, control } = workerData as ThreadData;
const flags = new Int32Array(control);
const post = (message: FromThread) => port.postMessage(message);

/** Messages other than frames taken out of order by `takeWaitingFrames`, handled right after. */
const deferred: ToThread[] = [];
/**
 * The HTTP side (the API client, node:http, undici: about half of this thread's start-up) is
 * loaded on the first `link`, or ahead of it when a server is expected, never before the thread
 * can spool: the training thread's buffers come back sooner, and an offline run never loads it.
 */
const loadTransport = () => import("./transport-from-settings.js");
/** A `link` whose transport is loading: messages other than frames wait for it, in order. */
let linking = false;
const afterLink: ToThread[] = [];

const core = new DeliveryCore(config, {
  notify: (message) => post({ type: "notice", message }),
  onError: (error) => post({ type: "error", error: copyError(error) }),
  throttleDelayMs,
  takeWaitingFrames,
  startConversionThread: (limits, events) => new ConversionThread(limits, events),
});

// This thread converts the spool itself until (and unless) a conversion thread takes over: after
// the frames already queued (setImmediate runs after this turn's messages), before the first chunk.
setImmediate(primeFrameEncoder);

if (config.expectServer) {
  // Tens of ms and MBs, better spent while create() waits for the server than in the first
  // delivery round. After the frames already queued.
  setImmediate(() => void loadTransport().catch(() => undefined));
}

port.on("message", (message: ToThread) => {
  safely(message);
  while (deferred.length > 0) safely(deferred.shift() as ToThread);
});

function safely(message: ToThread): void {
  if (linking && message.type !== "frame") {
    afterLink.push(message);
    return;
  }
  try {
    handle(message);
  } catch (error) {
    post({ type: "error", error: copyError(error) });
  }
}

/** Links delivery once the transport is loaded, then handles what waited for it. */
function link(message: Extract<ToThread, { type: "link" }>): void {
  core.holdConversion(true);
  linking = true;
  void loadTransport()
    .then(({ transportFromSettings }) => {
      const transport = transportFromSettings(message.settings);
      if (transport) core.link(message.link, transport);
    })
    .catch((error: unknown) => post({ type: "error", error: copyError(error) }))
    .finally(() => {
      linking = false;
      core.holdConversion(false);
      while (afterLink.length > 0 && !linking) safely(afterLink.shift() as ToThread);
    });
}

/**
 * Spools the frames already waiting in the queue, synchronously, from inside the conversion loop:
 * the training thread's buffers come back at once however busy this thread is. Other messages
 * keep their order after them (flush, link, close must not run in the middle of a conversion).
 */
function takeWaitingFrames(): void {
  for (let next = receiveMessageOnPort(port); next !== undefined; next = receiveMessageOnPort(port)) {
    const message = next.message as ToThread;
    if (message.type === "frame" && deferred.length === 0) safely(message);
    else {
      deferred.push(message);
      setImmediate(() => {
        while (deferred.length > 0) safely(deferred.shift() as ToThread);
      });
    }
  }
}

function handle(message: ToThread): void {
  switch (message.type) {
    case "frame":
      core.accept(message.frame);
      Atomics.store(flags, CONTROL.spooledFrame, message.frame.no);
      Atomics.notify(flags, CONTROL.spooledFrame);
      return;
    case "link":
      link(message);
      return;
    case "flush":
      void core.flush(message.timeoutMs).then(
        (delivered) => post({ type: "flushed", id: message.id, delivered }),
        () => post({ type: "flushed", id: message.id, delivered: false }),
      );
      return;
    case "stopHeartbeat":
      core.stopHeartbeat();
      return;
    case "close": {
      const delivered = core.close();
      Atomics.store(flags, CONTROL.closed, delivered ? CLOSED_DELIVERED : CLOSED_UNDELIVERED);
      Atomics.notify(flags, CONTROL.closed);
      port.close();
      return;
    }
  }
}
