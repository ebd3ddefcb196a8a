/**
 * Scripts the tests run in child processes, bundled once per test run as `npm run build` bundles
 * the package (esbuild, one file per entry, shared chunks and `delivery-thread.js` beside them):
 * a child then starts like a user's process on the published package, instead of compiling the
 * ~100 source modules through tsx twice (once for the script, once for its delivery thread),
 * which cost about a second of CPU per child. Source maps keep stack traces on the `.ts` files.
 *
 * The global setup (`test/support/global-setup.ts`) builds them into a fresh directory and
 * hands its path to the test files (`inject("childScripts")`).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { inject } from "vitest";
import { bundleOptions } from "../../scripts/bundle-options.js";

declare module "vitest" {
  export interface ProvidedContext {
    childScripts: string;
  }
}

const repoRoot = resolve(import.meta.dirname, "../..");

/** Name of the bundle → its source. */
const SCRIPTS = {
  "faults-tracked-script": "test/faults/tracked-script.ts",
  "lifecycle-tracked-script": "test/e2e/fixtures/tracked-script.ts",
  "upload-to-silent-store": "test/store/cloud/fixtures/upload-to-silent-store.ts",
  "encoder-deopts": "test/delivery/fixtures/encoder-deopts.ts",
  "train-example": "examples/train.ts",
  cli: "src/cli/main.ts",
  // The SDK starts its delivery and conversion threads from the files beside its own chunk.
  "delivery-thread": "src/delivery/delivery-thread.ts",
  "conversion-thread": "src/delivery/conversion-thread.ts",
} as const;

export type ChildScript = Exclude<keyof typeof SCRIPTS, "delivery-thread" | "conversion-thread">;

/** Builds every child script into a new directory; returns it and its removal. */
export async function buildChildScripts(): Promise<{ dir: string; remove: () => void }> {
  // Inside node_modules: the bundles import their dependencies as the published package does.
  const cache = join(repoRoot, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "plx-child-scripts-"));
  await build(bundleOptions(repoRoot, { ...SCRIPTS }, dir));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `node` arguments that run the bundled `name` (the test file's process must be a vitest worker). */
export function childScriptArgs(name: ChildScript): string[] {
  return ["--enable-source-maps", join(inject("childScripts"), `${name}.js`)];
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChildRunOptions {
  cwd: string;
  /** The child's whole environment (see cleanEnv); the test process's when left out. */
  env?: Record<string, string>;
  /** The child is SIGKILLed after this long: a hung child fails its test instead of the run. */
  killAfterMs: number;
  /** Called with the stdout so far each time more arrives; may signal the child. */
  onStdout?: ((stdout: string, kill: (signal: NodeJS.Signals) => void) => void) | undefined;
}

/** Runs the bundled `name` with `args` in a child Node process; settles once it ended and its output was read. */
export function runChildScript(name: ChildScript, args: string[], options: ChildRunOptions): Promise<ChildResult> {
  const { cwd, env, killAfterMs, onStdout } = options;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...childScriptArgs(name), ...args], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const guard = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout, (signal) => child.kill(signal));
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      done({ code, signal, stdout, stderr });
    });
  });
}

/**
 * The test process's environment without what would steer a child away from the test's own
 * setup (inherited POLYAXON_* settings, proxy variables, vitest's NODE_OPTIONS), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("POLYAXON_") && !/_proxy$/i.test(key) && key !== "NODE_OPTIONS")
      env[key] = value;
  }
  return { ...env, ...extra };
}
