// A progress bar on stderr when it is a terminal; nothing otherwise, so logs and pipes stay clean.
import cliProgress from "cli-progress";

export interface ProgressBar {
  start(total: number): void;
  tick(label: string): void;
  stop(): void;
}

export function createProgressBar(enabled = process.stderr.isTTY === true): ProgressBar {
  if (!enabled) return { start() {}, tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: "{bar} {value}/{total} files | {eta_formatted} left | {label}", stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(total, 0, { label: "" }),
    tick: (label) => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}
