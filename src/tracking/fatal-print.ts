import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";

/**
 * Prints an uncaught error the way Node prints a fatal exception — the throw site's source
 * line with a caret, the inspected error, the Node version — so that a run tracked by this SDK
 * shows the same stderr as without it. (Re-throwing the error from our handler would make
 * Node point at the handler instead of the user's code.)
 */
export function printFatalError(error: Error, write: (text: string) => void): void {
  write(`${sourceHeader(error.stack)}${inspect(error)}\n\nNode.js ${process.version}\n`);
}

const FRAME = /^\s+at (?:.*? \()?((?:file:\/\/)?\/[^:()]+|[A-Za-z]:\\[^:()]+):(\d+):(\d+)\)?$/;

/** `file:line`, the source line and a caret, for the first stack frame that is a readable file. */
function sourceHeader(stack: string | undefined): string {
  for (const frameLine of (stack ?? "").split("\n")) {
    const match = FRAME.exec(frameLine);
    if (!match) continue;
    const [, file = "", lineText = "0", columnText = "0"] = match;
    try {
      const path = file.startsWith("file://") ? fileURLToPath(file) : file;
      const source = readFileSync(path, "utf8").split("\n")[Number(lineText) - 1];
      if (source === undefined) return "";
      // Node puts the caret under the throw statement for CommonJS and under the throw
      // expression for ES modules; the frame column is the closest we can know of each.
      const column = file.startsWith("file://") ? Number(columnText) - 1 : source.length - source.trimStart().length;
      return `${file}:${lineText}\n${source}\n${" ".repeat(Math.max(0, column))}^\n\n`;
    } catch {
      return "";
    }
  }
  return "";
}
