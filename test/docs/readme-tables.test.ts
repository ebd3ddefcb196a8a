/**
 * The README's tables print the defaults the code applies: the settings table is
 * `settingsTableMarkdown()` itself, and the client's options table shows `CLIENT_DEFAULTS`.
 * When a default changes, this fails until the README says so.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENT_DEFAULTS } from "../../src/api/options.js";
import { SETTING_DEFAULTS } from "../../src/settings/defaults.js";
import { settingsTableMarkdown } from "../../src/settings/table.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README row whose first cell is exactly `cell`. */
function row(cell: string): string {
  const found = readme.split("\n").find((line) => line.startsWith(`| ${cell} |`));
  if (found === undefined) throw new Error(`no README row starts with | ${cell} |`);
  return found;
}

/** 25000 → "25 000", as the README writes large numbers. */
const spaced = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");

describe("README tables", () => {
  it("the settings table is the one settingsTable renders", () => {
    expect(readme).toContain(settingsTableMarkdown());
  });

  it("the client options table shows the client's defaults", () => {
    const d = CLIENT_DEFAULTS;
    expect(row("`timeoutMs`")).toContain(`| ${spaced(d.timeoutMs)} `);
    expect(row("`host`, `port`, `useHttps`, `apiVersion`")).toContain(
      `| —, ${d.httpPort}/${d.httpsPort}, \`false\`, \`${d.apiVersion}\` |`,
    );
    expect(row("`token`, `authScheme`")).toContain(`| —, \`${d.authScheme}\` |`);
    expect(row("`retry`")).toContain(
      `\`{ maxRetries: ${d.maxRetries}, baseDelayMs: ${d.baseDelayMs}, maxDelayMs: ${d.maxDelayMs}, maxRetryAfterMs: ${d.maxRetryAfterMs} }\``,
    );
  });

  it("the Experiment options table shows the exit flush budget", () => {
    expect(row("`exitTimeoutMs`")).toContain(`(${SETTING_DEFAULTS.flushTimeoutMs / 1000} s)`);
  });
});
