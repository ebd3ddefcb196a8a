/**
 * Artifacts to Amazon S3 or an S3-compatible store (MinIO, Ceph, s3rver…), through the
 * optional peers `@aws-sdk/client-s3` + `@aws-sdk/lib-storage`. Files are streamed: one
 * `PutObject` up to `partSize`, a multipart upload above it (at most `partSize × concurrency`
 * bytes in memory; failed parts are retried by the SDK, an abandoned upload is aborted).
 */
import { createReadStream } from "node:fs";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Upload } from "@aws-sdk/lib-storage";
import { ArtifactError } from "../artifact-error.js";
import { CloudOutputsStore, type CloudStoreOptions, type PutRequest, parseBucketUrl } from "./cloud-store.js";
import type { S3Credentials } from "./credentials.js";
import { loadSdk } from "./load-sdk.js";

const PACKAGES = ["@aws-sdk/client-s3", "@aws-sdk/lib-storage"] as const;
const MIN_PART_SIZE = 5 * 1024 * 1024;

interface S3Sdk {
  client: S3Client;
  Upload: typeof Upload;
  probe: (bucket: string, signal: AbortSignal) => Promise<unknown>;
}

export class S3OutputsStore extends CloudOutputsStore {
  protected readonly label = "S3";
  readonly bucket: string;
  private readonly credentials: S3Credentials;
  private sdk: Promise<S3Sdk> | undefined;

  /** `url` is `s3://bucket[/prefix]`; credentials default to the SDK's own chain (env, profile, role). */
  constructor(url: string, credentials: S3Credentials = {}, options: CloudStoreOptions = {}) {
    const { bucket, prefix } = parseBucketUrl(url, "s3", "S3");
    super(`s3://${bucket}`, prefix, options);
    if (this.options.partSize < MIN_PART_SIZE) {
      throw new ArtifactError(`S3 partSize must be at least 5 MiB (got ${this.options.partSize} bytes).`);
    }
    this.bucket = bucket;
    this.credentials = credentials;
  }

  protected endpoint(): string {
    return this.credentials.endpoint ?? `AWS S3 (${this.credentials.region ?? "us-east-1"})`;
  }

  protected async probe(signal: AbortSignal): Promise<void> {
    const sdk = await this.load();
    await sdk.probe(this.bucket, signal);
  }

  protected answered(error: unknown): boolean {
    const metadata = error instanceof Error && "$metadata" in error ? error.$metadata : undefined;
    return typeof metadata === "object" && metadata !== null && "httpStatusCode" in metadata
      ? typeof metadata.httpStatusCode === "number"
      : false;
  }

  protected async put({ source, key, size, onProgress, signal }: PutRequest): Promise<void> {
    const sdk = await this.load();
    const body = createReadStream(source);
    const upload = new sdk.Upload({
      client: sdk.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentLength: size },
      partSize: this.options.partSize,
      queueSize: this.options.concurrency,
      leavePartsOnError: false,
    });
    upload.on("httpUploadProgress", (progress) => onProgress(progress.loaded ?? 0));
    const abort = () => void upload.abort().catch(() => {});
    signal?.addEventListener("abort", abort, { once: true });
    try {
      await upload.done();
    } finally {
      signal?.removeEventListener("abort", abort);
      body.destroy();
    }
  }

  private load(): Promise<S3Sdk> {
    this.sdk ??= (async () => {
      const [s3, storage] = await loadSdk("S3", PACKAGES, () =>
        Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]),
      );
      const { endpoint, accessKeyId, secretAccessKey, sessionToken, region } = this.credentials;
      const client = this.build(
        () =>
          new s3.S3Client({
            region: region ?? "us-east-1",
            // Custom endpoints (MinIO…) rarely have per-bucket DNS names: address buckets by path.
            ...(endpoint ? { endpoint, forcePathStyle: true } : { followRegionRedirects: true }),
            ...(accessKeyId && secretAccessKey
              ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
              : {}),
            maxAttempts: this.options.maxAttempts,
            requestHandler: { connectionTimeout: this.options.timeoutMs, socketTimeout: this.options.timeoutMs },
          }),
      );
      return {
        client,
        Upload: storage.Upload,
        probe: (bucket, signal) => client.send(new s3.HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal }),
      };
    })();
    return this.sdk;
  }
}
