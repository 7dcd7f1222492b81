// The archival PDFs of a `sohoa run`, judged by outside tools: pdfsig, qpdf, pdftotext; and their share of the time.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { wordF1 } from "./score/word-f1.js";
import type { SohoaReportLine } from "./sohoa-run.js";

export interface ArchivalChecks {
  pdfs: number;
  /** pdfsig says "Signature is Valid". */
  signatureValid: number;
  /** qpdf --check finds no errors. */
  qpdfClean: number;
  /** Largest |F1(pdftotext) − F1(pipeline text)| against the truth. */
  maxTextF1Gap: number;
  /** pdfa + sign time over the documents' total time. */
  archivalShare: number;
  /** Archival PDF bytes over source bytes: all files pooled, the largest, and per file. */
  sizeVsSource: { pooled: number; max: number; perFile: Record<string, number> };
}

/** Trial keys for the run: `sohoa keys create`, passphrase handed over in the environment as in production. */
export function createBenchKeys(dir: string): string {
  process.env.SOHOA_SIGNING_PASSPHRASE = "bench-passphrase";
  execFileSync(
    process.execPath,
    ["bin/sohoa.js", "keys", "create", "--org", "Ủy ban nhân dân (benchmark)", "--out", dir],
    { stdio: "ignore" },
  );
  return join(dir, "org.p12");
}

export function checkArchivalPdfs(
  outDir: string,
  scansDir: string,
  report: readonly SohoaReportLine[],
  truthText: (file: string) => string | undefined,
): ArchivalChecks {
  const checks: ArchivalChecks = {
    pdfs: 0,
    signatureValid: 0,
    qpdfClean: 0,
    maxTextF1Gap: 0,
    archivalShare: 0,
    sizeVsSource: { pooled: 0, max: 0, perFile: {} },
  };
  let pdfBytes = 0;
  let sourceBytes = 0;
  let archivalMs = 0;
  let totalMs = 0;
  for (const line of report) {
    const t = line.timings ?? {};
    archivalMs += (t.pdfa ?? 0) + (t.sign ?? 0);
    totalMs += t.total ?? 0;
    const pdfName = line.outputs?.pdf;
    if (!pdfName) continue;
    const pdf = join(outDir, pdfName);
    checks.pdfs++;
    const ratio = statSync(pdf).size / statSync(join(scansDir, line.file)).size;
    pdfBytes += statSync(pdf).size;
    sourceBytes += statSync(join(scansDir, line.file)).size;
    checks.sizeVsSource.perFile[line.file] = +ratio.toFixed(2);
    checks.sizeVsSource.max = Math.max(checks.sizeVsSource.max, +ratio.toFixed(2));
    if (tool("pdfsig", [pdf]).includes("Signature is Valid")) checks.signatureValid++;
    if (tool("qpdf", ["--check", pdf]).includes("No syntax or stream encoding errors")) checks.qpdfClean++;
    const truth = truthText(line.file);
    // Truths of some pages only (real set) are compared in the main table, not here.
    if (truth !== undefined && (line.pages?.length ?? 1) === 1) {
      const layer = tool("pdftotext", [pdf, "-"]).replace(/^Ký bởi:.*$|^Thời gian ký:.*$/gm, "");
      const gap = Math.abs(wordF1(layer, truth).f1 - wordF1(line.text ?? "", truth).f1);
      checks.maxTextF1Gap = Math.max(checks.maxTextF1Gap, gap);
    }
  }
  checks.archivalShare = totalMs > 0 ? archivalMs / totalMs : 0;
  checks.sizeVsSource.pooled = sourceBytes > 0 ? +(pdfBytes / sourceBytes).toFixed(2) : 0;
  return checks;
}

/** Output of a Debian tool, or "" when it is missing or fails. */
function tool(program: string, args: string[]): string {
  try {
    return execFileSync(program, args, { stdio: ["ignore", "pipe", "pipe"] }).toString();
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? "");
  }
}
