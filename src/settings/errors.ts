import { PolyaxonError } from "../errors.js";

/**
 * A setting (environment variable, config-file key or constructor option) or a config
 * file could not be used. We fail loudly instead of falling back to a default, because a
 * silently ignored typo (e.g. `POLYAXON_NO_OP=ture`) sends a run to the wrong place.
 * Messages name the variable and/or file; they never echo secret values.
 */
export class SettingsError extends PolyaxonError {
  override name = "SettingsError";
  /** The variable or key that was rejected, when the problem is a single value. */
  readonly variable: string | undefined;
  /** The config file involved, when the value (or the whole file) came from one. */
  readonly path: string | undefined;
  constructor(message: string, options: { variable?: string | undefined; path?: string | undefined } = {}) {
    super(message);
    this.variable = options.variable;
    this.path = options.path;
  }
}
