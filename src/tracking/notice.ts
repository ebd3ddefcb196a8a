/**
 * The SDK's own messages to the user. They are written with the stderr `write` captured at
 * import time, so log capture (which wraps `process.stderr.write`) never ships them to the
 * server, and they are said once per key so an outage does not flood the terminal.
 */
const rawStderrWrite = process.stderr.write.bind(process.stderr);

export interface Notifier {
  warn(message: string): void;
  info(message: string): void;
}

export const consoleNotifier: Notifier = {
  warn: (message) => {
    rawStderrWrite(`[polyaxon-tracking] warning: ${message}\n`);
  },
  info: (message) => {
    rawStderrWrite(`[polyaxon-tracking] ${message}\n`);
  },
};

/** Wraps a notifier so each distinct key is reported only once. */
export function onceNotifier(inner: Notifier): Notifier & { warnOnce(key: string, message: string): void } {
  const said = new Set<string>();
  return {
    warn: (message) => inner.warn(message),
    info: (message) => inner.info(message),
    warnOnce: (key, message) => {
      if (said.has(key)) return;
      said.add(key);
      inner.warn(message);
    },
  };
}
