/**
 * s3rver, an S3 emulator from npm, on 127.0.0.1 with a random port and a throw-away directory.
 * `events` records each stored object as s3rver reports it: `ObjectCreated:Put` for a
 * `PutObject`, `ObjectCreated:Post` for a completed multipart upload.
 */
import type { EventEmitter } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

/** s3rver's fixed credentials. */
export const S3RVER_KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface S3Emulator {
  endpoint: string;
  port: number;
  /** Key → s3rver event names, in order. */
  events: Map<string, string[]>;
  close(): Promise<void>;
}

interface S3rverEvent {
  Records: Array<{ eventName: string; s3: { object: { key: string } } }>;
}

export async function startS3(buckets: readonly string[]): Promise<S3Emulator> {
  const directory = mkdtempSync(join(tmpdir(), "plx-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = await server.run();
  const events = new Map<string, string[]>();
  (server as unknown as EventEmitter).on("event", (event: S3rverEvent) => {
    for (const record of event.Records) {
      const key = decodeURIComponent(record.s3.object.key);
      events.set(key, [...(events.get(key) ?? []), record.eventName]);
    }
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    events,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
