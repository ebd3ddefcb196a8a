import { createClient, type PolyaxonClient } from "../api/client.js";
import type { ClientOptions } from "../api/options.js";
import type { Settings } from "../settings/types.js";

/**
 * The low-level client the facade uses, built from settings: the API base URL, the user token
 * (or, in a managed pod without one, the internal token), the configured auth keyword, and in
 * managed mode the internal-service header on every request (tracking-behaviour.md §3.1).
 * Returns undefined when no server is configured.
 */
export function clientFromSettings(settings: Settings, extra: Partial<ClientOptions> = {}): PolyaxonClient | undefined {
  if (!settings.apiBaseUrl) return undefined;
  const managed = settings.mode === "managed" && !settings.isLocal;
  const token = settings.userToken ?? (managed ? settings.internalToken : undefined);
  const options: ClientOptions = {
    baseUrl: settings.apiBaseUrl,
    authScheme: settings.authenticationType,
    timeoutMs: settings.requestTimeoutMs,
    ...extra,
  };
  if (token !== undefined) options.token = token;
  if (managed && settings.internalHeader && settings.internalHeaderService) {
    options.internalService = { header: settings.internalHeader, service: settings.internalHeaderService };
  }
  return createClient(options);
}
