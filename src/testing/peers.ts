/**
 * The testing kit's optional peer packages (ajv, ajv-formats, yaml), loaded on first use so
 * that a missing one is one clear message instead of a module-resolution stack trace, and so
 * that nothing of them reaches the package's main entry.
 */
import { createRequire } from "node:module";
import { PolyaxonError } from "../errors.js";

const load = createRequire(import.meta.url);

export const SPEC_PEERS = ["ajv", "ajv-formats", "yaml"] as const;

/** `require(name)`, or a PolyaxonError naming the packages to install. */
export function loadPeer<T>(name: (typeof SPEC_PEERS)[number]): T {
  try {
    return load(name) as T;
  } catch (error) {
    if ((error as { code?: unknown }).code !== "MODULE_NOT_FOUND") throw error;
    throw new PolyaxonError(
      `polyaxon-tracking/testing checks every request against the OpenAPI spec and needs "${name}": ` +
        `npm install --save-dev ${SPEC_PEERS.join(" ")}`,
    );
  }
}
