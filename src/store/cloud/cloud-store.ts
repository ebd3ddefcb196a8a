/**
 * What every cloud outputs store shares: the reference's layout (`{outputs}/{basename(file)}`,
 * `{outputs}/{basename(dir)}/{relative path}`), the directory walk and symlink policy of
 * `copy-tree.ts`, progress, and a bounded "can the store be reached at all" check, so that a
 * wrong endpoint or a network outage is an `ArtifactError` after `timeoutMs`, never a hang.
 * A subclass only says how to reach its service (`probe`) and how to write one object (`put`),
 * with the SDK's own retries (bounded by `maxAttempts`).
 */
import { basename, resolve, sep } from "node:path";
import { ArtifactError } from "../artifact-error.js";
import { assertDirectorySource, type CopyProgress, collectTree, fileSourceSize } from "../copy-tree.js";
import type { ArtifactResult, OutputsStore, UploadedFile, UploadOptions } from "../outputs-store.js";
import { STORE_TIMEOUT_MS } from "./defaults.js";

export interface CloudStoreOptions {
  /**
   * How long reaching the store may take (connecting and a first answer) before uploads are
   * given up with an `ArtifactError`; also the S3 connect and socket-idle timeout.
   * Default 60 s (`POLYAXON_STORE_TIMEOUT` when the store is picked from the environment).
   */
  timeoutMs?: number;
  /** Attempts per request, counting the first; the SDK retries transient failures. Default 3. */
  maxAttempts?: number;
  /**
   * Bytes per part: S3 multipart part (at least 5 MiB), Azure block, GCS resumable chunk (a
   * multiple of 256 KiB). Files larger than one part are uploaded in parts. Default 8 MiB.
   */
  partSize?: number;
  /** Parts in flight per file (S3, Azure); memory use is about `partSize × concurrency`. Default 4. */
  concurrency?: number;
}

type ResolvedCloudOptions = Required<CloudStoreOptions>;

const MIB = 1024 * 1024;

const cloudDefaults: ResolvedCloudOptions = {
  timeoutMs: STORE_TIMEOUT_MS,
  maxAttempts: 3,
  partSize: 8 * MIB,
  concurrency: 4,
};

/**
 * Azure and GCS bound each request by its whole duration (not by idleness, as S3 does): one
 * part must go through within this, i.e. at least ~14 KB/s for 8 MiB parts.
 */
const REQUEST_TIMEOUT_MS = 10 * 60_000;

/** One object to write. */
export interface PutRequest {
  /** Real path to read from (symlinks resolved). */
  source: string;
  /** Object key inside the bucket or container. */
  key: string;
  size: number;
  /** Bytes the service has acknowledged so far (monotonic calls are not required). */
  onProgress: (bytes: number) => void;
  signal: AbortSignal | undefined;
}

function resolveOptions(options: CloudStoreOptions): ResolvedCloudOptions {
  const resolved = { ...cloudDefaults };
  for (const [name, value] of Object.entries(options) as Array<[keyof CloudStoreOptions, number | undefined]>) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0 || (name !== "timeoutMs" && !Number.isInteger(value))) {
      throw new ArtifactError(
        `Cloud store option ${name} must be a positive ${name === "timeoutMs" ? "number" : "integer"}.`,
      );
    }
    resolved[name] = value;
  }
  return resolved;
}

/** The message of an SDK or network error, which is sometimes empty (AggregateError). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const nested = error instanceof AggregateError ? error.errors[0] : undefined;
  if (nested !== undefined) return describeError(nested);
  return "code" in error && typeof error.code === "string" ? error.code : error.name;
}

/** Strips slashes around an object-key prefix (`/a/b/` → `a/b`). */
export function trimPrefix(prefix: string | undefined): string {
  return (prefix ?? "").replace(/^\/+|\/+$/g, "");
}

/** `{scheme}://bucket[/prefix]` → bucket and key prefix; `label` (e.g. `S3`) names the store in the error. */
export function parseBucketUrl(url: string, scheme: string, label: string): { bucket: string; prefix: string } {
  const match = new RegExp(`^${scheme}://([^/]+)(/.*)?$`).exec(url);
  if (!match?.[1])
    throw new ArtifactError(`Invalid ${label} outputs path ${url}: expected ${scheme}://bucket[/prefix].`);
  return { bucket: match[1], prefix: trimPrefix(match[2]) };
}

export abstract class CloudOutputsStore implements OutputsStore {
  /** `{scheme}://{bucket}[/{prefix}]`, without a trailing slash. */
  readonly path: string;
  protected readonly options: ResolvedCloudOptions;
  /** Key prefix inside the bucket or container (no leading or trailing slash). */
  private readonly prefix: string;
  private reached: Promise<void> | undefined;

  /** `root` is `{scheme}://{bucket}`, `prefix` the key prefix (see {@link trimPrefix}). */
  protected constructor(root: string, prefix: string, options: CloudStoreOptions) {
    this.path = prefix ? `${root}/${prefix}` : root;
    this.prefix = prefix;
    this.options = resolveOptions(options);
  }

  /** Azure's and GCS's per-request limit (see REQUEST_TIMEOUT_MS), never below `timeoutMs`. */
  protected get requestTimeoutMs(): number {
    return Math.max(REQUEST_TIMEOUT_MS, this.options.timeoutMs);
  }

  /** e.g. `S3`, for messages. */
  protected abstract readonly label: string;
  /** Where the service is (an endpoint URL), for messages. */
  protected abstract endpoint(): string;
  /** One cheap request: resolves on an HTTP answer, rejects when there is none. */
  protected abstract probe(signal: AbortSignal): Promise<void>;
  /** True when an SDK error carries an HTTP answer: the store was reached (even a 403/404). */
  protected abstract answered(error: unknown): boolean;
  protected abstract put(request: PutRequest): Promise<void>;

  /** Runs an SDK client constructor; what it rejects (a malformed connection string…) is bad configuration. */
  protected build<T>(construct: () => T): T {
    try {
      return construct();
    } catch (error) {
      throw new ArtifactError(`The ${this.label} client for ${this.path} cannot be created: ${describeError(error)}`, {
        path: this.path,
        cause: error,
      });
    }
  }

  async uploadFile(localFile: string, opts: UploadOptions = {}): Promise<ArtifactResult> {
    const size = await fileSourceSize(localFile);
    await this.reach();
    const file = await this.putOne(localFile, localFile, basename(resolve(localFile)), size, opts);
    return { destination: file.destination, files: [file], totalBytes: file.bytes };
  }

  /** Object stores have no directories: empty sub-directories are not represented. */
  async uploadDir(localDir: string, opts: UploadOptions = {}): Promise<ArtifactResult> {
    await assertDirectorySource(localDir);
    const tree = await collectTree(localDir);
    const name = basename(resolve(localDir));
    await this.reach();
    const files: UploadedFile[] = [];
    let totalBytes = 0;
    for (const file of tree.files) {
      const relative = `${name}/${file.relative.split(sep).join("/")}`;
      const uploaded = await this.putOne(file.source, file.display, relative, file.size, opts);
      files.push(uploaded);
      totalBytes += uploaded.bytes;
    }
    return { destination: `${this.path}/${name}`, files, totalBytes };
  }

  private async putOne(
    source: string,
    display: string,
    relative: string,
    size: number,
    opts: UploadOptions,
  ): Promise<UploadedFile> {
    const destination = `${this.path}/${relative}`;
    const progress = new ProgressReport(display, size, opts.onProgress);
    try {
      opts.signal?.throwIfAborted();
      const key = this.prefix === "" ? relative : `${this.prefix}/${relative}`;
      await this.put({ source, key, size, onProgress: (bytes) => progress.report(bytes), signal: opts.signal });
    } catch (error) {
      if (error instanceof ArtifactError) throw error;
      throw new ArtifactError(`${this.label} upload of ${display} to ${destination} failed: ${describeError(error)}`, {
        path: display,
        cause: error,
      });
    }
    progress.finish();
    return { source: display, destination, bytes: size };
  }

  /** Checked once per store; a failure is not remembered, so a later upload tries again. */
  private reach(): Promise<void> {
    this.reached ??= this.probeWithinTimeout().catch((error: unknown) => {
      this.reached = undefined;
      throw error;
    });
    return this.reached;
  }

  private async probeWithinTimeout(): Promise<void> {
    const { timeoutMs } = this.options;
    const controller = new AbortController();
    const where = `${this.label} store at ${this.endpoint()} (outputs ${this.path})`;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Reject first: the aborted request's own error must not win the race.
        reject(new ArtifactError(`${where} did not answer within ${timeoutMs / 1000} s.`, { path: this.path }));
        controller.abort();
      }, timeoutMs);
    });
    const attempt = this.probe(controller.signal).catch((error: unknown) => {
      if (!this.answered(error)) throw error;
    });
    // Ends after the deadline when the SDK ignores the abort: nothing is waiting for it then.
    attempt.catch(() => {});
    try {
      await Promise.race([attempt, deadline]);
    } catch (error) {
      if (error instanceof ArtifactError) throw error;
      throw new ArtifactError(`${where} cannot be reached: ${describeError(error)}`, { path: this.path, cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Progress events for one file: increasing byte counts, at least one event (also for an empty
 * file), the last one equal to the size. A throwing callback must not break the SDK's event
 * loop; its error is raised once the upload is over.
 */
class ProgressReport {
  private last = -1;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly file: string,
    private readonly totalBytes: number,
    private readonly onProgress: ((progress: CopyProgress) => void) | undefined,
  ) {}

  report(bytes: number): void {
    const value = Math.min(bytes, this.totalBytes);
    if (value <= this.last) return;
    this.last = value;
    try {
      this.onProgress?.({ file: this.file, bytes: value, totalBytes: this.totalBytes });
    } catch (error) {
      this.failure ??= { error };
    }
  }

  finish(): void {
    this.report(this.totalBytes);
    if (this.failure) {
      throw new ArtifactError(`The onProgress callback failed for ${this.file}: ${describeError(this.failure.error)}`, {
        path: this.file,
        cause: this.failure.error,
      });
    }
  }
}
