import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createClientFor } from "../../src/api/base-client.js";
import {
  APIConnectionError,
  APIError,
  APIRequestError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ClientConfigError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../../src/api/errors.js";
import { PolyaxonError } from "../../src/errors.js";
import { rejected } from "../support/thrown.js";
import { EXPERIMENT, EXPERIMENTS, experiment, project, TOKEN, testClient, useMswServer } from "./harness.js";
import type { paths } from "./local-paths.js";

const server = useMswServer();

const createExperiment = (client = testClient({ retry: false })) =>
  client.POST("/{username}/{project_name}/experiments/", { params: { path: project }, body: { name: "run" } });
const getExperiment = (client = testClient({ retry: false })) =>
  client.GET("/{username}/{project_name}/experiments/{id}/", { params: { path: experiment } });

describe("error mapping", () => {
  it("maps a 400 field-error object to BadRequestError with the body in the message", async () => {
    server.use(http.post(EXPERIMENTS, () => HttpResponse.json({ name: ["This field is required."] }, { status: 400 })));
    const error = await rejected(createExperiment());
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(PolyaxonError);
    expect(error).toMatchObject({
      name: "BadRequestError",
      method: "POST",
      pathTemplate: "/{username}/{project_name}/experiments/",
      url: EXPERIMENTS,
      status: 400,
      body: { name: ["This field is required."] },
      attempts: 1,
      retryable: false,
      mayHaveBeenApplied: false,
    });
    expect((error as Error).message).toBe(
      'POST /{username}/{project_name}/experiments/ → 400 Bad Request: {"name":["This field is required."]}',
    );
  });

  it("keeps a JSON array body (view-raised validation)", async () => {
    server.use(http.post(EXPERIMENTS, () => HttpResponse.json(["ttl must be an integer."], { status: 400 })));
    const error = await rejected(createExperiment());
    expect(error).toMatchObject({ body: ["ttl must be an integer."] });
    expect((error as Error).message).toMatch(/→ 400 Bad Request: \["ttl must be an integer\."\]$/);
  });

  it("keeps a bare JSON string body", async () => {
    server.use(http.get(EXPERIMENT, () => HttpResponse.json("Experiment has no logs.", { status: 404 })));
    const error = await rejected(getExperiment());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ body: "Experiment has no logs." });
    expect((error as Error).message).toBe(
      "GET /{username}/{project_name}/experiments/{id}/ → 404 Not Found: Experiment has no logs.",
    );
  });

  it("summarises an HTML 500 page by its title and keeps the text", async () => {
    const page = `<!DOCTYPE html><html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1>${"x".repeat(10_000)}</body></html>`;
    server.use(http.get(EXPERIMENT, () => HttpResponse.html(page, { status: 500 })));
    const error = await rejected(getExperiment());
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe(
      "GET /{username}/{project_name}/experiments/{id}/ → 500 Internal Server Error: Server Error (500)",
    );
    const body = (error as APIError).body;
    expect(typeof body).toBe("string");
    expect((body as string).startsWith("<!DOCTYPE html>")).toBe(true);
    expect((body as string).length).toBeLessThan(page.length);
  });

  it.each([
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
  ])("maps %s to %o", async (status, ErrorClass) => {
    server.use(http.get(EXPERIMENT, () => HttpResponse.json({ detail: "nope" }, { status })));
    const error = await rejected(getExperiment());
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, body: { detail: "nope" }, name: ErrorClass.name });
  });

  it("maps other statuses to a plain APIError", async () => {
    server.use(http.get(EXPERIMENT, () => HttpResponse.json({ detail: 'Method "GET" not allowed.' }, { status: 405 })));
    const error = await rejected(getExperiment());
    expect(error).toBeInstanceOf(APIError);
    expect(Object.getPrototypeOf(error)).toBe(APIError.prototype);
    expect((error as Error).message).toBe(
      'GET /{username}/{project_name}/experiments/{id}/ → 405 Method Not Allowed: {"detail":"Method \\"GET\\" not allowed."}',
    );
  });

  it("omits the body part of the message when the body is empty, and keeps headers and request id", async () => {
    server.use(
      http.get(EXPERIMENT, () => new HttpResponse(null, { status: 403, headers: { "X-Request-Id": "req-42" } })),
    );
    const error = await rejected(getExperiment());
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as Error).message).toBe("GET /{username}/{project_name}/experiments/{id}/ → 403 Forbidden");
    expect(error).toMatchObject({ body: undefined, requestId: "req-42", headers: { "x-request-id": "req-42" } });
  });

  it("returns { error, response } instead of throwing with throwOnError: false", async () => {
    server.use(http.get(EXPERIMENT, () => HttpResponse.json({ detail: "Not found." }, { status: 404 })));
    const { data, error, response } = await getExperiment(testClient({ throwOnError: false }));
    expect(data).toBeUndefined();
    expect(error).toEqual({ detail: "Not found." });
    expect(response.status).toBe(404);
  });

  it("throws APIConnectionError for a refused connection, marked as not sent", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const fetch = async () => {
      throw new TypeError("fetch failed", { cause: refused });
    };
    const error = await rejected(createExperiment(testClient({ fetch, retry: false })));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({
      requestSent: false,
      mayHaveBeenApplied: false,
      retryable: true,
      code: "ECONNREFUSED",
    });
    expect((error as Error).message).toBe(
      "POST /{username}/{project_name}/experiments/ → connection failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9); nothing was sent",
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("marks a TLS certificate failure as not retryable", async () => {
    const tls = Object.assign(new Error("unable to verify the first certificate"), {
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    const fetch = async () => {
      throw new TypeError("fetch failed", { cause: tls });
    };
    const error = await rejected(getExperiment(testClient({ fetch })));
    expect(error).toMatchObject({ requestSent: false, retryable: false, attempts: 1 });
  });

  it("redacts secret-looking query values and userinfo from the url", async () => {
    const fetch = async () => Response.json({ detail: "x" }, { status: 400 });
    const client = testClient({ fetch, retry: false });
    const error = await rejected(
      client.GET("/{username}/{project_name}/experiments/", {
        params: { path: project, query: { offset: 20, api_key: "s3cret" } as { offset: number } },
      }),
    );
    expect((error as APIError).url).toBe(`${EXPERIMENTS}?offset=20&api_key=%5BREDACTED%5D`);
  });
});

describe("the token never leaks", () => {
  const leakyFetch = (status: number) => async (request: Request) => {
    // A misbehaving proxy that echoes everything back, the Authorization header included.
    const auth = request.headers.get("authorization") ?? "";
    return new Response(JSON.stringify({ detail: `bad token ${auth}`, echo: TOKEN }), {
      status,
      headers: {
        "Content-Type": "application/json",
        "Set-Cookie": `token=${TOKEN}`,
        Authorization: auth,
        "X-Echo": `Token ${TOKEN}`,
        "Retry-After": "1",
      },
    });
  };

  const throwingFetch = async (request: Request) => {
    const cause = Object.assign(new Error(`socket hang up for ${request.headers.get("authorization")}`), {
      code: "ECONNRESET",
      headers: Object.fromEntries(request.headers),
    });
    throw new TypeError("fetch failed", { cause });
  };

  async function allErrors(): Promise<unknown[]> {
    const errors: unknown[] = [];
    for (const status of [400, 401, 403, 404, 405, 409, 429, 500, 503]) {
      errors.push(await rejected(getExperiment(testClient({ fetch: leakyFetch(status), retry: false }))));
    }
    errors.push(await rejected(getExperiment(testClient({ fetch: throwingFetch, retry: false }))));
    errors.push(
      await rejected(
        getExperiment(testClient({ fetch: () => new Promise<Response>(() => undefined), retry: false, timeoutMs: 1 })),
      ),
    );
    errors.push(
      await rejected(
        testClient({ fetch: leakyFetch(400), retry: false }).GET("/{username}/{project_name}/experiments/", {
          params: { path: project, query: { offset: 1, token: TOKEN } as { offset: number } },
        }),
      ),
    );
    for (const bad of [`${TOKEN} `, `${TOKEN}\n`]) {
      try {
        createClientFor<paths>({ host: "h", token: bad });
      } catch (error) {
        errors.push(error);
      }
    }
    return errors;
  }

  it("appears in no message, field, header copy, cause or stack of any error type", async () => {
    const errors = await allErrors();
    const kinds = new Set(errors.map((e) => (e as Error).name));
    expect(kinds).toEqual(
      new Set([
        "BadRequestError",
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "APIError",
        "ConflictError",
        "RateLimitError",
        "InternalServerError",
        "APIConnectionError",
        "APITimeoutError",
        "ClientConfigError",
      ]),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(PolyaxonError);
      const renderings = [
        JSON.stringify(error),
        inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        String(error),
        (error as Error).stack ?? "",
      ];
      for (const text of renderings) expect(text).not.toContain(TOKEN);
    }
  });

  it("still shows that something was there", async () => {
    const error = (await rejected(getExperiment(testClient({ fetch: leakyFetch(401), retry: false })))) as APIError;
    expect(error.headers["set-cookie"]).toBe("[REDACTED]");
    expect(error.headers["x-echo"]).toBe("Token [REDACTED]");
    expect(error.body).toEqual({ detail: "bad token Token [REDACTED]", echo: "[REDACTED]" });
    expect(error).toBeInstanceOf(APIRequestError);
  });

  it("keeps a harmless cause as is", async () => {
    const cause = new Error("other side closed");
    const error = await rejected(
      getExperiment(
        testClient({
          retry: false,
          fetch: async () => {
            throw new TypeError("fetch failed", { cause });
          },
        }),
      ),
    );
    expect(((error as Error).cause as Error).cause).toBe(cause);
  });

  it("has typed classes for config and timeouts", () => {
    expect(new ClientConfigError("x", "host")).toBeInstanceOf(PolyaxonError);
    expect(APITimeoutError.prototype).toBeInstanceOf(APIConnectionError);
  });
});
