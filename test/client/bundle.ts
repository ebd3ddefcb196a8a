/**
 * polyaxon-tracking/client bundled for the browser with esbuild, as a user's bundler would.
 * Free references to Node globals are renamed to a marker by `define`, so any that sneaks into
 * the module graph shows in the output; a `node:` import fails the build itself.
 */
import { resolve } from "node:path";
import { build } from "esbuild";

export const NODE_GLOBALS = ["process", "Buffer", "global", "__dirname", "__filename", "setImmediate", "require"];
export const NODE_GLOBAL_MARKER = "__node_global__";

const repoRoot = resolve(import.meta.dirname, "../..");

export interface ClientBundle {
  /** An IIFE that sets `globalThis.PolyaxonClient` to the module's exports. */
  code: string;
  /** Every file of the module graph, relative to the repository. */
  inputs: string[];
}

export async function bundleClient(entry = resolve(repoRoot, "src/client.ts")): Promise<ClientBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "PolyaxonClient",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    define: Object.fromEntries(NODE_GLOBALS.map((name) => [name, `${NODE_GLOBAL_MARKER}${name}`])),
    absWorkingDir: repoRoot,
  });
  const code = result.outputFiles[0]?.text ?? "";
  return { code, inputs: Object.keys(result.metafile.inputs) };
}
