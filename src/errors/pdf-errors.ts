// Errors of building the archival PDF/A: a page that cannot be placed, an image that cannot be embedded.
import { ExitCode } from "./exit-code.js";
import { SohoaError, type SohoaErrorOptions } from "./sohoa-error.js";

export const ARCHIVAL_PDF_FAILED = "sohoa:archivalPdfFailed";

export class ArchivalPdfError extends SohoaError {
  override code = ARCHIVAL_PDF_FAILED;
  override exitCode: ExitCode = ExitCode.InvalidOutput;
  constructor(file: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`${file}: cannot build the archival PDF: ${reason}`, {
      hint: "Check the page image with `sharp`/`identify`; re-export it from the scanner software if it is damaged.",
      stage: "pdfa",
      ...options,
      file,
    });
  }
}
