/**
 * Generates generated/schema.ts from openapi/spec.yaml with openapi-typescript's Node API.
 *
 *   npm run generate         write generated/schema.ts
 *   npm run generate:check   regenerate in memory; exit 1 if the file on disk differs
 *
 * Flags deliberately not used (toolchain.md §3.2): immutable (breaks openapi-fetch result
 * types), pathParamsAsTypes (breaks openapi-fetch path matching), rootTypesNoSchemaPrefix
 * (would shadow the global Error), enum / enumValues (runtime code in a type-only file).
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = resolve(root, "openapi/spec.yaml");
const schemaPath = resolve(root, "generated/schema.ts");

const HEADER = `/**
 * This file is generated from openapi/spec.yaml by \`npm run generate\`. Do not edit.
 */

`;

/** Renders the schema module; pure function of the spec so that --check can compare. */
export async function renderSchema(): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specPath), { alphabetize: true, rootTypes: true, silent: true });
  return HEADER + astToString(ast);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const check = process.argv.includes("--check");
  const fresh = await renderSchema();
  const shown = relative(process.cwd(), schemaPath);
  if (check) {
    const onDisk = await readIfExists(schemaPath);
    if (onDisk !== fresh) {
      const why = onDisk === undefined ? `${shown} is missing` : `${shown} differs from openapi/spec.yaml`;
      console.error(`generated/ is stale: run npm run generate (${why})`);
      return 1;
    }
    console.log(`${shown} is up to date`);
    return 0;
  }
  await writeFile(schemaPath, fresh);
  console.log(`wrote ${shown}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
