/**
 * The `run_env` object sent on create / `logRunEnv()` (docs/reference-client.md#calls), with the
 * Node equivalents of the Python client's keys (`node_version*` for `python_version*`).
 *
 * Two reference bugs are fixed: `filename` is the user's entry script (not the SDK's own
 * module) and `module_path` is that script's directory (not the working directory).
 * Everything is synchronous and subprocess-free so it stays cheap, and nothing throws:
 * an unavailable value degrades to `unknown`, `""` or `[]`.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SDK_VERSION } from "../version.js";

/** A `type` (not an interface) so it is assignable to JSON object types. */
export type RunEnv = {
  pid: number;
  hostname: string;
  os: string;
  system: string;
  node_version: string;
  node_version_verbose: string;
  user: string;
  client_version: string;
  "sys.argv": string[];
  is_notebook: boolean;
  filename: string;
  module_path: string;
  packages: string[];
};

export interface RunEnvOptions {
  /** Defaults to `process.argv`; `argv[1]` is the entry script. */
  argv?: readonly string[];
  /** Where to start looking for `package.json`; defaults to `process.cwd()`. */
  cwd?: string;
}

export function getRunEnv(opts: RunEnvOptions = {}): RunEnv {
  const argv = [...(opts.argv ?? process.argv)];
  const cwd = opts.cwd ?? safe(() => process.cwd(), ".");
  const script = argv[1];
  // Node makes argv[1] absolute; a caller-supplied one may be relative to cwd.
  const scriptPath = script ? path.resolve(cwd, script) : undefined;
  const type = safe(() => os.type(), "unknown");
  return {
    pid: process.pid,
    hostname: safe(() => os.hostname(), "unknown"),
    os: `${type} ${safe(() => os.release(), "")} ${os.arch()}`.replace(/\s+/g, " ").trim(),
    system: type === "Windows_NT" ? "Windows" : type,
    node_version: process.versions.node,
    node_version_verbose: `Node.js ${process.version} (${process.platform} ${process.arch}, V8 ${process.versions.v8})`,
    user: safe(() => os.userInfo().username, "unknown") || "unknown",
    client_version: SDK_VERSION,
    "sys.argv": argv,
    is_notebook: false,
    // No entry script (REPL, `node -e`): no file name, and the working directory as path.
    filename: scriptPath ? path.basename(scriptPath) : "",
    module_path: scriptPath ? path.dirname(scriptPath) : cwd,
    packages: safe(() => listPackages(cwd), []),
  };
}

/**
 * `name==version` for the dependencies and devDependencies of the nearest `package.json`
 * at or above `cwd`, sorted, names lower-cased (as the reference lists installed
 * packages). The installed version comes from `node_modules/<name>/package.json`, looked
 * up like Node's resolution (the project directory, then its ancestors); a dependency
 * that is not installed keeps its declared range.
 */
export function listPackages(cwd: string): string[] {
  const found = findPackageJson(path.resolve(cwd));
  if (!found) {
    return [];
  }
  const declared = new Map<string, string>();
  for (const field of ["dependencies", "devDependencies"] as const) {
    const deps = found.manifest[field];
    if (!isRecord(deps)) continue;
    for (const [name, range] of Object.entries(deps)) {
      if (!declared.has(name)) {
        declared.set(name, typeof range === "string" ? range : "");
      }
    }
  }
  const moduleDirs = ancestors(found.dir).map((dir) => path.join(dir, "node_modules"));
  const out: string[] = [];
  for (const [name, range] of declared) {
    out.push(`${name.toLowerCase()}==${installedVersion(moduleDirs, name) ?? range}`);
  }
  return out.sort();
}

function findPackageJson(start: string): { dir: string; manifest: Record<string, unknown> } | undefined {
  for (const dir of ancestors(start)) {
    const manifest = readJson(path.join(dir, "package.json"));
    if (manifest !== undefined) {
      return isRecord(manifest) ? { dir, manifest } : undefined;
    }
  }
  return undefined;
}

function installedVersion(moduleDirs: readonly string[], name: string): string | undefined {
  for (const dir of moduleDirs) {
    const manifest = readJson(path.join(dir, name, "package.json"));
    if (isRecord(manifest) && typeof manifest.version === "string") {
      return manifest.version;
    }
  }
  return undefined;
}

/** `dir` and each of its parents up to the filesystem root. */
function ancestors(dir: string): string[] {
  const out = [dir];
  for (let parent = path.dirname(dir); parent !== out[out.length - 1]; parent = path.dirname(parent)) {
    out.push(parent);
  }
  return out;
}

/** Parsed JSON, or undefined when the file is missing or unreadable; `null` when it is not valid JSON. */
function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
