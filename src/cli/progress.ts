/**
 * Progress of a list read that takes several pages: a bar on a TTY, a line per page otherwise,
 * nothing with `--json` (or `-q`). A list that fits in one page shows nothing: there is no
 * progress to show between sending the request and having everything.
 */
import cliProgress from "cli-progress";
import type { PageInfo } from "../api/paginate.js";
import type { Output } from "./format.js";

export type ProgressMode = "bar" | "lines" | "none";

/** The mode for a command's stderr: none for JSON output, a bar on a terminal, else lines. */
export function progressMode(err: Output & { isTTY?: boolean }, quiet: boolean): ProgressMode {
  if (quiet) return "none";
  return err.isTTY ? "bar" : "lines";
}

export interface PageProgress {
  /** Give it to `paginate` as `onPage`. */
  onPage(page: PageInfo): void;
  /** Ends the bar (call it whether the read finished or failed). */
  stop(): void;
}

/**
 * `label` names what is read (`metrics of experiment 105`); `limit` caps the total when the
 * reader stops before the end of the list.
 */
export function pageProgress(mode: ProgressMode, err: Output, label: string, limit?: number): PageProgress {
  let bar: cliProgress.SingleBar | undefined;
  let shown = false;
  return {
    onPage({ count, offset, size }) {
      const total = limit === undefined ? count : Math.min(count, limit);
      const done = Math.min(offset + size, total);
      if (mode === "none" || (!shown && offset === 0 && done >= total)) return;
      shown = true;
      if (mode === "lines") {
        err.write(`${label}: ${done}/${total}\n`);
        return;
      }
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: `${label} [{bar}] {value}/{total}`,
            stream: err as NodeJS.WritableStream,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
