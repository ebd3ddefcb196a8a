/**
 * Store selection (docs/reference-client.md#calls) and credentials, without any network: which
 * store a path gets from POLYSTORES_RUN_STORES_ACCESS_KEYS / POLYAXON_STORE / STORE, the
 * ArtifactErrors for a path that does not fit its store, where credentials come from, what is
 * exported in a Polyaxon job, and the error for a missing optional SDK.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArtifactError } from "../../../src/store/artifact-error.js";
import { AzureOutputsStore } from "../../../src/store/cloud/azure-store.js";
import { azureCredentials, type Env, gcsCredentials, s3Credentials } from "../../../src/store/cloud/credentials.js";
import { GcsOutputsStore } from "../../../src/store/cloud/gcs-store.js";
import { loadSdk } from "../../../src/store/cloud/load-sdk.js";
import { S3OutputsStore } from "../../../src/store/cloud/s3-store.js";
import { chooseStore, exportStoreCredentials, outputsStoreFor } from "../../../src/store/cloud/select-store.js";
import { LocalOutputsStore } from "../../../src/store/outputs-store.js";
import { silentServer } from "../../support/net-faults.js";
import { thrown } from "../../support/thrown.js";

const S3_PATH = "s3://plx-outputs/alice/mnist/experiments/7";
const S3_SECRET = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG",
  AWS_REGION_NAME: "eu-west-1",
};
const KEYFILE = {
  type: "service_account",
  project_id: "plx-test",
  client_email: "outputs@plx-test.iam.gserviceaccount.com",
  private_key: "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n",
};

function accessKeys(path: string, store: string, secretKey = "PLX_SECRET"): string {
  return JSON.stringify({ [path]: { store, secret_key: secretKey } });
}

const artifactError = (run: () => unknown) => thrown(run, ArtifactError);

let work: string;
let cwdBefore: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "plx-select-"));
  cwdBefore = process.cwd();
});
afterEach(() => {
  process.chdir(cwdBefore);
  rmSync(work, { recursive: true, force: true });
});

describe("which store a path gets", () => {
  it("a plain path with nothing configured is the local store", () => {
    const store = outputsStoreFor(join(work, "outputs"), { env: {} });
    expect(store).toBeInstanceOf(LocalOutputsStore);
    expect(store.path).toBe(join(work, "outputs"));
    expect(chooseStore("/outputs", {})).toEqual({ kind: "local", from: "default", secret: undefined });
  });

  it("a cloud URL with no cloud store is an ArtifactError, never a local directory named after it", () => {
    process.chdir(work);
    const cases: Array<[string, string]> = [
      [S3_PATH, "POLYAXON_STORE=s3"],
      ["gs://plx-outputs/alice", "POLYAXON_STORE=gcs"],
      ["wasbs://outputs@plx.blob.core.windows.net/alice", "POLYAXON_STORE=azure"],
      ["wasb://outputs@plx.blob.core.windows.net/alice", "POLYAXON_STORE=azure"],
      ["hdfs://namenode/outputs", "no outputs store handles this scheme"],
    ];
    for (const [path, hint] of cases) {
      const error = artifactError(() => outputsStoreFor(path, { env: {} }));
      expect(error.message).toContain(path);
      expect(error.message).toContain(`${path} is a cloud URL`);
      expect(error.message).toContain("no outputs store is configured");
      expect(error.message).toContain(hint);
    }
    // POLYAXON_STORE=local says the same, naming the variable.
    const explicit = artifactError(() => outputsStoreFor(S3_PATH, { env: { POLYAXON_STORE: "local" } }));
    expect(explicit.message).toContain("the outputs store is local (POLYAXON_STORE)");
    expect(existsSync(join(work, "s3:"))).toBe(false);
  });

  it("a cloud store with a path of another kind is an ArtifactError that says what it needs", () => {
    const plain = artifactError(() => outputsStoreFor("/mnt/outputs/7", { env: { POLYAXON_STORE: "s3" } }));
    expect(plain.message).toBe(
      "The outputs store is s3 (POLYAXON_STORE), which needs an outputs path starting with s3://, not /mnt/outputs/7.",
    );
    const other = artifactError(() => outputsStoreFor(S3_PATH, { env: { STORE: "gcs" } }));
    expect(other.message).toContain(
      "The outputs store is gcs (STORE), which needs an outputs path starting with gs://",
    );
    const azure = artifactError(() => outputsStoreFor("/outputs", { env: { POLYAXON_STORE: "azure" } }));
    expect(azure.message).toContain("starting with wasb:// or wasbs://");
  });

  it("POLYAXON_STORE, then STORE; an unknown type is an error", () => {
    expect(chooseStore(S3_PATH, { STORE: "s3" }).kind).toBe("s3");
    expect(chooseStore(S3_PATH, { POLYAXON_STORE: "gcs", STORE: "s3" })).toMatchObject({
      kind: "gcs",
      from: "POLYAXON_STORE",
    });
    expect(artifactError(() => chooseStore(S3_PATH, { POLYAXON_STORE: "minio" })).message).toBe(
      'POLYAXON_STORE: unknown store type "minio" (expected local, s3, gcs, azure).',
    );
  });

  it("an access-keys entry for the exact path wins over POLYAXON_STORE and brings its secret", () => {
    const env: Env = {
      POLYSTORES_RUN_STORES_ACCESS_KEYS: accessKeys(S3_PATH, "s3"),
      PLX_SECRET: JSON.stringify(S3_SECRET),
      POLYAXON_STORE: "gcs",
    };
    expect(chooseStore(S3_PATH, env)).toEqual({
      kind: "s3",
      from: "POLYSTORES_RUN_STORES_ACCESS_KEYS",
      secret: { variable: "PLX_SECRET", value: S3_SECRET },
    });
    // Only the exact path: with a trailing slash it is another path (POLYAXON_STORE applies).
    expect(chooseStore(`${S3_PATH}/`, env).kind).toBe("gcs");
    const store = outputsStoreFor(S3_PATH, { env });
    expect(store).toBeInstanceOf(S3OutputsStore);
    expect(store.path).toBe(S3_PATH);
  });

  it("a broken access-keys definition is an ArtifactError naming the variable, never echoing a secret", () => {
    const base = { POLYSTORES_RUN_STORES_ACCESS_KEYS: accessKeys(S3_PATH, "s3") };
    const cases: Array<[Env, string]> = [
      [{ POLYSTORES_RUN_STORES_ACCESS_KEYS: "{not json" }, "POLYSTORES_RUN_STORES_ACCESS_KEYS is not valid JSON"],
      [{ POLYSTORES_RUN_STORES_ACCESS_KEYS: "[]" }, "POLYSTORES_RUN_STORES_ACCESS_KEYS must be a JSON object"],
      [
        { POLYSTORES_RUN_STORES_ACCESS_KEYS: JSON.stringify({ [S3_PATH]: { store: "s3" } }) },
        'has an invalid entry for s3://plx-outputs/alice/mnist/experiments/7: expected {"store", "secret_key"}',
      ],
      [{ POLYSTORES_RUN_STORES_ACCESS_KEYS: accessKeys(S3_PATH, "ftp"), PLX_SECRET: "{}" }, 'unknown store type "ftp"'],
      [base, "its access key PLX_SECRET (named in POLYSTORES_RUN_STORES_ACCESS_KEYS) is not set"],
      [{ ...base, PLX_SECRET: "secret-value-123" }, "PLX_SECRET is not valid JSON"],
      [
        { ...base, PLX_SECRET: JSON.stringify({ AWS_ACCESS_KEY_ID: 12 }) },
        "AWS_ACCESS_KEY_ID of the store secret PLX_SECRET",
      ],
    ];
    for (const [env, message] of cases) {
      const error = artifactError(() => outputsStoreFor(S3_PATH, { env }));
      expect(error.message).toContain(message);
      expect(error.message).not.toContain("secret-value-123");
    }
  });

  it("POLYAXON_STORE_TIMEOUT must be a positive number of seconds", () => {
    const env = { POLYAXON_STORE: "s3", POLYAXON_STORE_TIMEOUT: "soon" };
    expect(artifactError(() => outputsStoreFor(S3_PATH, { env })).message).toBe(
      "POLYAXON_STORE_TIMEOUT must be a positive number of seconds.",
    );
  });

  it("POLYAXON_STORE_TIMEOUT bounds how long an unanswering store is waited for", async () => {
    const silent = await silentServer();
    try {
      const env = {
        POLYAXON_STORE: "s3",
        POLYAXON_STORE_TIMEOUT: "0.2",
        AWS_ENDPOINT_URL: `http://127.0.0.1:${silent.port}`,
        AWS_ACCESS_KEY_ID: "id",
        AWS_SECRET_ACCESS_KEY: "secret",
      };
      const store = outputsStoreFor(S3_PATH, { env, maxAttempts: 1 });
      const file = join(work, "a.bin");
      writeFileSync(file, "a");
      await expect(store.uploadFile(file)).rejects.toThrow("did not answer within 0.2 s");
    } finally {
      await silent.close();
    }
  });
});

describe("credentials", () => {
  it("S3: secret keys (either spelling), else the environment with an optional POLYAXON_ prefix", () => {
    expect(s3Credentials({ variable: "S", value: S3_SECRET }, {})).toEqual({
      endpoint: undefined,
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG",
      sessionToken: undefined,
      region: "eu-west-1",
    });
    const lower = { aws_access_key_id: "a", aws_secret_access_key: "b", endpoint_url: "http://minio:9000" };
    expect(s3Credentials({ variable: "S", value: lower }, {})).toMatchObject({
      accessKeyId: "a",
      endpoint: "http://minio:9000",
    });
    const env = {
      POLYAXON_AWS_ACCESS_KEY_ID: "p",
      AWS_SECRET_ACCESS_KEY: "q",
      AWS_SESSION_TOKEN: "t",
      AWS_DEFAULT_REGION: "us-west-2",
    };
    expect(s3Credentials(undefined, env)).toMatchObject({
      accessKeyId: "p",
      secretAccessKey: "q",
      sessionToken: "t",
      region: "us-west-2",
    });
    expect(s3Credentials(undefined, {})).toEqual({
      endpoint: undefined,
      accessKeyId: undefined,
      secretAccessKey: undefined,
      sessionToken: undefined,
      region: undefined,
    });
  });

  it("S3: half a key pair or an endpoint that is not a URL is an ArtifactError", () => {
    expect(artifactError(() => s3Credentials(undefined, { AWS_ACCESS_KEY_ID: "a" })).message).toContain(
      "need both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    );
    expect(artifactError(() => s3Credentials(undefined, { AWS_ENDPOINT_URL: "minio:9000" })).message).toBe(
      "AWS_ENDPOINT_URL must be an http(s) URL.",
    );
  });

  it("S3: path forms and a part size below the S3 minimum", () => {
    expect(new S3OutputsStore("s3://bucket/").path).toBe("s3://bucket");
    expect(new S3OutputsStore("s3://bucket//a/b/").path).toBe("s3://bucket/a/b");
    expect(artifactError(() => new S3OutputsStore("s3:///a")).message).toContain("expected s3://bucket[/prefix]");
    expect(artifactError(() => new S3OutputsStore("s3://b", {}, { partSize: 1024 })).message).toContain(
      "at least 5 MiB",
    );
    expect(artifactError(() => new S3OutputsStore("s3://b", {}, { maxAttempts: 0 })).message).toContain(
      "maxAttempts must be a positive integer",
    );
  });

  it("Azure: needs a key or a connection string, for the path's account", () => {
    const path = "wasbs://outputs@plxstore.blob.core.windows.net/alice";
    expect(azureCredentials({ variable: "S", value: { AZURE_ACCOUNT_NAME: "n", AZURE_ACCOUNT_KEY: "k" } }, {})).toEqual(
      {
        accountName: "n",
        accountKey: "k",
        connectionString: undefined,
      },
    );
    expect(artifactError(() => new AzureOutputsStore(path, {})).message).toContain(
      "needs AZURE_ACCOUNT_KEY (with AZURE_ACCOUNT_NAME) or AZURE_CONNECTION_STRING",
    );
    expect(artifactError(() => new AzureOutputsStore(path, { accountName: "other", accountKey: "k" })).message).toBe(
      `The outputs path ${path} is in account plxstore, but the Azure credentials are for other.`,
    );
    const fromString = new AzureOutputsStore(path, { connectionString: "AccountName=plxstore;AccountKey=k" });
    expect(fromString.account).toBe("plxstore");
    expect(fromString.container).toBe("outputs");
    expect(artifactError(() => new AzureOutputsStore("wasbs://outputs/alice", { accountKey: "k" })).message).toContain(
      "expected wasbs://container@account.blob.core.windows.net",
    );
    const env = { POLYAXON_STORE: "azure", AZURE_ACCOUNT_KEY: "k" };
    expect(outputsStoreFor(path, { env })).toBeInstanceOf(AzureOutputsStore);
  });

  it("GCS: the access-keys secret is the key file; else GC_KEYFILE_DICT, GC_KEY_PATH or application defaults", () => {
    const fromSecret = gcsCredentials({ variable: "PLX_GCS", value: KEYFILE }, { GC_KEY_PATH: "/ignored.json" });
    expect(fromSecret.keyPath).toBeUndefined();
    expect(fromSecret.keyfile?.private_key).toBe("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
    expect(fromSecret.projectId).toBe("plx-test");
    const fromDict = gcsCredentials(undefined, { GC_KEYFILE_DICT: JSON.stringify(KEYFILE), GC_PROJECT: "other" });
    expect(fromDict.keyfile?.client_email).toBe(KEYFILE.client_email);
    expect(fromDict.projectId).toBe("other");
    expect(gcsCredentials(undefined, { GC_KEY_PATH: "/keys/sa.json", GC_SCOPES: "a, b" })).toMatchObject({
      keyPath: "/keys/sa.json",
      scopes: ["a", "b"],
    });
    expect(gcsCredentials(undefined, { GOOGLE_APPLICATION_CREDENTIALS: "/adc.json" }).keyPath).toBe("/adc.json");
    expect(gcsCredentials(undefined, {})).toMatchObject({ keyPath: undefined, keyfile: undefined });
    expect(
      artifactError(() => gcsCredentials({ variable: "PLX_GCS", value: { client_email: "x" } }, {})).message,
    ).toContain("The store secret PLX_GCS must be a service-account key");
    expect(artifactError(() => new GcsOutputsStore("gs://b", {}, { partSize: 1000 })).message).toContain(
      "multiple of 256 KiB",
    );
  });

  it("Azure: a connection string the SDK rejects is an ArtifactError before anything is sent", async () => {
    const file = join(work, "a.bin");
    writeFileSync(file, "a");
    const store = new AzureOutputsStore("wasbs://outputs@plxstore.blob.core.windows.net/a", {
      connectionString: "AccountName=plxstore;AccountKey=k",
    });
    const error = await store.uploadFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect((error as Error).message).toMatch(
      /^The Azure Blob client for wasbs:\/\/outputs@plxstore\.blob\.core\.windows\.net\/a cannot be created: /,
    );
  });
});

describe("exported in a Polyaxon job", () => {
  it("S3: the reference's variables and the ones the AWS SDKs for Node read", () => {
    const target: Env = {};
    const env: Env = {
      POLYSTORES_RUN_STORES_ACCESS_KEYS: accessKeys(S3_PATH, "s3"),
      PLX_SECRET: JSON.stringify({ ...S3_SECRET, AWS_ENDPOINT_URL: "http://minio:9000", AWS_SECURITY_TOKEN: "tok" }),
    };
    expect(exportStoreCredentials(S3_PATH, { env, target }).sort()).toEqual(
      [
        "AWS_ACCESS_KEY_ID",
        "AWS_ENDPOINT_URL",
        "AWS_REGION",
        "AWS_REGION_NAME",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SECURITY_TOKEN",
        "AWS_SESSION_TOKEN",
      ].sort(),
    );
    expect(target).toMatchObject({
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SESSION_TOKEN: "tok",
      AWS_REGION: "eu-west-1",
      AWS_ENDPOINT_URL: "http://minio:9000",
    });
  });

  it("Azure: account name, key and connection string", () => {
    const target: Env = {};
    const path = "wasbs://outputs@plxstore.blob.core.windows.net/a";
    const env = {
      POLYSTORES_RUN_STORES_ACCESS_KEYS: accessKeys(path, "azure"),
      PLX_SECRET: JSON.stringify({ AZURE_ACCOUNT_NAME: "plxstore", AZURE_ACCOUNT_KEY: "k" }),
    };
    expect(exportStoreCredentials(path, { env, target })).toEqual(["AZURE_ACCOUNT_NAME", "AZURE_ACCOUNT_KEY"]);
    expect(target).toEqual({ AZURE_ACCOUNT_NAME: "plxstore", AZURE_ACCOUNT_KEY: "k" });
  });

  it("GCS: a key file from the secret is written (0600) and GOOGLE_APPLICATION_CREDENTIALS points at it", () => {
    const target: Env = {};
    const keyfilePath = join(work, "nested", ".gcsaccess.json");
    const env = {
      POLYSTORES_RUN_STORES_ACCESS_KEYS: accessKeys("gs://b/a", "gcs"),
      PLX_SECRET: JSON.stringify(KEYFILE),
      POLYSTORES_TMP_AUTH_GCS_ACCESS_PATH: keyfilePath,
    };
    expect(exportStoreCredentials("gs://b/a", { env, target })).toEqual(["GOOGLE_APPLICATION_CREDENTIALS"]);
    expect(target.GOOGLE_APPLICATION_CREDENTIALS).toBe(keyfilePath);
    expect(JSON.parse(readFileSync(keyfilePath, "utf8")).client_email).toBe(KEYFILE.client_email);
    expect(statSync(keyfilePath).mode & 0o777).toBe(0o600);
    const byPath: Env = {};
    exportStoreCredentials("gs://b/a", { env: { POLYAXON_STORE: "gcs", GC_KEY_PATH: "/k.json" }, target: byPath });
    expect(byPath).toEqual({ GOOGLE_APPLICATION_CREDENTIALS: "/k.json" });
  });

  it("a local store exports nothing", () => {
    const target: Env = {};
    expect(exportStoreCredentials("/outputs/7", { env: {}, target })).toEqual([]);
    expect(target).toEqual({});
  });
});

describe("optional SDK packages", () => {
  it("a missing package is an ArtifactError that says what to install", async () => {
    const name = "@polyaxon-tracking-test/not-installed";
    const error = await loadSdk("S3", [name, "@aws-sdk/lib-storage"], () => import(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect((error as Error).message).toBe(
      `The S3 outputs store needs the optional package(s) ${name}, @aws-sdk/lib-storage, which are not installed: npm install ${name} @aws-sdk/lib-storage`,
    );
  });

  it("a package that fails to load for another reason says so", async () => {
    const error = await loadSdk("GCS", ["@google-cloud/storage"], () =>
      Promise.reject(new SyntaxError("Unexpected token")),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "The GCS outputs store could not load @google-cloud/storage (Unexpected token); reinstall them: npm install @google-cloud/storage",
    );
  });

  it("an installed package loads", async () => {
    const sdk = await loadSdk("S3", ["@aws-sdk/client-s3"], () => import("@aws-sdk/client-s3"));
    expect(typeof sdk.S3Client).toBe("function");
  });
});
