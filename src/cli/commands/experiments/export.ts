import { createReadStream, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { PolyaxonClient } from "../../../api/client.js";
import type { Schemas } from "../../../api/index.js";
import { paginate } from "../../../api/paginate.js";
import type { Output } from "../../format.js";
import { type ProgressMode, pageProgress } from "../../progress.js";
import { fileSink, outputSink, type Sink } from "../../sink.js";
import { CliUsageError } from "../errors.js";
import { metricKeys } from "./describe.js";
import { experimentPath, getExperiment, parseExperimentId, resolveProject } from "./target.js";

export type ExportFormat = "csv" | "jsonl";

export interface ExperimentExportOptions {
  client: PolyaxonClient;
  project: string;
  id: string;
  /** Default `csv`; `jsonl` with `json` and no `out`. */
  format?: ExportFormat | undefined;
  /** A file to write; stdout when undefined. */
  out?: string | undefined;
  /** With `out`: the report as JSON on stdout. Without: the points as JSON Lines on stdout. */
  json?: boolean;
  progress: ProgressMode;
  stdout: Output;
  err: Output;
}

/** What the export wrote (`--json --out` prints it). */
export interface ExportReport {
  experiment: number;
  format: ExportFormat;
  /** The file written, or null for stdout. */
  out: string | null;
  points: number;
  /** CSV only: the columns, in order. */
  columns?: string[];
  /** CSV on stdout only: metric names first seen after the header was written, left out. */
  leftOut?: string[];
}

/**
 * `experiments export <owner/project> <id>`: every metric point of the experiment, streamed
 * page by page (the server answers up to 300,000 points per page; one page is held at a time).
 * Returns the exit code.
 */
export async function experimentExportCommand(options: ExperimentExportOptions): Promise<number> {
  const format = exportFormat(options);
  if (options.out !== undefined) checkWritable(options.out);
  const id = parseExperimentId(options.id);
  const project = await resolveProject(options.client, options.project);
  const path = experimentPath(project, id);
  // The experiment's last_metric merges the latest value of every metric name ever logged:
  // the CSV columns, known before the first point is read.
  const experiment = await getExperiment(options.client, path);
  const sink = options.out === undefined ? outputSink(options.stdout) : fileSink(options.out);
  const writer = format === "csv" ? new CsvWriter(sink, experiment, options) : new JsonlWriter(sink);
  const progress = pageProgress(
    options.json && options.out === undefined ? "none" : options.progress,
    options.err,
    `metrics of experiment ${id}`,
  );
  let points = 0;
  try {
    await writer.begin();
    for await (const point of paginate(options.client, "/{username}/{project_name}/experiments/{id}/metrics/", {
      params: { path },
      onPage: (page) => progress.onPage(page),
    })) {
      await writer.write(point);
      points++;
    }
  } finally {
    progress.stop();
    await sink.close();
  }
  if (options.out !== undefined && writer instanceof CsvWriter && writer.grew) await writer.rewriteHeader(options.out);
  const report: ExportReport = { experiment: id, format, out: options.out ?? null, points };
  if (writer instanceof CsvWriter) {
    report.columns = writer.columns;
    if (writer.leftOut.length > 0) report.leftOut = writer.leftOut;
  }
  if (options.out !== undefined && options.json) options.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (options.out !== undefined) options.stdout.write(`${describe(report)}\n`);
  else if (!options.json) options.err.write(`${describe(report)}\n`);
  return 0;
}

function exportFormat(options: ExperimentExportOptions): ExportFormat {
  const format = options.format ?? (options.json && options.out === undefined ? "jsonl" : "csv");
  if (format !== "csv" && format !== "jsonl")
    throw new CliUsageError(`Unknown format "${String(format)}": csv or jsonl.`);
  if (options.json && options.out === undefined && format !== "jsonl") {
    throw new CliUsageError(
      "--json without --out writes the points as JSON Lines: drop --format csv, or add --out FILE.",
    );
  }
  return format;
}

/** A file whose directory does not exist is a usage error found before any request. */
function checkWritable(file: string): void {
  const dir = dirname(resolve(file));
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliUsageError(`Cannot write ${file}: ${dir} is not a directory.`);
  }
}

function describe(report: ExportReport): string {
  const where = report.out === null ? "" : ` to ${report.out}`;
  const columns = report.columns ? ` (columns: ${report.columns.join(", ")})` : "";
  return `Exported ${report.points} point${report.points === 1 ? "" : "s"} of experiment ${report.experiment}${where}${columns}.`;
}

type Point = Schemas["ExperimentMetric"];

class JsonlWriter {
  constructor(private readonly sink: Sink) {}
  async begin(): Promise<void> {}
  write(point: Point): Promise<void> {
    return this.sink.write(`${JSON.stringify(point)}\n`);
  }
}

/**
 * CSV with the columns `id`, `created_at`, then the experiment's metric names (`step` first,
 * then alphabetically). A name first met in a later point — stored after the experiment was
 * read — gets a column at the end: in a file, the header is rewritten at the end and earlier
 * rows get empty cells; on stdout, where the header is already gone, its values are left out
 * with a warning.
 */
class CsvWriter {
  readonly columns: string[];
  readonly leftOut: string[] = [];
  /** Columns were added after the header was written. */
  grew = false;
  private readonly known: Set<string>;

  constructor(
    private readonly sink: Sink,
    experiment: Schemas["ExperimentDetail"],
    private readonly options: Pick<ExperimentExportOptions, "out" | "err">,
  ) {
    const keys = metricKeys([experiment.last_metric]);
    this.columns = ["id", "created_at", ...keys];
    this.known = new Set(keys);
  }

  begin(): Promise<void> {
    return this.sink.write(`${this.columns.map(csvCell).join(",")}\n`);
  }

  async write(point: Point): Promise<void> {
    for (const key of Object.keys(point.values)) {
      if (this.known.has(key)) continue;
      this.known.add(key);
      if (this.options.out !== undefined) {
        this.columns.push(key);
        this.grew = true;
      } else {
        this.leftOut.push(key);
        this.options.err.write(
          `warning: metric "${key}" first appears in point ${point.id}, after the CSV header was written: ` +
            "its values are left out (use --out FILE, or --format jsonl).\n",
        );
      }
    }
    const cells = [String(point.id), point.created_at];
    for (let i = 2; i < this.columns.length; i++) {
      const value = point.values[this.columns[i] ?? ""];
      cells.push(typeof value === "number" ? String(value) : "");
    }
    await this.sink.write(`${cells.join(",")}\n`);
  }

  /** Replaces the header with the grown one and pads the rows written before a column was added. */
  async rewriteHeader(file: string): Promise<void> {
    const tmp = `${file}.${process.pid}.tmp`;
    const sink = fileSink(tmp);
    try {
      let first = true;
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        if (first) {
          first = false;
          await sink.write(`${this.columns.map(csvCell).join(",")}\n`);
          continue;
        }
        // Rows hold numbers, an integer id and an ISO time only: no quoted commas to count wrong.
        const cells = line.split(",").length;
        await sink.write(`${line}${",".repeat(Math.max(0, this.columns.length - cells))}\n`);
      }
      await sink.close();
      renameSync(tmp, file);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
  }
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
