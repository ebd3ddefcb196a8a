/**
 * The fake server against the real one: recorded request sequences (shared/real-server, kept
 * in test/fixtures/real-server) are replayed into the fake, and each answer must match the
 * recorded one in status, content type, gzip and body, apart from ids, uuids, timestamps and hosts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { gunzipAll } from "../api/replay/exchanges.js";
import { recordedExchange } from "../support/recorded-script.js";

const VOLATILE = new Set([
  "id",
  "uuid",
  "unique_name",
  "experiment",
  "created_at",
  "updated_at",
  "started_at",
  "finished_at",
]);

let fake: FakePolyaxon;
afterEach(async () => {
  expect(fake.violations()).toEqual([]);
  await fake.close();
});

/** The value with volatile fields blanked, so two servers' answers compare. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (VOLATILE.has(key)) return [key, v === null ? null : "<volatile>"];
      if ((key === "next" || key === "previous") && typeof v === "string") return [key, new URL(v).search];
      return [key, normalized(v)];
    }),
  );
}

/** Replays the exchanges in order, mapping the recorded experiment ids to the fake's. */
async function replay(seqs: number[]): Promise<void> {
  const ids = new Map<string, string>();
  for (const seq of seqs) {
    const recorded = recordedExchange(seq);
    const path = recorded.path.replace(
      /\/experiments\/(\d+)\//,
      (_, id: string) => `/experiments/${ids.get(id) ?? id}/`,
    );
    const query = new URLSearchParams(recorded.query as Record<string, string>).toString();
    const url = `http://127.0.0.1:${fake.port}${path}${query ? `?${query}` : ""}`;
    const hasBody = recorded.request_body !== null;
    const response = await fetch(url, {
      method: recorded.method,
      headers: {
        authorization: `Token ${fake.token}`,
        "accept-encoding": "identity",
        ...(hasBody ? { "content-type": "application/json" } : {}),
      },
      ...(hasBody ? { body: JSON.stringify(recorded.request_body) } : {}),
    });
    const { text } = gunzipAll(Buffer.from(await response.arrayBuffer()));
    const where = `seq ${seq} ${recorded.method} ${recorded.path}`;
    expect(response.status, where).toBe(recorded.status);
    expect(response.headers.get("content-type"), where).toBe(recorded.response_headers["content-type"] ?? null);
    expect(response.headers.get("content-encoding"), where).toBe(recorded.response_headers["content-encoding"] ?? null);
    const recordedText = recorded.response_body_decoded;
    if (recordedText === null) expect(text, where).toBe("");
    else if (typeof recordedText === "string" && !response.headers.get("content-type")?.includes("json")) {
      expect(text, where).toBe(recordedText);
    } else {
      expect(normalized(JSON.parse(text)), where).toEqual(normalized(recordedText));
    }
    if (recorded.method === "POST" && /\/experiments\/$/.test(recorded.path) && response.status === 201) {
      ids.set(String((recordedText as { id: number }).id), String((JSON.parse(text) as { id: number }).id));
    }
  }
}

describe("replaying the real server's recordings into the fake", () => {
  it("duplicate names: renamed <name>-N on create and on a PATCH with the own name, refused when taken (291–298)", async () => {
    fake = await startFakePolyaxon();
    await replay([291, 292, 293, 294, 295, 296, 297, 298]);
  });

  it("async storage: metric list and object, last_metric rounding, logs before and after the end (300–320)", async () => {
    fake = await startFakePolyaxon();
    // The polls that caught the worker still busy (303–306, 314–317) depend on its timing: not replayed.
    await replay([300, 301, 302, 307, 308, 309, 310, 311, 312, 313, 318, 319, 320]);
  });

  it("throttled: the same 429 body and Retry-After (510)", async () => {
    let now = 0;
    fake = await startFakePolyaxon({ throttle: { requestsPerMinute: 1 }, now: () => now });
    const recorded = recordedExchange(510);
    await fetch(`${fake.url}/users/`, { headers: { authorization: `Token ${fake.token}` } });
    now = 18_000;
    const response = await fetch(`${fake.url}/users/`, { headers: { authorization: `Token ${fake.token}` } });
    expect(response.status).toBe(recorded.status);
    expect(response.headers.get("retry-after")).toBe(recorded.response_headers["retry-after"]);
    expect(await response.json()).toEqual(recorded.response_body_decoded);
  });
});
