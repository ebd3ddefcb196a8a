/** Where commands write: `process.stdout`/`process.stderr`, or a collecting stub in tests. */
export interface Output {
  write(chunk: string): unknown;
}

/** `850ms`, `12.3s`, `4m 05s`, `2h 03m`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return "–";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const totalSeconds = Math.round(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes}m ${String(totalSeconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

/** `2026-11-26 05:34:54` (UTC, as the run ids are). */
export function formatTime(epochMs: number | string | undefined): string {
  if (epochMs === undefined) return "–";
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return "–";
  return date.toISOString().slice(0, 19).replace("T", " ");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Left-aligned columns separated by two spaces; the header row comes first. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** Rows as aligned columns without a header line (label/value lists). */
export function bodyOf(rows: readonly (readonly string[])[]): string {
  const width = Math.max(...rows.map((row) => row.length));
  return formatTable(
    Array.from({ length: width }, () => ""),
    rows,
  )
    .split("\n")
    .slice(1)
    .join("\n");
}

/** Every line indented by two spaces. */
export function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

/** A code reference on one line: short commit, branch, dirty flag, repository. */
export function describeCodeRef(ref: {
  commit: string;
  branch?: string | null | undefined;
  is_dirty?: boolean | null | undefined;
  git_url?: string | null | undefined;
}): string {
  return [ref.commit.slice(0, 12), ref.branch && `on ${ref.branch}`, ref.is_dirty ? "(dirty)" : "", ref.git_url]
    .filter(Boolean)
    .join(" ");
}
