import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import {
  EXPERIMENT_STATUSES,
  isTerminalStatus,
  normalizeTags,
  TERMINAL_STATUSES,
  validateBackend,
  validateDescription,
  validateFramework,
  validateName,
  validateParams,
  validateStatus,
  validateStatusMessage,
} from "../../src/tracking/validate.js";
import { thrown } from "../support/thrown.js";

/** Run `fn`, expect a ValidationError, and return it for further checks. */
const rejects = (fn: () => unknown) => thrown(fn, ValidationError);

describe("validateName", () => {
  it("accepts slugs up to 128 characters and returns them unchanged", () => {
    expect(validateName("resnet-50_run2")).toBe("resnet-50_run2");
    expect(validateName("a".repeat(128))).toBe("a".repeat(128));
    // Only the exact reserved word (+s) is reserved; containing one is fine.
    expect(validateName("notebook")).toBe("notebook");
    expect(validateName("my-experiment")).toBe("my-experiment");
    expect(validateName("users2")).toBe("users2");
    // Only a trailing "s" extends a reserved word: "log" + "o" is free.
    expect(validateName("logo")).toBe("logo");
  });

  it("rejects non-slugs, empty and over-long names", () => {
    expect(rejects(() => validateName("has space")).field).toBe("name");
    rejects(() => validateName("dotted.name"));
    rejects(() => validateName("été"));
    rejects(() => validateName(""));
    expect(rejects(() => validateName("a".repeat(129))).message).toContain("128");
  });

  it("rejects reserved words case-insensitively, and reserved word + s", () => {
    for (const name of ["experiment", "Experiment", "EXPERIMENTS", "data", "datas", "404", "this", "_static"]) {
      expect(rejects(() => validateName(name)).message).toContain("reserved");
    }
  });

  it("uses the given field name", () => {
    const error = rejects(() => validateName("bad name", "chartName"));
    expect(error.field).toBe("chartName");
    expect(error.message).toContain("chartName");
  });
});

describe("normalizeTags", () => {
  it("maps empty or absent to null", () => {
    expect(normalizeTags(undefined)).toBeNull();
    expect(normalizeTags(null)).toBeNull();
    expect(normalizeTags("")).toBeNull();
    expect(normalizeTags([])).toBeNull();
  });

  it("splits a string on commas and trims each piece", () => {
    expect(normalizeTags(" a, b ,c")).toEqual(["a", "b", "c"]);
    expect(normalizeTags("solo")).toEqual(["solo"]);
  });

  it("rejects an empty piece in a string", () => {
    expect(rejects(() => normalizeTags("a,,b")).field).toBe("tags");
    rejects(() => normalizeTags("a,"));
    rejects(() => normalizeTags("   "));
  });

  it("accepts an array of non-empty strings, returning a copy", () => {
    const input = ["x", "y"];
    const out = normalizeTags(input);
    expect(out).toEqual(["x", "y"]);
    expect(out).not.toBe(input);
  });

  it("names the index of an invalid array item", () => {
    expect(rejects(() => normalizeTags(["ok", ""])).message).toContain("index 1");
    expect(rejects(() => normalizeTags(["ok", "fine", 3 as unknown as string])).message).toContain("index 2");
  });

  it("holds tags to the server's 64-character limit", () => {
    expect(normalizeTags(["t".repeat(64)])).toEqual(["t".repeat(64)]);
    expect(rejects(() => normalizeTags(["ok", "t".repeat(65)])).message).toContain("index 1");
    rejects(() => normalizeTags(`a,${"t".repeat(65)}`));
  });
});

describe("statuses", () => {
  it("lists the 13 accepted statuses and the 5 terminal ones", () => {
    expect(EXPERIMENT_STATUSES).toHaveLength(13);
    expect([...TERMINAL_STATUSES].sort()).toEqual(["failed", "skipped", "stopped", "succeeded", "upstream_failed"]);
    expect(isTerminalStatus("failed")).toBe(true);
    expect(isTerminalStatus("running")).toBe(false);
  });

  it("accepts every listed status", () => {
    for (const status of EXPERIMENT_STATUSES) {
      expect(validateStatus(status)).toBe(status);
    }
  });

  it("rejects unknown, unschedulable and wrongly-cased statuses", () => {
    for (const status of ["unschedulable", "done", "Running", ""]) {
      const error = rejects(() => validateStatus(status));
      expect(error.field).toBe("status");
      expect(error.message).toContain("succeeded");
    }
  });
});

describe("validateStatusMessage", () => {
  it("passes undefined and short messages through", () => {
    expect(validateStatusMessage(undefined)).toBeUndefined();
    expect(validateStatusMessage("boom")).toBe("boom");
    expect(validateStatusMessage("m".repeat(256))).toBe("m".repeat(256));
  });

  it("cuts longer messages to 253 characters + '...'", () => {
    const out = validateStatusMessage("x".repeat(1000));
    expect(out).toBe(`${"x".repeat(253)}...`);
    expect(out).toHaveLength(256);
  });

  it("counts code points, never splitting a surrogate pair", () => {
    // 256 emoji are 512 UTF-16 units but 256 characters for the server: kept whole.
    const emoji256 = "😀".repeat(256);
    expect(validateStatusMessage(emoji256)).toBe(emoji256);
    const out = validateStatusMessage("😀".repeat(300)) ?? "";
    expect(Array.from(out)).toHaveLength(256);
    expect(out).toBe(`${"😀".repeat(253)}...`);
  });
});

describe("validateParams", () => {
  it("returns a JSON-only deep copy of a plain object", () => {
    const nested = { betas: [0.9, 0.999] };
    const params = { lr: 0.01, name: "adam", flag: true, none: null, optimizer: nested };
    const out = validateParams(params);
    expect(out).toEqual(params);
    expect(out.optimizer).not.toBe(nested);
    expect(validateParams({})).toEqual({});
    expect(validateParams(Object.create(null))).toEqual({});
  });

  it("converts values with toJSON (Date) through it", () => {
    expect(validateParams({ when: new Date("2020-01-02T03:04:05.000Z") })).toEqual({
      when: "2020-01-02T03:04:05.000Z",
    });
  });

  it("rejects non-plain containers", () => {
    for (const bad of [null, undefined, [1, 2], "x", 3, new Map(), new (class Config {})()]) {
      expect(rejects(() => validateParams(bad)).field).toBe("params");
    }
  });

  it("names the key of a value JSON cannot carry", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ f: () => 1 }, "f"],
      [{ b: 10n }, "b"],
      [{ s: Symbol("s") }, "s"],
      [{ u: undefined }, "u"],
      [{ n: Number.NaN }, "n"],
      [{ i: Number.POSITIVE_INFINITY }, "i"],
      [{ opt: { betas: [0.9, undefined] } }, "opt.betas[1]"],
      [{ m: new Map([["a", 1]]) }, "m"],
    ];
    for (const [params, field] of cases) {
      const error = rejects(() => validateParams(params));
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
    }
  });

  it("rejects circular references but allows shared ones", () => {
    const shared = { a: 1 };
    expect(validateParams({ x: shared, y: shared })).toEqual({ x: { a: 1 }, y: { a: 1 } });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(rejects(() => validateParams({ loop })).message).toContain("circular");
  });
});

describe("free-string fields", () => {
  it("accepts framework/backend of 1..16 characters", () => {
    expect(validateFramework("pytorch")).toBe("pytorch");
    expect(validateBackend("b".repeat(16))).toBe("b".repeat(16));
  });

  it("rejects empty, over-long and non-string framework/backend", () => {
    expect(rejects(() => validateFramework("")).field).toBe("framework");
    expect(rejects(() => validateBackend("b".repeat(17))).field).toBe("backend");
    rejects(() => validateFramework(7 as unknown as string));
  });

  it("accepts any description string, rejects non-strings", () => {
    expect(validateDescription("")).toBe("");
    expect(validateDescription("long ".repeat(1000))).toHaveLength(5000);
    expect(rejects(() => validateDescription(null as unknown as string)).field).toBe("description");
  });
});
