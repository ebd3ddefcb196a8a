/**
 * The GCS outputs store at the HTTP level (no GCS emulator installs from npm): the SDK talks to
 * `GcsFake`, a JSON API endpoint on 127.0.0.1 with the real API's upload routes, and every
 * stored object is compared by sha256. Credentials are real service-account key files (a key
 * pair made here): the SDK signs a JWT and fetches a token from Google's fixed token URL
 * (gtoken ignores the key file's `token_uri`). MSW answers that one URL inside this process
 * (checking the JWT's signature) and refuses anything else that is not 127.0.0.1, so no
 * request leaves the machine.
 */
import { generateKeyPairSync, verify } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CloudStoreOptions } from "../../../src/store/cloud/cloud-store.js";
import type { GcsKeyfile } from "../../../src/store/cloud/credentials.js";
import { GcsOutputsStore } from "../../../src/store/cloud/gcs-store.js";
import type { CopyProgress } from "../../../src/store/copy-tree.js";
import { MIB, nestedDir, randomFile, rejection, sha256, treeUnder } from "../../support/artifacts.js";
import { closeSandbox, inCluster, openSandbox, outOfCluster, type Sandbox } from "../../support/cloud-experiment.js";
import { GcsFake } from "../../support/gcs-fake.js";
import { closedPort, silentServer } from "../../support/net-faults.js";

const BUCKET = "plx-outputs";
const PART = 5 * MIB;
const TOKEN_URL = "https://www.googleapis.com/oauth2/v4/token";

const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const keyfile: GcsKeyfile = {
  type: "service_account",
  project_id: "plx-test",
  private_key_id: "k1",
  private_key: keys.privateKey,
  client_email: "outputs@plx-test.iam.gserviceaccount.com",
  client_id: "1",
  token_uri: "http://127.0.0.1:9/token",
};

let gcs: GcsFake;
let work: string;
let keyPath: string;
let medium: { path: string; sha: string };
let large: { path: string; sha: string };
let tree: ReturnType<typeof nestedDir>;
let prefixCount = 0;
let tokensIssued = 0;
const leaked: string[] = [];
const badAssertions: string[] = [];

function decode(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

const msw = setupServer(
  http.post(TOKEN_URL, async ({ request }) => {
    const assertion = new URLSearchParams(await request.text()).get("assertion") ?? "";
    const [header, payload, signature] = assertion.split(".");
    const claims = decode(payload);
    const signed = verify(
      "RSA-SHA256",
      Buffer.from(`${header}.${payload}`),
      keys.publicKey,
      Buffer.from(signature ?? "", "base64url"),
    );
    if (!signed || claims.iss !== keyfile.client_email || !String(claims.scope).includes("devstorage")) {
      badAssertions.push(JSON.stringify(claims));
      return HttpResponse.json({ error: "invalid_grant" }, { status: 400 });
    }
    tokensIssued++;
    return HttpResponse.json({ access_token: `token-${tokensIssued}`, expires_in: 3600, token_type: "Bearer" });
  }),
);

beforeAll(async () => {
  msw.listen({
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname === "127.0.0.1") return;
      leaked.push(request.url);
      print.error();
    },
  });
  gcs = await new GcsFake([BUCKET]).start();
  work = mkdtempSync(join(tmpdir(), "plx-gcs-test-"));
  keyPath = join(work, "service-account.json");
  writeFileSync(keyPath, JSON.stringify(keyfile));
  medium = { path: join(work, "model-3mib.bin"), sha: "" };
  medium.sha = randomFile(medium.path, 3 * MIB);
  large = { path: join(work, "model-11mib.bin"), sha: "" };
  large.sha = randomFile(large.path, 11 * MIB);
  tree = nestedDir(work);
});

afterAll(async () => {
  msw.close();
  await gcs?.stop();
  rmSync(work, { recursive: true, force: true });
  expect(leaked).toEqual([]);
  expect(badAssertions).toEqual([]);
});

function freshPrefix(): string {
  prefixCount++;
  return `alice/mnist/experiments/${prefixCount}`;
}

function store(prefix: string, options: CloudStoreOptions = {}, apiEndpoint = gcs.endpoint): GcsOutputsStore {
  return new GcsOutputsStore(
    `gs://${BUCKET}/${prefix}`,
    { keyfile, projectId: "plx-test", apiEndpoint },
    { partSize: PART, ...options },
  );
}

function objectsUnder(prefix: string): Record<string, string> {
  return Object.fromEntries([...gcs.under(BUCKET, prefix)].map(([name, data]) => [name, sha256(data)]));
}

/** Requests that wrote `name` (multipart POST, session POST, chunk PUTs). */
function uploadsOf(name: string) {
  return gcs.requests.filter((r) => r.path === `/upload/storage/v1/b/${BUCKET}/o` && r.query.get("name") === name);
}

describe("GcsOutputsStore (JSON API on 127.0.0.1)", () => {
  it("stores a 3 MiB file at {prefix}/{basename} in one authenticated multipart request", async () => {
    const prefix = freshPrefix();
    const events: CopyProgress[] = [];
    const result = await store(prefix).uploadFile(medium.path, { onProgress: (p) => events.push(p) });
    const name = `${prefix}/model-3mib.bin`;
    expect(result.destination).toBe(`gs://${BUCKET}/${name}`);
    expect(objectsUnder(prefix)).toEqual({ [name]: medium.sha });
    const requests = uploadsOf(name);
    expect(requests.map((r) => `${r.method} ${r.query.get("uploadType")}`)).toEqual(["POST multipart"]);
    expect(requests[0]?.authorization).toMatch(/^Bearer token-\d+$/);
    expect(events.at(-1)).toEqual({ file: medium.path, bytes: 3 * MIB, totalBytes: 3 * MIB });
  });

  it("streams an 11 MiB file through a resumable session in 5 MiB chunks", async () => {
    const prefix = freshPrefix();
    const events: CopyProgress[] = [];
    await store(prefix).uploadFile(large.path, { onProgress: (p) => events.push(p) });
    const name = `${prefix}/model-11mib.bin`;
    expect(objectsUnder(prefix)).toEqual({ [name]: large.sha });
    expect(uploadsOf(name).map((r) => `${r.method} ${r.contentRange ?? ""}`)).toEqual([
      "POST ",
      `PUT bytes 0-${PART - 1}/*`,
      `PUT bytes ${PART}-${2 * PART - 1}/*`,
      `PUT bytes ${2 * PART}-${11 * MIB - 1}/${11 * MIB}`,
    ]);
    expect(events.at(-1)?.bytes).toBe(11 * MIB);
  });

  it("stores a nested directory at {prefix}/{dir}/{relative path}, object by object", async () => {
    const prefix = freshPrefix();
    const result = await store(prefix).uploadDir(tree.dir);
    expect(objectsUnder(prefix)).toEqual(treeUnder(tree, prefix));
    expect(result.destination).toBe(`gs://${BUCKET}/${prefix}/checkpoints`);
  });

  it("a key file path (GC_KEY_PATH) authenticates as well", async () => {
    const prefix = freshPrefix();
    const fromFile = new GcsOutputsStore(`gs://${BUCKET}/${prefix}`, { keyPath, apiEndpoint: gcs.endpoint });
    await fromFile.uploadFile(medium.path);
    expect(objectsUnder(prefix)).toEqual({ [`${prefix}/model-3mib.bin`]: medium.sha });
    expect(uploadsOf(`${prefix}/model-3mib.bin`)[0]?.authorization).toMatch(/^Bearer token-\d+$/);
  });

  it("retries a transient 503 on a multipart upload and on a chunk", async () => {
    const prefix = freshPrefix();
    gcs.fail((r) => r.query.get("uploadType") === "multipart" && r.query.get("name")?.startsWith(prefix) === true, 503);
    gcs.fail((r) => r.method === "PUT" && r.contentRange === `bytes ${PART}-${2 * PART - 1}/*`, 503);
    const target = store(prefix);
    await target.uploadFile(medium.path);
    await target.uploadFile(large.path);
    expect(objectsUnder(prefix)).toEqual({
      [`${prefix}/model-3mib.bin`]: medium.sha,
      [`${prefix}/model-11mib.bin`]: large.sha,
    });
    expect(gcs.faultsLeft()).toBe(0);
    expect(uploadsOf(`${prefix}/model-3mib.bin`)).toHaveLength(2);
  });

  it("an unreachable store (closed port) rejects with an ArtifactError naming the store and path", async () => {
    const port = await closedPort();
    const prefix = freshPrefix();
    const error = await rejection(store(prefix, {}, `http://127.0.0.1:${port}`).uploadFile(medium.path));
    expect(error.message).toContain(`GCS store at http://127.0.0.1:${port}`);
    expect(error.message).toContain(`gs://${BUCKET}/${prefix}`);
    expect(error.message).toContain("cannot be reached");
  }, 30_000);

  it("a store that accepts connections but never answers is given up after timeoutMs", async () => {
    const silent = await silentServer();
    try {
      const slow = store(freshPrefix(), { timeoutMs: 300, maxAttempts: 1 }, `http://127.0.0.1:${silent.port}`);
      const error = await rejection(slow.uploadFile(medium.path));
      expect(error.message).toMatch(/did not answer within 0\.3 s/);
    } finally {
      await silent.close();
    }
  });

  it("an aborted upload rejects and leaves no object", async () => {
    const prefix = freshPrefix();
    const controller = new AbortController();
    const error = await rejection(
      store(prefix).uploadFile(large.path, { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.path).toBe(large.path);
    expect(objectsUnder(prefix)).toEqual({});
  });

  it("a missing bucket is an ArtifactError carrying the service's answer", async () => {
    const missing = new GcsOutputsStore("gs://no-such-bucket/x", { keyfile, apiEndpoint: gcs.endpoint });
    const error = await rejection(missing.uploadFile(medium.path));
    expect(error.message).toContain("GCS upload of");
    expect(error.message).toMatch(/bucket does not exist/i);
  });
});

describe("Experiment → GCS", () => {
  let box: Sandbox;
  beforeEach(async () => {
    box = await openSandbox();
  });
  afterEach(() => closeSandbox(box));

  it("in cluster, with the key file as access-keys secret: uploads land, the key file is exported", async () => {
    const prefix = `in-cluster-${++prefixCount}/alice/mnist/experiments/17`;
    const outputs = `gs://${BUCKET}/${prefix}`;
    const exported = join(box.root, "gcsaccess", ".gcsaccess.json");
    const experiment = inCluster(box, outputs, {
      POLYSTORES_RUN_STORES_ACCESS_KEYS: JSON.stringify({ [outputs]: { store: "gcs", secret_key: "PLX_GCS" } }),
      PLX_GCS: JSON.stringify(keyfile),
      POLYSTORES_TMP_AUTH_GCS_ACCESS_PATH: exported,
      STORAGE_EMULATOR_HOST: gcs.endpoint,
    });
    expect(process.env.GOOGLE_APPLICATION_CREDENTIALS).toBe(exported);
    expect(JSON.parse(readFileSync(exported, "utf8"))).toEqual(keyfile);
    expect(statSync(exported).mode & 0o777).toBe(0o600);
    await experiment.logArtifact(large.path);
    await experiment.logArtifacts(tree.dir);
    expect(objectsUnder(prefix)).toEqual({ [`${prefix}/model-11mib.bin`]: large.sha, ...treeUnder(tree, prefix) });
    expect(uploadsOf(`${prefix}/checkpoints/config.json`)[0]?.authorization).toMatch(/^Bearer token-\d+$/);
    expect(box.warnings).toEqual([]);
  });

  it("out of cluster: POLYAXON_STORE=gcs, GC_KEY_PATH and baseOutputsPath give the server's layout", async () => {
    const base = `gs://${BUCKET}/base-${++prefixCount}`;
    const experiment = await outOfCluster(box, base, {
      POLYAXON_STORE: "gcs",
      GC_KEY_PATH: keyPath,
      STORAGE_EMULATOR_HOST: gcs.endpoint,
    });
    const prefix = `base-${prefixCount}/alice/mnist/experiments/${experiment.experimentId}`;
    expect(experiment.getOutputsPath()).toBe(`gs://${BUCKET}/${prefix}`);
    await experiment.logArtifact(medium.path);
    await experiment.logArtifacts(tree.dir);
    expect(objectsUnder(prefix)).toEqual({ [`${prefix}/model-3mib.bin`]: medium.sha, ...treeUnder(tree, prefix) });
    expect(existsSync(join(box.root, "gs:"))).toBe(false);
  });
});
