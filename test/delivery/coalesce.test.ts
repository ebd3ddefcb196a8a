import { describe, expect, it } from "vitest";
import { coalesceUpdates } from "../../src/delivery/coalesce.js";
import type { Json, UpdateBody } from "../../src/records/types.js";

type State = Record<string, Json>;

/** The v0.6.1 server's PATCH, as docs/wire.md#patch-merge describes it (merge applies to tags, params, data_refs). */
function patch(state: State, body: UpdateBody): State {
  const next: State = { ...state };
  const merge = body.merge === true;
  for (const [key, value] of Object.entries(body)) {
    if (key === "merge" || value === undefined) continue;
    const current = state[key];
    const empty = (v: Json | undefined) =>
      v === null ||
      v === undefined ||
      (Array.isArray(v) ? v.length === 0 : typeof v === "object" && Object.keys(v).length === 0);
    if (!merge || !["tags", "params", "data_refs"].includes(key) || empty(current) || empty(value as Json)) {
      next[key] = key === "tags" && Array.isArray(value) ? [...new Set(value)] : (value as Json);
    } else if (key === "tags") {
      next[key] = [...new Set([...(current as string[]), ...(value as string[])])];
    } else {
      next[key] = { ...(current as Record<string, Json>), ...(value as Record<string, Json>) };
    }
  }
  return next;
}

const apply = (state: State, bodies: readonly UpdateBody[]) => bodies.reduce(patch, state);

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function randomUpdate(random: () => number): UpdateBody {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const body: UpdateBody = {};
  const fields = ["tags", "params", "data_refs", "name", "description", "framework"] as const;
  for (const field of fields) {
    if (random() > 0.4) continue;
    if (field === "tags") body.tags = pick([null, [], ["a"], ["b", "c"], ["a", "d"]]);
    else if (field === "params") body.params = pick([null, {}, { lr: 1 }, { lr: 2, bs: 3 }, { seed: 7 }]);
    else if (field === "data_refs") body.data_refs = pick([null, {}, { d: "x1" }, { e: "y2" }]);
    else body[field] = pick(["n1", "n2", "n3"]);
  }
  if (random() < 0.7) body.merge = true;
  if (Object.keys(body).filter((k) => k !== "merge").length === 0) body.description = "d";
  return body;
}

describe("coalesceUpdates", () => {
  it("leaves the server as sending every update one by one would, for 5,000 random runs and start states", () => {
    const random = prng(42);
    const starts: State[] = [{}, { tags: ["z"], params: { old: 1 }, data_refs: { d: "old" }, name: "x" }];
    for (let run = 0; run < 5_000; run++) {
      const updates = Array.from({ length: 1 + Math.floor(random() * 6) }, () => randomUpdate(random));
      const bodies = coalesceUpdates(updates);
      expect(bodies.length).toBeLessThanOrEqual(2);
      for (const start of starts) {
        const expected = apply(start, updates);
        const actual = apply(start, bodies);
        // Tags are a set on the server (order not preserved on replace).
        const norm = (s: State) => ({ ...s, tags: Array.isArray(s.tags) ? [...(s.tags as string[])].sort() : s.tags });
        expect(norm(actual), JSON.stringify(updates)).toEqual(norm(expected));
      }
    }
  });

  it("merges a typical loop's updates into one PATCH", () => {
    expect(
      coalesceUpdates([
        { params: { lr: 0.1 }, merge: true },
        { tags: ["a"], merge: true },
        { params: { epoch: 2 }, merge: true },
        { description: "step 2" },
        { tags: ["b"], merge: true },
      ]),
    ).toEqual([{ description: "step 2", params: { lr: 0.1, epoch: 2 }, tags: ["a", "b"], merge: true }]);
  });

  it("cuts at a reset that replaces with a value while another field merges (two PATCHes, replacement first)", () => {
    expect(coalesceUpdates([{ params: { a: 1 }, merge: true }, { tags: ["x"] }])).toEqual([
      { tags: ["x"] },
      { params: { a: 1 }, merge: true },
    ]);
  });

  it("a reset then merges into it is one replacement", () => {
    expect(coalesceUpdates([{ params: { a: 1 } }, { params: { b: 2 }, merge: true }])).toEqual([
      { params: { a: 1, b: 2 } },
    ]);
  });
});
