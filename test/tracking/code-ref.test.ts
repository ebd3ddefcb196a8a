import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getCodeRef, stripCredentials } from "../../src/tracking/code-ref.js";

let root: string;
let repo: string;

/** Run git in the test repo with a local identity, unsigned, whatever the machine's config. */
function git(...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
    { cwd: repo, encoding: "utf8" },
  ).trim();
}

function initWithCommit(): string {
  git("init", "-q", "-b", "main");
  writeFileSync(path.join(repo, "train.py"), "print('hi')\n");
  git("add", "train.py");
  git("commit", "-q", "-m", "first");
  return git("rev-parse", "HEAD");
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "plx-coderef-"));
  repo = path.join(root, "repo");
  mkdirSync(repo);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("getCodeRef", () => {
  it("describes a clean repository", async () => {
    const sha = initWithCommit();
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await getCodeRef(repo)).toEqual({ commit: sha, head: sha, branch: "main", git_url: "", is_dirty: false });
  });

  it("works from a subdirectory of the work tree", async () => {
    const sha = initWithCommit();
    const sub = path.join(repo, "src");
    mkdirSync(sub);
    expect((await getCodeRef(sub))?.commit).toBe(sha);
  });

  it("is dirty with an unstaged change to a tracked file", async () => {
    initWithCommit();
    writeFileSync(path.join(repo, "train.py"), "print('changed')\n");
    expect((await getCodeRef(repo))?.is_dirty).toBe(true);
  });

  it("is not dirty with only untracked files", async () => {
    initWithCommit();
    writeFileSync(path.join(repo, "notes.txt"), "untracked\n");
    expect((await getCodeRef(repo))?.is_dirty).toBe(false);
  });

  it("is not dirty with only staged changes (git diff --stat semantics)", async () => {
    initWithCommit();
    writeFileSync(path.join(repo, "train.py"), "print('staged')\n");
    git("add", "train.py");
    expect((await getCodeRef(repo))?.is_dirty).toBe(false);
  });

  it("reports branch HEAD when detached", async () => {
    const first = initWithCommit();
    writeFileSync(path.join(repo, "train.py"), "print('second')\n");
    git("commit", "-q", "-am", "second");
    git("checkout", "-q", "--detach", first);
    expect(await getCodeRef(repo)).toEqual({
      commit: first,
      head: first,
      branch: "HEAD",
      git_url: "",
      is_dirty: false,
    });
  });

  it("reports the origin remote url", async () => {
    initWithCommit();
    git("remote", "add", "origin", "git@github.com:acme/mnist.git");
    expect((await getCodeRef(repo))?.git_url).toBe("git@github.com:acme/mnist.git");
  });

  it("never sends credentials embedded in the remote url", async () => {
    initWithCommit();
    git("remote", "add", "origin", "https://x-access-token:s3cr3t@github.com/acme/mnist.git");
    const ref = await getCodeRef(repo);
    expect(ref?.git_url).toBe("https://github.com/acme/mnist.git");
    expect(JSON.stringify(ref)).not.toContain("s3cr3t");
  });

  it("clamps the branch name to the server's 124 characters", async () => {
    initWithCommit();
    const long = "b".repeat(150);
    git("checkout", "-q", "-b", long);
    expect((await getCodeRef(repo))?.branch).toBe(long.slice(0, 124));
  });

  it("returns undefined outside a git work tree", async () => {
    expect(await getCodeRef(repo)).toBeUndefined();
  });

  it("returns undefined for a directory that does not exist", async () => {
    expect(await getCodeRef(path.join(root, "missing"))).toBeUndefined();
  });

  it("returns undefined in a repository with no commits yet", async () => {
    git("init", "-q", "-b", "main");
    writeFileSync(path.join(repo, "train.py"), "x\n");
    git("add", "train.py");
    expect(await getCodeRef(repo)).toBeUndefined();
  });

  it("returns undefined when the git executable cannot be found", async () => {
    initWithCommit();
    const savedPath = process.env.PATH;
    process.env.PATH = path.join(root, "no-bin");
    try {
      expect(await getCodeRef(repo)).toBeUndefined();
    } finally {
      process.env.PATH = savedPath;
    }
    expect(await getCodeRef(repo)).toBeDefined(); // the same repo is fine once git is back
  });
});

describe("stripCredentials", () => {
  it.each([
    ["https://user:pass@github.com/a/b.git", "https://github.com/a/b.git"],
    ["https://TOKEN@github.com/a/b.git", "https://github.com/a/b.git"],
    ["http://u:p@host:8080/r", "http://host:8080/r"],
    ["ssh://git:pw@host/r.git", "ssh://git@host/r.git"],
    ["ssh://git@host/r.git", "ssh://git@host/r.git"],
    ["git@github.com:a/b.git", "git@github.com:a/b.git"],
    ["https://github.com/a/b.git", "https://github.com/a/b.git"],
    ["/srv/repos/b.git", "/srv/repos/b.git"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(stripCredentials(input)).toBe(expected);
  });
});
