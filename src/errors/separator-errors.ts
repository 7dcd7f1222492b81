// Errors about separator sheets: a sheet whose QR code names no valid dossier stops that stack, not the batch.
import { ExitCode } from "./exit-code.js";
import { SohoaError, type SohoaErrorOptions } from "./sohoa-error.js";

export const BAD_SEPARATOR = "sohoa:badSeparator";

export class BadSeparatorError extends SohoaError {
  override code = BAD_SEPARATOR;
  override exitCode: ExitCode = ExitCode.InputFile;
  constructor(file: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`${file}: separator sheet: ${reason}`, {
      hint: "Print a new sheet with `sohoa separator --dossier <code> --out sheet.pdf` and re-scan the stack.",
      ...options,
      file,
    });
  }
}
