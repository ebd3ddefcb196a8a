/**
 * What every command that talks to the server shares: the flags that override the server
 * settings (`sync` and the read commands alike), and the settings → client step, which is the
 * SDK's own (`clientFromSettings`), so the CLI reaches the server exactly as `Experiment` does.
 */
import { type Command, InvalidArgumentError } from "commander";
import type { PolyaxonClient } from "../api/client.js";
import type { Settings, SettingsOverrides } from "../settings/index.js";
import { clientFromSettings } from "../tracking/connect.js";
import { CliUsageError } from "./commands/errors.js";
import { NO_SERVER_MESSAGE } from "./commands/sync.js";
import type { Output } from "./format.js";

export interface ServerFlags {
  host?: string;
  port?: number;
  https?: boolean;
  token?: string;
  proxy?: string;
  noproxy?: string;
  ca?: string;
  insecure?: boolean;
}

/** How settings errors name the values the server flags set. */
export const SERVER_FLAG_NAMES = {
  apiHost: "--host",
  httpPort: "--port",
  useHttps: "--https",
  userToken: "--token",
} as const;

/** Adds `--host --port --https --token --proxy --noproxy --ca -k` to a command. */
export function withServerOptions(command: Command): Command {
  return command
    .option("--host <host>", "API host (overrides POLYAXON_API_HOST)")
    .option("--port <port>", "API port (overrides POLYAXON_HTTP_PORT)", parsePort)
    .option("--https", "use https (overrides POLYAXON_USE_HTTPS)")
    .option("--token <token>", "API token (prefer POLYAXON_SECRET_USER_TOKEN: flags show up in ps)")
    .option("--proxy <url>", "HTTP(S) proxy for the API, [user:pass@]host:port (overrides HTTPS_PROXY/HTTP_PROXY)")
    .option("--noproxy <hosts>", "hosts reached without the proxy, NO_PROXY syntax (overrides NO_PROXY)")
    .option("--ca <file>", "PEM file of extra trusted CA certificates (overrides POLYAXON_CA_BUNDLE)")
    .option("-k, --insecure", "do not verify the server's TLS certificate (POLYAXON_VERIFY_SSL=false)");
}

/** The settings the server flags override (unset flags override nothing). */
export function serverOverrides(flags: ServerFlags): SettingsOverrides {
  return {
    apiHost: flags.host,
    httpPort: flags.port,
    useHttps: flags.https,
    userToken: flags.token,
    httpsProxy: flags.proxy,
    httpProxy: flags.proxy,
    noProxy: flags.noproxy,
    caBundle: flags.ca,
    verifySsl: flags.insecure ? false : undefined,
  };
}

/** The client for the configured server; no server configured is a usage error (exit 2). */
export function serverClient(settings: Settings, err: Output): PolyaxonClient {
  if (settings.apiBaseUrl === undefined) throw new CliUsageError(NO_SERVER_MESSAGE);
  const client = clientFromSettings(settings, { onWarning: (message) => err.write(`warning: ${message}\n`) });
  if (client === undefined) throw new CliUsageError(`Cannot build an API client for ${settings.apiBaseUrl}.`);
  return client;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError("not a port number");
  return port;
}
