import type { PolyaxonClient } from "../api/client.js";
import { networkFromSettings } from "../net/from-settings.js";
import { createClient, type NodeClientOptions } from "../net/node-client.js";
import type { Settings } from "../settings/types.js";

/**
 * The low-level client the facade uses, built from settings: the API base URL, the user token
 * (or, in a managed pod without one, the internal token), the configured auth keyword, and in
 * managed mode the internal-service header on every request (tracking-behaviour.md §3.1),
 * and the proxy and TLS settings (`networkFromSettings`).
 * Returns undefined when no server is configured.
 */
export function clientFromSettings(
  settings: Settings,
  extra: Partial<NodeClientOptions> = {},
): PolyaxonClient | undefined {
  if (!settings.apiBaseUrl) return undefined;
  const managed = settings.mode === "managed" && !settings.isLocal;
  const token = settings.userToken ?? (managed ? settings.internalToken : undefined);
  const options: NodeClientOptions = {
    ...networkFromSettings(settings),
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
