/**
 * The maintainer docs are where the code's references point: every `docs/<page>.md#<anchor>`
 * (or `docs/<page>.md, "<Heading>"`) in the sources, the tests, the spec, the README and the docs
 * themselves must name an existing page and heading, and the sources must not point at
 * reference documents a maintainer does not have (`§` sections of files outside the repository).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const docsDir = join(root, "docs");

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, ext);
    return ext.test(name) ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every heading of every page: page name → heading text → anchor. */
const pages = new Map(
  readdirSync(docsDir)
    .filter((name) => name.endsWith(".md"))
    .map((name) => {
      const text = readFileSync(join(docsDir, name), "utf8").replace(/```[\s\S]*?```/g, "");
      const headings = [...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => match[1] as string);
      return [name, headings] as const;
    }),
);

function problemOf(page: string, anchor: string | undefined, heading: string | undefined): string | undefined {
  const headings = pages.get(page);
  if (!headings) return `docs/${page} does not exist`;
  if (anchor !== undefined && !headings.some((h) => anchorOf(h) === anchor)) return `no heading #${anchor} in ${page}`;
  if (heading !== undefined && !headings.includes(heading)) return `no heading "${heading}" in ${page}`;
  return undefined;
}

const sources = [
  ...filesUnder(join(root, "src"), /\.ts$/),
  ...filesUnder(join(root, "scripts"), /\.ts$/),
  // The tests cite the docs too (this file names the patterns it looks for, so it is left out).
  ...filesUnder(join(root, "test"), /\.ts$/).filter((file) => file !== fileURLToPath(import.meta.url)),
  join(root, "openapi/spec.yaml"),
  join(root, "README.md"),
];

describe("references into docs/", () => {
  it('every docs/<page>.md#<anchor> and docs/<page>.md, "Heading" in the code, spec and README exists', () => {
    const problems: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/docs\/([\w-]+\.md)(?:#([\w-]+)|, "([^"]+)")?/g)) {
        const problem = problemOf(match[1] as string, match[2], match[3]);
        if (problem) problems.push(`${relative(root, file)}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every relative link of the docs and the README reaches a file, and its anchor a heading", () => {
    const problems: string[] = [];
    for (const file of [...filesUnder(docsDir, /\.md$/), join(root, "README.md")]) {
      const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] as string;
        if (/^[a-z]+:/i.test(target)) continue;
        const [path = "", anchor] = target.split("#");
        const resolved = path === "" ? file : resolve(dirname(file), path);
        if (!existsSync(resolved)) {
          problems.push(`${relative(root, file)}: ${target} does not exist`);
          continue;
        }
        if (anchor === undefined) continue;
        const page = relative(docsDir, resolved);
        const problem = pages.has(page)
          ? problemOf(page, anchor, undefined)
          : resolved === join(root, "README.md")
            ? undefined
            : `${target}: anchors are only checked in docs/`;
        if (problem) problems.push(`${relative(root, file)}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the sources cite no section of a document outside the repository", () => {
    const cited = sources
      .filter((file) => !file.endsWith("README.md"))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${relative(root, file)}:${i + 1}` }))
          .filter(({ line }) => /§|experiments-api\.md|tracking-behaviour\.md|toolchain\.md/.test(line))
          .map(({ at }) => at),
      );
    expect(cited).toEqual([]);
  });
});
