import { readFileSync } from "node:fs";
import { parseRecordLine } from "../records/serialize.js";
import { channelOf } from "../records/types.js";
import type { RunDir } from "../store/run-store.js";

/**
 * Counts the journal's records that the delivery cursors do not cover, synchronously (it runs
 * at `process.on("exit")`). Cheap in the common case: when every cursor is at or past the
 * journal's last seq, only the file's tail is parsed.
 */
export function countPendingSync(run: RunDir): number {
  const state = run.readDelivery();
  if (!state) return 0;
  let text: string;
  try {
    text = readFileSync(run.recordsFile, "utf8");
  } catch {
    return 0;
  }
  let pending = 0;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    try {
      const record = parseRecordLine(line);
      const channel = channelOf(record.kind);
      if (channel !== undefined && record.seq > state.cursors[channel]) pending++;
    } catch {
      // A torn last line is not a record.
    }
  }
  return pending;
}
