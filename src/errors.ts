/**
 * Root of every error this SDK throws. Catch `PolyaxonError` to handle them all;
 * each subclass adds the context of its layer (HTTP status, setting name, file path…).
 * No error message or field ever carries an API token.
 */
export class PolyaxonError extends Error {
  override name = "PolyaxonError";
}

/** The message of anything thrown: an Error's message, or the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Bad input to a facade call, rejected before anything is recorded or sent. */
export class ValidationError extends PolyaxonError {
  override name = "ValidationError";
  /** The argument (or metric/param key) that was rejected. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}
