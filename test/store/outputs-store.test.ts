import { createHash, randomBytes } from "node:crypto";
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PolyaxonError } from "../../src/errors.js";
import { ArtifactError } from "../../src/store/artifact-error.js";
import { type CopyProgress, LocalOutputsStore, outputsPathFor } from "../../src/store/outputs-store.js";
import { rejected } from "../support/thrown.js";

let work: string;
let root: string;
let store: LocalOutputsStore;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "plx-outputs-"));
  root = join(work, "outputs");
  store = new LocalOutputsStore(root);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function write(relative: string, content: string | Buffer): string {
  const path = join(work, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Every file under `dir`, relative, sorted, with content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = join(entry.parentPath, entry.name);
      out[full.slice(dir.length + 1)] = readFileSync(full, "utf8");
    }
  }
  return out;
}

const artifactError = (promise: Promise<unknown>) => rejected(promise, ArtifactError, PolyaxonError);

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

describe("LocalOutputsStore.uploadFile", () => {
  it("copies to {root}/{basename} and reports the result", async () => {
    const file = write("src/model.txt", "weights");
    const result = await store.uploadFile(file);
    expect(store.path).toBe(root);
    expect(readFileSync(join(root, "model.txt"), "utf8")).toBe("weights");
    expect(result).toEqual({
      destination: join(root, "model.txt"),
      files: [{ source: file, destination: join(root, "model.txt"), bytes: 7 }],
      totalBytes: 7,
    });
  });

  it("replaces an existing artifact of the same name and leaves no partial files", async () => {
    await store.uploadFile(write("a/model.txt", "v1"));
    await store.uploadFile(write("b/model.txt", "version 2"));
    expect(readdirSync(root)).toEqual(["model.txt"]);
    expect(readFileSync(join(root, "model.txt"), "utf8")).toBe("version 2");
  });

  it("reports progress, also for an empty file", async () => {
    const events: CopyProgress[] = [];
    const file = write("empty.bin", "");
    await store.uploadFile(file, { onProgress: (p) => events.push(p) });
    expect(events).toEqual([{ file, bytes: 0, totalBytes: 0 }]);
  });

  it("follows a symlink named explicitly", async () => {
    const target = write("real.txt", "real");
    const link = join(work, "link.txt");
    symlinkSync(target, link);
    await store.uploadFile(link);
    expect(readFileSync(join(root, "link.txt"), "utf8")).toBe("real");
  });

  it("missing path → ArtifactError naming it", async () => {
    const missing = join(work, "nope.txt");
    const error = await artifactError(store.uploadFile(missing));
    expect(error.path).toBe(missing);
    expect(error.message).toContain(missing);
    expect(existsSync(root)).toBe(false);
  });

  it("a directory → ArtifactError", async () => {
    mkdirSync(join(work, "dir"));
    const error = await artifactError(store.uploadFile(join(work, "dir")));
    expect(error.message).toMatch(/directory/);
  });

  it("an existing directory at the destination → ArtifactError, no partial file left", async () => {
    mkdirSync(join(root, "clash.txt"), { recursive: true });
    await artifactError(store.uploadFile(write("clash.txt", "x")));
    expect(readdirSync(root)).toEqual(["clash.txt"]);
  });

  it("an aborted copy → ArtifactError and no partial file", async () => {
    const file = write("big.bin", randomBytes(1024 * 1024));
    const controller = new AbortController();
    const error = await artifactError(
      store.uploadFile(file, { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.path).toBe(file);
    expect(readdirSync(root)).toEqual([]);
  });

  it("streams a 50 MB file: same content hash, progress reported along the way", async () => {
    const size = 50 * 1024 * 1024;
    const file = join(work, "big.bin");
    // Written in chunks so the test itself does not hold 50 MB either.
    const chunk = randomBytes(1024 * 1024);
    for (let i = 0; i < size / chunk.length; i++) writeFileSync(file, chunk, { flag: i === 0 ? "w" : "a" });

    const events: CopyProgress[] = [];
    const result = await store.uploadFile(file, { onProgress: (p) => events.push(p) });

    expect(result.totalBytes).toBe(size);
    expect(await sha256(join(root, "big.bin"))).toBe(await sha256(file));
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((e) => e.file === file && e.totalBytes === size)).toBe(true);
    expect(events.at(-1)?.bytes).toBe(size);
    const increasing = events.every((e, i) => i === 0 || e.bytes > (events[i - 1]?.bytes ?? 0));
    expect(increasing).toBe(true);
  }, 60_000);
});

describe("LocalOutputsStore.uploadDir", () => {
  it("copies a nested tree to {root}/{basename(dir)}/… preserving structure", async () => {
    write("logs/a.txt", "A");
    write("logs/sub/b.txt", "B");
    write("logs/sub/deeper/c.txt", "C");
    mkdirSync(join(work, "logs/empty"));
    const result = await store.uploadDir(join(work, "logs"));

    expect(snapshot(join(root, "logs"))).toEqual({ "a.txt": "A", "sub/b.txt": "B", "sub/deeper/c.txt": "C" });
    expect(existsSync(join(root, "logs/empty"))).toBe(true);
    expect(result.destination).toBe(join(root, "logs"));
    expect(result.totalBytes).toBe(3);
    expect(result.files.map((f) => f.destination)).toEqual([
      join(root, "logs/a.txt"),
      join(root, "logs/sub/b.txt"),
      join(root, "logs/sub/deeper/c.txt"),
    ]);
    expect(result.files[1]?.source).toBe(join(work, "logs/sub/b.txt"));
  });

  it("an empty directory is recreated empty", async () => {
    mkdirSync(join(work, "nothing"));
    const result = await store.uploadDir(join(work, "nothing"));
    expect(result).toEqual({ destination: join(root, "nothing"), files: [], totalBytes: 0 });
    expect(readdirSync(join(root, "nothing"))).toEqual([]);
  });

  it("reports progress for every file", async () => {
    write("d/x.txt", "xx");
    write("d/y/z.txt", "zzz");
    const events: CopyProgress[] = [];
    await store.uploadDir(join(work, "d"), { onProgress: (p) => events.push(p) });
    expect(events).toEqual([
      { file: join(work, "d/x.txt"), bytes: 2, totalBytes: 2 },
      { file: join(work, "d/y/z.txt"), bytes: 3, totalBytes: 3 },
    ]);
  });

  it("copies a symlink to a file inside the dir as the file's content", async () => {
    write("d/real.txt", "content");
    symlinkSync("real.txt", join(work, "d/alias.txt"));
    await store.uploadDir(join(work, "d"));
    expect(snapshot(join(root, "d"))).toEqual({ "alias.txt": "content", "real.txt": "content" });
  });

  it("follows a symlink to a directory inside the dir", async () => {
    write("d/data/f.txt", "F");
    symlinkSync("data", join(work, "d/data-link"));
    await store.uploadDir(join(work, "d"));
    expect(snapshot(join(root, "d"))).toEqual({ "data/f.txt": "F", "data-link/f.txt": "F" });
  });

  it("refuses a symlink pointing outside the dir, copying nothing", async () => {
    write("secret.txt", "do not upload");
    write("d/ok.txt", "ok");
    symlinkSync(join(work, "secret.txt"), join(work, "d/leak.txt"));
    const error = await artifactError(store.uploadDir(join(work, "d")));
    expect(error.path).toBe(join(work, "d/leak.txt"));
    expect(error.message).toMatch(/outside/);
    expect(existsSync(join(root, "d/leak.txt"))).toBe(false);
    expect(existsSync(join(root, "d/ok.txt"))).toBe(false);
  });

  it("refuses a directory symlink loop", async () => {
    write("d/sub/f.txt", "F");
    symlinkSync("..", join(work, "d/sub/up"));
    const error = await artifactError(store.uploadDir(join(work, "d")));
    expect(error.message).toMatch(/loop/);
  });

  it("refuses a broken symlink", async () => {
    mkdirSync(join(work, "d"));
    symlinkSync("missing.txt", join(work, "d/broken.txt"));
    const error = await artifactError(store.uploadDir(join(work, "d")));
    expect(error.message).toMatch(/Broken symlink/);
  });

  it("missing path → ArtifactError", async () => {
    await artifactError(store.uploadDir(join(work, "nope")));
  });

  it("a file → ArtifactError", async () => {
    const error = await artifactError(store.uploadDir(write("f.txt", "x")));
    expect(error.message).toMatch(/not a directory/);
  });

  it("refuses to upload a directory into an outputs path inside it", async () => {
    write("proj/a.txt", "A");
    const inner = new LocalOutputsStore(join(work, "proj/outputs"));
    await artifactError(inner.uploadDir(join(work, "proj")));
  });

  it("never writes through a symlinked directory that leads outside the root", async () => {
    const elsewhere = join(work, "elsewhere");
    mkdirSync(elsewhere);
    mkdirSync(root);
    symlinkSync(elsewhere, join(root, "logs"));
    write("logs/a.txt", "A");
    const error = await artifactError(store.uploadDir(join(work, "logs")));
    expect(error.message).toMatch(/outside the outputs path/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe("outputsPathFor (server layout, docs/wire.md#outputs-layout)", () => {
  it("independent experiment", () => {
    expect(outputsPathFor({ base: "/outputs", owner: "alice", project: "mnist", experimentId: 17 })).toBe(
      "/outputs/alice/mnist/experiments/17",
    );
  });

  it("grouped experiment", () => {
    expect(
      outputsPathFor({ base: "/outputs/", owner: "alice", project: "mnist", experimentId: "17", groupId: 3 }),
    ).toBe("/outputs/alice/mnist/groups/3/17");
  });

  it("keeps a store URL's scheme", () => {
    expect(outputsPathFor({ base: "s3://bucket/outputs", owner: "a", project: "p", experimentId: 1 })).toBe(
      "s3://bucket/outputs/a/p/experiments/1",
    );
  });

  it("a root base", () => {
    expect(outputsPathFor({ base: "/", owner: "a", project: "p", experimentId: 1 })).toBe("/a/p/experiments/1");
  });

  it.each([
    { base: "/o", owner: "a/b", project: "p", experimentId: 1 },
    { base: "/o", owner: "a", project: "..", experimentId: 1 },
    { base: "/o", owner: "a", project: "p", experimentId: "" },
    { base: "/o", owner: "a", project: "p", experimentId: 1, groupId: "../x" },
    { base: " ", owner: "a", project: "p", experimentId: 1 },
  ])("rejects %j", (parts) => {
    expect(() => outputsPathFor(parts)).toThrow(ArtifactError);
  });
});
