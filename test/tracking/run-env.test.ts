import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getRunEnv, listPackages } from "../../src/tracking/run-env.js";
import { SDK_VERSION } from "../../src/version.js";

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "plx-runenv-"));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
}

describe("getRunEnv", () => {
  it("has exactly the documented keys, typed", () => {
    const env = getRunEnv({ argv: ["/usr/bin/node", "/home/u/proj/train.js", "--lr", "0.1"], cwd: root });
    expect(Object.keys(env).sort()).toEqual(
      [
        "pid",
        "hostname",
        "os",
        "system",
        "node_version",
        "node_version_verbose",
        "user",
        "client_version",
        "sys.argv",
        "is_notebook",
        "filename",
        "module_path",
        "packages",
      ].sort(),
    );
    expect(env.pid).toBe(process.pid);
    expect(env.hostname).toBe(os.hostname());
    expect(env.os).toContain(os.release());
    expect(["Linux", "Darwin", "Windows"]).toContain(env.system);
    expect(env.system).not.toBe("Windows_NT");
    expect(env.node_version).toBe(process.versions.node);
    expect(env.node_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(env.node_version_verbose).toContain(process.version);
    expect(typeof env.user).toBe("string");
    expect(env.user.length).toBeGreaterThan(0);
    expect(env.client_version).toBe(SDK_VERSION);
    expect(env["sys.argv"]).toEqual(["/usr/bin/node", "/home/u/proj/train.js", "--lr", "0.1"]);
    expect(env.is_notebook).toBe(false);
    expect(env.filename).toBe("train.js");
    expect(env.module_path).toBe(path.resolve("/home/u/proj"));
    expect(env.packages).toEqual([]);
    // It must survive a JSON round trip unchanged (it is sent as a request body).
    expect(JSON.parse(JSON.stringify(env))).toEqual(env);
  });

  it("defaults to process.argv", () => {
    const env = getRunEnv({ cwd: root });
    expect(env["sys.argv"]).toEqual(process.argv);
    expect(env["sys.argv"]).not.toBe(process.argv);
  });

  it("resolves a relative script against cwd, and falls back to cwd without a script", () => {
    const env = getRunEnv({ argv: ["node", "scripts/train.ts"], cwd: root });
    expect(env.filename).toBe("train.ts");
    expect(env.module_path).toBe(path.join(root, "scripts"));
    const repl = getRunEnv({ argv: ["node"], cwd: root });
    expect(repl.filename).toBe("");
    expect(repl.module_path).toBe(root);
  });

  it("lists the nearest package.json's dependencies", () => {
    writeJson(path.join(root, "package.json"), {
      dependencies: { "Left-Pad": "^1.0.0", "@scope/lib": "~2.0.0" },
      devDependencies: { vitest: "4.1.12" },
    });
    writeJson(path.join(root, "node_modules", "@scope", "lib", "package.json"), {
      name: "@scope/lib",
      version: "2.0.3",
    });
    const sub = path.join(root, "src", "deep");
    mkdirSync(sub, { recursive: true });
    expect(getRunEnv({ argv: ["node"], cwd: sub }).packages).toEqual([
      "@scope/lib==2.0.3", // installed version wins over the declared range
      "left-pad==^1.0.0", // not installed: declared range, name lower-cased
      "vitest==4.1.12",
    ]);
  });
});

describe("listPackages", () => {
  it("finds versions hoisted to an ancestor node_modules (workspaces)", () => {
    const pkg = path.join(root, "packages", "app");
    writeJson(path.join(pkg, "package.json"), { dependencies: { zod: "^3", axios: "^1" } });
    writeJson(path.join(root, "node_modules", "zod", "package.json"), { version: "3.23.8" });
    writeJson(path.join(pkg, "node_modules", "axios", "package.json"), { version: "1.7.2" });
    expect(listPackages(pkg)).toEqual(["axios==1.7.2", "zod==3.23.8"]);
  });

  it("lists a name once when it is in both dependency fields", () => {
    writeJson(path.join(root, "package.json"), { dependencies: { a: "1" }, devDependencies: { a: "2", b: "3" } });
    expect(listPackages(root)).toEqual(["a==1", "b==3"]);
  });

  it("is empty without a package.json, or with a broken one", () => {
    expect(listPackages(root)).toEqual([]);
    writeFileSync(path.join(root, "package.json"), "{ not json");
    expect(listPackages(root)).toEqual([]);
    expect(getRunEnv({ cwd: root }).packages).toEqual([]);
  });

  it("ignores malformed dependency fields", () => {
    writeJson(path.join(root, "package.json"), { dependencies: ["x"], devDependencies: { ok: "1.0.0" } });
    expect(listPackages(root)).toEqual(["ok==1.0.0"]);
  });
});
