import { describe, expect, it } from "vitest";
import { REDACTED, redactHeaders, redactText, redactUrl } from "../../src/api/redact.js";

const R = REDACTED;

describe("redactText with a short token", () => {
  it("leaves words that merely contain the token's letters intact", () => {
    const text = "DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate; t is the token";
    expect(redactText(text, ["t"])).toBe(`DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate; ${R} is the token`);
    expect(redactText("self-signed certificate", ["cert"])).toBe("self-signed certificate");
    expect(redactText("tokenization", ["token"])).toBe("tokenization");
  });

  it("redacts it where it stands as a token: URL, header, JSON, quotes, path", () => {
    const token = "ab1";
    expect(redactText("http://h/api/v1/x?token=ab1&offset=2", [token])).toBe(`http://h/api/v1/x?token=${R}&offset=2`);
    expect(redactText("Authorization: Token ab1", [token])).toBe(`Authorization: Token ${R}`);
    expect(redactText('{"detail":"bad token ab1","echo":"ab1"}', [token])).toBe(
      `{"detail":"bad token ${R}","echo":"${R}"}`,
    );
    expect(redactText("'ab1' and `ab1`", [token])).toBe(`'${R}' and \`${R}\``);
    expect(redactText("/users/ab1/", [token])).toBe(`/users/${R}/`);
    expect(redactText("ab1", [token])).toBe(R);
    expect(redactText("xab1 ab1x ab1_ é", [token])).toBe("xab1 ab1x ab1_ é");
  });

  it("treats regex metacharacters in the token literally", () => {
    for (const token of ["a.b", "a+b", "(x)", "t$", "^t", "a|b", "a\\b", "[t]", "a*b?", "{1}", "a/b"]) {
      expect(redactText(`say ${token} now`, [token]), token).toBe(`say ${R} now`);
      expect(redactText("say axb now", [token]), token).toBe("say axb now");
    }
    expect(redactText("a.b aXb", ["a.b"])).toBe(`${R} aXb`);
  });

  it("matches a token that starts or ends with punctuation at that edge without a boundary", () => {
    expect(redactText("key=-t1-x", ["-t1-"])).toBe(`key=${R}x`);
  });

  it("redacts the percent-encoded and JSON-escaped forms of a token", () => {
    expect(redactText("http://h/x?q=a%2Bb%2Fc&n=1", ["a+b/c"])).toBe(`http://h/x?q=${R}&n=1`);
    expect(redactText('{"echo":"a\\"b"}', ['a"b'])).toBe(`{"echo":"${R}"}`);
  });
});

describe("redactText with a long token", () => {
  const token = "0123456789abcdef0123456789abcdef01234567";

  it("redacts every occurrence, even glued to other text", () => {
    expect(redactText(`Token ${token}`, [token])).toBe(`Token ${R}`);
    expect(redactText(`x${token}y and ${token}`, [token])).toBe(`x${R}y and ${R}`);
  });

  it("redacts several secrets and leaves other text alone", () => {
    expect(redactText(`${token} t tt`, [token, "t"])).toBe(`${R} ${R} tt`);
    expect(redactText("nothing secret here", [token, "zz"])).toBe("nothing secret here");
  });
});

describe("redactUrl and redactHeaders", () => {
  it("redact a short token in a URL without touching the rest of it", () => {
    expect(redactUrl("https://polyaxon.example.com/api/v1/t/projects/?q=t", ["t"])).toBe(
      `https://polyaxon.example.com/api/v1/${R}/projects/?q=${R}`,
    );
  });

  it("redact credential headers and a token inside other headers", () => {
    const headers = new Headers({ authorization: "Token t", "x-echo": "t", "content-type": "text/plain" });
    expect(redactHeaders(headers, ["t"])).toEqual({ authorization: R, "x-echo": R, "content-type": "text/plain" });
  });
});
