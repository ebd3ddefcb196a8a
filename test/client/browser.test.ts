/**
 * polyaxon-tracking/client in a real browser: headless Chromium (Debian's `chromium`, driven
 * by puppeteer-core) loads a page from one 127.0.0.1 origin that lists experiments, page by
 * page, from the fake server on another origin (CORS), through the esbuild browser bundle.
 *
 * Chromium must be installed (`apt-get install -y --no-install-recommends chromium`; .ci/run
 * does it). Only `PLX_SKIP_BROWSER=1`, set on purpose, skips this test.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../src/api/index.js";
import { type FakePolyaxon, startFakePolyaxon } from "../../src/testing/index.js";
import { bundleClient } from "./bundle.js";

const CHROMIUM = process.env.PLX_CHROMIUM ?? "/usr/bin/chromium";
const SKIP = process.env.PLX_SKIP_BROWSER === "1";
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function page(fakeUrl: string, token: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>experiments</title></head><body><ul id="list"></ul>
<script src="/client.js"></script>
<script>
(async () => {
  const { createClient, paginate } = window.PolyaxonClient;
  const client = createClient({ baseUrl: ${JSON.stringify(fakeUrl)}, token: ${JSON.stringify(token)}, retry: false });
  const names = [];
  for await (const experiment of paginate(client, "/{username}/{project_name}/experiments/", {
    params: { path: { username: "alice", project_name: "mnist" }, query: { sort: "created_at" } },
    pageSize: 2,
  })) {
    names.push(experiment.name);
    const item = document.createElement("li");
    item.textContent = experiment.name + " " + experiment.last_status;
    document.getElementById("list").append(item);
  }
  window.__result = { names, userAgent: navigator.userAgent };
})().catch((error) => { window.__result = { error: String(error && error.stack || error) }; });
</script></body></html>`;
}

describe.skipIf(SKIP)("polyaxon-tracking/client in headless Chromium", () => {
  let fake: FakePolyaxon;
  let site: Server;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y --no-install-recommends chromium\` ` +
          "(as .ci/run does), point PLX_CHROMIUM at it, or set PLX_SKIP_BROWSER=1 to skip this test locally.",
      );
    }
    fake = await startFakePolyaxon({ cors: true });
    const client = createClient({ ...fake.settings, retry: false });
    for (const name of ["first", "second", "third"]) {
      await client.POST("/{username}/{project_name}/experiments/", {
        params: { path: { username: "alice", project_name: "mnist" } },
        body: { name, is_managed: false },
      });
    }
    const { code } = await bundleClient();
    const html = page(fake.url, fake.token);
    site = createServer((req, res) => {
      if (req.url === "/client.js") res.writeHead(200, { "content-type": "text/javascript" }).end(code);
      else if (req.url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    profile = mkdtempSync(join(tmpdir(), "plx-chromium-"));
  }, 30_000);

  afterAll(async () => {
    await fake?.close();
    if (site) await new Promise((resolve) => site.close(resolve));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("lists the experiments from another origin, page by page, with the browser's own User-Agent", async () => {
    const browser = await launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...FLAGS, `--user-data-dir=${profile}`],
    });
    try {
      const tab = await browser.newPage();
      const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      await tab.goto(`${origin}/`);
      await tab.waitForFunction("window.__result !== undefined", { timeout: 20_000 });
      const result = (await tab.evaluate("window.__result")) as {
        names?: string[];
        userAgent?: string;
        error?: string;
      };
      expect(result.error).toBeUndefined();
      expect(result.names).toEqual(["first", "second", "third"]);
      expect(await tab.$$eval("#list li", (items) => items.map((li) => li.textContent))).toEqual([
        "first created",
        "second created",
        "third created",
      ]);
      const lists = fake.requests({ operationId: "listProjectExperiments" });
      expect(lists.map((r) => r.query)).toEqual([
        { limit: "2", sort: "created_at" },
        { limit: "2", offset: "2", sort: "created_at" },
      ]);
      for (const request of lists) {
        expect(request.headers.origin).toBe(origin);
        expect(request.headers["user-agent"]).toBe(result.userAgent);
      }
      expect(fake.violations()).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
