// Errors about the scans themselves: never retried, always name the file and the reason.
import { ExitCode } from "./exit-code.js";
import { SohoaError, type SohoaErrorOptions } from "./sohoa-error.js";

export const UNSUPPORTED_FILE = "sohoa:unsupportedFile";
export const CORRUPT_IMAGE = "sohoa:corruptImage";
export const ENCRYPTED_PDF = "sohoa:encryptedPdf";
export const LIMIT_EXCEEDED = "sohoa:limitExceeded";
export const FILE_UNREADABLE = "sohoa:fileUnreadable";

/** Base of input errors: exit code 2 (OCRmyPDF's input_file), not retryable. */
export class InputFileError extends SohoaError {
  override code = "sohoa:inputFile";
  override exitCode: ExitCode = ExitCode.InputFile;
}

export class UnsupportedFileError extends InputFileError {
  override code = UNSUPPORTED_FILE;
  constructor(file: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`${file}: unsupported file: ${reason}`, {
      hint: "Supported: JPEG, PNG, TIFF (multi-page), WebP and PDF scans.",
      ...options,
      file,
    });
  }
}

export class CorruptImageError extends InputFileError {
  override code = CORRUPT_IMAGE;
  constructor(file: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`${file}: cannot decode: ${reason}`, {
      hint: "Re-scan the paper or re-export the file from the scanner software.",
      ...options,
      file,
    });
  }
}

export class EncryptedPdfError extends InputFileError {
  override code = ENCRYPTED_PDF;
  override exitCode: ExitCode = ExitCode.EncryptedPdf;
  constructor(file: string, options: SohoaErrorOptions = {}) {
    super(`${file}: the PDF is encrypted`, {
      hint: `qpdf --decrypt "${file}" decrypted.pdf`,
      ...options,
      file,
    });
  }
}

export class LimitExceededError extends InputFileError {
  override code = LIMIT_EXCEEDED;
  constructor(file: string, what: string, actual: number, limit: number, options: SohoaErrorOptions = {}) {
    super(`${file}: ${what} ${actual} exceeds the limit of ${limit}`, {
      hint: `Raise the limit (see \`sohoa run --help\`) if this file is genuine.`,
      ...options,
      file,
    });
  }
}

export class FileUnreadableError extends InputFileError {
  override code = FILE_UNREADABLE;
  override exitCode: ExitCode = ExitCode.FileAccess;
  constructor(file: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`${file}: cannot read: ${reason}`, {
      hint: "Check that the file exists and is readable.",
      ...options,
      file,
    });
  }
}
