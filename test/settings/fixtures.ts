import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type LoadSettingsInput, loadSettings, type Settings } from "../../src/settings/index.js";

/** A throw-away HOME, /tmp and /plx-context, so tests never touch the real ones. */
export interface SettingsSandbox {
  root: string;
  home: string;
  tmp: string;
  context: string;
  /** Writes `content` (object → JSON, string → as is) to a path relative to root. */
  write(relative: string, content: unknown): string;
  load(input?: Omit<LoadSettingsInput, "homeDir" | "tmpDir" | "contextDir">): Settings;
  cleanup(): void;
}

export function createSandbox(): SettingsSandbox {
  const root = mkdtempSync(join(tmpdir(), "plx-settings-"));
  const home = join(root, "home");
  const tmp = join(root, "tmp");
  const context = join(root, "plx-context");
  for (const dir of [home, tmp, context]) mkdirSync(dir, { recursive: true });
  return {
    root,
    home,
    tmp,
    context,
    write(relative, content) {
      const path = join(root, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
      return path;
    },
    load(input = {}) {
      return loadSettings({ env: {}, cwd: root, ...input, homeDir: home, tmpDir: tmp, contextDir: context });
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const TMP_CLIENT = "tmp/.polyaxon/.polyaxonclient";
export const HOME_CLIENT = "home/.polyaxon/.polyaxonclient";
export const TMP_AUTHTOKEN = "tmp/.polyaxon/.authtoken";
export const CONTEXT_AUTHTOKEN = "plx-context/.authtoken";
export const TMP_CLI_CONFIG = "tmp/.polyaxon/.polyaxonconfig";
export const HOME_CLI_CONFIG = "home/.polyaxon/.polyaxonconfig";
export const TMP_CLI_AUTH = "tmp/.polyaxon/.polyaxonauth";
export const HOME_CLI_AUTH = "home/.polyaxon/.polyaxonauth";
