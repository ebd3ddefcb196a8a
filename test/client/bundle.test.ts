/**
 * polyaxon-tracking/client has no Node built-in and no Node global in its module graph: it
 * bundles with `esbuild --platform=browser` (a `node:` import would fail the build), and the
 * only free Node global in the bundle is a dependency's `typeof process` runtime detection.
 */
import { describe, expect, it } from "vitest";
import { bundleClient, NODE_GLOBAL_MARKER, NODE_GLOBALS } from "./bundle.js";

describe("the browser bundle of polyaxon-tracking/client", () => {
  it("builds from our browser-safe sources and openapi-fetch only", async () => {
    // generated/ holds the spec's data (e.g. which operations answer text); it is browser-safe too.
    const { inputs } = await bundleClient();
    const ours = inputs.filter((input) => !input.startsWith("node_modules/"));
    const browserSafe = (input: string) =>
      input.startsWith("src/api/") ||
      input.startsWith("generated/") ||
      ["src/client.ts", "src/errors.ts", "src/version.ts"].includes(input);
    // Listed by name, so that a failure says which file crept into the browser's module graph.
    expect(ours.filter((input) => !browserSafe(input))).toEqual([]);
    expect(ours).toContain("src/api/middleware/decode.ts");
    expect(inputs.filter((input) => input.startsWith("node_modules/"))).toEqual([
      "node_modules/openapi-fetch/dist/index.mjs",
    ]);
  });

  it("uses no Node global, except behind a typeof check", async () => {
    const { code } = await bundleClient();
    const unguarded = code
      .split("\n")
      .filter((line) => line.includes(NODE_GLOBAL_MARKER))
      .filter(
        (line) =>
          !NODE_GLOBALS.every(
            (name) =>
              !line.includes(`${NODE_GLOBAL_MARKER}${name}`) || line.includes(`typeof ${NODE_GLOBAL_MARKER}${name}`),
          ),
      );
    expect(unguarded).toEqual([]);
    expect(code).toContain("PolyaxonClient");
  });

  it("fails when a Node built-in sneaks in", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    // Outside the repository: other test files list its sources while this one runs.
    const dir = mkdtempSync(join(tmpdir(), "plx-bundle-probe-"));
    const probe = join(dir, "node-import.probe.ts");
    const client = JSON.stringify(join(import.meta.dirname, "../../src/client.js"));
    writeFileSync(probe, `export * from ${client};\nexport { inspect } from "node:util";\n`);
    try {
      await expect(bundleClient(probe)).rejects.toThrow(/node:util/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
