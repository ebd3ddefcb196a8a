import type { BuildOptions } from "esbuild";

/**
 * How the package's JavaScript is bundled (`npm run build`), and the tests' child scripts with
 * it: ESM for Node 20, one file per entry point, shared code in chunks beside them (the code
 * that starts the delivery thread finds `delivery-thread.js` next to its own file), dependencies
 * left as imports.
 */
export function bundleOptions(root: string, entryPoints: Record<string, string>, outdir: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    chunkNames: "chunk-[hash]",
    sourcemap: true,
    logLevel: "warning",
  };
}
