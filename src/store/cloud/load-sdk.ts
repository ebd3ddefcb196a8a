/**
 * The cloud SDKs are optional peer dependencies: a user who never uploads to S3 does not
 * install the AWS SDK. Each store imports its SDK on first use; a missing one becomes an
 * `ArtifactError` that says which packages to install, instead of a bare module-resolution
 * error from deep inside an upload.
 */
import { ArtifactError } from "../artifact-error.js";

function errorCode(error: unknown): unknown {
  return error instanceof Error && "code" in error ? error.code : undefined;
}

/**
 * Runs `load` (a dynamic `import()` of the store's SDK packages). `packages` are the peer
 * packages the store needs, all named in the error so one `npm install` fixes it.
 */
export async function loadSdk<T>(store: string, packages: readonly string[], load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const install = `npm install ${packages.join(" ")}`;
    const code = errorCode(error);
    const missing = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArtifactError(
      missing
        ? `The ${store} outputs store needs the optional package(s) ${packages.join(", ")}, which are not installed: ${install}`
        : `The ${store} outputs store could not load ${packages.join(", ")} (${reason}); reinstall them: ${install}`,
      { cause: error },
    );
  }
}
