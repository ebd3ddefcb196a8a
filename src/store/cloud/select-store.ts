/**
 * Which store an outputs path goes to, as the reference client decides it
 * (docs/reference-client.md#calls): a `POLYSTORES_RUN_STORES_ACCESS_KEYS` entry for the exact path
 * (store type + the variable holding its credentials as JSON), else `POLYAXON_STORE` (or
 * `STORE`), else local. Unlike the reference, a mismatch between the store and the path is an
 * `ArtifactError` up front: a cloud URL with the local store would otherwise become a local
 * directory named `s3:/…`, and a cloud store with a plain path has nowhere to write.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { HAS_SCHEME } from "../../api/base-url.js";
import { ArtifactError } from "../artifact-error.js";
import { LocalOutputsStore, type OutputsStore } from "../outputs-store.js";
import { AzureOutputsStore } from "./azure-store.js";
import type { CloudStoreOptions } from "./cloud-store.js";
import {
  azureCredentials,
  type Env,
  exportedVariables,
  gcsCredentials,
  type StoreSecret,
  s3Credentials,
} from "./credentials.js";
import { DEFAULT_GCS_ACCESS_PATH } from "./defaults.js";
import { GcsOutputsStore } from "./gcs-store.js";
import { S3OutputsStore } from "./s3-store.js";

export type StoreKind = "local" | "s3" | "gcs" | "azure";

export interface StoreChoice {
  kind: StoreKind;
  /** What decided it, for messages: the variable, or `default`. */
  from: string;
  /** The credentials of an access-keys entry. */
  secret: StoreSecret | undefined;
}

const KINDS: readonly StoreKind[] = ["local", "s3", "gcs", "azure"];
const SCHEMES: Record<Exclude<StoreKind, "local">, readonly string[]> = {
  s3: ["s3"],
  gcs: ["gs"],
  azure: ["wasb", "wasbs"],
};
const ACCESS_KEYS = "POLYSTORES_RUN_STORES_ACCESS_KEYS";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseJsonObject(raw: string, variable: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // The parser's message quotes the text, which may hold a secret.
    throw new ArtifactError(`${variable} is not valid JSON (${what}).`);
  }
  if (!isObject(value)) throw new ArtifactError(`${variable} must be a JSON object (${what}).`);
  return value;
}

function storeKind(value: unknown, from: string): StoreKind {
  if (typeof value === "string" && (KINDS as readonly string[]).includes(value)) return value as StoreKind;
  throw new ArtifactError(`${from}: unknown store type ${JSON.stringify(value)} (expected ${KINDS.join(", ")}).`);
}

/** The store type and credentials for `path` (no SDK is loaded, nothing is sent). */
export function chooseStore(path: string, env: Env = process.env): StoreChoice {
  const raw = env[ACCESS_KEYS];
  const entries = raw && raw.trim() !== "" ? parseJsonObject(raw, ACCESS_KEYS, "path → store access") : {};
  const entry = entries[path];
  if (entry !== undefined && entry !== null) {
    if (!isObject(entry) || typeof entry.secret_key !== "string" || entry.secret_key === "") {
      throw new ArtifactError(`${ACCESS_KEYS} has an invalid entry for ${path}: expected {"store", "secret_key"}.`);
    }
    const kind = storeKind(entry.store, `${ACCESS_KEYS} entry for ${path}`);
    const variable = entry.secret_key;
    const secretText = env[variable];
    if (secretText === undefined || secretText.trim() === "") {
      throw new ArtifactError(
        `Could not create the ${kind} store for ${path}: its access key ${variable} (named in ${ACCESS_KEYS}) is not set.`,
      );
    }
    const value = parseJsonObject(secretText, variable, `access key of the ${kind} store for ${path}`);
    return { kind, from: ACCESS_KEYS, secret: { variable, value } };
  }
  for (const variable of ["POLYAXON_STORE", "STORE"]) {
    const value = env[variable];
    if (value !== undefined && value.trim() !== "") {
      return { kind: storeKind(value.trim(), variable), from: variable, secret: undefined };
    }
  }
  return { kind: "local", from: "default", secret: undefined };
}

function schemeOf(path: string): string | undefined {
  return HAS_SCHEME.exec(path)?.[1]?.toLowerCase();
}

function checkPathFits(path: string, choice: StoreChoice): void {
  const scheme = schemeOf(path);
  if (choice.kind === "local") {
    if (scheme === undefined) return;
    const how =
      choice.from === "default" ? "no outputs store is configured" : `the outputs store is local (${choice.from})`;
    const kind = (Object.keys(SCHEMES) as Array<keyof typeof SCHEMES>).find((k) => SCHEMES[k].includes(scheme));
    const fix = kind
      ? `set POLYAXON_STORE=${kind} with its credentials, or a ${ACCESS_KEYS} entry for this path (see the README, "Artifacts")`
      : "no outputs store handles this scheme";
    throw new ArtifactError(`The outputs path ${path} is a cloud URL (${scheme}://), but ${how}: ${fix}.`, { path });
  }
  const schemes = SCHEMES[choice.kind];
  if (scheme === undefined || !schemes.includes(scheme)) {
    const expected = schemes.map((s) => `${s}://`).join(" or ");
    throw new ArtifactError(
      `The outputs store is ${choice.kind} (${choice.from}), which needs an outputs path starting with ${expected}, not ${path}.`,
      { path },
    );
  }
}

export interface StoreForOptions extends CloudStoreOptions {
  /** Where variables are read (default `process.env`). */
  env?: Env;
}

function timeoutFromEnv(env: Env): number | undefined {
  const raw = env.POLYAXON_STORE_TIMEOUT;
  if (raw === undefined || raw.trim() === "") return undefined;
  const seconds = Number(raw.trim());
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ArtifactError("POLYAXON_STORE_TIMEOUT must be a positive number of seconds.");
  }
  return seconds * 1000;
}

/**
 * The outputs store for `path`. A cloud store checks its path and credentials here; its SDK is
 * only loaded by the first upload.
 */
export function outputsStoreFor(path: string, options: StoreForOptions = {}): OutputsStore {
  const { env = process.env, ...rest } = options;
  const choice = chooseStore(path, env);
  checkPathFits(path, choice);
  const timeoutMs = rest.timeoutMs ?? timeoutFromEnv(env);
  const cloudOptions: CloudStoreOptions = { ...rest, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
  switch (choice.kind) {
    case "local":
      return new LocalOutputsStore(path);
    case "s3":
      return new S3OutputsStore(path, s3Credentials(choice.secret, env), cloudOptions);
    case "azure":
      return new AzureOutputsStore(path, azureCredentials(choice.secret, env), cloudOptions);
    case "gcs":
      return new GcsOutputsStore(path, gcsCredentials(choice.secret, env), cloudOptions);
  }
}

export interface ExportOptions {
  /** Where variables are read (default `process.env`). */
  env?: Env;
  /** Where they are written (default `process.env`). */
  target?: Env;
}

/**
 * In a Polyaxon job (docs/reference-client.md#constructor): exports the credentials of the
 * store for `path` to the standard variables (`AWS_ACCESS_KEY_ID`…, `AZURE_ACCOUNT_KEY`…,
 * `GOOGLE_APPLICATION_CREDENTIALS`, with a GCS key file written to
 * `POLYSTORES_TMP_AUTH_GCS_ACCESS_PATH`, mode 0600). Returns the names set; a local store sets
 * none.
 */
export function exportStoreCredentials(path: string, options: ExportOptions = {}): string[] {
  const { env = process.env, target = process.env } = options;
  const choice = chooseStore(path, env);
  checkPathFits(path, choice);
  let variables: Record<string, string> = {};
  if (choice.kind === "s3") variables = exportedVariables({ kind: "s3", value: s3Credentials(choice.secret, env) });
  if (choice.kind === "azure") {
    variables = exportedVariables({ kind: "azure", value: azureCredentials(choice.secret, env) });
  }
  if (choice.kind === "gcs") {
    const credentials = gcsCredentials(choice.secret, env);
    let keyfilePath: string | undefined;
    if (credentials.keyfile) {
      keyfilePath = env.POLYSTORES_TMP_AUTH_GCS_ACCESS_PATH || DEFAULT_GCS_ACCESS_PATH;
      try {
        mkdirSync(dirname(keyfilePath), { recursive: true });
        writeFileSync(keyfilePath, JSON.stringify(credentials.keyfile), { mode: 0o600 });
        chmodSync(keyfilePath, 0o600);
      } catch (error) {
        throw new ArtifactError(`Could not write the GCS key file to ${keyfilePath}.`, {
          path: keyfilePath,
          cause: error,
        });
      }
    }
    variables = exportedVariables({ kind: "gcs", value: credentials, keyfilePath });
  }
  Object.assign(target, variables);
  return Object.keys(variables);
}
