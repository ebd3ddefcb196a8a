import type { Settings } from "../settings/types.js";
import { clientFromSettings } from "../tracking/connect.js";
import { ApiTransport } from "./api-transport.js";

/**
 * The delivery engine's transport: the client built from settings like every other, except that
 * a 429 is not retried by the client — the engine pauses every channel for its `Retry-After`.
 * Its warnings (e.g. TLS verification turned off) are not repeated: the facade's own client,
 * built from the same settings on the training thread, already said them once.
 */
export function transportFromSettings(settings: Settings): ApiTransport | undefined {
  const client = clientFromSettings(
    settings,
    { retry: { retryRateLimited: false }, onWarning: () => undefined },
    // Megabyte metric batches, one after another: sent as bytes over node:http (lean-fetch.ts).
    true,
  );
  return client ? new ApiTransport(client) : undefined;
}
