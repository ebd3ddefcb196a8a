import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { copyMetricValues } from "../../src/records/metric-values.js";

/** Runs copyMetricValues and collects what it dropped. */
function copy(input: unknown) {
  const dropped: string[] = [];
  const values = copyMetricValues(input, (key, reason) => dropped.push(`${key}:${reason}`));
  return { values, keys: Object.keys(values), dropped };
}

describe("copyMetricValues (logMetrics before create() and in no-op mode)", () => {
  it("copies numbers, converts bigints and drops null and non-finite values", () => {
    expect(copy({ x: 1, n: null, nan: Number.NaN, inf: Number.POSITIVE_INFINITY, big: 10n })).toEqual({
      values: { x: 1, big: 10 },
      keys: ["x", "big"],
      dropped: ["n:null", "nan:non-finite", "inf:non-finite"],
    });
  });

  it("returns a copy: later changes to the caller's object do not reach the record", () => {
    const input = { loss: 1 };
    const { values } = copy(input);
    input.loss = 2;
    expect(values).toEqual({ loss: 1 });
    expect(values).not.toBe(input);
  });

  it("takes own enumerable string keys only (no inherited keys, no symbols in the JSON)", () => {
    const input = Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } }) as object;
    expect(copy(input).keys).toEqual(["own"]);
    expect(JSON.stringify(copy({ [Symbol("s")]: 1, k: 3 }).values)).toBe('{"k":3}');
  });

  it("names the key of a value that is not a number", () => {
    expect(() => copy({ a: "str" })).toThrow(
      new ValidationError('Metric "a" must be a number or null, got string.', "a"),
    );
    expect(() => copy({ u: undefined })).toThrow(/Metric "u" must be a number or null, got undefined/);
    expect(() => copy({})).toThrow(/at least one metric/);
  });
});
