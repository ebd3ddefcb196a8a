/**
 * Azurite's blob service (npm) in a child process: 127.0.0.1, a random port, in-memory, no
 * telemetry (Azurite would otherwise report to an Azure endpoint), `--skipApiVersionCheck`
 * because @azure/storage-blob 12.32 speaks a newer API version than Azurite 3.35 knows.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

/** Azurite's well-known development account. */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface Azurite {
  port: number;
  blobEndpoint: string;
  connectionString: string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const EXIT_WITH_PARENT =
  'process.stdin.on("end", () => process.exit(0)); process.stdin.resume(); require(process.argv[1]);';

export async function startAzurite(): Promise<Azurite> {
  const main = createRequire(import.meta.url).resolve("azurite/dist/src/blob/main.js");
  const args = [
    ...["--blobHost", "127.0.0.1", "--blobPort", "0"],
    ...["--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent"],
  ];
  // Through a small wrapper that exits when our end of its stdin closes, so Azurite never
  // outlives the test process (even one that is killed).
  const child = spawn(process.execPath, ["-e", EXIT_WITH_PARENT, main, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`Azurite did not start: ${output}`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const read = (data: Buffer) => {
      output += data.toString();
      const match = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => fail(new Error(`Azurite exited (${code}): ${output}`)));
    child.once("error", fail);
  });
  const blobEndpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  return {
    port,
    blobEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobEndpoint};`,
    close: () => stop(child),
  };
}

/** Azurite's own SIGTERM handling waits for idle keep-alive sockets; in memory there is nothing to save. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
