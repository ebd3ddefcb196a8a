/**
 * Store credentials as the reference client reads them (docs/reference-client.md#calls, polystores):
 * from the JSON secret named by a `POLYSTORES_RUN_STORES_ACCESS_KEYS` entry when there is one,
 * else from the environment, where each variable may also carry a `POLYAXON_` prefix. In a
 * Polyaxon job they are also exported to the standard variables (`exportedVariables`), so the
 * user's own code (TensorFlow writing checkpoints to `s3://…`, another SDK client) sees them.
 * Error messages name variables and keys, never values.
 */
import { asHttpUrl } from "../../api/base-url.js";
import { ArtifactError } from "../artifact-error.js";

export type Env = Record<string, string | undefined>;

/** The parsed JSON secret of an access-keys entry, with the variable it came from. */
export interface StoreSecret {
  variable: string;
  value: Record<string, unknown>;
}

export interface S3Credentials {
  /** An S3-compatible endpoint (MinIO, Ceph…); path-style addressing is used with it. */
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  sessionToken?: string | undefined;
  /** Default `us-east-1`. */
  region?: string | undefined;
}

export interface AzureCredentials {
  /** Default: the account of the `wasb(s)://container@account.blob.core.windows.net` path. */
  accountName?: string | undefined;
  accountKey?: string | undefined;
  /** Takes precedence over name and key; its `BlobEndpoint` may point at an emulator. */
  connectionString?: string | undefined;
}

/** A service-account key file's content (only the fields the SDK needs are checked). */
export interface GcsKeyfile {
  client_email: string;
  private_key: string;
  project_id?: string;
  [key: string]: unknown;
}

export interface GcsCredentials {
  /** Path of a service-account key file. */
  keyPath?: string | undefined;
  keyfile?: GcsKeyfile | undefined;
  projectId?: string | undefined;
  scopes?: string[] | undefined;
  /**
   * A custom endpoint (an emulator or a private endpoint); default the public API, or the
   * SDK's own `STORAGE_EMULATOR_HOST`.
   */
  apiEndpoint?: string | undefined;
}

/** First non-empty value among `keys` in the environment, each also tried with `POLYAXON_`. */
function fromEnv(env: Env, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    for (const name of [key, `POLYAXON_${key}`]) {
      const value = env[name];
      if (value !== undefined && value.trim() !== "") return value;
    }
  }
  return undefined;
}

function fromSecret(secret: StoreSecret | undefined, keys: readonly string[]): string | undefined {
  if (!secret) return undefined;
  for (const key of keys) {
    const value = secret.value[key];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string") {
      throw new ArtifactError(`Key ${key} of the store secret ${secret.variable} must be a string.`);
    }
    return value;
  }
  return undefined;
}

function pick(secret: StoreSecret | undefined, env: Env, secretKeys: string[], envKeys: string[]) {
  return fromSecret(secret, secretKeys) ?? fromEnv(env, envKeys);
}

function checkHttpUrl(value: string, what: string): string {
  if (!asHttpUrl(value)) throw new ArtifactError(`${what} must be an http(s) URL.`);
  return value;
}

export function s3Credentials(secret: StoreSecret | undefined, env: Env): S3Credentials {
  const endpoint = pick(secret, env, ["endpoint_url", "AWS_ENDPOINT_URL"], ["AWS_ENDPOINT_URL"]);
  const credentials: S3Credentials = {
    endpoint: endpoint && checkHttpUrl(endpoint, "AWS_ENDPOINT_URL"),
    accessKeyId: pick(secret, env, ["aws_access_key_id", "AWS_ACCESS_KEY_ID"], ["AWS_ACCESS_KEY_ID"]),
    secretAccessKey: pick(secret, env, ["aws_secret_access_key", "AWS_SECRET_ACCESS_KEY"], ["AWS_SECRET_ACCESS_KEY"]),
    sessionToken: pick(
      secret,
      env,
      ["aws_session_token", "AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"],
      ["AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"],
    ),
    region: pick(
      secret,
      env,
      ["region_name", "AWS_REGION_NAME", "AWS_REGION"],
      ["AWS_REGION", "AWS_REGION_NAME", "AWS_DEFAULT_REGION"],
    ),
  };
  if ((credentials.accessKeyId === undefined) !== (credentials.secretAccessKey === undefined)) {
    throw new ArtifactError(
      "S3 credentials need both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (only one of them is set).",
    );
  }
  return credentials;
}

export function azureCredentials(secret: StoreSecret | undefined, env: Env): AzureCredentials {
  return {
    accountName: pick(secret, env, ["account_name", "AZURE_ACCOUNT_NAME"], ["AZURE_ACCOUNT_NAME"]),
    accountKey: pick(secret, env, ["account_key", "AZURE_ACCOUNT_KEY"], ["AZURE_ACCOUNT_KEY"]),
    connectionString: pick(secret, env, ["connection_string", "AZURE_CONNECTION_STRING"], ["AZURE_CONNECTION_STRING"]),
  };
}

function parseKeyfile(value: unknown, origin: string): GcsKeyfile {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ArtifactError(`${origin} is not valid JSON.`);
    }
  }
  const keyfile = parsed as Partial<GcsKeyfile> | null;
  if (
    typeof keyfile !== "object" ||
    keyfile === null ||
    typeof keyfile.client_email !== "string" ||
    typeof keyfile.private_key !== "string"
  ) {
    throw new ArtifactError(`${origin} must be a service-account key (JSON with client_email and private_key).`);
  }
  // Secrets often carry the key with escaped newlines, as the reference client allows.
  return { ...keyfile, private_key: keyfile.private_key.replaceAll("\\n", "\n") } as GcsKeyfile;
}

export function gcsCredentials(secret: StoreSecret | undefined, env: Env): GcsCredentials {
  // An access-keys entry's secret is the key file itself (the reference's `keyfile_dict`).
  const keyfileText = fromEnv(env, ["GC_KEYFILE_DICT", "GOOGLE_KEYFILE_DICT"]);
  const keyfile = secret
    ? parseKeyfile(secret.value, `The store secret ${secret.variable}`)
    : keyfileText === undefined
      ? undefined
      : parseKeyfile(keyfileText, "GC_KEYFILE_DICT");
  const keyPath = keyfile
    ? undefined
    : fromEnv(env, ["GC_KEY_PATH", "GOOGLE_KEY_PATH", "GOOGLE_APPLICATION_CREDENTIALS"]);
  const scopes = fromEnv(env, ["GC_SCOPES", "GOOGLE_SCOPES"]);
  return {
    keyPath,
    keyfile,
    projectId:
      fromEnv(env, ["GC_PROJECT", "GOOGLE_PROJECT", "GC_PROJECT_ID", "GOOGLE_PROJECT_ID"]) ?? keyfile?.project_id,
    scopes: scopes
      ?.split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  };
}

/** The standard variables the reference sets for each store (undefined values are left out). */
export function exportedVariables(
  credentials:
    | { kind: "s3"; value: S3Credentials }
    | { kind: "azure"; value: AzureCredentials }
    | { kind: "gcs"; value: GcsCredentials; keyfilePath?: string | undefined },
): Record<string, string> {
  const entries: Array<[string, string | undefined]> = [];
  if (credentials.kind === "s3") {
    const c = credentials.value;
    entries.push(
      ["AWS_ENDPOINT_URL", c.endpoint],
      ["AWS_ACCESS_KEY_ID", c.accessKeyId],
      ["AWS_SECRET_ACCESS_KEY", c.secretAccessKey],
      // The reference's names, plus the ones the AWS SDKs for Node read.
      ["AWS_SECURITY_TOKEN", c.sessionToken],
      ["AWS_SESSION_TOKEN", c.sessionToken],
      ["AWS_REGION_NAME", c.region],
      ["AWS_REGION", c.region],
    );
  } else if (credentials.kind === "azure") {
    const c = credentials.value;
    entries.push(
      ["AZURE_ACCOUNT_NAME", c.accountName],
      ["AZURE_ACCOUNT_KEY", c.accountKey],
      ["AZURE_CONNECTION_STRING", c.connectionString],
    );
  } else {
    entries.push(["GOOGLE_APPLICATION_CREDENTIALS", credentials.value.keyPath ?? credentials.keyfilePath]);
  }
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}
