import { SettingsError } from "./errors.js";

/**
 * Typed parsing of raw setting values. Values come either from the environment (always
 * strings) or from JSON config files (strings, numbers or booleans), so every parser
 * accepts both forms. `where` names the origin for the error message.
 */
export interface ValueOrigin {
  variable: string;
  /** File the value was read from; undefined for the environment or options. */
  path?: string | undefined;
  /** Key inside that file when it differs from the variable (`.polyaxonconfig` `port`…). */
  key?: string | undefined;
}

const TRUE_WORDS = new Set(["y", "yes", "t", "true", "on", "1"]);
const FALSE_WORDS = new Set(["n", "no", "f", "false", "off", "0"]);

function fail(origin: ValueOrigin, expected: string, raw: unknown): never {
  let from = "";
  if (origin.path) from = origin.key ? ` (key "${origin.key}" in ${origin.path})` : ` (in ${origin.path})`;
  throw new SettingsError(`${origin.variable} must be ${expected}, got ${describe(raw)}${from}.`, {
    variable: origin.variable,
    path: origin.path,
  });
}

function describe(raw: unknown): string {
  if (typeof raw === "string") return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
  if (raw === null) return "null";
  if (Array.isArray(raw)) return "an array";
  return typeof raw === "object" ? "an object" : String(raw);
}

/** Same words as the reference client (Python's strtobool), case-insensitive. */
export function parseBool(raw: unknown, origin: ValueOrigin): boolean {
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "number" && (raw === 0 || raw === 1)) return raw === 1;
  if (typeof raw === "string") {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return fail(origin, "a boolean (y/yes/t/true/on/1 or n/no/f/false/off/0)", raw);
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === "number") return raw;
  if (typeof raw === "string" && raw.trim() !== "") {
    const n = Number(raw.trim());
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/** An integer in `[min, max]` (e.g. hash length, batch size, log level). */
export function parseInteger(raw: unknown, origin: ValueOrigin, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = toNumber(raw);
  if (n === undefined || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    return fail(origin, `an integer ${range}`, raw);
  }
  return n;
}

export function parsePort(raw: unknown, origin: ValueOrigin): number {
  const n = toNumber(raw);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 65535) {
    return fail(origin, "an integer port between 1 and 65535", raw);
  }
  return n;
}

/**
 * A duration given in seconds, returned in milliseconds. Fractions are accepted
 * (e.g. `0.5`), a superset of the reference's integer seconds.
 */
export function parseSecondsToMs(raw: unknown, origin: ValueOrigin): number {
  const n = toNumber(raw);
  if (n === undefined || !Number.isFinite(n) || n < 0) return fail(origin, "a non-negative number of seconds", raw);
  return Math.round(n * 1000);
}

export function parseString(raw: unknown, origin: ValueOrigin): string {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  return fail(origin, "a string", raw);
}

/** Parses JSON text; a syntax error becomes a SettingsError naming the origin (not the text). */
export function parseJsonText(text: string, origin: ValueOrigin): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The parser's own message quotes part of the text, which may be a token: leave it out.
    const where = origin.path ?? origin.variable;
    throw new SettingsError(`${where} is not valid JSON.`, { variable: origin.variable, path: origin.path });
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
