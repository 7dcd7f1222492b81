// Thin wrapper of the Tesseract 5 command line: version, languages, and one page to TSV.
import { run, type RunResult } from "./run.js";

export const TESSERACT = process.env.SOHOA_TESSERACT ?? "tesseract";

export interface TesseractPageOptions {
  lang: string;
  psm?: number;
  dpi?: number;
  /** Extra `-c name=value` settings. */
  config?: Record<string, string | number>;
  signal?: AbortSignal;
}

/** `tesseract --version`, first line ("tesseract 5.3.0"). */
export async function tesseractVersion(): Promise<string> {
  const r = await run(TESSERACT, ["--version"]);
  return (r.stdout.toString("utf8") + r.stderr).split("\n")[0]!.trim();
}

/** Languages listed by `tesseract --list-langs`. */
export async function tesseractLanguages(): Promise<string[]> {
  const r = await run(TESSERACT, ["--list-langs"]);
  return (r.stdout.toString("utf8") + r.stderr)
    .split("\n")
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => /^[\w-]+$/u.test(l));
}

/**
 * `tesseract IMAGE stdout -l LANG --oem 1 [--psm N] [--dpi N] [-c k=v…] tsv`, one thread
 * (OMP_THREAD_LIMIT=1: parallelism comes from running several processes, which scales better).
 */
export function tesseractTsv(image: string, options: TesseractPageOptions): Promise<RunResult> {
  const args = [image, "stdout", "-l", options.lang, "--oem", "1"];
  if (options.psm !== undefined) args.push("--psm", String(options.psm));
  if (options.dpi !== undefined) args.push("--dpi", String(Math.round(options.dpi)));
  for (const [k, v] of Object.entries(options.config ?? {})) args.push("-c", `${k}=${v}`);
  args.push("tsv");
  return run(TESSERACT, args, { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, signal: options.signal });
}
