import { PolyaxonError } from "../errors.js";

/** An artifact could not be stored: bad source path, refused symlink, I/O failure. */
export class ArtifactError extends PolyaxonError {
  override name = "ArtifactError";
  /** The source (or destination) path the problem is about. */
  readonly path: string | undefined;
  constructor(message: string, options: { path?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.path = options.path;
  }
}
