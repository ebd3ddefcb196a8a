/**
 * Defaults of the cloud outputs stores that the settings table (README) also prints: kept here,
 * free of imports, so that reading them loads no store.
 */

/** How long reaching a store may take before uploads fail (`POLYAXON_STORE_TIMEOUT`). */
export const STORE_TIMEOUT_MS = 60_000;

/** Where a GCS key file from the access keys is written in a Polyaxon job, as the reference does. */
export const DEFAULT_GCS_ACCESS_PATH = "/tmp/.polyaxon/.gcsaccess.json";
