import { accessSync, constants, readFileSync } from "node:fs";
import { join } from "node:path";
import { SettingsError } from "./errors.js";
import { isPlainObject, parseJsonText } from "./parse.js";

/** Where the layered configuration files live (docs/reference-client.md#modes-and-configuration). */
export interface ConfigPaths {
  /** `~/.polyaxon`, or `{tmp}/.polyaxon` when the home directory is not writable. */
  readonly homeConfigDir: string;
  /** `{tmp}/.polyaxon`. */
  readonly tmpConfigDir: string;
  readonly tmpClientConfig: string;
  readonly homeClientConfig: string;
  /** Written after an ephemeral-token exchange; read back as layer 4. */
  readonly tmpAuthToken: string;
  /** Written by the platform's init container in managed pods; layer 5. */
  readonly contextAuthToken: string;
  readonly tmpCliConfig: string;
  readonly homeCliConfig: string;
  readonly tmpCliAuth: string;
  readonly homeCliAuth: string;
}

/** The reference falls back to the tmp dir when HOME cannot be written (read-only pods). */
export function resolveHomeDir(homeDir: string, tmpDir: string): string {
  try {
    accessSync(homeDir, constants.W_OK);
    return homeDir;
  } catch {
    return tmpDir;
  }
}

export function configPaths(homeDir: string, tmpDir: string, contextDir: string): ConfigPaths {
  const homeConfigDir = join(resolveHomeDir(homeDir, tmpDir), ".polyaxon");
  const tmpConfigDir = join(tmpDir, ".polyaxon");
  return {
    homeConfigDir,
    tmpConfigDir,
    tmpClientConfig: join(tmpConfigDir, ".polyaxonclient"),
    homeClientConfig: join(homeConfigDir, ".polyaxonclient"),
    tmpAuthToken: join(tmpConfigDir, ".authtoken"),
    contextAuthToken: join(contextDir, ".authtoken"),
    tmpCliConfig: join(tmpConfigDir, ".polyaxonconfig"),
    homeCliConfig: join(homeConfigDir, ".polyaxonconfig"),
    tmpCliAuth: join(tmpConfigDir, ".polyaxonauth"),
    homeCliAuth: join(homeConfigDir, ".polyaxonauth"),
  };
}

/**
 * Reads a JSON-object config file. A missing file is normal (undefined); anything else
 * that stops us reading it, invalid JSON, or JSON that is not an object is an error
 * naming the file, because ignoring it would silently drop the user's configuration.
 */
export function readJsonObjectFile(path: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = isPlainObject(error) ? error.code : undefined;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new SettingsError(`Cannot read config file ${path} (${String(code ?? "unknown error")}).`, { path });
  }
  const value = parseJsonText(text, { variable: path, path });
  if (!isPlainObject(value)) {
    throw new SettingsError(`Config file ${path} must contain a JSON object.`, { path });
  }
  return value;
}
