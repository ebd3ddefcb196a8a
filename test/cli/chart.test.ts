import { describe, expect, it } from "vitest";
import { chartLine, formatNumber, sparkline } from "../../src/cli/chart.js";

describe("sparkline", () => {
  it("maps min to the lowest bar and max to the highest", () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([7, 0])).toBe("█▁");
  });

  it("shows a flat series on the middle bar and nulls as blanks", () => {
    expect(sparkline([2, 2, 2])).toBe("▄▄▄");
    expect(sparkline([0, null, 1])).toBe("▁ █");
  });

  it("averages buckets down to the width", () => {
    const line = sparkline(
      Array.from({ length: 100 }, (_, i) => i),
      10,
    );
    expect(line).toHaveLength(10);
    expect(line[0]).toBe("▁");
    expect(line.at(-1)).toBe("█");
  });

  it("is empty for no values", () => {
    expect(sparkline([])).toBe("");
  });
});

describe("chartLine", () => {
  it("prints the key, chart, min/max/last and the point count", () => {
    const line = chartLine(
      { key: "loss", values: [1, 0.5, 0.25], min: 0.25, max: 1, last: 0.25, count: 3 },
      { width: 3, keyWidth: 6 },
    );
    expect(line).toBe("loss    █▃▁  min 0.25  max 1  last 0.25  (3 pts)");
  });

  it("formats numbers compactly", () => {
    expect(formatNumber(0.123456)).toBe("0.1235");
    expect(formatNumber(1e-7)).toBe("1.000e-7");
    expect(formatNumber(null)).toBe("–");
    expect(formatNumber(42)).toBe("42");
  });
});
