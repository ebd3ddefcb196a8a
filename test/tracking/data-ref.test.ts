import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { hashDataRef } from "../../src/tracking/data-ref.js";

// Expected digests computed independently with coreutils, e.g. `echo -n mnist | md5sum`.
const MD5_MNIST = "64a0a487ef44115def785e2f928f0cf9";
const MD5_42 = "a1d0c6e83f027327d8461063f4ac58a6"; // echo -n 42 | md5sum
const MD5_TRUE = "b326b5062b2f0e69046810717534cb09"; // echo -n true | md5sum
const MD5_BYTES_012 = "b95f67f61ebb03619622d798f45fc2d3"; // printf '\x00\x01\x02' | md5sum
const MD5_CANONICAL = "888b3f60c76285b53b3cf2d23f9a98b8"; // echo -n '{"a":1,"b":[1,2]}' | md5sum

describe("hashDataRef", () => {
  it("hashes a string itself, truncated to 12 by default", () => {
    expect(hashDataRef("mnist")).toBe(MD5_MNIST.slice(0, 12));
    expect(hashDataRef("mnist", 32)).toBe(MD5_MNIST);
    expect(hashDataRef("mnist", 1)).toBe(MD5_MNIST.slice(0, 1));
  });

  it("hashes the decimal form of numbers, bigints and booleans", () => {
    expect(hashDataRef(42, 32)).toBe(MD5_42);
    expect(hashDataRef(42n, 32)).toBe(MD5_42);
    expect(hashDataRef(true, 32)).toBe(MD5_TRUE);
  });

  it("hashes the bytes of Buffer, Uint8Array and ArrayBuffer", () => {
    const bytes = [0, 1, 2];
    expect(hashDataRef(Buffer.from(bytes), 32)).toBe(MD5_BYTES_012);
    expect(hashDataRef(Uint8Array.from(bytes), 32)).toBe(MD5_BYTES_012);
    expect(hashDataRef(Uint8Array.from(bytes).buffer, 32)).toBe(MD5_BYTES_012);
  });

  it("hashes canonical JSON of containers, independent of key order", () => {
    expect(hashDataRef({ b: [1, 2], a: 1 }, 32)).toBe(MD5_CANONICAL);
    expect(hashDataRef({ a: 1, b: [1, 2] }, 32)).toBe(MD5_CANONICAL);
    expect(hashDataRef({ x: { b: 1, a: 2 } })).toBe(hashDataRef({ x: { a: 2, b: 1 } }));
    expect(hashDataRef([1, 2])).not.toBe(hashDataRef([2, 1]));
  });

  it("gives different hashes for different data", () => {
    expect(hashDataRef("mnist")).not.toBe(hashDataRef("cifar10"));
    expect(hashDataRef("1")).toBe(hashDataRef(1)); // both hash the text "1", as the reference does
  });

  it("returns lowercase hex", () => {
    expect(hashDataRef({ any: "thing" }, 32)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("rejects values that have no stable form", () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    for (const bad of [undefined, () => 1, Symbol("s"), { a: undefined }, [Number.NaN], new Map(), loop]) {
      expect(() => hashDataRef(bad)).toThrow(ValidationError);
    }
  });

  it("rejects a length outside 1..32", () => {
    for (const length of [0, 33, 1.5, -1]) {
      expect(() => hashDataRef("mnist", length)).toThrow(/length/);
    }
  });
});
