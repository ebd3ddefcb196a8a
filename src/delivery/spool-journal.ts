import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { rowWidth } from "../records/frame.js";
import { metricLineSeq, parseRecordLine } from "../records/serialize.js";
import type { RecordKind } from "../records/types.js";
import { JournalWriter } from "../store/journal.js";
import type { RunDir } from "../store/run-store.js";
import { SpoolReader } from "../store/spool.js";
import { FrameWriter } from "./frame-writer.js";
import { DEFAULT_BATCH_LIMITS } from "./pieces.js";

/**
 * The spool and the journal of a run that no process is writing any more: what a kill left in
 * the spool is turned into journal lines (records the journal already holds are skipped by seq),
 * then the spool is removed. `sync`, `show` and `runs` call it first; it leaves alone a run whose
 * writer is alive (they then read the journal as far as it goes).
 */
export function settleSpool(run: RunDir): void {
  if (writerAlive(run)) return;
  const reader = openSpool(run);
  if (!reader) return;
  const journal = new JournalWriter(run.recordsFile);
  const writer = new FrameWriter(journal, DEFAULT_BATCH_LIMITS, lastJournalSeq(run));
  try {
    for (let frames = reader.next(1 << 20); frames.length > 0; frames = reader.next(1 << 20)) {
      for (const frame of frames) writer.write(frame, false);
    }
  } finally {
    reader.close();
    journal.close();
  }
  rmSync(run.spoolFile, { force: true });
}

/**
 * Calls `visit` with the kind and seq of every record in the spool that the journal does not hold
 * yet (a run whose writer is alive, or was killed), as settling would journal them: a frame
 * spooled twice (by a delivery thread that kept writing after `ThreadHost.close` gave up on it)
 * counts once. `journalSeq`: the journal's last seq, when the caller has just read it.
 */
export function visitSpooled(run: RunDir, visit: (kind: RecordKind, seq: number) => void, journalSeq?: number): void {
  const reader = openSpool(run);
  if (!reader) return;
  let after = journalSeq ?? lastJournalSeq(run);
  try {
    for (let frames = reader.next(1 << 20); frames.length > 0; frames = reader.next(1 << 20)) {
      for (const frame of frames) {
        let last = after;
        for (const record of frame.records) {
          if (record.seq > after) visit(record.kind, record.seq);
          last = Math.max(last, record.seq);
        }
        for (const block of frame.blocks) {
          const data = new Float64Array(block.buffer, block.byteOffset ?? 0);
          const width = rowWidth(block.keys.length);
          for (let row = block.start; row < block.start + block.rows; row++) {
            const seq = data[row * width] as number;
            if (seq > after) visit("metric", seq);
            last = Math.max(last, seq);
          }
        }
        after = last;
      }
    }
  } finally {
    reader.close();
  }
}

/** Records in the spool that the journal does not hold yet and that delivery sends (no create, no artifact). */
export function spooledRecords(run: RunDir): number {
  let count = 0;
  visitSpooled(run, (kind) => {
    if (kind !== "artifact" && kind !== "create") count++;
  });
  return count;
}

/**
 * The run's spool, or undefined when it has none: never written, or removed by a clean close
 * (possibly between a reader's look and its open, when the writer closes meanwhile).
 */
function openSpool(run: RunDir): SpoolReader | undefined {
  try {
    return new SpoolReader(run.spoolFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Marks the run as written by this process (see `settleSpool`). */
export function claimRun(run: RunDir): void {
  writeFileSync(run.lockFile, String(process.pid));
}

export function releaseRun(run: RunDir): void {
  rmSync(run.lockFile, { force: true });
}

function writerAlive(run: RunDir): boolean {
  return liveWriter(run) !== undefined;
}

/** The pid in `writer.pid` when that process is alive (this one included), else undefined. */
export function liveWriter(run: RunDir): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(run.lockFile, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}

/** Seq of the journal's last whole record (0 for an empty or missing journal), read from its tail. */
export function lastJournalSeq(run: RunDir): number {
  if (!existsSync(run.recordsFile)) return 0;
  const fd = openSync(run.recordsFile, "r");
  try {
    const size = fstatSync(fd).size;
    // Widen the window until it holds a whole line (a record can be long: params, a traceback).
    for (let window = 64 * 1024; ; window *= 4) {
      const start = Math.max(0, size - window);
      const buffer = Buffer.alloc(size - start);
      readSync(fd, buffer, 0, buffer.length, start);
      const lines = buffer.toString("utf8").split("\n");
      // The first line of a window that does not start the file may be cut: never trust it.
      for (let i = lines.length - 1; i >= (start === 0 ? 0 : 1); i--) {
        const seq = seqOfLine(lines[i] as string);
        if (seq !== undefined) return seq;
      }
      if (start === 0) return 0;
    }
  } finally {
    closeSync(fd);
  }
}

function seqOfLine(line: string): number | undefined {
  const seq = metricLineSeq(line);
  if (seq !== undefined) return seq;
  try {
    return parseRecordLine(line).seq;
  } catch {
    return undefined; // a torn or empty line
  }
}
