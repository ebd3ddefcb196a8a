/** The SDK version, sent in the User-Agent and in `run_env.client_version`. Keep in step with package.json. */
export const SDK_VERSION = "0.1.0";
