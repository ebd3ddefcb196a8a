import { type Channel, channelOf, type RecordKind } from "../records/types.js";
import type { DeliveryState, RunDir } from "../store/run-store.js";
import { visitSpooled } from "./spool-journal.js";

/** What `sync` would still send, as `countPending` finds it. */
export interface PendingCount {
  /** Records to send: journal and spool. */
  total: number;
  /** The same, per kind. */
  kinds: { [kind in RecordKind]?: number };
  /** Whether the journal or the spool holds a `create` record (what `sync` creates the experiment from). */
  hasCreate: boolean;
  /** Journal lines that are not records (a torn last line after a kill). */
  unreadableLines: number;
}

/**
 * The one count of what is still to deliver (`sync`, its `--dry-run`, `show`, `runs` and the
 * notice at close): the journal's records that the delivery cursors do not cover (every record
 * sent as one, when the run was never linked to a server), plus the records still in the spool.
 * Like the replay that sends them, it skips duplicate lines, and never counts the `create` record
 * (the experiment's creation, not a record sent) nor artifacts (never sent). Synchronous, because
 * it also runs at `process.on("exit")` (see `RunDir.recordHeads`).
 */
export function countPending(run: RunDir): PendingCount {
  const counter = pendingCounter(run.readDelivery()?.cursors);
  let lastSeq = 0;
  for (const { kind, seq } of run.recordHeads(() => counter.count.unreadableLines++)) {
    counter.add(kind, seq);
    lastSeq = seq;
  }
  visitSpooled(run, counter.add, lastSeq);
  return counter.count;
}

/**
 * `countPending`'s tally for a reader that walks the journal itself: give it every journal
 * record's kind and seq, in order and without duplicates, then the spool's
 * (`visitSpooled(run, add, lastJournalSeq)`).
 */
export function pendingCounter(cursors: DeliveryState["cursors"] | undefined): {
  count: PendingCount;
  add: (kind: RecordKind, seq: number) => void;
} {
  const count: PendingCount = { total: 0, kinds: {}, hasCreate: false, unreadableLines: 0 };
  const add = (kind: RecordKind, seq: number) => {
    if (kind === "create") count.hasCreate = true;
    const channel: Channel | undefined = kind === "create" ? undefined : channelOf(kind);
    if (channel === undefined || (cursors && seq <= cursors[channel])) return;
    count.total++;
    count.kinds[kind] = (count.kinds[kind] ?? 0) + 1;
  };
  return { count, add };
}

/** `countPending(run).total`. */
export function pendingRecords(run: RunDir): number {
  return countPending(run).total;
}
