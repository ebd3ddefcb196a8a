import { PolyaxonError } from "../../errors.js";

/** A command used wrongly (unknown run, missing server, conflicting flags): exit code 2. */
export class CliUsageError extends PolyaxonError {
  override name = "CliUsageError";
}
