import { describe, expect, it } from "vitest";
import { bypassesProxy, parseNoProxy } from "../../src/net/no-proxy.js";
import { parseProxyUrl, readProxyEnv } from "../../src/net/proxy-env.js";

const bypass = (host: string, noProxy: string, scheme = "https") =>
  bypassesProxy(new URL(`${scheme}://${host}/`), noProxy);

describe("NO_PROXY matching (curl's lib/noproxy.c cases, as URLs)", () => {
  it.each([
    ["www.example.com", "localhost,.example.com,.example.de", true],
    ["www.example.com.", "localhost,.example.com,.example.de", true],
    ["example.com", "localhost,.example.com,.example.de", true],
    ["example.com.", "localhost,.example.com,.example.de", true],
    ["www.example.com", "localhost,.example.com.,.example.de", true],
    ["www.example.com", "localhost,www.example.com.,.example.de", true],
    ["example.com", "localhost,example.com,.example.de", true],
    ["example.com.", "localhost,example.com,.example.de", true],
    ["127.0.0.1", "127.0.0.1,localhost", true],
    ["127.0.0.1", "127.0.0.1,localhost,", true],
    ["127.0.0.1", "127.0.0.1/8,localhost,", true],
    ["127.0.0.1", "127.0.0.1/28,localhost,", true],
    ["127.0.0.1", "127.0.0.1/31,localhost,", true],
    ["127.0.0.1", "localhost,127.0.0.1", true],
    ["localhost", "localhost,127.0.0.1", true],
    ["localhost", "127.0.0.1,localhost", true],
    ["foobar", "barfoo", false],
    ["foobar", "foobar", true],
    ["192.168.0.1", "foobar", false],
    ["192.168.0.1", "192.168.0.0/16", true],
    ["192.168.0.1", "192.168.0.0/24", true],
    ["192.168.0.1", "192.168.0.0/32", false],
    ["192.168.0.1", "192.168.0.0", false],
    ["192.168.1.1", "192.168.0.0/24", false],
    ["192.168.1.1", "foo, bar, 192.168.0.0/24", false],
    ["192.168.1.1", "foo, bar, 192.168.0.0/16", true],
    ["[::1]", "foo, bar, 192.168.0.0/16", false],
    ["[::1]", "foo, bar, ::1/64", true],
    ["bar", "foo, bar, ::1/64", true],
    ["BAr", "foo, bar, ::1/64", true],
    ["BAr", "foo,,,,,              bar, ::1/64", true],
    ["www.example.com", "foo, .example.com", true],
    ["www.example.com", "www2.example.com, .example.net", false],
    ["example.com", ".example.com, .example.net", true],
    ["nonexample.com", ".example.com, .example.net", false],
  ])("%s against %j → %s", (host, noProxy, expected) => {
    expect(bypass(host, noProxy)).toBe(expected);
  });

  it("does not match a name that only ends with the entry's letters, nor a parent domain", () => {
    expect(bypass("www.example.com", "localhost,example.com")).toBe(true);
    expect(bypass("notexample.com", "example.com")).toBe(false);
    expect(bypass("example.com", "www.example.com")).toBe(false);
    expect(bypass("EXAMPLE.com", "Example.COM")).toBe(true);
  });

  it("takes * as every host, as the whole value or as an entry", () => {
    expect(bypass("anything.example", "*")).toBe(true);
    expect(bypass("10.1.2.3", " * ")).toBe(true);
    expect(bypass("anything.example", "localhost, *")).toBe(true);
    expect(bypass("anything.example", "*.example")).toBe(false);
  });

  it("accepts blanks alone as separators (curl would stop after the first entry)", () => {
    expect(bypass("b.example", "a.example b.example")).toBe(true);
    expect(bypass("c.example", "a.example\tb.example\nc.example")).toBe(true);
  });

  it("matches IPv6 hosts by address, bracketed or not, with CIDR ranges", () => {
    expect(bypass("[::1]", "::1")).toBe(true);
    expect(bypass("[::1]", "[::1]")).toBe(true);
    expect(bypass("[::1]", "0:0::1")).toBe(true);
    expect(bypass("[fd00::1234]", "fd00::/8")).toBe(true);
    expect(bypass("[fe80::1]", "fd00::/8")).toBe(false);
    expect(bypass("[::1]", "::1/129")).toBe(false);
    expect(bypass("[::2]", "::1")).toBe(false);
  });

  it("never matches an IP host with a name entry or a name host with a CIDR entry", () => {
    expect(bypass("127.0.0.1", "localhost")).toBe(false);
    expect(bypass("localhost", "127.0.0.0/8")).toBe(false);
  });

  it("applies an entry with a port to that port only (the scheme's default when the URL has none)", () => {
    expect(bypass("api.example:8000", "api.example:8000")).toBe(true);
    expect(bypass("api.example:8001", "api.example:8000")).toBe(false);
    expect(bypass("api.example", "api.example:443")).toBe(true);
    expect(bypass("api.example", "api.example:443", "http")).toBe(false);
    expect(bypass("api.example", "api.example:80", "http")).toBe(true);
    expect(bypass("www.corp.example:8443", ".corp.example:8443")).toBe(true);
    expect(bypass("[::1]:8000", "[::1]:8000")).toBe(true);
    expect(bypass("[::1]:8001", "[::1]:8000")).toBe(false);
    expect(bypass("127.0.0.1:8000", "127.0.0.1:8000")).toBe(true);
    expect(bypass("127.0.0.1:8000", "127.0.0.1:9000")).toBe(false);
  });

  it("drops entries that cannot match anything", () => {
    expect(parseNoProxy(" , ,host:99999, 10.0.0.0/40, a/b, .")).toEqual([]);
    expect(parseNoProxy(".Example.COM.")).toEqual([{ host: "example.com", prefix: undefined, port: undefined }]);
    expect(bypass("example.com", "")).toBe(false);
  });
});

describe("proxy environment variables", () => {
  it("prefers the lower-case name; an empty value counts as unset", () => {
    const env = readProxyEnv({
      HTTPS_PROXY: "http://upper:1",
      https_proxy: "http://lower:2",
      HTTP_PROXY: "http://upper:3",
      http_proxy: " ",
      NO_PROXY: "a",
      no_proxy: "b",
    });
    expect(env.https).toEqual({ value: "http://lower:2", variable: "https_proxy" });
    expect(env.http).toEqual({ value: "http://upper:3", variable: "HTTP_PROXY" });
    expect(env.noProxy).toEqual({ value: "b", variable: "no_proxy" });
    expect(readProxyEnv({})).toEqual({ http: undefined, https: undefined, noProxy: undefined });
  });

  it("ignores upper-case HTTP_PROXY in a CGI process (httpoxy), as Python does", () => {
    expect(readProxyEnv({ HTTP_PROXY: "http://evil:1", REQUEST_METHOD: "GET" }).http).toBeUndefined();
    expect(readProxyEnv({ http_proxy: "http://ok:1", REQUEST_METHOD: "GET" }).http?.value).toBe("http://ok:1");
  });

  it("parses proxy addresses, reading a bare host:port as http", () => {
    expect(String(parseProxyUrl("proxy.corp:3128"))).toBe("http://proxy.corp:3128/");
    expect(String(parseProxyUrl("https://proxy.corp:8443/"))).toBe("https://proxy.corp:8443/");
    expect(String(parseProxyUrl("http://u%40x:p%3Aw@proxy:3128"))).toBe("http://u%40x:p%3Aw@proxy:3128/");
  });

  it("explains a bad proxy address without repeating credentials", () => {
    expect(parseProxyUrl("socks5://proxy:1080")).toMatch(/SOCKS proxies are not supported/);
    expect(parseProxyUrl("http://proxy:3128/path")).toMatch(/must be a proxy address like/);
    expect(parseProxyUrl("http://a b")).toMatch(/not a valid proxy address/);
    const problem = String(parseProxyUrl("http://user:s3cret@proxy:3128/x"));
    expect(problem).not.toContain("s3cret");
    expect(problem).toContain("hidden");
  });
});
