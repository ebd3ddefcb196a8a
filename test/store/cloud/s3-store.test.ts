/**
 * The S3 outputs store against s3rver (an S3 emulator from npm) on 127.0.0.1: every object is
 * downloaded again and compared by sha256; s3rver's events tell a `PutObject` from a completed
 * multipart upload. Through the store directly and through `Experiment.logArtifact(s)`, in
 * cluster (access-keys secret, `POLYAXON_STORE`) and out of cluster (`baseOutputsPath`).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CloudStoreOptions } from "../../../src/store/cloud/cloud-store.js";
import { S3OutputsStore } from "../../../src/store/cloud/s3-store.js";
import type { CopyProgress } from "../../../src/store/copy-tree.js";
import { MIB, nestedDir, randomFile, rejection, sha256, treeUnder } from "../../support/artifacts.js";
import { closeSandbox, inCluster, openSandbox, outOfCluster, type Sandbox } from "../../support/cloud-experiment.js";
import { closedPort, flakyProxy, silentServer } from "../../support/net-faults.js";
import { type S3Emulator, S3RVER_KEYS, startS3 } from "../../support/s3-emulator.js";

const BUCKET = "plx-outputs";
const PART = 5 * MIB;

let s3: S3Emulator;
let reader: S3Client;
let work: string;
let medium: { path: string; sha: string };
let large: { path: string; sha: string };
let tree: ReturnType<typeof nestedDir>;
let prefixCount = 0;

beforeAll(async () => {
  s3 = await startS3([BUCKET]);
  reader = new S3Client({
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: S3RVER_KEYS,
  });
  work = mkdtempSync(join(tmpdir(), "plx-s3-test-"));
  medium = { path: join(work, "model-3mib.bin"), sha: "" };
  medium.sha = randomFile(medium.path, 3 * MIB);
  large = { path: join(work, "model-11mib.bin"), sha: "" };
  large.sha = randomFile(large.path, 11 * MIB);
  tree = nestedDir(work);
});

afterAll(async () => {
  reader?.destroy();
  await s3?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A fresh key prefix per test, so listings only show what that test stored. */
function freshPrefix(): string {
  prefixCount++;
  return `alice/mnist/experiments/${prefixCount}`;
}

function store(prefix: string, options: CloudStoreOptions = {}, endpoint = s3.endpoint): S3OutputsStore {
  return new S3OutputsStore(`s3://${BUCKET}/${prefix}`, { endpoint, ...S3RVER_KEYS }, { partSize: PART, ...options });
}

async function objectSha(key: string): Promise<string> {
  const answer = await reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  if (!answer.Body) throw new Error(`no body for ${key}`);
  return sha256(await answer.Body.transformToByteArray());
}

/** Every object under `prefix/`, key → sha256 of its downloaded content. */
async function objectsUnder(prefix: string): Promise<Record<string, string>> {
  const listing = await reader.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}/` }));
  const objects: Record<string, string> = {};
  for (const { Key } of listing.Contents ?? []) if (Key) objects[Key] = await objectSha(Key);
  return objects;
}

describe("S3OutputsStore (s3rver)", () => {
  it("stores a 3 MiB file at {prefix}/{basename} with one PutObject, byte for byte", async () => {
    const prefix = freshPrefix();
    const events: CopyProgress[] = [];
    const result = await store(prefix).uploadFile(medium.path, { onProgress: (p) => events.push(p) });
    const key = `${prefix}/model-3mib.bin`;
    expect(result).toEqual({
      destination: `s3://${BUCKET}/${key}`,
      files: [{ source: medium.path, destination: `s3://${BUCKET}/${key}`, bytes: 3 * MIB }],
      totalBytes: 3 * MIB,
    });
    expect(await objectsUnder(prefix)).toEqual({ [key]: medium.sha });
    expect(s3.events.get(key)).toEqual(["ObjectCreated:Put"]);
    expect(events.at(-1)).toEqual({ file: medium.path, bytes: 3 * MIB, totalBytes: 3 * MIB });
  });

  it("streams an 11 MiB file as a multipart upload of 5 MiB parts, with progress per part", async () => {
    const prefix = freshPrefix();
    const events: CopyProgress[] = [];
    await store(prefix).uploadFile(large.path, { onProgress: (p) => events.push(p) });
    const key = `${prefix}/model-11mib.bin`;
    expect(await objectsUnder(prefix)).toEqual({ [key]: large.sha });
    expect(s3.events.get(key)).toEqual(["ObjectCreated:Post"]);
    const bytes = events.map((e) => e.bytes);
    expect(bytes.length).toBeGreaterThanOrEqual(3);
    expect(bytes.every((b, i) => i === 0 || b > (bytes[i - 1] ?? 0))).toBe(true);
    expect(bytes.at(-1)).toBe(11 * MIB);
  });

  it("stores a nested directory at {prefix}/{dir}/{relative path}, object by object", async () => {
    const prefix = freshPrefix();
    const result = await store(prefix).uploadDir(tree.dir);
    expect(await objectsUnder(prefix)).toEqual(treeUnder(tree, prefix));
    expect(result.destination).toBe(`s3://${BUCKET}/${prefix}/checkpoints`);
    expect(result.files.map((f) => f.destination).sort()).toEqual(
      Object.keys(treeUnder(tree, prefix))
        .map((key) => `s3://${BUCKET}/${key}`)
        .sort(),
    );
  });

  it("a bucket-root path stores at {basename}", async () => {
    const root = new S3OutputsStore(`s3://${BUCKET}`, { endpoint: s3.endpoint, ...S3RVER_KEYS });
    const file = join(work, "config.json");
    const sha = randomFile(file, 100);
    const result = await root.uploadFile(file);
    expect(result.destination).toBe(`s3://${BUCKET}/config.json`);
    expect(await objectSha("config.json")).toBe(sha);
  });

  it("retries a transient 503 and stores the object", async () => {
    const proxy = await flakyProxy(s3.port, {
      match: (req) => req.method === "PUT",
      times: 1,
      status: 503,
      contentType: "application/xml",
      body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
    });
    try {
      const prefix = freshPrefix();
      await store(prefix, {}, `http://127.0.0.1:${proxy.port}`).uploadFile(medium.path);
      expect(proxy.failed).toBe(1);
      expect(await objectsUnder(prefix)).toEqual({ [`${prefix}/model-3mib.bin`]: medium.sha });
    } finally {
      await proxy.close();
    }
  });

  it("an unreachable store (closed port) rejects with an ArtifactError naming the store and path", async () => {
    const port = await closedPort();
    const prefix = freshPrefix();
    const error = await rejection(store(prefix, {}, `http://127.0.0.1:${port}`).uploadFile(medium.path));
    expect(error.message).toContain(`S3 store at http://127.0.0.1:${port}`);
    expect(error.message).toContain(`s3://${BUCKET}/${prefix}`);
    expect(error.message).toContain("cannot be reached");
    expect(error.path).toBe(`s3://${BUCKET}/${prefix}`);
  }, 30_000);

  it("a store that accepts connections but never answers is given up after timeoutMs", async () => {
    const silent = await silentServer();
    try {
      const prefix = freshPrefix();
      const slow = store(prefix, { timeoutMs: 300, maxAttempts: 1 }, `http://127.0.0.1:${silent.port}`);
      const error = await rejection(slow.uploadFile(medium.path));
      expect(error.message).toMatch(/did not answer within 0\.3 s/);
      expect(silent.connections()).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });

  it("an aborted multipart upload rejects and leaves no object", async () => {
    const prefix = freshPrefix();
    const controller = new AbortController();
    const error = await rejection(
      store(prefix).uploadFile(large.path, { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.path).toBe(large.path);
    expect(await objectsUnder(prefix)).toEqual({});
  });

  it("a missing bucket is an ArtifactError carrying the service's answer", async () => {
    const missing = new S3OutputsStore("s3://no-such-bucket/x", { endpoint: s3.endpoint, ...S3RVER_KEYS });
    const error = await rejection(missing.uploadFile(medium.path));
    expect(error.message).toContain("S3 upload of");
    expect(error.message).toMatch(/bucket does not exist/i);
  });

  it("a bad source is refused before anything is sent", async () => {
    const port = await closedPort();
    const nowhere = store(freshPrefix(), {}, `http://127.0.0.1:${port}`);
    expect((await rejection(nowhere.uploadFile(join(work, "missing.bin")))).message).toContain("does not exist");
    expect((await rejection(nowhere.uploadFile(tree.dir))).message).toContain("use uploadDir");
    expect((await rejection(nowhere.uploadDir(medium.path))).message).toContain("use uploadFile");
  });
});

describe("Experiment → S3", () => {
  let box: Sandbox;
  beforeEach(async () => {
    box = await openSandbox();
  });
  afterEach(() => closeSandbox(box));

  const secret = () =>
    JSON.stringify({ AWS_ENDPOINT_URL: s3.endpoint, AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" });

  it("in cluster, with an access-keys entry: logArtifact(s) land in the bucket and the keys are exported", async () => {
    const prefix = `in-cluster-${++prefixCount}/alice/mnist/experiments/17`;
    const outputs = `s3://${BUCKET}/${prefix}`;
    const experiment = inCluster(box, outputs, {
      POLYSTORES_RUN_STORES_ACCESS_KEYS: JSON.stringify({ [outputs]: { store: "s3", secret_key: "PLX_OUTPUTS_S3" } }),
      PLX_OUTPUTS_S3: secret(),
    });
    expect(process.env.AWS_ACCESS_KEY_ID).toBe("S3RVER");
    expect(process.env.AWS_ENDPOINT_URL).toBe(s3.endpoint);
    expect(experiment.getOutputsPath()).toBe(outputs);
    const file = await experiment.logArtifact(medium.path);
    await experiment.logArtifacts(tree.dir);
    expect(file?.destination).toBe(`${outputs}/model-3mib.bin`);
    expect(await objectsUnder(prefix)).toEqual({
      [`${prefix}/model-3mib.bin`]: medium.sha,
      ...treeUnder(tree, prefix),
    });
    expect(box.warnings).toEqual([]);
  });

  it("in cluster with POLYAXON_STORE=s3 and the standard AWS variables (the issue's scenario): nothing is written locally", async () => {
    const prefix = `plain-${++prefixCount}/alice/mnist/experiments/7`;
    const experiment = inCluster(box, `s3://${BUCKET}/${prefix}`, {
      POLYAXON_STORE: "s3",
      AWS_ENDPOINT_URL: s3.endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    });
    await experiment.logArtifact(large.path);
    expect(await objectsUnder(prefix)).toEqual({ [`${prefix}/model-11mib.bin`]: large.sha });
    expect(existsSync(join(box.root, "s3:"))).toBe(false);
  });

  it("in cluster, an s3:// outputs path with no store configured is an ArtifactError, not a local directory", async () => {
    const experiment = inCluster(box, `s3://${BUCKET}/unconfigured/alice/mnist/experiments/7`);
    const error = await rejection(experiment.logArtifact(medium.path));
    expect(error.message).toContain("no outputs store is configured");
    expect(error.message).toContain("POLYAXON_STORE=s3");
    expect(existsSync(join(box.root, "s3:"))).toBe(false);
  });

  it("out of cluster: baseOutputsPath s3://… gives the server's layout {base}/{owner}/{project}/experiments/{id}", async () => {
    const base = `s3://${BUCKET}/base-${++prefixCount}`;
    const experiment = await outOfCluster(box, base, {
      POLYAXON_STORE: "s3",
      AWS_ENDPOINT_URL: s3.endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    });
    const prefix = `base-${prefixCount}/alice/mnist/experiments/${experiment.experimentId}`;
    expect(experiment.getOutputsPath()).toBe(`s3://${BUCKET}/${prefix}`);
    await experiment.logArtifact(medium.path);
    await experiment.logArtifacts(tree.dir);
    expect(await objectsUnder(prefix)).toEqual({
      [`${prefix}/model-3mib.bin`]: medium.sha,
      ...treeUnder(tree, prefix),
    });
  });
});
