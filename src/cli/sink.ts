/**
 * Where a streamed export goes: a file, or the command's stdout. Text is gathered into chunks
 * of about 64 KiB and written with backpressure, so a large export neither piles up in memory
 * nor costs one write per row.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { CliUsageError } from "./commands/errors.js";
import type { Output } from "./format.js";

const CHUNK = 64 * 1024;

export interface Sink {
  write(text: string): Promise<void>;
  /** Writes what is gathered and, for a file, closes it. */
  close(): Promise<void>;
}

type Drainable = Output & { once?: (event: "drain", listener: () => void) => unknown };

/** A sink over an `Output` (stdout in the CLI): waits for `drain` when the stream asks to. */
export function outputSink(out: Drainable): Sink {
  return gathering(async (text) => {
    if (out.write(text) === false && typeof out.once === "function") {
      await new Promise<void>((resolve) => out.once?.("drain", resolve));
    }
  });
}

/** A sink writing `path` (created or truncated). */
export function fileSink(path: string): Sink {
  const stream: WriteStream = createWriteStream(path);
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure = new CliUsageError(`Cannot write ${path}: ${error.message}`);
  });
  const sink = gathering(async (text) => {
    if (failure) throw failure;
    if (!stream.write(text)) await waitFor(stream, "drain");
  });
  return {
    write: (text) => sink.write(text),
    async close() {
      await sink.close();
      if (failure) throw failure;
      stream.end();
      await waitFor(stream, "finish");
    },
  };
}

function gathering(flush: (text: string) => Promise<void>): Sink {
  let buffered: string[] = [];
  let size = 0;
  const drain = async () => {
    if (size === 0) return;
    const text = buffered.join("");
    buffered = [];
    size = 0;
    await flush(text);
  };
  return {
    async write(text) {
      buffered.push(text);
      size += text.length;
      if (size >= CHUNK) await drain();
    },
    close: drain,
  };
}

function waitFor(stream: WriteStream, event: "drain" | "finish"): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      stream.off(event, onDone);
      reject(new CliUsageError(`Cannot write ${String(stream.path)}: ${error.message}`));
    };
    const onDone = () => {
      stream.off("error", onError);
      resolve();
    };
    stream.once(event, onDone);
    stream.once("error", onError);
  });
}
