/**
 * A store that never answers must not keep the training process alive: after the upload is
 * given up (an ArtifactError), nothing of it may hold the event loop (a request still waiting
 * on its socket would, for up to the SDK's request timeout). Each store runs in a child Node
 * process against a server on 127.0.0.1 that accepts connections and never answers; the child
 * must end by itself, with exit code 0. A kill timer bounds the test; no duration is asserted.
 */
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChildScript } from "../../support/child-scripts.js";
import { silentServer } from "../../support/net-faults.js";

const repoRoot = resolve(import.meta.dirname, "../../..");
const KILL_AFTER_MS = 20_000;

let silent: Awaited<ReturnType<typeof silentServer>>;
beforeAll(async () => {
  silent = await silentServer();
});
afterAll(() => silent.close());

const run = (kind: string) =>
  runChildScript("upload-to-silent-store", [kind, String(silent.port)], { cwd: repoRoot, killAfterMs: KILL_AFTER_MS });

describe("a store that never answers", () => {
  for (const [kind, label] of [
    ["s3", "S3"],
    ["azure", "Azure Blob"],
    ["gcs", "GCS"],
  ] as const) {
    it(`${label}: the upload is given up and the process then ends by itself`, async () => {
      const result = await run(kind);
      expect(result.stdout).toContain(`ArtifactError: ${label} store at http://127.0.0.1:${silent.port}`);
      expect(result.stdout).toContain("did not answer within 0.5 s");
      expect(result).toMatchObject({ code: 0, signal: null });
    }, 30_000);
  }
});
