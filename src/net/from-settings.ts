import { SettingsError } from "../settings/errors.js";
import type { Settings } from "../settings/types.js";
import { readPemFile } from "./certificates.js";
import type { NetworkOptions } from "./node-client.js";

/**
 * The network options of a client built from settings: the proxy for the API URL's scheme,
 * `NO_PROXY`, `POLYAXON_VERIFY_SSL` and the `POLYAXON_CA_BUNDLE` file (read here, so a
 * worker thread building its own client from the same plain-data settings reads it too).
 * Settings are the whole truth: nothing more is read from the environment.
 */
export function networkFromSettings(settings: Settings): NetworkOptions {
  const https = settings.apiBaseUrl?.startsWith("https:") ?? false;
  const options: NetworkOptions = {
    proxy: (https ? settings.httpsProxy : settings.httpProxy) ?? false,
    noProxy: settings.noProxy ?? "",
    verifySsl: settings.verifySsl,
  };
  if (settings.caBundle !== undefined) {
    const certificates = readPemFile(settings.caBundle);
    if (typeof certificates === "string") {
      throw new SettingsError(`POLYAXON_CA_BUNDLE ${certificates}`, { variable: "POLYAXON_CA_BUNDLE" });
    }
    options.ca = certificates;
  }
  return options;
}
