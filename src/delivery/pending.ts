import { existsSync } from "node:fs";
import { metricLineSeq, parseRecordLine } from "../records/serialize.js";
import { channelOf } from "../records/types.js";
import { readJournalBlocksSync } from "../store/journal-reader.js";
import type { RunDir } from "../store/run-store.js";
import { spooledRecords } from "./spool-journal.js";

/**
 * The one count of what is still to deliver: the journal's records that the delivery cursors do
 * not cover (every deliverable record when the run was never linked to a server, the create
 * record aside), plus the records still in the spool. Synchronous, because it also runs at `process.on("exit")`: the journal is read
 * in 1 MB blocks and metric lines are judged by their head, so a long run's journal (hundreds of
 * MB after an outage) is never held in memory nor JSON-parsed as a whole.
 */
export function pendingRecords(run: RunDir): number {
  return journalPending(run) + spooledRecords(run);
}

function journalPending(run: RunDir): number {
  if (!existsSync(run.recordsFile)) return 0;
  const cursors = run.readDelivery()?.cursors;
  let pending = 0;
  let lastSeq = 0;
  for (const lines of readJournalBlocksSync(run.recordsFile)) {
    for (const { text } of lines) {
      let seq = metricLineSeq(text);
      let channel: "metric" | "log" | "ordered" | undefined = "metric";
      if (seq === undefined) {
        try {
          const record = parseRecordLine(text);
          seq = record.seq;
          channel = record.kind === "create" && !cursors ? undefined : channelOf(record.kind);
        } catch {
          continue; // A torn last line is not a record.
        }
      }
      // A line whose seq is not above the previous one is a duplicate (see replayJournal).
      if (seq <= lastSeq) continue;
      lastSeq = seq;
      if (channel !== undefined && (!cursors || seq > cursors[channel])) pending++;
    }
  }
  return pending;
}
