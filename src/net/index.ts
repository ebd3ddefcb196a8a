/** Node-only networking: proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and TLS trust over undici. */
export { networkFromSettings } from "./from-settings.js";
export { bypassesProxy, type NoProxyRule, parseNoProxy } from "./no-proxy.js";
export { createClient, INSECURE_WARNING, type NetworkOptions, type NodeClientOptions } from "./node-client.js";
