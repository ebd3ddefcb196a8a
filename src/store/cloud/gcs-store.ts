/**
 * Artifacts to Google Cloud Storage, through the optional peer `@google-cloud/storage`
 * (JSON API). Files up to `partSize` go in one multipart request; larger ones through a
 * resumable session in `partSize` chunks, each retried on its own. The SDK checks the stored
 * object's CRC32C against the bytes sent.
 */
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { ApiError, Bucket } from "@google-cloud/storage";
import { CLIENT_DEFAULTS } from "../../api/options.js";
import { sleep } from "../../api/retry.js";
import { ArtifactError } from "../artifact-error.js";
import { CloudOutputsStore, type CloudStoreOptions, type PutRequest, parseBucketUrl } from "./cloud-store.js";
import type { GcsCredentials } from "./credentials.js";
import { loadSdk } from "./load-sdk.js";

const PACKAGES = ["@google-cloud/storage"] as const;
const CHUNK_MULTIPLE = 256 * 1024;

export class GcsOutputsStore extends CloudOutputsStore {
  protected readonly label = "GCS";
  readonly bucket: string;
  private readonly credentials: GcsCredentials;
  private sdk: Promise<Bucket> | undefined;

  /**
   * `url` is `gs://bucket[/prefix]`. Without a key path or key file, the SDK's application
   * default credentials apply (`GOOGLE_APPLICATION_CREDENTIALS`, the GKE/GCE metadata server).
   */
  constructor(url: string, credentials: GcsCredentials = {}, options: CloudStoreOptions = {}) {
    const { bucket, prefix } = parseBucketUrl(url, "gs", "GCS");
    super(`gs://${bucket}`, prefix, options);
    if (this.options.partSize % CHUNK_MULTIPLE !== 0) {
      throw new ArtifactError(`GCS partSize must be a multiple of 256 KiB (got ${this.options.partSize} bytes).`);
    }
    this.bucket = bucket;
    this.credentials = credentials;
  }

  protected endpoint(): string {
    // The SDK reads STORAGE_EMULATOR_HOST from the process environment itself.
    return this.credentials.apiEndpoint ?? process.env.STORAGE_EMULATOR_HOST ?? "https://storage.googleapis.com";
  }

  /**
   * `GET b/{bucket}` through the SDK's authenticated request. Its abort does not reach the
   * socket, so the request carries the deadline itself, in one attempt: a request still
   * hanging after the deadline would keep the user's process alive.
   */
  protected async probe(): Promise<void> {
    const { storage } = await this.load();
    await new Promise<void>((resolve, reject) => {
      storage.makeAuthenticatedRequest(
        {
          method: "GET",
          uri: `${storage.baseUrl}/b/${encodeURIComponent(this.bucket)}`,
          qs: { fields: "name" },
          timeout: this.options.timeoutMs,
          maxRetries: 0,
        },
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }

  /** GCS API errors carry the HTTP status as a numeric `code`; network errors a string one. */
  protected answered(error: unknown): boolean {
    return error instanceof Error && "code" in error && typeof error.code === "number";
  }

  /**
   * A resumable session retries each chunk in the SDK. A single-request upload has consumed its
   * stream when it fails, so it is retried here, from the file, on the errors the SDK itself
   * counts as transient.
   */
  protected async put(request: PutRequest): Promise<void> {
    const bucket = await this.load();
    const resumable = request.size > this.options.partSize;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write(bucket, request, resumable);
      } catch (error) {
        const transient = bucket.storage.retryOptions.retryableErrorFn?.(error as ApiError) ?? false;
        if (resumable || !transient || attempt >= this.options.maxAttempts || request.signal?.aborted) throw error;
        // The API client's back-off bounds (0.5 s, doubling up to 8 s), without its jitter.
        await sleep(
          Math.min(CLIENT_DEFAULTS.baseDelayMs * 2 ** (attempt - 1), CLIENT_DEFAULTS.maxDelayMs),
          request.signal,
        );
      }
    }
  }

  private async write(bucket: Bucket, { source, key, onProgress, signal }: PutRequest, resumable: boolean) {
    const upload = bucket.file(key).createWriteStream({
      resumable,
      ...(resumable ? { chunkSize: this.options.partSize } : {}),
      metadata: { contentType: "application/octet-stream" },
    });
    upload.on("progress", (progress: { bytesWritten?: number }) => onProgress(progress.bytesWritten ?? 0));
    await pipeline(createReadStream(source), upload, signal ? { signal } : {});
  }

  private load(): Promise<Bucket> {
    this.sdk ??= (async () => {
      const gcs = await loadSdk("GCS", PACKAGES, () => import("@google-cloud/storage"));
      const { keyPath, keyfile, projectId, scopes, apiEndpoint } = this.credentials;
      const storage = this.build(
        () =>
          new gcs.Storage({
            ...(projectId ? { projectId } : {}),
            ...(keyPath ? { keyFilename: keyPath } : {}),
            ...(keyfile
              ? { credentials: { client_email: keyfile.client_email, private_key: keyfile.private_key } }
              : {}),
            ...(scopes?.length ? { scopes } : {}),
            ...(apiEndpoint ? { apiEndpoint } : {}),
            // The SDK skips authentication with a custom endpoint (an emulator) unless asked;
            // explicit credentials are meant to be used.
            useAuthWithCustomEndpoint: Boolean(keyPath || keyfile),
            timeout: this.requestTimeoutMs,
            retryOptions: {
              autoRetry: true,
              maxRetries: this.options.maxAttempts - 1,
              maxRetryDelay: CLIENT_DEFAULTS.maxDelayMs / 1000,
              // Writing the same bytes to the same name again is safe: retry uploads too.
              idempotencyStrategy: gcs.IdempotencyStrategy.RetryAlways,
            },
          }),
      );
      return storage.bucket(this.bucket);
    })();
    return this.sdk;
  }
}
