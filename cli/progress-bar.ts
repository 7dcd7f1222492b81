// The one progress bar and the one writer of the terminal's stderr: the bar at the bottom, log lines above it.
import { Writable } from "node:stream";
import cliProgress from "cli-progress";

export interface ProgressBar {
  start(total: number): void;
  /** One more item done, named in the bar. */
  tick(label: string): void;
  /** Sets the count directly (starting the bar on first use), for callers that count themselves. */
  update(done: number, total: number): void;
  stop(): void;
  /** Writes whole lines above the bar (or straight to stderr when there is no bar). */
  log(text: string): void;
  /** A stream over `log`, for the logger's destination. */
  readonly stream: Writable;
}

export interface ProgressBarOptions {
  /** Words before the bar ("checking"); without it the bar shows files, time left and the last file. */
  title?: string;
  /** Where the bar and the log lines go. @defaultValue process.stderr */
  out?: NodeJS.WriteStream;
}

const CLEAR_LINE = "\r\x1b[2K";

export function createProgressBar(
  enabled = process.stderr.isTTY === true,
  options: ProgressBarOptions = {},
): ProgressBar {
  const out = options.out ?? process.stderr;
  const format = options.title
    ? `${options.title} {bar} {value}/{total}`
    : "{bar} {value}/{total} files | {eta_formatted} left | {label}";
  const bar = enabled
    ? new cliProgress.SingleBar(
        {
          format,
          stream: out,
          hideCursor: true,
          clearOnComplete: true,
          // After a log line the bar is drawn anew on the next line, even if its text did not change.
          forceRedraw: true,
          gracefulExit: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let active = false;
  // A log write may end mid-line (pino-pretty writes whole lines, but be safe): hold the rest until its newline.
  let pending = "";
  const log = (text: string): void => {
    pending += text;
    const cut = pending.lastIndexOf("\n");
    if (cut < 0) return;
    const lines = pending.slice(0, cut + 1);
    pending = pending.slice(cut + 1);
    if (!bar || !active) {
      out.write(lines);
      return;
    }
    out.write(CLEAR_LINE + lines);
    bar.render();
  };
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      log(String(chunk));
      callback();
    },
  });
  const start = (total: number): void => {
    if (!bar) return;
    bar.start(total, 0, { label: "" });
    active = true;
  };
  return {
    start,
    tick: (label) => bar?.increment(1, { label }),
    update(done, total) {
      if (!bar) return;
      if (!active) start(total);
      bar.update(done);
    },
    stop: () => {
      if (bar && active) bar.stop();
      active = false;
      if (pending) out.write(`${pending}\n`);
      pending = "";
    },
    log,
    stream,
  };
}
