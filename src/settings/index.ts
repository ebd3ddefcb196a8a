export { SettingsError } from "./errors.js";
export type { ConfigPaths } from "./files.js";
export { parseBool } from "./parse.js";
export { apiBaseUrl, type LoadSettingsInput, loadSettings, modeOf } from "./settings.js";
export { type SettingInfo, settingsTable, settingsTableMarkdown } from "./table.js";
export type { ResolvedSettings, Settings, SettingsMode, SettingsOverrides } from "./types.js";
