/**
 * The paginator against the recorded real server (msw spec handlers replaying its bytes) and
 * against the fake server of polyaxon-tracking/testing on a real socket.
 */
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ClientConfigError,
  createClient,
  type PageInfo,
  PaginationError,
  type PolyaxonClient,
  paginate,
} from "../../src/api/index.js";
import { type FakePolyaxon, type FakeServerOptions, startFakePolyaxon } from "../../src/testing/index.js";
import { RECORDED_BASE_URL, recordedExchanges, recordedPagesByOffset } from "../support/recorded-script.js";
import { expectNoSpecViolations, recordRequests } from "../support/spec.js";

const project = { username: "alice", project_name: "mnist" };
const METRICS = "/{username}/{project_name}/experiments/{id}/metrics/" as const;

describe("against the recorded server: metric pages of 10 that share created_at (288–290)", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    expectNoSpecViolations();
  });
  afterAll(() => server.close());

  const pages = recordedExchanges([288, 289, 290]);
  const recordedIds = pages.flatMap((page) =>
    (page.response_body_decoded as { results: { id: number }[] }).results.map((m) => m.id),
  );

  it("yields every id the pages hold once, in page order, following the next links", async () => {
    server.use(recordedPagesByOffset([288, 289, 290]));
    const client = createClient({ baseUrl: RECORDED_BASE_URL, token: "t", retry: false });
    const unique = [...new Set(recordedIds)];
    const seen: PageInfo[] = [];
    const recording = recordRequests();
    const items: number[] = [];
    for await (const metric of paginate(client, METRICS, {
      params: { path: { ...project, id: 105 } },
      pageSize: 10,
      onPage: (info) => seen.push(info),
    })) {
      items.push(metric.id);
      // The three recorded pages are all there is: stop before a fourth is asked for.
      if (items.length === unique.length) break;
    }
    recording.stop();
    expect(items).toEqual(unique);
    expect(recordedIds.length - unique.length).toBe(2);
    expect(seen.map((p) => [p.offset, p.size, p.duplicates])).toEqual([
      [0, 10, 0],
      [10, 10, 1],
      [20, 10, 1],
    ]);
    expect(recording.calls.map((call) => call.query)).toEqual([
      { limit: "10" },
      { limit: "10", offset: "10" },
      { limit: "10", offset: "20" },
    ]);
    // Behaviour 13: limit/offset pages skip points that share a created_at; one page does not.
    const steps = pages.flatMap((p) =>
      (p.response_body_decoded as { results: { values: { step: number } }[] }).results.map((m) => m.values.step),
    );
    expect(steps).not.toContain(10);
    expect(steps).not.toContain(20);
  });
});

describe("against the fake server", () => {
  let fake: FakePolyaxon;
  let client: PolyaxonClient;

  async function start(options: FakeServerOptions = {}): Promise<void> {
    fake = await startFakePolyaxon(options);
    client = createClient({ ...fake.settings, retry: false });
  }

  afterEach(async () => {
    expect(fake.violations()).toEqual([]);
    await fake.close();
  });

  async function createExperiments(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await client.POST("/{username}/{project_name}/experiments/", {
        params: { path: project },
        body: { name: `run-${i}`, is_managed: false, tags: i % 2 === 0 ? ["even"] : ["odd"] },
      });
    }
  }

  async function postPoints(id: number, points: number): Promise<void> {
    // One created_at for all: the ties a fast training loop produces.
    const created_at = "2026-11-30T12:43:21.507Z";
    await client.POST(METRICS, {
      params: { path: { ...project, id } },
      body: Array.from({ length: points }, (_, step) => ({ values: { step }, created_at })),
    });
  }

  const listRequests = () =>
    fake.requests({ operationId: "listProjectExperiments" }).map((r) => r.query as Record<string, string>);

  it("follows next links page by page and yields every item once, in the server's order", async () => {
    await start();
    await createExperiments(25);
    const names: (string | null)[] = [];
    for await (const e of paginate(client, "/{username}/{project_name}/experiments/", {
      params: { path: project },
      pageSize: 10,
    })) {
      names.push(e.name);
    }
    // The server's default order is -updated_at: the newest first.
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `run-${24 - i}`));
    expect(listRequests()).toEqual([{ limit: "10" }, { limit: "10", offset: "10" }, { limit: "10", offset: "20" }]);
  });

  it("uses the server's page size when none is given, and passes the list's own query", async () => {
    await start();
    await createExperiments(45);
    const names: string[] = [];
    for await (const e of paginate(client, "/{username}/{project_name}/experiments/", {
      params: { path: project, query: { query: "tags:even", sort: "created_at" } },
    })) {
      names.push(e.name ?? "");
    }
    expect(names).toEqual(Array.from({ length: 23 }, (_, i) => `run-${2 * i}`));
    expect(listRequests()).toEqual([
      { query: "tags:even", sort: "created_at" },
      { limit: "20", offset: "20", query: "tags:even", sort: "created_at" },
    ]);
  });

  it("stops fetching when the loop breaks", async () => {
    await start();
    await createExperiments(25);
    let taken = 0;
    for await (const _ of paginate(client, "/{username}/{project_name}/experiments/", {
      params: { path: project },
      pageSize: 10,
    })) {
      taken += 1;
      if (taken === 12) break;
    }
    expect(listRequests()).toHaveLength(2);
  });

  it("reads a metric list in one page when no page size is given, ties and all", async () => {
    await start();
    await createExperiments(1);
    await postPoints(1, 120);
    const steps: number[] = [];
    for await (const metric of paginate(client, METRICS, { params: { path: { ...project, id: 1 } } })) {
      steps.push(metric.values.step ?? -1);
    }
    expect(steps).toEqual(Array.from({ length: 120 }, (_, step) => step));
    expect(fake.requests({ operationId: "listExperimentMetrics" }).map((r) => r.query)).toEqual([{}]);
  });

  it("never yields a point twice when limit/offset pages of tied points overlap", async () => {
    await start();
    await createExperiments(1);
    await postPoints(1, 120);
    const ids: number[] = [];
    let duplicates = 0;
    for await (const metric of paginate(client, METRICS, {
      params: { path: { ...project, id: 1 } },
      pageSize: 10,
      onPage: (page) => {
        duplicates += page.duplicates;
      },
    })) {
      ids.push(metric.id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // The server repeated some points across pages (and so skipped as many): see pageSize.
    expect(duplicates).toBeGreaterThan(0);
    expect(ids.length + duplicates).toBe(120);
  });

  it("ends with the signal's reason when aborted, without another request", async () => {
    await start();
    await createExperiments(25);
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const iterate = async () => {
      for await (const _ of paginate(client, "/{username}/{project_name}/experiments/", {
        params: { path: project },
        pageSize: 10,
        signal: controller.signal,
      })) {
        controller.abort(reason);
      }
    };
    await expect(iterate()).rejects.toBe(reason);
    expect(listRequests()).toHaveLength(1);
  });

  it("refuses a bad page size before any request", async () => {
    await start();
    const iterate = paginate(client, "/experiments/", { params: {}, pageSize: 0 });
    await expect(iterate.next()).rejects.toBeInstanceOf(ClientConfigError);
    expect(fake.requests()).toHaveLength(0);
  });

  it("raises a PaginationError for an error answer when the client does not throw", async () => {
    await start();
    const quiet = createClient({ ...fake.settings, retry: false, throwOnError: false });
    const iterate = paginate(quiet, "/{username}/{project_name}/experiments/{id}/statuses/", {
      params: { path: { ...project, id: 99 } },
    });
    const error = await iterate.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ status: 404, path: "/{username}/{project_name}/experiments/{id}/statuses/" });
  });

  it("keeps items without an id (bookmarks)", async () => {
    await start();
    await createExperiments(3);
    for (const id of [1, 2, 3]) {
      await client.POST("/{username}/{project_name}/experiments/{id}/bookmark/", {
        params: { path: { ...project, id } },
      });
    }
    const bookmarked: number[] = [];
    for await (const b of paginate(client, "/bookmarks/{username}/experiments/", {
      params: { path: { username: "alice" } },
      pageSize: 2,
    })) {
      bookmarked.push(b.content_object.id);
    }
    expect(bookmarked.sort()).toEqual([1, 2, 3]);
  });
});

describe("a metric list gzipped twice, as the real server sends large ones", () => {
  it("is read in one page, every point once (the client removes the nested layer)", async () => {
    const fake = await startFakePolyaxon();
    try {
      const client = createClient({ ...fake.settings, retry: false });
      await client.POST("/{username}/{project_name}/experiments/", {
        params: { path: project },
        body: { is_managed: false },
      });
      await client.POST(METRICS, {
        params: { path: { ...project, id: 1 } },
        body: Array.from({ length: 5000 }, (_, step) => ({
          values: { step },
          created_at: "2026-11-30T12:43:21.507Z",
        })),
      });
      const steps: number[] = [];
      for await (const metric of paginate(client, METRICS, { params: { path: { ...project, id: 1 } } })) {
        steps.push(metric.values.step ?? -1);
      }
      expect(steps).toEqual(Array.from({ length: 5000 }, (_, step) => step));
      expect(fake.requests({ operationId: "listExperimentMetrics" })).toHaveLength(1);
      expect(fake.violations()).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
