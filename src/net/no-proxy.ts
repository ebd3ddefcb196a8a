import { BlockList, isIP } from "node:net";

/**
 * `NO_PROXY` matching with curl's semantics (lib/noproxy.c):
 * - entries separated by commas (blanks around them ignored); we also accept blanks alone as
 *   separators, where curl silently stops reading the list;
 * - `*` as the whole value bypasses the proxy for every host (we also accept it as one entry);
 * - a host name entry matches that host and every sub-domain: `example.com` and
 *   `.example.com` both match `example.com` and `www.example.com`, never `notexample.com`;
 *   one leading and one trailing dot are ignored, case does not matter;
 * - an IP entry matches that address only, or a CIDR range (`10.0.0.0/8`, `fd00::/8`) for IP
 *   hosts; IPv6 entries may be bracketed (`[::1]`); names are not resolved;
 * - our one addition: an entry with a port (`host:8080`, `[::1]:8080`) applies to that port
 *   only; curl never matches such an entry.
 */
export interface NoProxyRule {
  /** Lower case, no brackets, no leading or trailing dot; `*` for every host. */
  readonly host: string;
  /** Prefix length for an IP or CIDR entry; undefined for host names. */
  readonly prefix: number | undefined;
  readonly port: number | undefined;
}

/** Parses a `NO_PROXY` value; entries that cannot match anything are dropped. */
export function parseNoProxy(value: string): NoProxyRule[] {
  const rules: NoProxyRule[] = [];
  for (const entry of value.split(/[\s,]+/)) {
    const rule = parseEntry(entry);
    if (rule !== undefined) rules.push(rule);
  }
  return rules;
}

/** Whether a request to `url` must go direct (not through the proxy) under `noProxy`. */
export function bypassesProxy(url: URL, noProxy: string | readonly NoProxyRule[]): boolean {
  const rules = typeof noProxy === "string" ? parseNoProxy(noProxy) : noProxy;
  if (rules.length === 0) return false;
  const host = stripBrackets(url.hostname.toLowerCase()).replace(/\.$/, "");
  const port = url.port === "" ? defaultPort(url.protocol) : Number(url.port);
  const family = isIP(host);
  return rules.some((rule) => {
    if (rule.host === "*") return true;
    if (rule.port !== undefined && rule.port !== port) return false;
    if (family !== 0) return rule.prefix !== undefined && inRange(host, family, rule);
    return host === rule.host || host.endsWith(`.${rule.host}`);
  });
}

function parseEntry(raw: string): NoProxyRule | undefined {
  const entry = raw.trim().toLowerCase();
  if (entry === "") return undefined;
  if (entry === "*") return { host: "*", prefix: undefined, port: undefined };
  const [address, port] = splitPort(entry);
  if (port === null) return undefined;
  const slash = address.indexOf("/");
  const ip = slash === -1 ? address : address.slice(0, slash);
  const family = isIP(ip);
  if (family !== 0) {
    const bits = slash === -1 ? undefined : Number(address.slice(slash + 1));
    const max = family === 4 ? 32 : 128;
    // curl reads a missing (or zero) IPv6 length as the full length, and a zero IPv4 length as exact.
    const prefix = bits === undefined || bits === 0 ? max : bits;
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
    return { host: ip, prefix, port };
  }
  const host = address.replace(/^\./, "").replace(/\.$/, "");
  return host === "" || host.includes("/") ? undefined : { host, prefix: undefined, port };
}

/** `[v6]:port`, `host:port`, `[v6]`, a bare IPv6 address, or a host; `null` for a bad port. */
function splitPort(entry: string): [string, number | undefined | null] {
  const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(entry);
  if (bracketed) return [bracketed[1] ?? "", portOf(bracketed[2])];
  const colons = entry.split(":").length - 1;
  if (colons !== 1) return [entry, undefined];
  const at = entry.lastIndexOf(":");
  return [entry.slice(0, at), portOf(entry.slice(at + 1))];
}

function portOf(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const port = Number(text);
  return /^\d+$/.test(text) && port >= 1 && port <= 65_535 ? port : null;
}

function inRange(host: string, family: number, rule: NoProxyRule): boolean {
  const ruleFamily = isIP(rule.host);
  if (ruleFamily !== family || rule.prefix === undefined) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  const range = new BlockList();
  range.addSubnet(rule.host, rule.prefix, type);
  return range.check(host, type);
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : 80;
}
