/**
 * Walking a directory for upload and streaming single files. Shared by every
 * `OutputsStore`, so local and (future) cloud stores apply the same symlink policy:
 *
 * - a symlink whose target lies inside the uploaded directory is followed (a file link
 *   is copied as the file's content, a directory link as its tree);
 * - a symlink pointing outside the uploaded directory, a broken symlink, or a directory
 *   link that leads back to one of its own ancestors (a loop) is refused with an
 *   `ArtifactError` — silently skipping would upload a tree that differs from the
 *   user's without telling them, and following would leak files from elsewhere;
 * - sockets, FIFOs and devices are refused (reading a FIFO could block forever).
 */

import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, type Stats } from "node:fs";
import { readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ArtifactError } from "./artifact-error.js";

export interface TreeFile {
  /** Real path to read from (symlinks resolved). */
  readonly source: string;
  /** Path as the user sees it (`{dir}/{relative}`), for messages and progress. */
  readonly display: string;
  /** Path relative to the uploaded directory, with the link names the user sees. */
  readonly relative: string;
  readonly size: number;
}

export interface Tree {
  readonly files: TreeFile[];
  /** Every directory under the root (relative), so empty ones can be recreated. */
  readonly directories: string[];
}

export interface CopyProgress {
  /** The source file as the caller named it (or as found under the uploaded directory). */
  file: string;
  /** Bytes of this file copied so far. */
  bytes: number;
  /** Size of this file. */
  totalBytes: number;
}

/** True when `child` is `parent` itself or lies below it (both absolute, normalised). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** Stats an artifact source; a missing or unreadable one is an `ArtifactError` naming it. */
export async function statSource(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw new ArtifactError(`Artifact source ${path} does not exist or cannot be read.`, { path, cause: error });
  }
}

/** The size of `path`, which must be a regular file (a symlink to one is followed). */
export async function fileSourceSize(path: string): Promise<number> {
  const stats = await statSource(path);
  if (!stats.isFile()) {
    const what = stats.isDirectory() ? "a directory (use uploadDir)" : "not a regular file";
    throw new ArtifactError(`Artifact source ${path} is ${what}.`, { path });
  }
  return stats.size;
}

/** Checks that `path` is a directory (a symlink to one is followed). */
export async function assertDirectorySource(path: string): Promise<void> {
  const stats = await statSource(path);
  if (!stats.isDirectory()) {
    throw new ArtifactError(`Artifact source ${path} is not a directory (use uploadFile).`, { path });
  }
}

/** Lists every file under `dir` (sorted, depth first) applying the symlink policy above. */
export async function collectTree(dir: string): Promise<Tree> {
  const realRoot = await realpath(dir);
  const files: TreeFile[] = [];
  const directories: string[] = [];

  async function visit(realDir: string, rel: string, ancestors: ReadonlySet<string>): Promise<void> {
    const entries = await readdir(realDir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childRel = rel === "" ? entry.name : join(rel, entry.name);
      const display = join(dir, childRel);
      let target = join(realDir, entry.name);
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(target);
        } catch (error) {
          throw new ArtifactError(`Broken symlink ${display} (${errorCode(error) ?? "unreadable"}).`, {
            path: display,
            cause: error,
          });
        }
        if (!isInside(realRoot, target)) {
          throw new ArtifactError(`Symlink ${display} points outside ${dir} (to ${target}); refusing to upload it.`, {
            path: display,
          });
        }
      }
      const stats = await stat(target);
      if (stats.isDirectory()) {
        if (ancestors.has(target)) {
          throw new ArtifactError(`Symlink ${display} creates a directory loop; refusing to upload it.`, {
            path: display,
          });
        }
        directories.push(childRel);
        await visit(target, childRel, new Set([...ancestors, target]));
      } else if (stats.isFile()) {
        files.push({ source: target, display, relative: childRel, size: stats.size });
      } else {
        throw new ArtifactError(`${display} is not a regular file or directory; refusing to upload it.`, {
          path: display,
        });
      }
    }
  }

  await visit(realRoot, "", new Set([realRoot]));
  return { files, directories };
}

export interface StreamCopyOptions {
  onProgress?: ((p: CopyProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Name reported in progress events and errors. */
  display: string;
  totalBytes: number;
}

/**
 * Streams `source` to `destination` without holding the file in memory. Writes to a
 * temporary sibling first and renames it, so a failed copy never leaves a truncated
 * artifact under its final name (and an existing symlink at the destination is
 * replaced, not followed).
 */
export async function streamCopy(source: string, destination: string, options: StreamCopyOptions): Promise<number> {
  const { onProgress, display, totalBytes } = options;
  const partial = `${destination}.${randomBytes(6).toString("hex")}.partial`;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      onProgress?.({ file: display, bytes, totalBytes });
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      createReadStream(source),
      counter,
      createWriteStream(partial, { flags: "wx" }),
      options.signal ? { signal: options.signal } : {},
    );
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { force: true });
    throw new ArtifactError(`Could not copy ${display} to ${destination} (${errorCode(error) ?? String(error)}).`, {
      path: display,
      cause: error,
    });
  }
  // Empty files produce no chunk; report them once so callers always see completion.
  if (bytes === 0) onProgress?.({ file: display, bytes: 0, totalBytes });
  return bytes;
}
