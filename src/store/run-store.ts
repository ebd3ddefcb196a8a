import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PolyaxonError } from "../errors.js";
import {
  metricLineSeq,
  parseMetricLine,
  parseRecordLine,
  RecordParseError,
  type SerializedRecord,
  wireOf,
} from "../records/serialize.js";
import type { Channel, RecordKind, RunRecord } from "../records/types.js";
import { readJournalBlocks, readJournalBlocksSync } from "./journal-reader.js";

/**
 * The local run store: one directory per run under the tracking root
 * (default `./.polyaxon/runs`, `POLYAXON_TRACKING_DIR`):
 *
 *   <root>/<run-id>/run.json        what the run is (project, name, when, sdk version)
 *   <root>/<run-id>/spool.bin       frames handed over, not yet journaled (transient, binary)
 *   <root>/<run-id>/records.jsonl   the append-only journal of every record
 *   <root>/<run-id>/delivery.json   what a server acknowledged (experiment id + cursor per channel)
 *   <root>/<run-id>/rejected.jsonl  what the server refused for good, with the reason (appended)
 *   <root>/<run-id>/writer.pid      the pid of the live process writing the run (removed by close)
 *   <root>/<run-id>/outputs/        artifacts, when no other outputs store is configured
 */

export const RUN_FORMAT = 1;

export interface RunMeta {
  format: number;
  runId: string;
  /** The project as the user wrote it. */
  project: string;
  /** Owner, when known (from the project string or the user lookup). */
  owner?: string;
  projectName: string;
  createdAt: string;
  sdkVersion: string;
  name?: string;
  groupId?: number;
  /** Set when the run was attached to an experiment that already exists on a server. */
  experimentId?: number;
}

export interface DeliveryState {
  /** API base URL the run is delivered to. */
  baseUrl: string;
  owner: string;
  projectName: string;
  experimentId: number;
  /** Highest seq acknowledged by the server, per channel. */
  cursors: Record<Channel, number>;
  /** How many records the server refused for good (a 4xx); they are in `rejected.jsonl` and never sent again. */
  rejected: number;
  updatedAt: string;
}

export class RunStoreError extends PolyaxonError {
  override name = "RunStoreError";
}

export function defaultTrackingDir(cwd = process.cwd()): string {
  return resolve(cwd, ".polyaxon", "runs");
}

/** Sortable, unique run ids: `20261126-053454-3fa9c1`. */
export function newRunId(now = new Date()): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

export class RunDir {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
  get id(): string {
    return this.path.split(/[\\/]/).at(-1) ?? this.path;
  }
  get metaFile(): string {
    return join(this.path, "run.json");
  }
  get recordsFile(): string {
    return join(this.path, "records.jsonl");
  }
  get deliveryFile(): string {
    return join(this.path, "delivery.json");
  }
  /** Frames handed over and not yet turned into journal lines (see store/spool.ts). */
  get spoolFile(): string {
    return join(this.path, "spool.bin");
  }
  /** Held (with its pid) by the process writing the run, so readers leave its spool alone. */
  get lockFile(): string {
    return join(this.path, "writer.pid");
  }
  get rejectedFile(): string {
    return join(this.path, "rejected.jsonl");
  }
  get outputsPath(): string {
    return join(this.path, "outputs");
  }

  static create(root: string, meta: Omit<RunMeta, "format" | "runId">, runId = newRunId()): RunDir {
    const dir = new RunDir(join(root, runId));
    mkdirSync(dir.path, { recursive: true });
    dir.writeMeta({ format: RUN_FORMAT, runId, ...meta });
    return dir;
  }

  readMeta(): RunMeta {
    return readJson<RunMeta>(this.metaFile);
  }

  writeMeta(meta: RunMeta): void {
    writeJsonAtomic(this.metaFile, meta);
  }

  readDelivery(): DeliveryState | undefined {
    return existsSync(this.deliveryFile) ? readJson<DeliveryState>(this.deliveryFile) : undefined;
  }

  writeDelivery(state: DeliveryState): void {
    writeJsonAtomic(this.deliveryFile, state);
  }

  /**
   * Streams the journal in order. A line that cannot be parsed (typically the last line of a
   * process killed mid-write) is skipped and reported through `onSkip`, never thrown.
   */
  async *records(onSkip?: (lineNo: number, reason: string) => void): AsyncGenerator<RunRecord> {
    for await (const { record } of this.deliveryItems({ ...(onSkip ? { onSkip } : {}), withValues: true })) {
      yield record;
    }
  }

  /**
   * The journal as delivery items (record + wire element) with the byte offset where each ends,
   * from `fromOffset`. Metric lines take a fast path that skips JSON.parse unless `withValues`.
   */
  async *deliveryItems(options: DeliveryReadOptions = {}): AsyncGenerator<DeliveryItem> {
    for await (const items of this.deliveryBlocks(options)) yield* items;
  }

  /**
   * `deliveryItems`, a block (about 1 MB of journal) at a time: no await per record. Every
   * journal read skips duplicate lines (see {@link SeqOrder}); an item's `end` is then past
   * the duplicates that follow it, so a reader resuming there does not meet them again. That is
   * why each block's last item is handed out with the next block.
   */
  async *deliveryBlocks(options: DeliveryReadOptions = {}): AsyncGenerator<DeliveryItem[]> {
    if (!existsSync(this.recordsFile)) return;
    const seqs = new SeqOrder();
    let held: DeliveryItem | undefined;
    for await (const lines of readJournalBlocks(this.recordsFile, options.fromOffset ?? 0)) {
      const items: DeliveryItem[] = held ? [held] : [];
      for (const { text, lineNo, end } of lines) {
        const item = readItem(text, lineNo, end, options);
        if (item === undefined) continue;
        if (seqs.isDuplicate(item.record.seq)) {
          const last = items.at(-1);
          if (last) last.end = end;
          continue;
        }
        items.push(item);
      }
      held = items.pop();
      if (items.length > 0) yield items;
    }
    if (held) yield [held];
  }

  /**
   * Kind and seq of every journal record, synchronously (it runs at `process.on("exit")` too),
   * duplicate lines skipped. Read in 1 MB blocks, metric lines judged by their head: a long
   * run's journal is never held in memory nor JSON-parsed as a whole.
   */
  *recordHeads(onSkip?: () => void): Generator<{ kind: RecordKind; seq: number }> {
    if (!existsSync(this.recordsFile)) return;
    const seqs = new SeqOrder();
    for (const lines of readJournalBlocksSync(this.recordsFile)) {
      for (const { text } of lines) {
        if (text.trim() === "") continue;
        let seq = metricLineSeq(text);
        let kind: RecordKind = "metric";
        if (seq === undefined) {
          try {
            ({ seq, kind } = parseRecordLine(text));
          } catch {
            onSkip?.();
            continue;
          }
        }
        if (!seqs.isDuplicate(seq)) yield { kind, seq };
      }
    }
  }
}

/** A journal line as a delivery item; undefined (reported through `onSkip`) when it is no record. */
function readItem(text: string, lineNo: number, end: number, options: DeliveryReadOptions): DeliveryItem | undefined {
  if (text.trim() === "") return undefined;
  const fast = options.withValues ? undefined : parseMetricLine(text);
  if (fast) return { record: fast.record, wire: fast.wire, end };
  try {
    const record = parseRecordLine(text);
    return { record, wire: wireOf(record), end };
  } catch (error) {
    if (!(error instanceof RecordParseError)) throw error;
    options.onSkip?.(lineNo, error.message);
    return undefined;
  }
}

/**
 * Seqs only go up in a journal: a line whose seq is not above the previous record's repeats a
 * record already journaled. When the delivery thread does not answer `close` within 5 s
 * (`ThreadHost.close`), the training thread journals the spool and the frames not yet spooled
 * itself, and lines the still-running thread writes after that repeat those seqs.
 */
class SeqOrder {
  private last = 0;
  isDuplicate(seq: number): boolean {
    if (seq <= this.last) return true;
    this.last = seq;
    return false;
  }
}

export interface DeliveryReadOptions {
  fromOffset?: number;
  onSkip?: (lineNo: number, reason: string) => void;
  withValues?: boolean;
}

/** A journal record ready for delivery, with the byte offset just past its line. */
export type DeliveryItem = SerializedRecord & { end: number };

/** Every run directory under `root`, oldest first. */
export function listRunDirs(root: string): RunDir[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, "run.json")))
    .map((entry) => new RunDir(join(root, entry.name)))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Finds a run by id or unique id prefix. */
export function findRunDir(root: string, idOrPrefix: string): RunDir {
  const runs = listRunDirs(root);
  const exact = runs.find((run) => run.id === idOrPrefix);
  if (exact) return exact;
  const matches = runs.filter((run) => run.id.startsWith(idOrPrefix));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new RunStoreError(`Run id "${idOrPrefix}" is ambiguous: ${matches.map((r) => r.id).join(", ")}`);
  }
  throw new RunStoreError(`No local run "${idOrPrefix}" under ${root}. List runs with: polyaxon-tracking runs`);
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new RunStoreError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Write-then-rename, so a crash leaves either the old or the new file, never half of one. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}
