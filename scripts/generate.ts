/**
 * Generates from openapi/spec.yaml:
 *   - generated/schema.ts: the types, with openapi-typescript's Node API;
 *   - generated/success-bodies.ts: what each operation's 2xx answer carries (JSON, text,
 *     binary bytes or nothing), the one runtime table the client's response decoding needs.
 *
 *   npm run generate         write both files
 *   npm run generate:check   regenerate in memory; exit 1 if a file on disk differs
 *
 * Flags deliberately not used: immutable (readonly arrays break openapi-fetch 0.17's result
 * types), pathParamsAsTypes (breaks openapi-fetch path matching), rootTypesNoSchemaPrefix
 * (would shadow the global Error), enum / enumValues (runtime code in a type-only file).
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = resolve(root, "openapi/spec.yaml");
const schemaPath = resolve(root, "generated/schema.ts");
const successBodiesPath = resolve(root, "generated/success-bodies.ts");

const HEADER = `/**
 * This file is generated from openapi/spec.yaml by \`npm run generate\`. Do not edit.
 */

`;

/** Renders the schema module; pure function of the spec so that --check can compare. */
export async function renderSchema(): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specPath), { alphabetize: true, rootTypes: true, silent: true });
  return HEADER + astToString(ast);
}

type Json = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The kind of body one media type carries. */
function kindOf(mediaType: string): "json" | "text" | "binary" {
  if (/^application\/([\w.+-]*\+)?json$/.test(mediaType)) return "json";
  if (mediaType.startsWith("text/")) return "text";
  return "binary";
}

/**
 * Renders the success-body table: `METHOD /path` → the kind of the first 2xx answer that
 * declares content, or `empty` when no 2xx answer has any.
 */
export async function renderSuccessBodies(): Promise<string> {
  const doc: unknown = parse(await readFile(specPath, "utf8"));
  const paths = isRecord(doc) && isRecord(doc.paths) ? doc.paths : {};
  const responses =
    isRecord(doc) && isRecord(doc.components) && isRecord(doc.components.responses) ? doc.components.responses : {};
  const deref = (value: unknown): unknown => {
    const ref = isRecord(value) && typeof value.$ref === "string" ? value.$ref : undefined;
    return ref?.startsWith("#/components/responses/") ? responses[ref.slice("#/components/responses/".length)] : value;
  };
  const rows: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op) || !isRecord(op.responses)) continue;
      let kind = "empty";
      for (const [status, raw] of Object.entries(op.responses)) {
        const response = deref(raw);
        if (!/^2\d\d$/.test(status) || !isRecord(response) || !isRecord(response.content)) continue;
        const first = Object.keys(response.content)[0];
        if (first !== undefined) {
          kind = kindOf(first);
          break;
        }
      }
      rows.push(`  ${JSON.stringify(`${method.toUpperCase()} ${path}`)}: "${kind}",`);
    }
  }
  return `${HEADER}/** What a 2xx answer carries: JSON, text (read as a string), binary bytes, or nothing. */
export type SuccessBody = "json" | "text" | "binary" | "empty";

/** Each operation's 2xx body, keyed by \`METHOD /path\` (the spec path, e.g. \`GET /users/\`). */
export const successBodies: Readonly<Record<string, SuccessBody>> = {
${rows.join("\n")}
};
`;
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
  const outputs: Array<[string, string]> = [
    [schemaPath, await renderSchema()],
    [successBodiesPath, await renderSuccessBodies()],
  ];
  let stale = 0;
  for (const [path, fresh] of outputs) {
    const shown = relative(process.cwd(), path);
    if (check) {
      const onDisk = await readIfExists(path);
      if (onDisk !== fresh) {
        const why = onDisk === undefined ? `${shown} is missing` : `${shown} differs from openapi/spec.yaml`;
        console.error(`generated/ is stale: run npm run generate (${why})`);
        stale += 1;
      } else console.log(`${shown} is up to date`);
      continue;
    }
    await writeFile(path, fresh);
    console.log(`wrote ${shown}`);
  }
  return stale === 0 ? 0 : 1;
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
