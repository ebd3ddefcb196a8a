/**
 * `npm run spec:check`: three independent checks of openapi/spec.yaml.
 *
 *   1. redocly lint (rules in redocly.yaml, justified exceptions in .redocly.lint-ignore.yaml)
 *   2. openapi-generator validate (a second parser, Java; needs Java 17)
 *   3. structural facts the linters do not know: 64 method+path pairs, unique
 *      operationIds, every {param} of a path declared as a path parameter.
 *
 * Exits non-zero when any check fails and prints a one-line summary per check.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const spec = "openapi/spec.yaml";
const EXPECTED_OPERATIONS = 64;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8" });
  if (result.error) return { status: null, output: result.error.message };
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function redoclyLint(): CheckResult {
  const { status, output } = run(resolve(root, "node_modules/.bin/redocly"), ["lint", spec]);
  const ok = status === 0;
  if (!ok) console.error(output);
  const summary = output.split("\n").find((line) => /Woohoo|Validation failed/.test(line));
  return { name: "redocly lint", ok, detail: summary?.trim() ?? `exit ${status}` };
}

function openapiGeneratorValidate(): CheckResult {
  const name = "openapi-generator validate";
  const java = run("java", ["-version"]);
  if (java.status !== 0) {
    return {
      name,
      ok: false,
      detail: "Java not found: Java 17 is needed for the second validator (openapi-generator). Install a JDK 17.",
    };
  }
  // The npm wrapper writes openapitools.json into the cwd on its first run; remove it
  // afterwards unless it was already there, so the check leaves no junk behind.
  const toolsJson = resolve(root, "openapitools.json");
  const hadToolsJson = existsSync(toolsJson);
  const bin = resolve(root, "node_modules/@openapitools/openapi-generator-cli/bin/openapi-generator");
  const { status, output } = run(bin, ["validate", "-i", spec]);
  if (!hadToolsJson) rmSync(toolsJson, { force: true });
  const ok = status === 0 && output.includes("No validation issues detected");
  if (!ok) console.error(output);
  return { name, ok, detail: ok ? "No validation issues detected." : `exit ${status}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `#/...` reference; the structure check only needs parameters. */
function deref(doc: Record<string, unknown>, value: unknown): unknown {
  if (!isRecord(value) || typeof value.$ref !== "string") return value;
  let node: unknown = doc;
  for (const part of value.$ref.replace(/^#\//, "").split("/")) {
    node = isRecord(node) ? node[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  return node;
}

function pathParamNames(doc: Record<string, unknown>, params: unknown): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(params)) return names;
  for (const raw of params) {
    const param = deref(doc, raw);
    if (isRecord(param) && param.in === "path" && typeof param.name === "string") names.add(param.name);
  }
  return names;
}

function structure(): CheckResult {
  const doc: unknown = parse(readFileSync(resolve(root, spec), "utf8"));
  const problems: string[] = [];
  let count = 0;
  const seen = new Map<string, string>();
  const paths = isRecord(doc) && isRecord(doc.paths) ? doc.paths : {};
  if (!isRecord(doc)) problems.push("the spec is not a YAML mapping");
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item) || !isRecord(doc)) continue;
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
    const shared = pathParamNames(doc, item.parameters);
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      count += 1;
      const where = `${method.toUpperCase()} ${path}`;
      const id = op.operationId;
      if (typeof id !== "string" || id === "") problems.push(`${where}: no operationId`);
      else if (seen.has(id)) problems.push(`${where}: operationId ${id} already used by ${seen.get(id)}`);
      else seen.set(id, where);
      const declared = new Set([...shared, ...pathParamNames(doc, op.parameters)]);
      for (const name of templated) {
        if (!declared.has(name)) problems.push(`${where}: path parameter {${name}} is not declared`);
      }
      for (const name of declared) {
        if (!templated.includes(name)) problems.push(`${where}: declared path parameter ${name} is not in the path`);
      }
    }
  }
  if (count !== EXPECTED_OPERATIONS) {
    problems.push(`expected ${EXPECTED_OPERATIONS} method+path pairs, found ${count}`);
  }
  for (const problem of problems) console.error(`  ${problem}`);
  return {
    name: "structure",
    ok: problems.length === 0,
    detail: `${count} operations, ${seen.size} unique operationIds, ${problems.length} problem(s)`,
  };
}

const results = [redoclyLint(), openapiGeneratorValidate(), structure()];
console.log("\nspec:check summary");
for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}: ${r.detail}`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
