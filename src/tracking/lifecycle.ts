/**
 * Process life-cycle hooks, installed once for every live run:
 *
 * - the event loop empties (normal end): `succeeded`, then a flush bounded by the deadline;
 * - `process.exit(code)`: nothing asynchronous can run, so the final status (`succeeded`, or
 *   `failed` for a non-zero code) is written to the journal only, and the user is told the
 *   `sync` command for what was not delivered;
 * - an uncaught exception or unhandled rejection, when the user has no handler of their own:
 *   `failed` with the error's message, a bounded flush, then the error is raised again the
 *   way it came so Node prints the same stderr and exits with code 1;
 * - SIGINT / SIGTERM, when the user has no handler of their own: `stopped`, a bounded flush,
 *   exit code 130 / 143. A second signal exits at once.
 */
import { printFatalError } from "./fatal-print.js";
import type { TerminalStatus } from "./validate.js";

export interface FinalOutcome {
  status: Extract<TerminalStatus, "succeeded" | "failed" | "stopped">;
  message?: string;
  traceback?: string;
}

export interface ExitParticipant {
  /** Records the final status unless the run already has one. */
  finish(outcome: FinalOutcome): void;
  /** Delivers what it can within `timeoutMs`; never rejects. */
  flushForExit(timeoutMs: number): Promise<void>;
  /** Synchronous last word at `process.on("exit")`: close the journal, print the sync hint. */
  closeAtExit(): void;
  readonly exitTimeoutMs: number;
}

const participants = new Set<ExitParticipant>();
let installed = false;
let exiting = false;

export function registerForExit(participant: ExitParticipant): void {
  participants.add(participant);
  install();
}

export function unregisterForExit(participant: ExitParticipant): void {
  participants.delete(participant);
  if (participants.size === 0) uninstall();
}

const SIGNAL_CODES: Record<"SIGINT" | "SIGTERM", number> = { SIGINT: 130, SIGTERM: 143 };

function install(): void {
  if (installed) return;
  installed = true;
  process.on("beforeExit", onBeforeExit);
  process.on("exit", onExit);
  process.on("uncaughtException", onUncaught);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off("beforeExit", onBeforeExit);
  process.off("exit", onExit);
  process.off("uncaughtException", onUncaught);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

async function finishAll(outcome: FinalOutcome): Promise<void> {
  const list = [...participants];
  for (const participant of list) participant.finish(outcome);
  await Promise.all(list.map((participant) => participant.flushForExit(participant.exitTimeoutMs)));
}

function onBeforeExit(): void {
  if (exiting || participants.size === 0) return;
  exiting = true;
  void finishAll({ status: "succeeded" }).finally(() => {
    exiting = false;
    for (const participant of [...participants]) {
      participant.closeAtExit();
      participants.delete(participant);
    }
    uninstall();
  });
}

function onExit(code: number): void {
  const outcome: FinalOutcome =
    code === 0 ? { status: "succeeded" } : { status: "failed", message: `Process exited with code ${code}.` };
  for (const participant of participants) {
    participant.finish(outcome);
    participant.closeAtExit();
  }
  participants.clear();
}

function onUncaught(error: unknown, origin: NodeJS.UncaughtExceptionOrigin): void {
  const raiseAgain = () => {
    uninstall();
    // A rejection raised again goes through Node's own unhandled-rejection path unchanged.
    if (origin === "unhandledRejection") void Promise.reject(error);
    else if (error instanceof Error) {
      printFatalError(error, (text) => process.stderr.write(text));
      process.exit(1);
    } else
      process.nextTick(() => {
        throw error;
      });
  };
  // The user handles uncaught errors: the process's fate is theirs, not ours.
  if (process.listenerCount("uncaughtException") > 1 || exiting) {
    if (exiting) raiseAgain();
    return;
  }
  exiting = true;
  void finishAll(failureOf(error)).finally(() => {
    for (const participant of [...participants]) {
      participant.closeAtExit();
      participants.delete(participant);
    }
    raiseAgain();
  });
}

function onSignal(signal: NodeJS.Signals): void {
  const code = SIGNAL_CODES[signal as "SIGINT" | "SIGTERM"] ?? 1;
  if (exiting) process.exit(code);
  if (process.listenerCount(signal) > 1) return;
  exiting = true;
  void finishAll({ status: "stopped", message: `Received ${signal}.` }).finally(() => process.exit(code));
}

function failureOf(error: unknown): FinalOutcome {
  if (error instanceof Error) {
    const outcome: FinalOutcome = { status: "failed", message: `${error.name}: ${error.message}` };
    if (error.stack) outcome.traceback = error.stack;
    return outcome;
  }
  return { status: "failed", message: `Unhandled rejection: ${String(error)}` };
}
