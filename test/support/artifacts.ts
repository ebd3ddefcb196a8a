/**
 * Artifact fixtures for the cloud-store tests: random files of given sizes and a nested
 * directory, each with its sha256, so every stored object can be checked byte for byte.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ArtifactError } from "../../src/store/artifact-error.js";
import { rejected } from "./thrown.js";

export const MIB = 1024 * 1024;

export function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Writes `size` random bytes to `path` (in 1 MiB chunks) and returns their sha256. */
export function randomFile(path: string, size: number): string {
  mkdirSync(dirname(path), { recursive: true });
  const hash = createHash("sha256");
  writeFileSync(path, "");
  for (let written = 0; written < size; ) {
    const chunk = randomBytes(Math.min(MIB, size - written));
    writeFileSync(path, chunk, { flag: "a" });
    hash.update(chunk);
    written += chunk.length;
  }
  return hash.digest("hex");
}

/**
 * `{root}/{name}/…`: a nested tree (two levels, an empty file, a 1 MiB file). Returns the
 * directory and relative path (with `/`) → sha256.
 */
export function nestedDir(root: string, name = "checkpoints"): { dir: string; files: Record<string, string> } {
  const dir = join(root, name);
  const files: Record<string, string> = {};
  const add = (relative: string, size: number) => {
    files[relative] = randomFile(join(dir, ...relative.split("/")), size);
  };
  add("config.json", 200);
  add("empty.txt", 0);
  add("epoch-1/weights.bin", MIB);
  add("epoch-1/metrics/loss.csv", 3_000);
  add("epoch-2/weights.bin", 64 * 1024);
  mkdirSync(join(dir, "unused"), { recursive: true });
  writeFileSync(join(dir, "unused", ".keep"), "");
  files["unused/.keep"] = sha256(new Uint8Array());
  return { dir, files };
}

/** The sha256 of every file of `tree`, keyed as stored under `{prefix}/checkpoints/`. */
export function treeUnder(tree: { files: Record<string, string> }, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree.files).map(([relative, sha]) => [`${prefix}/checkpoints/${relative}`, sha]),
  );
}

/** The ArtifactError `promise` rejects with (the test fails if it resolves or rejects otherwise). */
export const rejection = (promise: Promise<unknown>) => rejected(promise, ArtifactError);
