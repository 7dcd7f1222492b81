// The one progress bar: on stderr when it is a terminal, nothing otherwise, so logs and pipes stay clean.
import cliProgress from "cli-progress";

export interface ProgressBar {
  start(total: number): void;
  /** One more item done, named in the bar. */
  tick(label: string): void;
  /** Sets the count directly (starting the bar on first use), for callers that count themselves. */
  update(done: number, total: number): void;
  stop(): void;
}

export interface ProgressBarOptions {
  /** Words before the bar ("checking"); without it the bar shows files, time left and the last file. */
  title?: string;
}

export function createProgressBar(
  enabled = process.stderr.isTTY === true,
  options: ProgressBarOptions = {},
): ProgressBar {
  if (!enabled) return { start() {}, tick() {}, update() {}, stop() {} };
  const format = options.title
    ? `${options.title} {bar} {value}/{total}`
    : "{bar} {value}/{total} files | {eta_formatted} left | {label}";
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const start = (total: number) => {
    started = true;
    bar.start(total, 0, { label: "" });
  };
  return {
    start,
    tick: (label) => bar.increment(1, { label }),
    update(done, total) {
      if (!started) start(total);
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
