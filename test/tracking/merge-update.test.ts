import { describe, expect, it } from "vitest";
import { applyUpdate, type TrackedFields } from "../../src/tracking/merge-update.js";

const base: TrackedFields = { tags: ["a", "b"], params: { lr: 0.1, epochs: 3 }, dataRefs: { d: "1" } };

describe("applyUpdate (docs/wire.md#patch-merge)", () => {
  it("replaces tags, params and data refs without merge", () => {
    expect(applyUpdate(base, { tags: ["c", "c"], params: { x: 1 }, data_refs: { e: "2" } })).toMatchObject({
      tags: ["c"],
      params: { x: 1 },
      dataRefs: { e: "2" },
    });
  });

  it("merges with merge: true, keeping existing order and new values winning", () => {
    expect(applyUpdate(base, { tags: ["b", "c"], params: { lr: 0.2, seed: 1 }, merge: true })).toMatchObject({
      tags: ["a", "b", "c"],
      params: { lr: 0.2, epochs: 3, seed: 1 },
      dataRefs: { d: "1" },
    });
  });

  it("clears with null or empty even when merging", () => {
    expect(applyUpdate(base, { tags: null, params: {}, data_refs: null, merge: true })).toMatchObject({
      tags: [],
      params: {},
      dataRefs: {},
    });
  });

  it("replaces plain fields and leaves absent ones alone", () => {
    const next = applyUpdate({ ...base, name: "a", description: "d" }, { name: "b", merge: true });
    expect(next).toMatchObject({ name: "b", description: "d", tags: ["a", "b"] });
  });
});
