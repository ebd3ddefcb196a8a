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

export function captureOutput(onLine: (line: string) => void): LogCapture {
  const restoreOut = tee(process.stdout, "INFO", onLine);
  const restoreErr = tee(process.stderr, "ERROR", onLine);
  return {
    stop: () => {
      restoreOut();
      restoreErr();
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
