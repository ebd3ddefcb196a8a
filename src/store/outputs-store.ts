/**
 * Where a run's artifacts go.
 *
 * `OutputsStore` is the seam for storage back ends. `LocalOutputsStore` copies into a
 * directory (a mounted volume in cluster, or the local run store offline); the cloud stores
 * (S3, Azure Blob, GCS) and the choice between them (docs/reference-client.md#calls) are in
 * `cloud/`. All of them share the source checks, directory walk and symlink policy of
 * `copy-tree.ts`, the layout `{path}/{basename(file)}`, `{path}/{basename(dir)}/{relative}`,
 * and the result shape, and wrap failures in `ArtifactError`.
 */
import { mkdir, realpath } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ArtifactError } from "./artifact-error.js";
import {
  assertDirectorySource,
  type CopyProgress,
  collectTree,
  fileSourceSize,
  isInside,
  streamCopy,
} from "./copy-tree.js";

export type { CopyProgress } from "./copy-tree.js";

export interface UploadOptions {
  /** Called as bytes are copied (at least once per file, also for empty files). */
  onProgress?: (progress: CopyProgress) => void;
  /** Aborts the copy in progress; the partial file is removed. */
  signal?: AbortSignal;
}

export interface UploadedFile {
  /** The source as the caller named it (or found under the uploaded directory). */
  source: string;
  /** Where it was stored (a path, or a URL for cloud stores). */
  destination: string;
  bytes: number;
}

export interface ArtifactResult {
  /** The stored file, or the stored directory for `uploadDir`. */
  destination: string;
  files: UploadedFile[];
  totalBytes: number;
}

export interface OutputsStore {
  /** Root of this run's outputs (a directory or a store URL). */
  readonly path: string;
  /** Stores `localFile` as `{path}/{basename(localFile)}`. */
  uploadFile(localFile: string, opts?: UploadOptions): Promise<ArtifactResult>;
  /** Stores every file under `localDir` as `{path}/{basename(localDir)}/{relative path}`. */
  uploadDir(localDir: string, opts?: UploadOptions): Promise<ArtifactResult>;
}

/**
 * Copies artifacts into a local directory. Existing files with the same name are
 * replaced (the directory is the run's own outputs, as with the reference's mounted
 * volume); nothing is ever written outside `path`, even through symlinked
 * sub-directories that already exist there.
 */
export class LocalOutputsStore implements OutputsStore {
  readonly path: string;

  constructor(rootPath: string) {
    this.path = resolve(rootPath);
  }

  async uploadFile(localFile: string, opts: UploadOptions = {}): Promise<ArtifactResult> {
    const size = await fileSourceSize(localFile);
    const destination = await this.prepareDestination(basename(resolve(localFile)), localFile);
    const bytes = await streamCopy(localFile, destination, {
      display: localFile,
      totalBytes: size,
      onProgress: opts.onProgress,
      signal: opts.signal,
    });
    return { destination, files: [{ source: localFile, destination, bytes }], totalBytes: bytes };
  }

  async uploadDir(localDir: string, opts: UploadOptions = {}): Promise<ArtifactResult> {
    await assertDirectorySource(localDir);
    const realSource = await realpath(localDir);
    await mkdir(this.path, { recursive: true });
    if (isInside(realSource, await realpath(this.path))) {
      throw new ArtifactError(`Cannot upload ${localDir} into ${this.path}, which lies inside it.`, { path: localDir });
    }
    const tree = await collectTree(localDir);
    const name = basename(resolve(localDir));
    const destinationDir = await this.prepareDestination(name, localDir, "directory");
    for (const dir of tree.directories) await this.prepareDestination(join(name, dir), localDir, "directory");

    const files: UploadedFile[] = [];
    let totalBytes = 0;
    for (const file of tree.files) {
      const destination = await this.prepareDestination(join(name, file.relative), file.display);
      const bytes = await streamCopy(file.source, destination, {
        display: file.display,
        totalBytes: file.size,
        onProgress: opts.onProgress,
        signal: opts.signal,
      });
      files.push({ source: file.display, destination, bytes });
      totalBytes += bytes;
    }
    return { destination: destinationDir, files, totalBytes };
  }

  /**
   * Resolves `relativeDestination` under the root, creates the directory (for a file: its
   * parent) and checks, lexically and again after resolving symlinks, that it stays
   * inside the root.
   */
  private async prepareDestination(
    relativeDestination: string,
    source: string,
    kind: "file" | "directory" = "file",
  ): Promise<string> {
    const destination = resolve(this.path, relativeDestination);
    if (destination === this.path || !isInside(this.path, destination)) {
      throw new ArtifactError(`Refusing to write ${source} outside the outputs path ${this.path}.`, { path: source });
    }
    const dir = kind === "directory" ? destination : dirname(destination);
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new ArtifactError(`Cannot create ${dir} for ${source}.`, { path: source, cause: error });
    }
    if (!isInside(await realpath(this.path), await realpath(dir))) {
      throw new ArtifactError(
        `Refusing to write ${source} outside the outputs path ${this.path} (symlinked directory).`,
        {
          path: source,
        },
      );
    }
    return destination;
  }
}

export interface OutputsPathParts {
  /** Outputs root: a directory or a store URL (`s3://bucket/outputs`). */
  base: string;
  owner: string;
  project: string;
  experimentId: string | number;
  groupId?: string | number | undefined;
}

const SEGMENT = /^[^/\\]+$/;

/**
 * The server's outputs layout (docs/wire.md#outputs-layout):
 * `{base}/{owner}/{project}/experiments/{id}` or `{base}/{owner}/{project}/groups/{group}/{id}`.
 * The reference client left out the `experiments`/`groups` segment
 * (docs/reference-client.md#the-references-own-bugs), which hid out-of-cluster artifacts from
 * the server; we follow the server. Joined as strings so store URLs keep their `scheme://`.
 */
export function outputsPathFor({ base, owner, project, experimentId, groupId }: OutputsPathParts): string {
  const parts = {
    owner,
    project,
    experimentId: String(experimentId),
    ...(groupId === undefined ? {} : { groupId: String(groupId) }),
  };
  for (const [name, value] of Object.entries(parts)) {
    if (!SEGMENT.test(value) || value === "." || value === "..") {
      throw new ArtifactError(`Invalid ${name} "${value}" for an outputs path: expected a single path segment.`);
    }
  }
  if (base.trim() === "") throw new ArtifactError("The outputs base path is empty.");
  const root = base.replace(/\/+$/, "") || "/";
  const prefix = `${root === "/" ? "" : root}/${owner}/${project}`;
  return groupId === undefined
    ? `${prefix}/experiments/${experimentId}`
    : `${prefix}/groups/${groupId}/${experimentId}`;
}
