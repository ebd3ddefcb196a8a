/**
 * The git code reference posted on `create()` (docs/reference-client.md#calls), computed with
 * the same git commands as the reference client. Unlike the reference, this never throws:
 * outside a work tree, in a repository without commits, or without a `git` executable it
 * returns `undefined` and the caller simply skips the code reference.
 */

import type { CodeRefBody } from "../records/types.js";

/** Wire shape of `POST …/coderef/` (docs/wire.md#code-reference): the record model's body. */
export type CodeRef = CodeRefBody;

/** Server column limits (docs/wire.md#code-reference): longer values would be rejected with 400. */
const MAX_COMMIT = 40;
const MAX_HEAD = 40;
const MAX_BRANCH = 124;
const MAX_GIT_URL = 256;

export async function getCodeRef(cwd: string = process.cwd()): Promise<CodeRef | undefined> {
  try {
    // No `.env()`: simple-git 4's environment guard rejects this machine's variables (it
    // blocks GIT_SSL_CAINFO, GIT_DIR… unless allow-listed); the process environment is
    // inherited anyway.
    // Loaded on first use: simple-git is about half of this package's import time, and runs
    // with trackGit: false never need it.
    const { simpleGit } = await import("simple-git");
    const git = simpleGit({ baseDir: cwd });
    if (!(await git.checkIsRepo())) {
      return undefined;
    }
    // Fails in a repository with no commits yet: caught below → undefined.
    const log = await git.raw(["--no-pager", "log", "--pretty=oneline", "-1"]);
    const commit = log.trim().split(/\s+/)[0] ?? "";
    if (commit === "") {
      return undefined;
    }
    const [head, branch, gitUrl, diffStat] = await Promise.all([
      git.raw(["rev-parse", "HEAD"]),
      git.raw(["rev-parse", "--abbrev-ref", "HEAD"]),
      // Exits 1 when there is no such remote; the reference then sends "".
      git.raw(["config", "--get", "remote.origin.url"]).catch(() => ""),
      git.raw(["diff", "--stat"]),
    ]);
    return {
      commit: commit.slice(0, MAX_COMMIT),
      head: firstLine(head).slice(0, MAX_HEAD),
      branch: firstLine(branch).slice(0, MAX_BRANCH),
      git_url: stripCredentials(firstLine(gitUrl)).slice(0, MAX_GIT_URL),
      is_dirty: diffStat.trim().length > 0,
    };
  } catch {
    // No git executable, a vanished directory, an unreadable repository…: no reference.
    return undefined;
  }
}

function firstLine(output: string): string {
  return (output.split(/\r?\n/)[0] ?? "").trim();
}

/**
 * CI checkouts often carry a token in the remote URL (`https://x-access-token:TOKEN@host/…`).
 * It must not be sent to the tracking server: drop the user-info of http(s) URLs and the
 * password part of any other `scheme://user:password@` URL. scp-like `git@host:path` has
 * no secret and is kept as is.
 */
export function stripCredentials(url: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#]*)@(.*)$/.exec(url);
  if (!match) {
    return url;
  }
  const [, scheme = "", userInfo = "", rest = ""] = match;
  if (/^https?:\/\/$/i.test(scheme)) {
    return `${scheme}${rest}`;
  }
  const user = userInfo.split(":")[0] ?? "";
  return `${scheme}${user}@${rest}`;
}
