/**
 * Keeps credentials out of errors and logs: the token must never appear in an error message,
 * field, header copy or log line, even if a server or proxy echoes it back.
 */

export const REDACTED = "[REDACTED]";

const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);
const SECRET_QUERY_KEY = /token|secret|password|passwd|api[-_]?key|auth|signature|sig|credential/i;

/** Replaces every occurrence of each secret in `text`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** A plain copy of headers (lower-case names) with credential headers and secrets redacted. */
export function redactHeaders(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const copy: Record<string, string> = {};
  headers.forEach((value, name) => {
    copy[name] = SECRET_HEADERS.has(name) ? REDACTED : redactText(value, secrets);
  });
  return copy;
}

/** The URL without userinfo, with secret-looking query values and the secrets themselves redacted. */
export function redactUrl(rawUrl: string, secrets: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return redactText(rawUrl, secrets);
  }
  url.username = "";
  url.password = "";
  for (const key of [...new Set(url.searchParams.keys())]) {
    if (SECRET_QUERY_KEY.test(key)) url.searchParams.set(key, REDACTED);
  }
  return redactText(url.toString(), secrets);
}
