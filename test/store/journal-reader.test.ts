import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readJournalBlocks } from "../../src/store/journal-reader.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "journal-reader-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Lines long enough that the file spans several 1 MB reads, some with multi-byte characters. */
function journal(count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(i % 997 === 0 ? `{"n":${i},"s":"é—${"x".repeat(300)}"}` : `{"n":${i},"pad":"${"y".repeat(300)}"}`);
  return lines;
}

describe("readJournalBlocks", () => {
  it("yields every line once across block boundaries, with byte offsets a later read resumes at", async () => {
    const lines = journal(12_000);
    const file = join(dir, "records.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n{"torn`);
    const read: string[] = [];
    const ends: number[] = [];
    let blocks = 0;
    for await (const block of readJournalBlocks(file)) {
      blocks++;
      for (const line of block) {
        read.push(line.text);
        ends.push(line.end);
      }
    }
    expect(blocks).toBeGreaterThan(3);
    expect(read).toEqual([...lines, '{"torn']);
    // Resuming at the end offset of line 7000 yields exactly the lines after it.
    const after: string[] = [];
    for await (const lines of readJournalBlocks(file, ends[6999])) for (const line of lines) after.push(line.text);
    expect(after).toEqual([...lines.slice(7000), '{"torn']);
    expect(ends.at(-1)).toBe(Buffer.byteLength(`${lines.join("\n")}\n{"torn`));
  });
});
