/**
 * openapi/spec.yaml loaded once per process and indexed by operation, with ajv validators
 * compiled from it. The fake server checks every request and answer with it; the project's
 * msw spec handlers and fixture tests use the same instance.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Ajv as AjvClass, Options as AjvOptions, ErrorObject, ValidateFunction } from "ajv";
import type { FormatsPlugin } from "ajv-formats";
import { loadPeer } from "./peers.js";

/** A schema check; `errors` tells why the last call failed. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null | undefined;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface SpecParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  /** The schema's `type` (`integer`, `boolean`, `string`…): path and query values arrive as text. */
  type: string | undefined;
  validate: Validator;
}

export interface SpecResponse {
  /** Media types declared for the body; empty when the response has no body. */
  mediaTypes: string[];
  /** Validator of the application/json body, when one is declared. */
  validateJson?: Validator;
  /** Component name when the JSON body schema is a `$ref` to `#/components/schemas/<name>`. */
  schemaName?: string;
  /** `x-empty-body-allowed`: the server may answer this status with no body (bulk metrics). */
  emptyBodyAllowed: boolean;
}

export interface SpecRequestBody {
  required: boolean;
  mediaTypes: string[];
  validate: Validator;
}

export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** Path relative to /api/v1, as written in the spec (e.g. `/{username}/…/{id}/metrics/`). */
  path: string;
  parameters: SpecParameter[];
  requestBody?: SpecRequestBody;
  /** Keyed by status code as written in the spec: `"200"`, `"5XX"`. */
  responses: Map<string, SpecResponse>;
  deprecated: boolean;
  broken: boolean;
}

/** An object node of the parsed spec document (not `Json`, the record model's JSON value type). */
type SpecNode = Record<string, unknown>;

function isRecord(value: unknown): value is SpecNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const SPEC_ID = "spec";

/**
 * The package's `openapi/spec.yaml`: up from this module (`src/testing/` when run from source,
 * `dist/src/testing/` when installed), to the folder that holds both it and `package.json`.
 */
export function specFilePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, "openapi", "spec.yaml");
    if (existsSync(candidate) && existsSync(join(dir, "package.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`openapi/spec.yaml not found above ${fileURLToPath(import.meta.url)}`);
}

function loadDocument(): SpecNode {
  const specFile = specFilePath();
  const { parse } = loadPeer<{ parse: (text: string) => unknown }>("yaml");
  const doc: unknown = parse(readFileSync(specFile, "utf8"));
  if (!isRecord(doc) || !isRecord(doc.paths) || !isRecord(doc.components)) {
    throw new Error(`${specFile} is not an OpenAPI document`);
  }
  return doc;
}

/**
 * strict is off because OpenAPI schema objects carry keywords JSON Schema does not know
 * (readOnly is fine, but `example`, `x-*`, `discriminator` are not). ajv understands the
 * OpenAPI 3.0 `nullable` keyword natively (it must sit next to `type`, which the spec does).
 */
function createAjv(coerceTypes: boolean): AjvClass {
  const { Ajv } = loadPeer<{ Ajv: new (options: AjvOptions) => AjvClass }>("ajv");
  // ajv-formats is CommonJS: the plugin is the module itself, also exposed as `default`.
  const plugin = loadPeer<{ default?: FormatsPlugin } & FormatsPlugin>("ajv-formats");
  const addFormats: FormatsPlugin = plugin.default ?? plugin;
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes });
  addFormats(ajv);
  // OpenAPI-only formats that carry no constraint.
  ajv.addFormat("binary", true);
  ajv.addFormat("password", true);
  return ajv;
}

export class SpecDocument {
  readonly doc: SpecNode;
  readonly operations: SpecOperation[];
  private readonly ajv: AjvClass = createAjv(false);
  /** Path and query values arrive as strings: this instance coerces "12" to 12, "true" to true. */
  private readonly coercingAjv: AjvClass = createAjv(true);

  constructor(doc: SpecNode = loadDocument()) {
    this.doc = doc;
    for (const ajv of [this.ajv, this.coercingAjv]) ajv.addSchema({ $id: SPEC_ID, components: doc.components });
    this.operations = this.indexOperations();
  }

  /** Follows a local `#/…` reference (one or more hops). */
  deref(value: unknown): unknown {
    let node = value;
    for (let hops = 0; isRecord(node) && typeof node.$ref === "string"; hops++) {
      if (hops > 20) throw new Error(`reference loop at ${node.$ref}`);
      let target: unknown = this.doc;
      for (const part of node.$ref.replace(/^#\//, "").split("/")) {
        target = isRecord(target) ? target[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
      }
      if (target === undefined) throw new Error(`unresolved reference ${node.$ref}`);
      node = target;
    }
    return node;
  }

  /**
   * A validator compiled on its first use (compiling all 64 operations up front takes seconds);
   * its `#/components/…` refs resolve against the spec.
   */
  lazy(schema: unknown, coerce = false): Validator {
    let compiled: ValidateFunction | undefined;
    const validator: Validator = (data) => {
      compiled ??= this.compile(schema, coerce);
      const ok = compiled(data);
      validator.errors = compiled.errors;
      return ok;
    };
    return validator;
  }

  /** Compiles a schema taken from the spec; its `#/components/…` refs resolve against the spec. */
  compile(schema: unknown, coerce = false): ValidateFunction {
    const ajv = coerce ? this.coercingAjv : this.ajv;
    // Wrapping under allOf with a $ref-able base keeps refs relative to the spec document.
    return ajv.compile({ $id: `${SPEC_ID}-${nextSchemaId++}`, allOf: [this.rebase(schema)] });
  }

  /** Validator of a named component schema, e.g. `schemaValidator("ExperimentDetail")`. */
  schemaValidator(name: string): ValidateFunction {
    return this.ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`) ?? this.fail(`unknown schema ${name}`);
  }

  private fail(message: string): never {
    throw new Error(message);
  }

  /** Rewrites `#/components/…` refs so they point into the schema registered as `spec`. */
  private rebase(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map((item) => this.rebase(item));
    if (!isRecord(schema)) return schema;
    const out: SpecNode = {};
    for (const [key, value] of Object.entries(schema)) {
      out[key] = key === "$ref" && typeof value === "string" ? `${SPEC_ID}${value}` : this.rebase(value);
    }
    return out;
  }

  private indexOperations(): SpecOperation[] {
    const operations: SpecOperation[] = [];
    const paths = isRecord(this.doc.paths) ? this.doc.paths : {};
    for (const [path, rawItem] of Object.entries(paths)) {
      const item = this.deref(rawItem);
      if (!isRecord(item)) continue;
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!isRecord(op) || typeof op.operationId !== "string") continue;
        const requestBody = this.requestBody(op.requestBody);
        operations.push({
          operationId: op.operationId,
          method,
          path,
          parameters: this.parameters([item.parameters, op.parameters]),
          ...(requestBody ? { requestBody } : {}),
          responses: this.responses(op.responses),
          deprecated: op.deprecated === true,
          broken: op["x-broken"] === true,
        });
      }
    }
    return operations;
  }

  private parameters(lists: unknown[]): SpecParameter[] {
    const byKey = new Map<string, SpecParameter>();
    for (const list of lists) {
      if (!Array.isArray(list)) continue;
      for (const raw of list) {
        const param = this.deref(raw);
        if (!isRecord(param) || typeof param.name !== "string") continue;
        if (param.in !== "path" && param.in !== "query") continue;
        // Operation-level parameters override path-level ones with the same name and location.
        byKey.set(`${param.in}:${param.name}`, {
          name: param.name,
          in: param.in,
          required: param.required === true,
          type: isRecord(param.schema) && typeof param.schema.type === "string" ? param.schema.type : undefined,
          validate: this.lazy(param.schema ?? {}, true),
        });
      }
    }
    return [...byKey.values()];
  }

  private requestBody(raw: unknown): SpecRequestBody | undefined {
    const body = this.deref(raw);
    if (!isRecord(body) || !isRecord(body.content)) return undefined;
    const mediaTypes = Object.keys(body.content);
    const json = body.content["application/json"] ?? Object.values(body.content)[0];
    const schema = isRecord(json) ? json.schema : undefined;
    return { required: body.required === true, mediaTypes, validate: this.lazy(schema ?? {}) };
  }

  private responses(raw: unknown): Map<string, SpecResponse> {
    const out = new Map<string, SpecResponse>();
    if (!isRecord(raw)) return out;
    for (const [status, rawResponse] of Object.entries(raw)) {
      const response = this.deref(rawResponse);
      if (!isRecord(response)) continue;
      const content = isRecord(response.content) ? response.content : {};
      const json = content["application/json"];
      const schema = isRecord(json) ? json.schema : undefined;
      const ref = isRecord(schema) && typeof schema.$ref === "string" ? schema.$ref : "";
      const schemaName = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      out.set(status, {
        mediaTypes: Object.keys(content),
        ...(schema !== undefined ? { validateJson: this.lazy(schema) } : {}),
        ...(schemaName !== undefined ? { schemaName } : {}),
        emptyBodyAllowed: response["x-empty-body-allowed"] === true,
      });
    }
    return out;
  }
}

let nextSchemaId = 0;
let cached: SpecDocument | undefined;

/** The spec, parsed and indexed once per process. */
export function specDocument(): SpecDocument {
  cached ??= new SpecDocument();
  return cached;
}
