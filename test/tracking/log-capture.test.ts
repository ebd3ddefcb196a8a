import { afterEach, describe, expect, it } from "vitest";
import { captureOutput, type LogCapture } from "../../src/tracking/log-capture.js";

let capture: LogCapture | undefined;
afterEach(() => capture?.stop());

const LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC (INFO|ERROR) -- /;

describe("captureOutput", () => {
  it("ships whole lines of stdout (INFO) and stderr (ERROR), holding partial lines until their newline", () => {
    const lines: string[] = [];
    capture = captureOutput((line) => lines.push(line));
    process.stdout.write("epoch 1 ");
    process.stdout.write("done\nepoch 2\n");
    process.stderr.write("warning: slow\n");
    capture.stop();
    capture = undefined;
    expect(lines.map((line) => line.replace(LINE, "$1: "))).toEqual([
      "INFO: epoch 1 done",
      "INFO: epoch 2",
      "ERROR: warning: slow",
    ]);
  });

  it("honours POLYAXON_LOGS_LEVEL: 30 keeps stderr only, 50 captures nothing", () => {
    const lines: string[] = [];
    capture = captureOutput((line) => lines.push(line), 30);
    process.stdout.write("info line\n");
    process.stderr.write("error line\n");
    capture.stop();
    capture = captureOutput((line) => lines.push(line), 50);
    process.stderr.write("not captured\n");
    capture.stop();
    capture = undefined;
    expect(lines.map((line) => line.replace(LINE, "$1: "))).toEqual(["ERROR: error line"]);
  });

  it("restores the original write functions on stop", () => {
    const before = [process.stdout.write, process.stderr.write];
    captureOutput(() => {}).stop();
    expect([process.stdout.write, process.stderr.write]).toEqual(before);
  });
});
