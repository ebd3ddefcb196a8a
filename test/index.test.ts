/** The package's public surface: what `polyaxon-tracking` exports at runtime, each documented. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const publicApi = readme.slice(readme.indexOf("## Public API"));

describe("the package entry point", () => {
  it("exports the documented runtime API and no internal machinery", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "APIConnectionError",
        "APIError",
        "APIRequestError",
        "APIResponseDecodeError",
        "APITimeoutError",
        "ArtifactError",
        "AuthenticationError",
        "AzureOutputsStore",
        "BadRequestError",
        "ClientConfigError",
        "ConflictError",
        "Experiment",
        "ExperimentStateError",
        "GcsOutputsStore",
        "InternalServerError",
        "LocalOutputsStore",
        "NotFoundError",
        "NotManagedError",
        "PaginationError",
        "PermissionDeniedError",
        "PolyaxonError",
        "RETRY_COUNT_HEADER",
        "RateLimitError",
        "S3OutputsStore",
        "SDK_VERSION",
        "SettingsError",
        "ValidationError",
        "createClient",
        "loadSettings",
        "outputsPathFor",
        "outputsStoreFor",
        "paginate",
        "preSerializedJson",
      ].sort(),
    );
  });

  it("documents every runtime export in the README's Public API table", () => {
    for (const name of Object.keys(api)) expect(publicApi, name).toContain(`\`${name}\``);
  });
});
