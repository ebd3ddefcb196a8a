#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { ApiTransport } from "../delivery/api-transport.js";
import { PolyaxonError } from "../errors.js";
import { loadSettings, type Settings, SettingsError, type SettingsOverrides } from "../settings/index.js";
import { RunStoreError } from "../store/run-store.js";
import { clientFromSettings } from "../tracking/connect.js";
import { SDK_VERSION } from "../version.js";
import { CliUsageError } from "./commands/errors.js";
import { runsCommand } from "./commands/runs.js";
import { showCommand } from "./commands/show.js";
import { syncCommand } from "./commands/sync.js";
import type { Output } from "./format.js";

export interface CliIO {
  out: Output & { isTTY?: boolean };
  err: Output & { isTTY?: boolean };
  /** Environment the settings are read from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Settings loader input besides env/overrides (tests point homeDir/tmpDir at temp dirs). */
  settingsInput?: { homeDir?: string; tmpDir?: string; contextDir?: string; cwd?: string };
}

/** How settings errors name the values the sync flags set. */
const FLAG_NAMES = { apiHost: "--host", httpPort: "--port", useHttps: "--https", userToken: "--token" } as const;

interface DirOption {
  dir?: string;
}

interface SyncFlags extends DirOption {
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
  quiet?: boolean;
  host?: string;
  port?: number;
  https?: boolean;
  token?: string;
  proxy?: string;
  noproxy?: string;
  ca?: string;
  insecure?: boolean;
}

/**
 * Runs the CLI in-process and returns the exit code: 0 ok, 1 something failed,
 * 2 usage error (unknown run, no server configured, bad flags or settings).
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const settingsFor = (overrides: SettingsOverrides = {}): Settings =>
    loadSettings({ ...io.settingsInput, env: io.env ?? process.env, overrides, overrideNames: FLAG_NAMES });
  const trackingDir = (options: DirOption): string => options.dir ?? settingsFor().trackingDir;

  const program = new Command()
    .name("polyaxon-tracking")
    .description("Inspect local (offline) Polyaxon tracking runs and sync them to a server.")
    .version(SDK_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) })
    .showHelpAfterError();

  program
    .command("runs")
    .description("list local runs (oldest first)")
    .option("--json", "print JSON")
    .option("--dir <trackingDir>", "tracking directory (default: POLYAXON_TRACKING_DIR or ./.polyaxon/runs)")
    .action(async (options: DirOption & { json?: boolean }) => {
      exitCode = await runsCommand({ trackingDir: trackingDir(options), json: options.json ?? false, ...io });
    });

  program
    .command("show")
    .description("summarise one run: params, tags, statuses, metrics with sparklines, logs, artifacts")
    .argument("<run>", "run id or unique id prefix")
    .option("--json", "print JSON")
    .option("--dir <trackingDir>", "tracking directory")
    .action(async (run: string, options: DirOption & { json?: boolean }) => {
      exitCode = await showCommand({ trackingDir: trackingDir(options), run, json: options.json ?? false, ...io });
    });

  program
    .command("sync")
    .description("send local runs to the Polyaxon server (idempotent, resumable)")
    .argument("[runs...]", "run ids or unique id prefixes")
    .option("--all", "sync every local run")
    .option("--dry-run", "print what would be sent, without any request")
    .option("--json", "print JSON")
    .option("-q, --quiet", "no progress output")
    .option("--host <host>", "API host (overrides POLYAXON_API_HOST)")
    .option("--port <port>", "API port (overrides POLYAXON_HTTP_PORT)", parsePort)
    .option("--https", "use https (overrides POLYAXON_USE_HTTPS)")
    .option("--token <token>", "API token (prefer POLYAXON_SECRET_USER_TOKEN: flags show up in ps)")
    .option("--proxy <url>", "HTTP(S) proxy for the API, [user:pass@]host:port (overrides HTTPS_PROXY/HTTP_PROXY)")
    .option("--noproxy <hosts>", "hosts reached without the proxy, NO_PROXY syntax (overrides NO_PROXY)")
    .option("--ca <file>", "PEM file of extra trusted CA certificates (overrides POLYAXON_CA_BUNDLE)")
    .option("-k, --insecure", "do not verify the server's TLS certificate (POLYAXON_VERIFY_SSL=false)")
    .option("--dir <trackingDir>", "tracking directory")
    .action(async (runs: string[], options: SyncFlags) => {
      const settings = settingsFor({
        apiHost: options.host,
        httpPort: options.port,
        useHttps: options.https,
        userToken: options.token,
        httpsProxy: options.proxy,
        httpProxy: options.proxy,
        noProxy: options.noproxy,
        caBundle: options.ca,
        verifySsl: options.insecure ? false : undefined,
      });
      const onWarning = (message: string) => io.err.write(`warning: ${message}\n`);
      exitCode = await syncCommand({
        trackingDir: options.dir ?? settings.trackingDir,
        runs,
        all: options.all ?? false,
        dryRun: options.dryRun ?? false,
        json: options.json ?? false,
        baseUrl: settings.apiBaseUrl,
        connect: (baseUrl) => new ApiTransport(requireClient(clientFromSettings(settings, { onWarning }), baseUrl)),
        progress: options.quiet || options.json ? "none" : io.err.isTTY ? "bar" : "lines",
        ...io,
      });
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliUsageError || error instanceof RunStoreError || error instanceof SettingsError) {
      io.err.write(`error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof PolyaxonError) {
      io.err.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function requireClient<T>(client: T | undefined, baseUrl: string): T {
  if (client === undefined) throw new CliUsageError(`Cannot build an API client for ${baseUrl}.`);
  return client;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError("not a port number");
  return port;
}

/** True when this file is the program node was asked to run (also through an npm bin symlink). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2), { out: process.stdout, err: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
