/**
 * Scripts the tests run in child processes, bundled once per test run as `npm run build` bundles
 * the package (esbuild, one file per entry, shared chunks and `delivery-thread.js` beside them):
 * a child then starts like a user's process on the published package, instead of compiling the
 * ~100 source modules through tsx twice (once for the script, once for its delivery thread),
 * which cost about a second of CPU per child. Source maps keep stack traces on the `.ts` files.
 *
 * The global setup (`test/support/global-setup.ts`) builds them into a fresh directory and
 * hands its path to the test files (`inject("childScripts")`).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { inject } from "vitest";
import { bundleOptions } from "../../scripts/bundle-options.js";

declare module "vitest" {
  export interface ProvidedContext {
    childScripts: string;
  }
}

const repoRoot = resolve(import.meta.dirname, "../..");

/** Name of the bundle → its source. */
const SCRIPTS = {
  "faults-tracked-script": "test/faults/tracked-script.ts",
  "lifecycle-tracked-script": "test/e2e/fixtures/tracked-script.ts",
  "upload-to-silent-store": "test/store/cloud/fixtures/upload-to-silent-store.ts",
  "train-example": "examples/train.ts",
  cli: "src/cli/main.ts",
  // The SDK starts its delivery thread from the file beside its own chunk.
  "delivery-thread": "src/delivery/delivery-thread.ts",
} as const;

export type ChildScript = Exclude<keyof typeof SCRIPTS, "delivery-thread">;

/** Builds every child script into a new directory; returns it and its removal. */
export async function buildChildScripts(): Promise<{ dir: string; remove: () => void }> {
  // Inside node_modules: the bundles import their dependencies as the published package does.
  const cache = join(repoRoot, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "plx-child-scripts-"));
  await build(bundleOptions(repoRoot, { ...SCRIPTS }, dir));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `node` arguments that run the bundled `name` (the test file's process must be a vitest worker). */
export function childScriptArgs(name: ChildScript): string[] {
  return ["--enable-source-maps", join(inject("childScripts"), `${name}.js`)];
}
