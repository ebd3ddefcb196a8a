/**
 * Keeps credentials out of errors and logs: the token must never appear in an error message,
 * field, header copy or log line, even if a server or proxy echoes it back.
 */

export const REDACTED = "[REDACTED]";

const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);
const SECRET_QUERY_KEY = /token|secret|password|passwd|api[-_]?key|auth|signature|sig|credential/i;

/** A secret this long cannot turn up inside other text by chance: every occurrence is a leak. */
const ALWAYS_REDACTED_LENGTH = 16;
const WORD_CHAR = "[\\p{L}\\p{N}_]";
const STARTS_WITH_WORD_CHAR = new RegExp(`^${WORD_CHAR}`, "u");
const ENDS_WITH_WORD_CHAR = new RegExp(`${WORD_CHAR}$`, "u");

/**
 * Replaces each secret where it stands as a whole token: where the secret starts (ends) with a
 * letter, digit or `_`, the character before (after) it must not be one. So the token `t` is
 * redacted in `?token=t&x`, `Token t`, `"t"` or `/t/`, while `self-signed certificate` stays
 * intact. Secrets of 16 characters or more are replaced wherever they occur. The forms a secret
 * takes percent-encoded (URLs) and escaped inside a JSON string are replaced too.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      if (form.length > 0) out = out.replace(secretPattern(form), REDACTED);
    }
  }
  return out;
}

function secretPattern(form: string): RegExp {
  const literal = form.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  if (form.length >= ALWAYS_REDACTED_LENGTH) return new RegExp(literal, "gu");
  const before = STARTS_WITH_WORD_CHAR.test(form) ? `(?<!${WORD_CHAR})` : "";
  const after = ENDS_WITH_WORD_CHAR.test(form) ? `(?!${WORD_CHAR})` : "";
  return new RegExp(`${before}${literal}${after}`, "gu");
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
