import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The certificates of a PEM text (one or a bundle). Returns the problem as text instead of
 * throwing, so each caller raises its own error type naming its option or variable.
 */
export function parsePemCertificates(text: string): string[] | string {
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0)
    return "contains no PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)";
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return `holds a malformed certificate (number ${index + 1} in the file)`;
    }
  }
  return blocks;
}

/** The certificates of a PEM file, or the problem as text. */
export function readPemFile(path: string): string[] | string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "unknown error";
    return `cannot be read: ${path} (${code})`;
  }
  const certificates = parsePemCertificates(text);
  return typeof certificates === "string" ? `${certificates}: ${path}` : certificates;
}

let nodeExtra: readonly string[] | undefined;

/**
 * Node's default trust store plus `extra`. Passing `ca` to a TLS connection replaces the whole
 * default store, so the bundled roots and the `NODE_EXTRA_CA_CERTS` file (read by Node at
 * start, not exposed before Node 22) are added back: a private CA extends what is trusted.
 */
export function withDefaultRoots(extra: readonly string[]): string[] {
  nodeExtra ??= readNodeExtraCaCerts();
  // Loaded only here: importing node:tls up front would cost every process's start-up.
  const { rootCertificates } = createRequire(import.meta.url)("node:tls") as typeof import("node:tls");
  return [...rootCertificates, ...nodeExtra, ...extra];
}

function readNodeExtraCaCerts(): readonly string[] {
  const path = process.env.NODE_EXTRA_CA_CERTS;
  if (!path) return [];
  // Node itself only warns about an unreadable file; so do nothing more here.
  const certificates = readPemFile(path);
  return typeof certificates === "string" ? [] : certificates;
}
