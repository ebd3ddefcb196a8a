/**
 * Artifacts to Azure Blob Storage (or Azurite), through the optional peer
 * `@azure/storage-blob`. Paths are `wasb(s)://container@account.blob.core.windows.net/prefix`
 * as in Polyaxon; every file is streamed as staged blocks of `partSize` (up to `concurrency` in
 * flight) and committed once all are stored, so a failed upload leaves no partial blob.
 */
import { createReadStream } from "node:fs";
import type { ContainerClient } from "@azure/storage-blob";
import { CLIENT_DEFAULTS } from "../../api/options.js";
import { ArtifactError } from "../artifact-error.js";
import { CloudOutputsStore, type CloudStoreOptions, type PutRequest, trimPrefix } from "./cloud-store.js";
import type { AzureCredentials } from "./credentials.js";
import { loadSdk } from "./load-sdk.js";

const PACKAGES = ["@azure/storage-blob"] as const;

interface AzureLocation {
  container: string;
  account: string;
  /** `blob.core.windows.net` (or a sovereign cloud's suffix). */
  hostSuffix: string;
  prefix: string;
}

/** `wasb(s)://container@account.blob.core.windows.net[/prefix]`. */
function parseAzureUrl(url: string): AzureLocation {
  const match = /^wasbs?:\/\/([^@/]+)@([^./]+)\.(blob\.[^/]+)(\/.*)?$/.exec(url);
  if (!match?.[1] || !match[2] || !match[3]) {
    throw new ArtifactError(
      `Invalid Azure outputs path ${url}: expected wasbs://container@account.blob.core.windows.net[/prefix].`,
    );
  }
  return { container: match[1], account: match[2], hostSuffix: match[3], prefix: trimPrefix(match[4]) };
}

/** The `AccountName` and `BlobEndpoint` of a connection string (keys are case-insensitive). */
function connectionStringParts(connectionString: string): { accountName?: string; blobEndpoint?: string } {
  const parts: Record<string, string> = {};
  for (const item of connectionString.split(";")) {
    const at = item.indexOf("=");
    if (at > 0) parts[item.slice(0, at).trim().toLowerCase()] = item.slice(at + 1).trim();
  }
  return {
    ...(parts.accountname ? { accountName: parts.accountname } : {}),
    ...(parts.blobendpoint ? { blobEndpoint: parts.blobendpoint } : {}),
  };
}

export class AzureOutputsStore extends CloudOutputsStore {
  protected readonly label = "Azure Blob";
  readonly container: string;
  readonly account: string;
  private readonly serviceUrl: string;
  private readonly credentials: AzureCredentials;
  private sdk: Promise<ContainerClient> | undefined;

  /** Needs `accountKey` (with the path's account) or a `connectionString`. */
  constructor(url: string, credentials: AzureCredentials, options: CloudStoreOptions = {}) {
    const location = parseAzureUrl(url);
    const scheme = url.startsWith("wasbs:") ? "wasbs" : "wasb";
    super(`${scheme}://${location.container}@${location.account}.${location.hostSuffix}`, location.prefix, options);
    this.container = location.container;
    this.account = location.account;
    this.credentials = credentials;
    const fromString = credentials.connectionString ? connectionStringParts(credentials.connectionString) : undefined;
    const accountName = fromString?.accountName ?? credentials.accountName;
    if (!credentials.connectionString && !credentials.accountKey) {
      throw new ArtifactError(
        `The Azure store for ${this.path} needs AZURE_ACCOUNT_KEY (with AZURE_ACCOUNT_NAME) or AZURE_CONNECTION_STRING.`,
      );
    }
    if (accountName !== undefined && accountName !== location.account) {
      throw new ArtifactError(
        `The outputs path ${this.path} is in account ${location.account}, but the Azure credentials are for ${accountName}.`,
      );
    }
    this.serviceUrl = fromString?.blobEndpoint ?? `https://${location.account}.${location.hostSuffix}`;
  }

  protected endpoint(): string {
    return this.serviceUrl;
  }

  protected async probe(signal: AbortSignal): Promise<void> {
    const container = await this.load();
    await container.getProperties({ abortSignal: signal });
  }

  protected answered(error: unknown): boolean {
    return error instanceof Error && "statusCode" in error && typeof error.statusCode === "number";
  }

  protected async put({ source, key, onProgress, signal }: PutRequest): Promise<void> {
    const container = await this.load();
    const body = createReadStream(source);
    try {
      await container.getBlockBlobClient(key).uploadStream(body, this.options.partSize, this.options.concurrency, {
        onProgress: (progress) => onProgress(progress.loadedBytes),
        ...(signal ? { abortSignal: signal } : {}),
      });
    } finally {
      body.destroy();
    }
  }

  private load(): Promise<ContainerClient> {
    this.sdk ??= (async () => {
      const azure = await loadSdk("Azure Blob", PACKAGES, () => import("@azure/storage-blob"));
      const pipeline = {
        retryOptions: {
          maxTries: this.options.maxAttempts,
          tryTimeoutInMs: this.requestTimeoutMs,
          retryDelayInMs: CLIENT_DEFAULTS.baseDelayMs,
          maxRetryDelayInMs: CLIENT_DEFAULTS.maxDelayMs,
        },
      };
      const { connectionString, accountKey } = this.credentials;
      const service = this.build(() =>
        connectionString
          ? azure.BlobServiceClient.fromConnectionString(connectionString, pipeline)
          : new azure.BlobServiceClient(
              this.serviceUrl,
              new azure.StorageSharedKeyCredential(this.account, accountKey ?? ""),
              pipeline,
            ),
      );
      return service.getContainerClient(this.container);
    })();
    return this.sdk;
  }
}
