/**
 * The Azure Blob outputs store against Azurite (npm, blob service only, in memory) on
 * 127.0.0.1: every blob is downloaded again and compared by sha256, and its committed block
 * list shows how it was staged. Through the store directly and through
 * `Experiment.logArtifact(s)`, in cluster and out of cluster.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobServiceClient, type ContainerClient } from "@azure/storage-blob";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AzureOutputsStore } from "../../../src/store/cloud/azure-store.js";
import type { CloudStoreOptions } from "../../../src/store/cloud/cloud-store.js";
import type { CopyProgress } from "../../../src/store/copy-tree.js";
import { MIB, nestedDir, randomFile, rejection, sha256, treeUnder } from "../../support/artifacts.js";
import { AZURITE_ACCOUNT, AZURITE_KEY, type Azurite, startAzurite } from "../../support/azurite.js";
import { closeSandbox, inCluster, openSandbox, outOfCluster, type Sandbox } from "../../support/cloud-experiment.js";
import { closedPort, flakyProxy, silentServer } from "../../support/net-faults.js";

const CONTAINER = "plx-outputs";
const ROOT = `wasbs://${CONTAINER}@${AZURITE_ACCOUNT}.blob.core.windows.net`;
const PART = 5 * MIB;

let azurite: Azurite;
let container: ContainerClient;
let work: string;
let medium: { path: string; sha: string };
let large: { path: string; sha: string };
let tree: ReturnType<typeof nestedDir>;
let prefixCount = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(CONTAINER);
  await container.create();
  work = mkdtempSync(join(tmpdir(), "plx-azure-test-"));
  medium = { path: join(work, "model-3mib.bin"), sha: "" };
  medium.sha = randomFile(medium.path, 3 * MIB);
  large = { path: join(work, "model-11mib.bin"), sha: "" };
  large.sha = randomFile(large.path, 11 * MIB);
  tree = nestedDir(work);
}, 30_000);

afterAll(async () => {
  await azurite?.close();
  rmSync(work, { recursive: true, force: true });
});

function freshPrefix(): string {
  prefixCount++;
  return `alice/mnist/experiments/${prefixCount}`;
}

function connectionString(blobEndpoint = azurite.blobEndpoint): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobEndpoint};`;
}

function store(prefix: string, options: CloudStoreOptions = {}, blobEndpoint?: string): AzureOutputsStore {
  return new AzureOutputsStore(
    `${ROOT}/${prefix}`,
    { connectionString: connectionString(blobEndpoint) },
    { partSize: PART, ...options },
  );
}

/** Every blob under `prefix/`, name → sha256 of its downloaded content. */
async function blobsUnder(prefix: string): Promise<Record<string, string>> {
  const blobs: Record<string, string> = {};
  for await (const blob of container.listBlobsFlat({ prefix: `${prefix}/` })) {
    blobs[blob.name] = sha256(await container.getBlockBlobClient(blob.name).downloadToBuffer());
  }
  return blobs;
}

async function committedBlocks(name: string): Promise<number> {
  const list = await container.getBlockBlobClient(name).getBlockList("committed");
  return list.committedBlocks?.length ?? 0;
}

describe("AzureOutputsStore (Azurite)", () => {
  it("stores a 3 MiB file at {prefix}/{basename} as one block, byte for byte", async () => {
    const prefix = freshPrefix();
    const events: CopyProgress[] = [];
    const result = await store(prefix).uploadFile(medium.path, { onProgress: (p) => events.push(p) });
    const name = `${prefix}/model-3mib.bin`;
    expect(result.destination).toBe(`${ROOT}/${name}`);
    expect(result.totalBytes).toBe(3 * MIB);
    expect(await blobsUnder(prefix)).toEqual({ [name]: medium.sha });
    expect(await committedBlocks(name)).toBe(1);
    expect(events.at(-1)).toEqual({ file: medium.path, bytes: 3 * MIB, totalBytes: 3 * MIB });
  });

  it("streams an 11 MiB file as three staged 5 MiB blocks, with progress", async () => {
    const prefix = freshPrefix();
    const events: CopyProgress[] = [];
    await store(prefix).uploadFile(large.path, { onProgress: (p) => events.push(p) });
    const name = `${prefix}/model-11mib.bin`;
    expect(await blobsUnder(prefix)).toEqual({ [name]: large.sha });
    expect(await committedBlocks(name)).toBe(3);
    const bytes = events.map((e) => e.bytes);
    expect(bytes.length).toBeGreaterThanOrEqual(2);
    expect(bytes.every((b, i) => i === 0 || b > (bytes[i - 1] ?? 0))).toBe(true);
    expect(bytes.at(-1)).toBe(11 * MIB);
  });

  it("stores a nested directory at {prefix}/{dir}/{relative path}, blob by blob", async () => {
    const prefix = freshPrefix();
    const result = await store(prefix).uploadDir(tree.dir);
    expect(await blobsUnder(prefix)).toEqual(treeUnder(tree, prefix));
    expect(result.destination).toBe(`${ROOT}/${prefix}/checkpoints`);
  });

  it("retries a transient 503 and stores the blob", async () => {
    const proxy = await flakyProxy(azurite.port, {
      match: (req) => req.method === "PUT",
      times: 1,
      status: 503,
      contentType: "application/xml",
      body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>Try later.</Message></Error>',
    });
    try {
      const prefix = freshPrefix();
      await store(prefix, {}, `http://127.0.0.1:${proxy.port}/${AZURITE_ACCOUNT}`).uploadFile(medium.path);
      expect(proxy.failed).toBe(1);
      expect(await blobsUnder(prefix)).toEqual({ [`${prefix}/model-3mib.bin`]: medium.sha });
    } finally {
      await proxy.close();
    }
  });

  it("an unreachable store (closed port) rejects with an ArtifactError naming the store and path", async () => {
    const port = await closedPort();
    const prefix = freshPrefix();
    const endpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
    const error = await rejection(store(prefix, {}, endpoint).uploadFile(medium.path));
    expect(error.message).toContain(`Azure Blob store at ${endpoint}`);
    expect(error.message).toContain(`${ROOT}/${prefix}`);
    expect(error.message).toContain("cannot be reached");
  }, 30_000);

  it("a store that accepts connections but never answers is given up after timeoutMs", async () => {
    const silent = await silentServer();
    try {
      const endpoint = `http://127.0.0.1:${silent.port}/${AZURITE_ACCOUNT}`;
      const slow = store(freshPrefix(), { timeoutMs: 300, maxAttempts: 1 }, endpoint);
      const error = await rejection(slow.uploadFile(medium.path));
      expect(error.message).toMatch(/did not answer within 0\.3 s/);
    } finally {
      await silent.close();
    }
  });

  it("an aborted upload rejects and leaves no blob", async () => {
    const prefix = freshPrefix();
    const controller = new AbortController();
    const error = await rejection(
      store(prefix).uploadFile(large.path, { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.path).toBe(large.path);
    expect(await blobsUnder(prefix)).toEqual({});
  });

  it("a missing container is an ArtifactError carrying the service's answer", async () => {
    const missing = new AzureOutputsStore(`wasbs://no-such-container@${AZURITE_ACCOUNT}.blob.core.windows.net/x`, {
      connectionString: connectionString(),
    });
    const error = await rejection(missing.uploadFile(medium.path));
    expect(error.message).toContain("Azure Blob upload of");
    expect(error.message).toMatch(/container does not exist/i);
  });
});

describe("Experiment → Azure Blob", () => {
  let box: Sandbox;
  beforeEach(async () => {
    box = await openSandbox();
  });
  afterEach(() => closeSandbox(box));

  it("in cluster, with an access-keys entry: logArtifact(s) land in the container and the keys are exported", async () => {
    const prefix = `in-cluster-${++prefixCount}/alice/mnist/experiments/17`;
    const outputs = `${ROOT}/${prefix}`;
    const experiment = inCluster(box, outputs, {
      POLYSTORES_RUN_STORES_ACCESS_KEYS: JSON.stringify({ [outputs]: { store: "azure", secret_key: "PLX_AZURE" } }),
      PLX_AZURE: JSON.stringify({ AZURE_CONNECTION_STRING: connectionString() }),
    });
    expect(process.env.AZURE_CONNECTION_STRING).toBe(connectionString());
    await experiment.logArtifact(large.path);
    await experiment.logArtifacts(tree.dir);
    expect(await blobsUnder(prefix)).toEqual({ [`${prefix}/model-11mib.bin`]: large.sha, ...treeUnder(tree, prefix) });
    expect(box.warnings).toEqual([]);
  });

  it("out of cluster: POLYAXON_STORE=azure and baseOutputsPath give the server's layout", async () => {
    const base = `${ROOT}/base-${++prefixCount}`;
    const experiment = await outOfCluster(box, base, {
      POLYAXON_STORE: "azure",
      AZURE_CONNECTION_STRING: connectionString(),
    });
    const prefix = `base-${prefixCount}/alice/mnist/experiments/${experiment.experimentId}`;
    expect(experiment.getOutputsPath()).toBe(`${ROOT}/${prefix}`);
    await experiment.logArtifact(medium.path);
    await experiment.logArtifacts(tree.dir);
    expect(await blobsUnder(prefix)).toEqual({ [`${prefix}/model-3mib.bin`]: medium.sha, ...treeUnder(tree, prefix) });
  });
});
