import { existsSync } from "node:fs";
import { metricLineSeq, parseRecordLine } from "../records/serialize.js";
import { channelOf } from "../records/types.js";
import { readJournalBlocksSync } from "../store/journal-reader.js";
import type { RunDir } from "../store/run-store.js";

/**
 * Counts the journal's records that the delivery cursors do not cover, synchronously (it runs
 * at `process.on("exit")`). The journal is read in 1 MB blocks and metric lines are judged by
 * their head, so a long run's journal (hundreds of MB after an outage) is never held in memory
 * nor JSON-parsed as a whole at exit.
 */
export function countPendingSync(run: RunDir): number {
  const state = run.readDelivery();
  if (!state || !existsSync(run.recordsFile)) return 0;
  const { cursors } = state;
  let pending = 0;
  for (const lines of readJournalBlocksSync(run.recordsFile)) {
    for (const { text } of lines) {
      const metricSeq = metricLineSeq(text);
      if (metricSeq !== undefined) {
        if (metricSeq > cursors.metric) pending++;
        continue;
      }
      try {
        const record = parseRecordLine(text);
        const channel = channelOf(record.kind);
        if (channel !== undefined && record.seq > cursors[channel]) pending++;
      } catch {
        // A torn last line is not a record.
      }
    }
  }
  return pending;
}
