import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A server identity: PEM key and certificate, plus where the files are. */
export interface TlsIdentity {
  key: string;
  cert: string;
  certFile: string;
}

export interface TestCertificates {
  /** A self-signed certificate for 127.0.0.1 and localhost. */
  selfSigned: TlsIdentity;
  /** A private CA (certificate and its PEM file) … */
  ca: { cert: string; certFile: string };
  /** … and a server certificate for 127.0.0.1 and localhost signed by it. */
  caSigned: TlsIdentity;
  dir: string;
  cleanup(): void;
}

const SAN = "subjectAltName=IP:127.0.0.1,DNS:localhost";
const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/**
 * Fresh certificates made with the `openssl` CLI (present on the development and CI
 * machines), valid for two days, in a temporary directory.
 */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "plx-certs-"));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => {
    try {
      execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      throw new Error(`openssl ${args[0]} failed (the TLS tests need the openssl CLI): ${String(error)}`);
    }
  };
  const days = ["-days", "2"];

  openssl(
    "req",
    "-x509",
    ...EC_KEY,
    "-keyout",
    "self.key",
    "-out",
    "self.pem",
    ...days,
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    SAN,
  );

  openssl(
    "req",
    "-x509",
    ...EC_KEY,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    ...days,
    "-subj",
    "/CN=polyaxon-tracking test private CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  openssl("req", "-new", ...EC_KEY, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  writeFileSync(
    file("server.ext"),
    `${SAN}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    ...days,
    "-extfile",
    "server.ext",
  );

  const read = (name: string) => readFileSync(file(name), "utf8");
  return {
    selfSigned: { key: read("self.key"), cert: read("self.pem"), certFile: file("self.pem") },
    ca: { cert: read("ca.pem"), certFile: file("ca.pem") },
    caSigned: { key: read("server.key"), cert: read("server.pem"), certFile: file("server.pem") },
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
