import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createClientFor } from "../../src/api/base-client.js";
import type { ClientOptions } from "../../src/api/options.js";
import type { paths } from "./local-paths.js";

export const BASE = "http://polyaxon.test/api/v1";
export const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
export const EXPERIMENTS = `${BASE}/alice/mnist/experiments/`;
export const EXPERIMENT = `${BASE}/alice/mnist/experiments/12/`;
export const METRICS = `${BASE}/alice/mnist/experiments/12/metrics/`;
export const project = { username: "alice", project_name: "mnist" };
export const experiment = { ...project, id: 12 };

/** An msw server for one test file, strict about unhandled requests. */
export function useMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A client over the local test paths, pointed at the msw base URL with a token. */
export function testClient(options: ClientOptions = {}) {
  return createClientFor<paths>({ baseUrl: BASE, token: TOKEN, ...options });
}
