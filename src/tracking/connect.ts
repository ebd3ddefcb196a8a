import type { PolyaxonClient } from "../api/client.js";
import { ClientConfigError } from "../api/errors.js";
import { networkFromSettings } from "../net/from-settings.js";
import { createClient, type NodeClientOptions } from "../net/node-client.js";
import { SettingsError } from "../settings/errors.js";
import type { Settings } from "../settings/types.js";

/**
 * The one way settings become a low-level client — for the facade, the CLI and the in-cluster
 * token exchange alike: the API base URL, the user token (or, in a managed pod without one,
 * the internal token), the configured auth keyword, the request timeout, in managed mode
 * the internal-service header on every request (docs/wire.md#internal-service-header), and the proxy
 * and TLS settings (`networkFromSettings`). `extra` options win (e.g. another token and scheme
 * for the exchange). A pure function of plain data, so a worker thread can build its own client
 * from a structured clone of the settings.
 *
 * Returns undefined when no server is configured. A value the client rejects is a
 * {@link SettingsError} naming the variable it came from, never a client option the user
 * did not set.
 */
export function clientFromSettings(
  settings: Settings,
  extra: Partial<NodeClientOptions> = {},
  buffered = false,
): PolyaxonClient | undefined {
  if (!settings.apiBaseUrl) return undefined;
  const managed = settings.mode === "managed" && !settings.isLocal;
  const token = settings.userToken ?? (managed ? settings.internalToken : undefined);
  const options: NodeClientOptions = {
    ...networkFromSettings(settings),
    baseUrl: settings.apiBaseUrl,
    authScheme: settings.authenticationType,
    timeoutMs: settings.requestTimeoutMs,
  };
  if (token !== undefined) options.token = token;
  if (managed && settings.internalHeader && settings.internalHeaderService) {
    options.internalService = { header: settings.internalHeader, service: settings.internalHeaderService };
  }
  try {
    return createClient({ ...options, ...extra }, buffered);
  } catch (error) {
    if (!(error instanceof ClientConfigError) || error.option in extra) throw error;
    const variable = variableOf(error.option, settings, managed);
    throw new SettingsError(error.message.replace(`\`${error.option}\``, variable), { variable });
  }
}

/** The setting behind each client option that clientFromSettings fills in. */
function variableOf(option: string, settings: Settings, managed: boolean): string {
  if (option === "token")
    return settings.userToken === undefined ? "POLYAXON_SECRET_INTERNAL_TOKEN" : "POLYAXON_SECRET_USER_TOKEN";
  if (option === "authScheme") return "POLYAXON_AUTHENTICATION_TYPE";
  if (option === "timeoutMs") return "POLYAXON_REQUEST_TIMEOUT";
  if (option === "internalService.header") return "POLYAXON_INTERNAL_HEADER";
  if (option === "internalService.service") return "POLYAXON_INTERNAL_HEADER_SERVICE";
  return managed ? "POLYAXON_API_HTTP_HOST" : "POLYAXON_API_HOST";
}
