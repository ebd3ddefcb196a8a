#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { ApiTransport } from "../delivery/api-transport.js";
import { PolyaxonError } from "../errors.js";
import { loadSettings, type Settings, SettingsError, type SettingsOverrides } from "../settings/index.js";
import { RunStoreError } from "../store/run-store.js";
import { clientFromSettings } from "../tracking/connect.js";
import { SDK_VERSION } from "../version.js";
import { CliUsageError } from "./commands/errors.js";
import { experimentsCompareCommand } from "./commands/experiments/compare.js";
import { type ExportFormat, experimentExportCommand } from "./commands/experiments/export.js";
import { experimentsListCommand } from "./commands/experiments/list.js";
import { experimentShowCommand } from "./commands/experiments/show.js";
import { logsCommand } from "./commands/logs.js";
import { runsCommand } from "./commands/runs.js";
import { showCommand } from "./commands/show.js";
import { syncCommand } from "./commands/sync.js";
import type { Output } from "./format.js";
import { progressMode } from "./progress.js";
import { SERVER_FLAG_NAMES, type ServerFlags, serverClient, serverOverrides, withServerOptions } from "./server.js";

export interface CliIO {
  out: Output & { isTTY?: boolean };
  err: Output & { isTTY?: boolean };
  /** Environment the settings are read from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Settings loader input besides env/overrides (tests point homeDir/tmpDir at temp dirs). */
  settingsInput?: { homeDir?: string; tmpDir?: string; contextDir?: string; cwd?: string };
}

interface DirOption {
  dir?: string;
}

interface SyncFlags extends DirOption, ServerFlags {
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
  quiet?: boolean;
}

interface ReadFlags extends ServerFlags {
  json?: boolean;
}

/**
 * Runs the CLI in-process and returns the exit code: 0 ok, 1 something failed,
 * 2 usage error (unknown run, no server configured, bad flags or settings).
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const settingsFor = (overrides: SettingsOverrides = {}): Settings =>
    loadSettings({ ...io.settingsInput, env: io.env ?? process.env, overrides, overrideNames: SERVER_FLAG_NAMES });
  const trackingDir = (options: DirOption): string => options.dir ?? settingsFor().trackingDir;

  const program = new Command()
    .name("polyaxon-tracking")
    .description(
      "Inspect local (offline) Polyaxon tracking runs, sync them to a server, and read the server's experiments.",
    )
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

  withServerOptions(
    program
      .command("sync")
      .description("send local runs to the Polyaxon server (idempotent, resumable)")
      .argument("[runs...]", "run ids or unique id prefixes")
      .option("--all", "sync every local run")
      .option("--dry-run", "print what would be sent, without any request")
      .option("--json", "print JSON")
      .option("-q, --quiet", "no progress output"),
  )
    .option("--dir <trackingDir>", "tracking directory")
    .action(async (runs: string[], options: SyncFlags) => {
      const settings = settingsFor(serverOverrides(options));
      const onWarning = (message: string) => io.err.write(`warning: ${message}\n`);
      exitCode = await syncCommand({
        trackingDir: options.dir ?? settings.trackingDir,
        runs,
        all: options.all ?? false,
        dryRun: options.dryRun ?? false,
        json: options.json ?? false,
        baseUrl: settings.apiBaseUrl,
        batchSize: settings.batchSize,
        connect: (baseUrl) => new ApiTransport(requireClient(clientFromSettings(settings, { onWarning }), baseUrl)),
        progress: options.quiet || options.json ? "none" : io.err.isTTY ? "bar" : "lines",
        ...io,
      });
    });

  // The read commands: the server's experiments, with the SDK's settings and token.
  const connect = (flags: ServerFlags) => serverClient(settingsFor(serverOverrides(flags)), io.err);
  const reading = (flags: ReadFlags) => ({
    client: connect(flags),
    json: flags.json ?? false,
    progress: progressMode(io.err, flags.json ?? false),
  });
  const experiments = program.command("experiments").description("read the experiments of a project on the server");

  withServerOptions(
    experiments
      .command("list")
      .description("the project's experiments: id, name, status, started, duration, last metrics")
      .argument("<project>", "owner/project")
      .option("--query <query>", "server filter, e.g. 'status:running,metric.loss:<0.1'")
      .option("--sort <fields>", "server sort, e.g. '-created_at' (default -updated_at)")
      .option("--limit <n>", "at most n experiments (default: all)", parsePositive)
      .option("--json", "print the server's items as JSON"),
  ).action(async (project: string, flags: ReadFlags & { query?: string; sort?: string; limit?: number }) => {
    exitCode = await experimentsListCommand({
      ...reading(flags),
      project,
      query: flags.query,
      sort: flags.sort,
      limit: flags.limit,
      ...io,
    });
  });

  withServerOptions(
    experiments
      .command("show")
      .description("one experiment: params, tags, data refs, code reference, statuses, a sparkline per metric")
      .argument("<project>", "owner/project")
      .argument("<id>", "experiment id")
      .option("--json", "print JSON"),
  ).action(async (project: string, id: string, flags: ReadFlags) => {
    exitCode = await experimentShowCommand({ ...reading(flags), project, id, ...io });
  });

  withServerOptions(
    experiments
      .command("compare")
      .description("params that differ and last metrics, side by side")
      .argument("<project>", "owner/project")
      .argument("<ids...>", "two or more experiment ids")
      .option("--json", "print JSON"),
  ).action(async (project: string, ids: string[], flags: ReadFlags) => {
    exitCode = await experimentsCompareCommand({ ...reading(flags), project, ids, ...io });
  });

  withServerOptions(
    experiments
      .command("export")
      .description("every metric point, streamed: CSV (id, created_at, one column per metric) or JSON Lines")
      .argument("<project>", "owner/project")
      .argument("<id>", "experiment id")
      .addOption(new Option("--format <format>", "csv or jsonl (default csv)").choices(["csv", "jsonl"]))
      .option("--out <file>", "write to this file instead of stdout")
      .option("--json", "with --out: the report as JSON; without: the points as JSON Lines"),
  ).action(async (project: string, id: string, flags: ReadFlags & { format?: ExportFormat; out?: string }) => {
    exitCode = await experimentExportCommand({
      ...reading(flags),
      project,
      id,
      format: flags.format,
      out: flags.out,
      stdout: io.out,
      err: io.err,
    });
  });

  withServerOptions(
    program
      .command("logs")
      .description("an experiment's logs from the server (served once it has ended)")
      .argument("<project>", "owner/project")
      .argument("<id>", "experiment id")
      .option("-f, --follow", "poll until the experiment has ended and its logs are complete")
      .option("--interval <seconds>", "between polls with --follow (default 2)", parsePositiveNumber)
      .option("--json", "print JSON"),
  ).action(async (project: string, id: string, flags: ReadFlags & { follow?: boolean; interval?: number }) => {
    exitCode = await logsCommand({
      client: connect(flags),
      project,
      id,
      follow: flags.follow ?? false,
      ...(flags.interval === undefined ? {} : { intervalMs: flags.interval * 1000 }),
      json: flags.json ?? false,
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

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("not a positive integer");
  return n;
}

function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("not a positive number");
  return n;
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
