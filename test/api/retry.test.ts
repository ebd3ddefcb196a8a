import { delay, HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from "../../src/api/errors.js";
import { EXPERIMENT, EXPERIMENTS, experiment, project, testClient, useMswServer } from "./harness.js";

const server = useMswServer();

beforeEach(() => {
  // Only the timers the client uses: msw and undici keep their real scheduling.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  // Full jitter picks half the ceiling: 250 ms, 500 ms, 1000 ms…
  vi.spyOn(Math, "random").mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Answers with each given response in turn (the last one repeats) and records the requests. */
function sequence(method: "get" | "post" | "patch" | "put" | "delete", url: string, answers: (() => Response)[]) {
  const seen: Request[] = [];
  const handler = http[method](url, ({ request }) => {
    seen.push(request);
    const answer = answers[Math.min(seen.length, answers.length) - 1];
    if (answer === undefined) throw new Error("no answer configured");
    return answer();
  });
  server.use(handler);
  return seen;
}

/** Turns a promise into its value or its error, so fake-timer steps can run while it is pending. */
function outcomeOf<T>(promise: Promise<T>) {
  return promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
}

const ok = () => HttpResponse.json({ id: 12 });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ detail: `status ${code}` }, { status: code, headers });
const getExperiment = (client = testClient()) =>
  client.GET("/{username}/{project_name}/experiments/{id}/", { params: { path: experiment } });
const createExperiment = (client = testClient()) =>
  client.POST("/{username}/{project_name}/experiments/", { params: { path: project }, body: { name: "run" } });

describe("retries", () => {
  it("waits for Retry-After (2 s) after a 429, then succeeds", async () => {
    const seen = sequence("get", EXPERIMENT, [status(429, { "Retry-After": "2" }), ok]);
    const call = outcomeOf(getExperiment());
    await vi.advanceTimersByTimeAsync(1999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const { value } = await call;
    expect(value?.data).toEqual({ id: 12 });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.headers.has("x-polyaxon-retry-count")).toBe(false);
    expect(seen[1]?.headers.get("x-polyaxon-retry-count")).toBe("1");
    expect(seen[1]?.headers.get("authorization")).toBe(seen[0]?.headers.get("authorization"));
  });

  it("honours Retry-After given as an HTTP date", async () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z")); // HTTP dates have whole seconds
    const when = new Date(Date.now() + 5000).toUTCString();
    const seen = sequence("get", EXPERIMENT, [status(503, { "Retry-After": when }), ok]);
    const call = outcomeOf(getExperiment());
    await vi.advanceTimersByTimeAsync(4999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call).value?.data).toEqual({ id: 12 });
  });

  it("caps a long Retry-After at maxRetryAfterMs", async () => {
    const seen = sequence("get", EXPERIMENT, [status(429, { "Retry-After": "3600" }), ok]);
    const call = outcomeOf(getExperiment(testClient({ retry: { maxRetryAfterMs: 10_000 } })));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call).value?.data).toEqual({ id: 12 });
  });

  it("retries a 503 with jittered back-off, then succeeds", async () => {
    const seen = sequence("get", EXPERIMENT, [status(503), ok]);
    const call = outcomeOf(getExperiment());
    await vi.advanceTimersByTimeAsync(249);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call).value?.data).toEqual({ id: 12 });
    expect(seen).toHaveLength(2);
  });

  it("retries a GET whose connection was reset", async () => {
    const seen = sequence("get", EXPERIMENT, [() => HttpResponse.error(), ok]);
    const call = outcomeOf(getExperiment());
    await vi.advanceTimersByTimeAsync(250);
    expect((await call).value?.data).toEqual({ id: 12 });
    expect(seen).toHaveLength(2);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
  ])("does not retry a %s", async (code, ErrorClass) => {
    const seen = sequence("get", EXPERIMENT, [status(code), ok]);
    const { error } = await outcomeOf(getExperiment());
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status: code, attempts: 1, retryable: false });
    expect(seen).toHaveLength(1);
  });

  it("does not retry a POST on 500 (it may have been applied)", async () => {
    const seen = sequence("post", EXPERIMENTS, [status(500), ok]);
    const { error } = await outcomeOf(createExperiment());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, attempts: 1, retryable: false, mayHaveBeenApplied: true });
    expect(seen).toHaveLength(1);
  });

  it("does not retry a PATCH on 500", async () => {
    const seen = sequence("patch", EXPERIMENT, [status(500), ok]);
    const call = outcomeOf(
      testClient().PATCH("/{username}/{project_name}/experiments/{id}/", {
        params: { path: experiment },
        body: { description: "x" },
      }),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await call).error).toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(1);
  });

  it("retries a DELETE on 500 (idempotent)", async () => {
    const seen = sequence("delete", EXPERIMENT, [status(500), () => new HttpResponse(null, { status: 204 })]);
    const call = outcomeOf(
      testClient().DELETE("/{username}/{project_name}/experiments/{id}/", { params: { path: experiment } }),
    );
    await vi.advanceTimersByTimeAsync(250);
    expect((await call).error).toBeUndefined();
    expect(seen).toHaveLength(2);
  });

  it.each([429, 502, 503, 504])("retries a POST on %s and re-sends the same body", async (code) => {
    const seen = sequence("post", EXPERIMENTS, [status(code), () => HttpResponse.json({ id: 7 }, { status: 201 })]);
    const call = outcomeOf(createExperiment());
    await vi.advanceTimersByTimeAsync(250);
    expect((await call).value?.data).toEqual({ id: 7 });
    expect(seen).toHaveLength(2);
    expect(await seen[1]?.json()).toEqual({ name: "run" });
  });

  it("does not retry a POST whose connection failed after it may have been sent", async () => {
    const seen = sequence("post", EXPERIMENTS, [() => HttpResponse.error(), ok]);
    const { error } = await outcomeOf(createExperiment());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ requestSent: true, mayHaveBeenApplied: true, retryable: false, attempts: 1 });
    expect(seen).toHaveLength(1);
  });

  it("retries a POST whose connection was refused (nothing was sent)", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { code: "ECONNREFUSED" });
    const fetch = vi
      .fn<(r: Request) => Promise<Response>>()
      .mockRejectedValueOnce(new TypeError("fetch failed", { cause: refused }))
      .mockImplementation(async () => Response.json({ id: 7 }, { status: 201 }));
    const call = outcomeOf(createExperiment(testClient({ fetch })));
    await vi.advanceTimersByTimeAsync(250);
    expect((await call).value?.data).toEqual({ id: 7 });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(await fetch.mock.calls[1]?.[0].json()).toEqual({ name: "run" });
  });

  it("stops when the budget is spent and reports the attempts", async () => {
    const seen = sequence("get", EXPERIMENT, [status(503)]);
    const call = outcomeOf(getExperiment());
    await vi.advanceTimersByTimeAsync(250 + 500 + 1000);
    const { error } = await call;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, attempts: 4, retryable: true, mayHaveBeenApplied: false });
    expect((error as Error).message).toContain("(after 4 attempts)");
    expect(seen.map((r) => r.headers.get("x-polyaxon-retry-count"))).toEqual([null, "1", "2", "3"]);
  });

  it("reports the last connection failure when every retry failed", async () => {
    const seen = sequence("get", EXPERIMENT, [status(503), () => HttpResponse.error()]);
    const call = outcomeOf(getExperiment(testClient({ retry: { maxRetries: 2 } })));
    await vi.advanceTimersByTimeAsync(250 + 500);
    const { error } = await call;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ attempts: 3 });
    expect(seen).toHaveLength(3);
  });

  it("keeps a 429's Retry-After on the final RateLimitError", async () => {
    sequence("get", EXPERIMENT, [status(429, { "Retry-After": "7" })]);
    const { error } = await outcomeOf(getExperiment(testClient({ retry: false })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 7000, attempts: 1, retryable: true });
  });

  it("does not retry when retry is false", async () => {
    const seen = sequence("get", EXPERIMENT, [status(503), ok]);
    const { error } = await outcomeOf(getExperiment(testClient({ retry: false })));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(1);
  });

  it("returns { error } after the retries with throwOnError: false", async () => {
    sequence("get", EXPERIMENT, [status(503), status(404)]);
    const call = outcomeOf(getExperiment(testClient({ throwOnError: false })));
    await vi.advanceTimersByTimeAsync(250);
    const { value } = await call;
    expect(value?.response.status).toBe(404);
    expect(value?.error).toEqual({ detail: "status 404" });
  });

  it("cancels the body of a response it discards", async () => {
    const cancel = vi.fn();
    const body = new ReadableStream({ cancel });
    const fetch = vi
      .fn<(r: Request) => Promise<Response>>()
      .mockResolvedValueOnce(new Response(body, { status: 503 }))
      .mockImplementation(async () => Response.json({ id: 12 }));
    const call = outcomeOf(getExperiment(testClient({ fetch })));
    await vi.advanceTimersByTimeAsync(250);
    expect((await call).value?.data).toEqual({ id: 12 });
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it("stops retrying when the caller aborts during the back-off", async () => {
    const seen = sequence("get", EXPERIMENT, [status(503), ok]);
    const controller = new AbortController();
    const call = outcomeOf(
      testClient().GET("/{username}/{project_name}/experiments/{id}/", {
        params: { path: experiment },
        signal: controller.signal,
      }),
    );
    await vi.advanceTimersByTimeAsync(100);
    const reason = new Error("user gave up");
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await call).error).toBe(reason);
    expect(seen).toHaveLength(1);
  });
});

describe("caller control", () => {
  it("rejects with the caller's abort reason while an attempt is in flight, without retrying", async () => {
    const fetch = vi.fn(
      (request: Request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
        }),
    );
    const controller = new AbortController();
    const call = outcomeOf(
      testClient({ fetch }).GET("/{username}/{project_name}/experiments/{id}/", {
        params: { path: experiment },
        signal: controller.signal,
      }),
    );
    await vi.advanceTimersByTimeAsync(10);
    const reason = new Error("user gave up");
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await call).error).toBe(reason);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("re-runs headers from the middleware option on retries, but not from a later client.use()", async () => {
    const seen = sequence("get", EXPERIMENT, [status(503), ok]);
    const statuses: number[] = [];
    const client = testClient({
      middleware: [
        {
          onRequest({ request }) {
            request.headers.set("X-From-Option", "yes");
            return request;
          },
          onResponse({ response }) {
            statuses.push(response.status);
          },
        },
      ],
    });
    client.use({
      onRequest({ request }) {
        request.headers.set("X-From-Use", "yes");
        return request;
      },
    });
    const call = outcomeOf(getExperiment(client));
    await vi.advanceTimersByTimeAsync(250);
    await call;
    expect(seen.map((r) => r.headers.get("x-from-option"))).toEqual(["yes", "yes"]);
    expect(seen.map((r) => r.headers.get("x-from-use"))).toEqual(["yes", null]);
    expect(statuses).toEqual([200]);
  });

  it("lets the middleware option see the final non-2xx answer before it is thrown", async () => {
    sequence("get", EXPERIMENT, [status(404)]);
    const statuses: number[] = [];
    const client = testClient({ middleware: [{ onResponse: ({ response }) => void statuses.push(response.status) }] });
    expect((await outcomeOf(getExperiment(client))).error).toBeInstanceOf(NotFoundError);
    expect(statuses).toEqual([404]);
  });
});

describe("timeouts", () => {
  const hang = () => {
    server.use(
      http.get(EXPERIMENT, async () => {
        await delay("infinite");
        return ok();
      }),
    );
  };

  it("turns a hung attempt into APITimeoutError after timeoutMs", async () => {
    hang();
    const call = outcomeOf(getExperiment(testClient({ timeoutMs: 5000, retry: false })));
    await vi.advanceTimersByTimeAsync(4999);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await call;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toMatchObject({ timeoutMs: 5000, attempts: 1, retryable: true, mayHaveBeenApplied: true });
    expect((error as Error).message).toBe(
      "GET /{username}/{project_name}/experiments/{id}/ → no response within 5000 ms",
    );
  });

  it("times out an injected fetch that ignores its signal", async () => {
    const fetch = vi.fn(() => new Promise<Response>(() => undefined));
    const call = outcomeOf(getExperiment(testClient({ fetch, retry: false })));
    await vi.advanceTimersByTimeAsync(30_000);
    expect((await call).error).toBeInstanceOf(APITimeoutError);
  });

  it("aborts the attempt's signal on timeout", async () => {
    const signals: AbortSignal[] = [];
    const fetch = vi.fn((request: Request) => {
      signals.push(request.signal);
      return new Promise<Response>(() => undefined);
    });
    const call = outcomeOf(getExperiment(testClient({ fetch, retry: false, timeoutMs: 1000 })));
    await vi.advanceTimersByTimeAsync(999);
    expect(signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signals[0]?.aborted).toBe(true);
    await call;
  });

  it("never times out with timeoutMs: Infinity", async () => {
    const signals: AbortSignal[] = [];
    const fetch = vi.fn((request: Request) => {
      signals.push(request.signal);
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
      });
    });
    const controller = new AbortController();
    const call = outcomeOf(
      testClient({ fetch, timeoutMs: Number.POSITIVE_INFINITY }).GET("/{username}/{project_name}/experiments/{id}/", {
        params: { path: experiment },
        signal: controller.signal,
      }),
    );
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(signals[0]?.aborted).toBe(false);
    controller.abort(new Error("done"));
    expect((await call).error).toEqual(new Error("done"));
  });

  it("retries a GET that timed out", async () => {
    const fetch = vi
      .fn<(r: Request) => Promise<Response>>()
      .mockImplementationOnce(() => new Promise<Response>(() => undefined))
      .mockImplementation(async () => Response.json({ id: 12 }));
    const call = outcomeOf(getExperiment(testClient({ fetch, timeoutMs: 1000 })));
    await vi.advanceTimersByTimeAsync(1000 + 250);
    expect((await call).value?.data).toEqual({ id: 12 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("does not retry a POST that timed out", async () => {
    const fetch = vi.fn(() => new Promise<Response>(() => undefined));
    const call = outcomeOf(createExperiment(testClient({ fetch, timeoutMs: 1000 })));
    await vi.advanceTimersByTimeAsync(10_000);
    const { error } = await call;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toMatchObject({ retryable: false, attempts: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
