/**
 * `npm run check:package`: the package as a user gets it. Packs it (`npm pack`, which builds),
 * installs the tarball into an empty project (with the testing kit's peers, vitest, TypeScript
 * and esbuild from the npm registry), and checks there:
 *
 *   1. ESM `import` and CommonJS `require` of the main entry;
 *   2. its types: a right call compiles, a wrong path does not;
 *   3. `npx polyaxon-tracking --help`;
 *   4. polyaxon-tracking/testing: the README's two user tests (node:test and vitest) pass;
 *   5. polyaxon-tracking/client: importable, and bundled for the browser by esbuild;
 *   6. installed alone (no peer package), the main entry and the client still load and
 *      the testing kit names the packages it lacks.
 *
 * The runtime checks (1, 3, 4, 5's import) run with every Node of `PLX_NODE_BINARIES`
 * (colon-separated paths; default: this Node). Exits non-zero when a check fails.
 */
import { type ExecFileSyncOptions, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "plx-package-"));
const project = join(work, "consumer");
const nodes = (process.env.PLX_NODE_BINARIES ?? process.execPath).split(":").filter((path) => path !== "");
const devVersions = (
  JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> }
).devDependencies;
const results: Array<{ check: string; ok: boolean; detail: string }> = [];

function run(command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  const output = execFileSync(command, args, { cwd: project, encoding: "utf8", stdio: "pipe", ...options });
  return output?.toString() ?? "";
}

function check(name: string, body: () => string | undefined): void {
  try {
    const detail = body() ?? "";
    results.push({ check: name, ok: true, detail });
  } catch (error) {
    const failure = error as { message?: string; stdout?: string; stderr?: string };
    const detail = [failure.message, failure.stdout, failure.stderr].filter(Boolean).join("\n").slice(0, 4000);
    results.push({ check: name, ok: false, detail });
  }
}

/** The README's test examples, each after a `<!-- package-check: <file> -->` marker. */
function readmeExamples(): Map<string, string> {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const examples = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- package-check: (\S+) -->\s*```\w*\n([\s\S]*?)```/g)) {
    examples.set(match[1] ?? "", match[2] ?? "");
  }
  if (examples.size !== 2) throw new Error(`README.md: expected 2 package-check examples, found ${examples.size}`);
  return examples;
}

function main(): void {
  console.log(`packing ${root} into ${work}`);
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8" }),
  ) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number }>;
  const tarball = join(work, basename(packed[0]?.filename ?? ""));
  console.log(`${basename(tarball)}: ${packed[0]?.size} bytes packed, ${packed[0]?.entryCount} files`);

  execFileSync("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const extras = ["ajv", "ajv-formats", "yaml", "msw", "vitest", "typescript", "esbuild", "@types/node"].map(
    (name) => `${name}@${devVersions[name]}`,
  );
  run("npm", ["install", "--no-audit", "--no-fund", tarball, ...extras], { stdio: "inherit" });
  const examples = readmeExamples();
  for (const [file, code] of examples) writeFileSync(join(project, file), code);

  writeFileSync(
    join(project, "esm.mjs"),
    `import * as sdk from "polyaxon-tracking";
import * as client from "polyaxon-tracking/client";
for (const name of ["Experiment", "createClient", "paginate", "NotFoundError", "loadSettings"]) {
  if (typeof sdk[name] !== "function") throw new Error("main entry lacks " + name);
}
for (const name of ["createClient", "paginate", "APIError", "PolyaxonError"]) {
  if (typeof client[name] !== "function") throw new Error("client entry lacks " + name);
}
console.log("esm ok", sdk.SDK_VERSION);
`,
  );
  writeFileSync(
    join(project, "cjs.cjs"),
    `const sdk = require("polyaxon-tracking");
const testing = require("polyaxon-tracking/testing");
if (typeof sdk.Experiment !== "function" || typeof testing.startFakePolyaxon !== "function") throw new Error("require failed");
console.log("cjs ok");
`,
  );
  writeFileSync(
    join(project, "types.ts"),
    `import { createClient, paginate, type Schemas } from "polyaxon-tracking";
import { createClient as browserClient } from "polyaxon-tracking/client";
import { type FakePolyaxon, startFakePolyaxon } from "polyaxon-tracking/testing";
import { polyaxonHandlers } from "polyaxon-tracking/testing/msw";

export async function typed(fake: FakePolyaxon): Promise<Schemas["ExperimentDetail"] | undefined> {
  const client = createClient(fake.settings);
  browserClient({ baseUrl: fake.url });
  polyaxonHandlers(fake.state);
  for await (const metric of paginate(client, "/{username}/{project_name}/experiments/{id}/metrics/", {
    params: { path: { username: "alice", project_name: "mnist", id: 1 } },
  })) {
    const value: number | undefined = metric.values.loss;
    void value;
  }
  // @ts-expect-error a wrong path does not compile
  await client.GET("/{username}/{project_name}/experimentz/", { params: { path: { username: "a", project_name: "b" } } });
  const { data } = await client.GET("/{username}/{project_name}/experiments/{id}/", {
    params: { path: { username: "alice", project_name: "mnist", id: 1 } },
  });
  void startFakePolyaxon;
  return data;
}
`,
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023", "DOM"],
        types: ["node"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        noEmit: true,
      },
      include: ["types.ts", "train.test.ts"],
    }),
  );

  check("alone, without the optional peers", () => bareInstall(tarball));
  check("types (tsc, skipLibCheck false)", () => run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "."]));
  writeFileSync(join(project, "client-entry.mjs"), 'export * from "polyaxon-tracking/client";\n');
  check("polyaxon-tracking/client bundles for the browser", () => {
    // esbuild's bin is its native executable once installed.
    const out = run(
      join(project, "node_modules/.bin/esbuild"),
      [
        "--bundle",
        "--platform=browser",
        "--format=esm",
        "--outfile=client.bundle.js",
        "--log-level=warning",
        "client-entry.mjs",
      ],
      {},
    );
    return `${out.trim()} ${readFileSync(join(project, "client.bundle.js")).length} bytes`;
  });
  for (const node of nodes) {
    const version = run(node, ["--version"]).trim();
    const env = { ...process.env, NO_COLOR: "1", PATH: `${dirname(node)}:${process.env.PATH ?? ""}` };
    check(`${version}: ESM import`, () => run(node, ["esm.mjs"]).trim());
    check(`${version}: CommonJS require`, () => run(node, ["cjs.cjs"]).trim());
    check(`${version}: npx polyaxon-tracking --help`, () => {
      const help = run("npx", ["--no-install", "polyaxon-tracking", "--help"], { env });
      if (!help.includes("sync")) throw new Error(`--help does not list the commands:\n${help}`);
      return "lists its commands";
    });
    check(`${version}: README node:test example`, () => lastLine(run(node, ["--test", "train.test.mjs"], { env })));
    check(`${version}: README vitest example`, () =>
      lastLine(run(node, ["node_modules/vitest/vitest.mjs", "run", "train.test.ts"], { env })),
    );
  }
}

/** The tarball installed with nothing else: what a production install of the SDK pulls in. */
function bareInstall(tarball: string): string {
  const bare = join(work, "bare");
  execFileSync("mkdir", ["-p", bare]);
  writeFileSync(join(bare, "package.json"), JSON.stringify({ name: "bare", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", tarball], { cwd: bare });
  const installed = run("npm", ["ls", "--all", "--parseable"], { cwd: bare }).trim().split("\n").length - 1;
  writeFileSync(
    join(bare, "bare.mjs"),
    `import { Experiment } from "polyaxon-tracking";
import { createClient } from "polyaxon-tracking/client";
const { startFakePolyaxon } = await import("polyaxon-tracking/testing");
if (typeof Experiment !== "function" || typeof createClient !== "function") throw new Error("entries did not load");
try {
  await startFakePolyaxon();
  throw new Error("the testing kit started without its peers");
} catch (error) {
  if (!/npm install --save-dev ajv ajv-formats yaml/.test(error.message)) throw error;
}
console.log("main and client load without the peers; the testing kit asks for them");
`,
  );
  return `${run(process.execPath, ["bare.mjs"], { cwd: bare }).trim()} (${installed} packages installed)`;
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return lines.filter((line) => /pass|Tests/.test(line)).join("; ") || (lines.at(-1) ?? "");
}

try {
  main();
} catch (error) {
  results.push({ check: "setup", ok: false, detail: String((error as Error).stack ?? error) });
} finally {
  if (process.env.PLX_KEEP_PACKAGE_CHECK !== "1") rmSync(work, { recursive: true, force: true });
}
console.log("\ncheck:package summary");
for (const result of results) {
  console.log(
    `  ${result.ok ? "ok  " : "FAIL"} ${result.check}${result.detail ? `: ${result.ok ? result.detail : ""}` : ""}`,
  );
  if (!result.ok) console.log(result.detail.replace(/^/gm, "       "));
}
process.exitCode = results.length > 0 && results.every((r) => r.ok) ? 0 : 1;
