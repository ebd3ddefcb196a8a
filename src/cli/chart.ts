const BARS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/**
 * A one-line chart of `values`, at most `width` characters wide. When there are more values
 * than columns, each column shows the mean of its bucket. Missing values (null) are blanks;
 * a flat series sits on the middle bar.
 */
export function sparkline(values: readonly (number | null)[], width = 40): string {
  if (values.length === 0 || width < 1) return "";
  const columns = bucketMeans(values, Math.min(width, values.length));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of columns) {
    if (value === null) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const range = max - min;
  return columns
    .map((value) => {
      if (value === null) return " ";
      if (!(range > 0) || !Number.isFinite(range)) return BARS[3];
      const level = Math.round(((value - min) / range) * (BARS.length - 1));
      return BARS[level] ?? BARS[BARS.length - 1];
    })
    .join("");
}

function bucketMeans(values: readonly (number | null)[], columns: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let column = 0; column < columns; column++) {
    const start = Math.floor((column * values.length) / columns);
    const end = Math.floor(((column + 1) * values.length) / columns);
    let sum = 0;
    let n = 0;
    for (let i = start; i < end; i++) {
      const value = values[i];
      if (typeof value === "number" && Number.isFinite(value)) {
        sum += value;
        n++;
      }
    }
    out.push(n === 0 ? null : sum / n);
  }
  return out;
}

/** Short human form of a metric value: integers as is, others with 4 significant digits. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

export interface ChartLineInput {
  key: string;
  values: readonly (number | null)[];
  min: number | undefined;
  max: number | undefined;
  last: number | null | undefined;
  count: number;
}

/** `loss      ▇▅▄▃▂▂▁▁  min 0.12  max 0.69  last 0.12  (20 pts)` — `keyWidth` aligns the charts. */
export function chartLine(input: ChartLineInput, options: { width?: number; keyWidth?: number } = {}): string {
  const key = input.key.padEnd(options.keyWidth ?? input.key.length);
  const chart = sparkline(input.values, options.width ?? 40);
  const stats = `min ${formatNumber(input.min)}  max ${formatNumber(input.max)}  last ${formatNumber(input.last)}`;
  const points = `(${input.count} ${input.count === 1 ? "pt" : "pts"})`;
  return `${key}  ${chart.padEnd(options.width ?? 40)}  ${stats}  ${points}`;
}
