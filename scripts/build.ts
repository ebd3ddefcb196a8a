/**
 * `npm run build`: the published package in `dist/`.
 *
 * - JavaScript: one ESM bundle per entry point (esbuild), shared code in chunks next to them,
 *   dependencies left as imports. Loading one file instead of the ~100 modules of the sources
 *   is most of the SDK's import time (about 100 ms → 25 ms on the CI machine), and the
 *   delivery thread starts faster for the same reason. Chunks sit in `dist/` itself, beside
 *   `delivery-thread.js`: the code that starts the thread finds it next to its own file.
 * - Types: `tsc` declarations in `dist/types/` (the exports map points at them).
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { bundleOptions } from "./bundle-options.js";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, "dist");

/** Entry points: the file name in `dist/` → the source. */
export const ENTRY_POINTS = {
  index: "src/index.ts",
  client: "src/client.ts",
  testing: "src/testing/index.ts",
  "testing-msw": "src/testing/msw.ts",
  cli: "src/cli/main.ts",
  "delivery-thread": "src/delivery/delivery-thread.ts",
  "conversion-thread": "src/delivery/conversion-thread.ts",
} as const;

rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, "node_modules", "typescript", "bin", "tsc"),
    ...["-p", join(root, "tsconfig.build.json"), "--emitDeclarationOnly", "--outDir", join(out, "types")],
  ],
  { stdio: "inherit" },
);
await build(bundleOptions(root, { ...ENTRY_POINTS }, out));
process.stderr.write(`built ${Object.keys(ENTRY_POINTS).length} entry points into dist/\n`);
