/**
 * Ships what the process writes to stdout and stderr as log lines, while the terminal still
 * shows exactly what it showed before: the original `write` is always called first and its
 * return value passed through. Partial lines are held until their newline (or until
 * `stop()`), then formatted as the reference formats log records:
 * `YYYY-MM-DD HH:MM:SS UTC LEVEL -- message`.
 */
type Write = typeof process.stdout.write;

export interface LogCapture {
  stop(): void;
}

/** Python logging's numeric levels of the two streams (stdout INFO, stderr ERROR). */
const STREAM_LEVELS = { stdout: 20, stderr: 40 } as const;

/**
 * Captures stdout (as INFO) and stderr (as ERROR) lines. `minLevel` is `POLYAXON_LOGS_LEVEL`:
 * a stream whose level is below it is not captured (e.g. 30 keeps stderr only).
 */
export function captureOutput(onLine: (line: string) => void, minLevel = 0): LogCapture {
  const restores: Array<() => void> = [];
  if (STREAM_LEVELS.stdout >= minLevel) restores.push(tee(process.stdout, "INFO", onLine));
  if (STREAM_LEVELS.stderr >= minLevel) restores.push(tee(process.stderr, "ERROR", onLine));
  return {
    stop: () => {
      for (const restore of restores) restore();
    },
  };
}

function tee(stream: NodeJS.WriteStream, level: string, onLine: (line: string) => void): () => void {
  const original: Write = stream.write;
  let partial = "";
  const emit = (text: string) => {
    if (text.trim() === "") return;
    onLine(`${timestamp()} ${level} -- ${text}`);
  };
  const wrapped = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const result = (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    try {
      const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
      const pieces = (partial + text).split("\n");
      partial = pieces.pop() ?? "";
      for (const piece of pieces) emit(piece.replace(/\r$/, ""));
    } catch {
      // Capturing must never break the user's output.
    }
    return result;
  } as Write;
  stream.write = wrapped;
  return () => {
    if (stream.write === wrapped) stream.write = original;
    if (partial !== "") emit(partial);
    partial = "";
  };
}

function timestamp(now = new Date()): string {
  return `${now.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
