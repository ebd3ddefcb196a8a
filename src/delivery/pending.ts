import { existsSync } from "node:fs";
import { metricLineSeq, parseRecordLine } from "../records/serialize.js";
import { type Channel, channelOf, type RecordKind } from "../records/types.js";
import { readJournalBlocksSync } from "../store/journal-reader.js";
import type { RunDir } from "../store/run-store.js";
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
 * it also runs at `process.on("exit")`: the journal is read in 1 MB blocks and metric lines are
 * judged by their head, so a long run's journal (hundreds of MB after an outage) is never held in
 * memory nor JSON-parsed as a whole.
 */
export function countPending(run: RunDir): PendingCount {
  const cursors = run.readDelivery()?.cursors;
  const count: PendingCount = { total: 0, kinds: {}, hasCreate: false, unreadableLines: 0 };
  const add = (kind: RecordKind, seq: number) => {
    if (kind === "create") count.hasCreate = true;
    const channel: Channel | undefined = kind === "create" ? undefined : channelOf(kind);
    if (channel === undefined || (cursors && seq <= cursors[channel])) return;
    count.total++;
    count.kinds[kind] = (count.kinds[kind] ?? 0) + 1;
  };
  let lastSeq = 0;
  if (existsSync(run.recordsFile)) {
    for (const lines of readJournalBlocksSync(run.recordsFile)) {
      for (const { text } of lines) {
        if (text.trim() === "") continue;
        let seq = metricLineSeq(text);
        let kind: RecordKind = "metric";
        if (seq === undefined) {
          try {
            ({ seq, kind } = parseRecordLine(text));
          } catch {
            count.unreadableLines++;
            continue;
          }
        }
        // A line whose seq is not above the previous one is a duplicate (see replayJournal).
        if (seq <= lastSeq) continue;
        lastSeq = seq;
        add(kind, seq);
      }
    }
  }
  visitSpooled(run, add, lastSeq);
  return count;
}

/** `countPending(run).total`. */
export function pendingRecords(run: RunDir): number {
  return countPending(run).total;
}
