import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { AuthenticationError } from "../api/errors.js";
import { CLIENT_DEFAULTS } from "../api/options.js";
import type { DeliveryTarget } from "../delivery/transport.js";
import { errorMessage } from "../errors.js";
import type { Settings } from "../settings/types.js";
import { clientFromSettings } from "./connect.js";
import type { Notifier } from "./notice.js";

/**
 * In-cluster start (docs/wire.md#ephemeral-token-exchange): when the platform left a one-time
 * `POLYAXON_SECRET_EPHEMERAL_TOKEN`, exchange it (`POST …/ephemeraltoken/` with
 * `Authorization: EphemeralToken …` and the internal-service header) for the owner's token,
 * keep that token in `/tmp/.polyaxon/.authtoken` (`settings.paths.tmpAuthToken`) as the reference does, and remove the
 * spent ephemeral token from the environment. A 401 is ignored (the token was already
 * used); other failures are reported and tracking goes on with the configured credentials.
 * Returns the settings every later request is made with (the exchanged token as user token), or
 * undefined when no API is configured.
 */
export async function startManaged(
  settings: Settings,
  target: DeliveryTarget,
  notifier: Notifier,
): Promise<Settings | undefined> {
  if (!settings.apiBaseUrl) return undefined;
  let userToken = settings.userToken;
  if (settings.ephemeralToken) {
    try {
      const exchanged = await exchangeEphemeralToken(settings, target, notifier);
      if (exchanged) {
        userToken = exchanged;
        writeTokenFile(exchanged, settings.paths.tmpAuthToken);
      }
      delete process.env.POLYAXON_SECRET_EPHEMERAL_TOKEN;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) {
        notifier.warn(`ephemeral token exchange failed: ${errorMessage(error)}`);
      }
    }
  }
  return { ...settings, userToken };
}

async function exchangeEphemeralToken(
  settings: Settings,
  target: DeliveryTarget,
  notifier: Notifier,
): Promise<string | undefined> {
  const client = clientFromSettings(settings, {
    onWarning: (message) => notifier.warn(message),
    token: settings.ephemeralToken ?? "",
    authScheme: "EphemeralToken",
    internalService: {
      header: settings.internalHeader ?? CLIENT_DEFAULTS.internalHeader,
      service: settings.internalHeaderService ?? "runner",
    },
    retry: false,
  });
  if (!client) return undefined;
  const { data } = await client.POST("/{username}/{project_name}/experiments/{id}/ephemeraltoken/", {
    params: { path: { username: target.owner, project_name: target.projectName, id: target.experimentId } },
  });
  return data?.token;
}

function writeTokenFile(token: string, file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ POLYAXON_SECRET_USER_TOKEN: token }), { mode: 0o600 });
  } catch {
    // Only a cache for later processes: the token is already in use by this one.
  }
}
